/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contents of a page that gntoffer (domU) grants and gntmap (dom0)
 * maps: a header naming the page, a note dom0 writes back, then a byte
 * pattern that differs from page to page, so that a page mapped at the
 * wrong place or half-copied shows.
 */
#include <stdio.h>
#include <string.h>

#define GRANT_PAGE	4096
#define GRANT_NOTE	64	/* dom0's note ("dom0 ...") starts here */
#define GRANT_DATA	128	/* the pattern starts here */

static inline unsigned char grant_byte(int page, int off)
{
	return (off * 31 + page * 17 + 5) & 0xff;
}

static inline void grant_fill(unsigned char *p, int page)
{
	int off;

	memset(p, 0, GRANT_DATA);
	snprintf((char *)p, GRANT_NOTE, "xenpv-grant page %d", page);
	for (off = GRANT_DATA; off < GRANT_PAGE; off++)
		p[off] = grant_byte(page, off);
}

/* 1 when p holds page's header and pattern (dom0's note may be there). */
static inline int grant_intact(const unsigned char *p, int page)
{
	char head[GRANT_NOTE];
	int off;

	snprintf(head, sizeof(head), "xenpv-grant page %d", page);
	if (strcmp((const char *)p, head))
		return 0;
	for (off = GRANT_DATA; off < GRANT_PAGE; off++)
		if (p[off] != grant_byte(page, off))
			return 0;
	return 1;
}
