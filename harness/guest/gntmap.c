// SPDX-License-Identifier: GPL-2.0
/*
 * gntmap DOMID REF0 REF1: dom0's side of the grant test (the domU's:
 * gntoffer.c), through /dev/xen/gntdev as a backend in user space uses it.
 *  1. maps both grants, checks both pages, writes a note into each;
 *  2. unmaps the first page, checks the second, unmaps the second;
 *  3. maps them again with MAP_FIXED over the same addresses: the notes of
 *     step 1 are there (they went to the domU's pages);
 *  4. a batch with a bad reference between the two good ones: mapping it
 *     fails with an error and the mapping of step 3 is unharmed; a grant
 *     copy of the same three references fails the bad one alone;
 *  5. writes "dom0 done" into both pages and lets everything go.
 * Each step prints "xenpv-result: gnt_STEP=ok" or what went wrong; exits 0
 * when every step was ok.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
/* The uapi header uses Xen's own names for these. */
typedef uint32_t grant_ref_t;
typedef uint16_t domid_t;
#include <xen/gntdev.h>
#include "grantpage.h"

#define BAD_REF		0xffffffu	/* beyond any grant table */
#define GNTCOPY_source_gref	(1 << 0)

static int fd, failures;
static uint32_t domid;

static __attribute__((format(printf, 2, 3)))
void report(const char *step, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (strcmp(what, "ok"))
		failures++;
	printf("xenpv-result: gnt_%s=%s\n", step, what);
	fflush(stdout);
}

/* Asks gntdev for a mapping of refs; returns the mmap offset, or -1. */
static int64_t map_refs(const uint32_t *refs, int count)
{
	struct {
		struct ioctl_gntdev_map_grant_ref op;
		struct ioctl_gntdev_grant_ref more[2];
	} m = { .op = { .count = count } };
	/* refs is a variable-length array declared with one element. */
	struct ioctl_gntdev_grant_ref *r = (void *)((char *)&m.op +
		offsetof(struct ioctl_gntdev_map_grant_ref, refs));
	int i;

	for (i = 0; i < count; i++) {
		r[i].domid = domid;
		r[i].ref = refs[i];
	}
	if (ioctl(fd, IOCTL_GNTDEV_MAP_GRANT_REF, &m.op))
		return -1;
	return m.op.index;
}

