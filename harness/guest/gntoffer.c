// SPDX-License-Identifier: GPL-2.0
/*
 * gntoffer: the domU's side of the grant test (dom0's: gntmap.c).  Grants
 * dom0 two patterned pages through /dev/xen/gntalloc, prints
 * "xenpv-harness: grants: offered REF0 REF1 to dom0", then waits (up to 600 s)
 * until dom0 has written "dom0 done" into both, and gives the grants up.
 * Prints xenpv-result lines; exits 0 when dom0's notes arrived.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xen/gntalloc.h>
#include "grantpage.h"

#define PAGES 2

static int dom0_done(unsigned char *base)
{
	int i;

	for (i = 0; i < PAGES; i++)
		if (strcmp((char *)base + i * GRANT_PAGE + GRANT_NOTE, "dom0 done"))
			return 0;
	return 1;
}

int main(void)
{
	struct {
		struct ioctl_gntalloc_alloc_gref op;
		uint32_t more[PAGES - 1];
	} alloc = { .op = { .domid = 0, .flags = GNTALLOC_FLAG_WRITABLE, .count = PAGES } };
	struct ioctl_gntalloc_dealloc_gref dealloc;
	unsigned char *base;
	int fd, i, waited, done;
	uint32_t *ids;

	fd = open("/dev/xen/gntalloc", O_RDWR);
	if (fd < 0 || ioctl(fd, IOCTL_GNTALLOC_ALLOC_GREF, &alloc.op))
		return perror("gntoffer: gntalloc"), 1;
	base = mmap(NULL, PAGES * GRANT_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
		    fd, alloc.op.index);
	if (base == MAP_FAILED)
		return perror("gntoffer: mmap"), 1;
	for (i = 0; i < PAGES; i++)
		grant_fill(base + i * GRANT_PAGE, i);
	/* gref_ids is a variable-length array declared with one element. */
	ids = (uint32_t *)((char *)&alloc.op +
			   offsetof(struct ioctl_gntalloc_alloc_gref, gref_ids));
	printf("xenpv-harness: grants: offered %u %u to dom0\n", ids[0], ids[1]);
	fflush(stdout);
	for (waited = 0; !dom0_done(base) && waited < 6000; waited++)
		usleep(100000);
	done = dom0_done(base);
	printf("xenpv-result: grant_dom0_notes=%s\n", done ? "ok" : "missing");
	for (i = 0; i < PAGES; i++)
		if (!grant_intact(base + i * GRANT_PAGE, i))
			printf("xenpv-result: grant_page%d=changed\n", i);
	dealloc.index = alloc.op.index;
	dealloc.count = PAGES;
	printf("xenpv-result: grant_dealloc=%s\n",
	       ioctl(fd, IOCTL_GNTALLOC_DEALLOC_GREF, &dealloc) ? "failed" : "ok");
	munmap(base, PAGES * GRANT_PAGE);
	close(fd);
	return done ? 0 : 1;
}