static int unmap_refs(int64_t index, int count)
{
	struct ioctl_gntdev_unmap_grant_ref u = { .index = index, .count = count };

	return ioctl(fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
}

static void *mmap_refs(void *at, int count, int64_t index)
{
	return mmap(at, count * GRANT_PAGE, PROT_READ | PROT_WRITE,
		    MAP_SHARED | (at ? MAP_FIXED : 0), fd, index);
}

static int both_intact(unsigned char *p)
{
	return grant_intact(p, 0) && grant_intact(p + GRANT_PAGE, 1);
}

static int both_noted(unsigned char *p, const char *note)
{
	return !strcmp((char *)p + GRANT_NOTE, note) &&
	       !strcmp((char *)p + GRANT_PAGE + GRANT_NOTE, note);
}

static void note_both(unsigned char *p, const char *note)
{
	strcpy((char *)p + GRANT_NOTE, note);
	strcpy((char *)p + GRANT_PAGE + GRANT_NOTE, note);
}

/* Step 4's grant copy: the bad segment fails, the good two copy. */
static void copy_batch(const uint32_t *refs)
{
	static unsigned char buf[3][GRANT_PAGE];
	struct gntdev_grant_copy_segment seg[3];
	struct ioctl_gntdev_grant_copy copy = { .count = 3, .segments = seg };
	int i;

	memset(seg, 0, sizeof(seg));
	for (i = 0; i < 3; i++) {
		seg[i].source.foreign.ref = refs[i];
		seg[i].source.foreign.domid = domid;
		seg[i].dest.virt = buf[i];
		seg[i].len = GRANT_PAGE;
		seg[i].flags = GNTCOPY_source_gref;
	}
	if (ioctl(fd, IOCTL_GNTDEV_GRANT_COPY, &copy)) {
		report("copy_batch", "ioctl-%s", strerror(errno));
		return;
	}
	printf("xenpv-result: gnt_copy_status=%d,%d,%d\n",
	       seg[0].status, seg[1].status, seg[2].status);
	if (seg[0].status || !seg[1].status || seg[2].status) {
		report("copy_batch", "status-%d,%d,%d",
		       seg[0].status, seg[1].status, seg[2].status);
		return;
	}
	report("copy_batch", "%s", grant_intact(buf[0], 0) && grant_intact(buf[2], 1) ?
	       "ok" : "data-differs");
}

int main(int argc, char **argv)
{
	uint32_t refs[2], batch[3];
	unsigned char *p, *q;
	int64_t first, again, bad;

	if (argc != 4)
		return fprintf(stderr, "usage: gntmap DOMID REF0 REF1\n"), 2;
	domid = strtoul(argv[1], NULL, 0);
	refs[0] = strtoul(argv[2], NULL, 0);
	refs[1] = strtoul(argv[3], NULL, 0);
	fd = open("/dev/xen/gntdev", O_RDWR);
	if (fd < 0)
		return perror("gntmap: /dev/xen/gntdev"), 1;

	/* 1 */
	first = map_refs(refs, 2);
	p = first < 0 ? MAP_FAILED : mmap_refs(NULL, 2, first);
	if (p == MAP_FAILED)
		return report("map", "%s", strerror(errno)), 1;
	report("map", "%s", both_intact(p) ? "ok" : "data-differs");
	note_both(p, "dom0 mapped");

	/* 2 */
	if (munmap(p, GRANT_PAGE))
		report("unmap_first", "%s", strerror(errno));
	else
		report("unmap_first", "%s", grant_intact(p + GRANT_PAGE, 1) ? "ok" : "data-differs");
	report("unmap_second", "%s", munmap(p + GRANT_PAGE, GRANT_PAGE) ? strerror(errno) : "ok");
	report("release_first", "%s", unmap_refs(first, 2) ? strerror(errno) : "ok");

	/* 3 */
	again = map_refs(refs, 2);
	q = again < 0 ? MAP_FAILED : mmap_refs(p, 2, again);
	if (q != p)
		return report("remap_fixed", "%s", q == MAP_FAILED ? strerror(errno) : "moved"), 1;
	report("remap_fixed", "%s", both_intact(p) && both_noted(p, "dom0 mapped") ?
	       "ok" : "data-differs");

	/* 4 */
	batch[0] = refs[0];
	batch[1] = BAD_REF;
	batch[2] = refs[1];
	bad = map_refs(batch, 3);
	if (bad < 0) {
		report("bad_batch", "ioctl-%s", strerror(errno));
	} else {
		q = mmap_refs(NULL, 3, bad);
		if (q != MAP_FAILED) {
			report("bad_batch", "mapped");
			munmap(q, 3 * GRANT_PAGE);
		} else {
			printf("xenpv-result: gnt_bad_batch_error=%s\n", strerror(errno));
			report("bad_batch", "ok");
		}
		report("release_bad", "%s", unmap_refs(bad, 3) ? strerror(errno) : "ok");
	}
	report("after_bad", "%s", both_intact(p) && both_noted(p, "dom0 mapped") ?
	       "ok" : "data-differs");
	copy_batch(batch);

	/* 5 */
	note_both(p, "dom0 done");
	report("unmap_all", "%s", munmap(p, 2 * GRANT_PAGE) ? strerror(errno) : "ok");
	report("release_all", "%s", unmap_refs(again, 2) ? strerror(errno) : "ok");
	close(fd);
	printf("xenpv-result: gnt_failures=%d\n", failures);
	return failures ? 1 : 0;
}
