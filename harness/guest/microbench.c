// SPDX-License-Identifier: GPL-2.0
/*
 * microbench: the operations whose cost a PV guest pays in hypercalls and
 * trapped page-table writes, each timed alone in the domU.
 *
 *   null_syscall  getppid()
 *   fork_exit     fork, the child exits, the parent waits
 *   fork_exec     fork, the child execs /bin/true, the parent waits
 *   pipe_switch   a one-byte round trip between two processes over two
 *                 pipes (two context switches, between two mms)
 *   page_fault    the first write to a page of fresh anonymous memory
 *   mprotect_64m  mprotect() of 64 MiB of touched memory, read-only and
 *                 back (one operation is one call)
 *   munmap_64m    munmap() of 64 MiB of touched memory
 *   mremap_64m    mremap() of 64 MiB of touched memory to a new address,
 *                 both 2 MiB aligned (whole page tables move), and back
 *   mremap_64m_pages  the same one page off that alignment (every PTE
 *                 moves on its own)
 *   tlb_shootdown a page made read-only and writable again (two TLB
 *                 shootdowns) while a second thread of the process runs
 *                 on the other vCPU; skipped with fewer than two vCPUs
 *
 * The benchmarks run on vCPU 0 (the one dom0 traces), the second thread
 * of tlb_shootdown on vCPU 1.
 * Each prints "xenpv-result: bench_NAME_ns=N" (nanoseconds per operation,
 * CLOCK_MONOTONIC: under QEMU's -icount, guest time counted in
 * instructions) and "xenpv-result: bench_NAME_ops=N"; the timed part runs
 * in up to ten batches, and "bench_NAME_median_ns=N" is the median batch's
 * time per operation, "bench_NAME_slow_batches=N" how many batches took
 * over 1.5 times that (time that something else took).  Around each timed
 * part it makes a marker hypercall through privcmd, sched_op with a
 * command Xen does not know (it fails with ENOSYS and does nothing), so
 * that dom0's tracecount can attribute the hypercalls Xen traced in
 * between to the benchmark: command 0x7e00 + 2 * index at the start, one
 * more at the end.  Built static by harness/mkinitramfs.sh.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * privcmd's hypercall ioctl (include/uapi/xen/privcmd.h, whose header
 * needs Xen's interface headers, which user space does not have).
 */
struct privcmd_hypercall {
	uint64_t op;
	uint64_t arg[5];
};

#define IOCTL_PRIVCMD_HYPERCALL _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))

#define MARKER_BASE	0x7e00
#define SCHED_OP	29	/* __HYPERVISOR_sched_op */
#define REGION		(64UL << 20)
#define PAGE		4096UL

static int privcmd = -1;

static void marker(unsigned int cmd)
{
	struct privcmd_hypercall call = { .op = SCHED_OP, .arg = { cmd } };

	/* Xen answers ENOSYS; only the trace record matters. */
	if (privcmd >= 0)
		ioctl(privcmd, IOCTL_PRIVCMD_HYPERCALL, &call);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void die(const char *what)
{
	printf("xenpv-result: bench=FAIL (%s)\n", what);
	fflush(stdout);
	exit(1);
}

static void wait_child(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		die("child");
}

static void null_syscall(long n)
{
	while (n--)
		getppid();
}

static void fork_exit(long n)
{
	pid_t pid;

	while (n--) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		wait_child(pid);
	}
}

static void fork_exec(long n)
{
	pid_t pid;

	while (n--) {
		pid = fork();
		if (pid == 0) {
			execl("/bin/true", "true", (char *)NULL);
			_exit(127);
		}
		wait_child(pid);
	}
}

static int to_child[2], to_parent[2];
static pid_t echo_child;

static void pipe_setup(void)
{
	char c;

	if (pipe(to_child) || pipe(to_parent))
		die("pipe");
	echo_child = fork();
	if (echo_child == 0) {
		/* The only writer left must be the parent, for EOF to come. */
		close(to_child[1]);
		close(to_parent[0]);
		while (read(to_child[0], &c, 1) == 1)
			if (write(to_parent[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(to_child[0]);
	close(to_parent[1]);
}

static void pipe_switch(long n)
{
	char c = 'x';

	while (n--)
		if (write(to_child[1], &c, 1) != 1 || read(to_parent[0], &c, 1) != 1)
			die("pipe round trip");
}

static void pipe_teardown(void)
{
	close(to_child[1]);
	wait_child(echo_child);
	close(to_parent[0]);
}

static char *region;

static char *map_region(void)
{
	char *p = mmap(NULL, REGION, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

static void touch(char *p)
{
	unsigned long off;

	for (off = 0; off < REGION; off += PAGE)
		p[off] = 1;
}

/* The next page to fault: a batch goes on where the last one stopped. */
static unsigned long next_page;

static void fault_setup(void)
{
	region = map_region();
	next_page = 0;
}

static void page_fault(long n)
{
	while (n--)
		region[next_page++ * PAGE] = 1;
}

static void fault_teardown(void)
{
	munmap(region, REGION);
}

static void touched_setup(void)
{
	region = map_region();
	touch(region);
}

static void mprotect_64m(long n)
{
	static int writable = 1;

	while (n--) {
		writable = !writable;
		if (mprotect(region, REGION, writable ? PROT_READ | PROT_WRITE : PROT_READ))
			die("mprotect");
	}
}

static char *regions[4];
static int next_region;

static void munmap_setup(void)
{
	int i;

	for (i = 0; i < 4; i++) {
		regions[i] = map_region();
		touch(regions[i]);
	}
	next_region = 0;
}

static void munmap_64m(long n)
{
	while (n--)
		munmap(regions[next_region++], REGION);
}

/*
 * Two 64 MiB slots in one reservation, the second at an offset from the
 * first's 2 MiB alignment (0: whole page tables can move).
 */
#define PMD_SPAN	(2UL << 20)

static char *slot[2], *reservation;
static unsigned long moves;

static void mremap_slots(unsigned long offset)
{
	char *base = mmap(NULL, 2 * REGION + 3 * PMD_SPAN, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	uintptr_t aligned;

	if (base == MAP_FAILED)
		die("mmap reservation");
	reservation = base;
	moves = 0;
	aligned = ((uintptr_t)base + PMD_SPAN - 1) & ~(PMD_SPAN - 1);
	slot[0] = (char *)aligned;
	slot[1] = (char *)aligned + REGION + PMD_SPAN + offset;
	if (mmap(slot[0], REGION, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
		die("mmap");
	touch(slot[0]);
}

static void mremap_setup(void)
{
	mremap_slots(0);
}

static void mremap_pages_setup(void)
{
	mremap_slots(PAGE);
}

/* Each operation moves the region to the other slot. */
static void mremap_64m(long n)
{
	while (n--) {
		char *from = slot[moves % 2], *to = slot[(moves + 1) % 2];

		if (mremap(from, REGION, REGION, MREMAP_MAYMOVE | MREMAP_FIXED, to) != to)
			die("mremap");
		moves++;
	}
}

static void mremap_teardown(void)
{
	munmap(reservation, 2 * REGION + 3 * PMD_SPAN);
}

static void run_on_cpu(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		die("sched_setaffinity");
}

static char *shared_page;
static atomic_int spinning, stop_spinning;
static pthread_t spinner;

/*
 * Keeps the mm loaded on vCPU 1, so that every change needs a shootdown.
 * QEMU runs its CPUs in turn under -icount and counts every instruction
 * of either as virtual time; PAUSE ends a CPU's turn, so a shootdown
 * waits for the spinner's next look, not for the end of a whole turn
 * (whose length follows the next timer deadline, not either kernel).
 */
static void *spin(void *unused)
{
	run_on_cpu(1);
	atomic_store(&spinning, 1);
	while (!atomic_load(&stop_spinning)) {
		(void)*(volatile char *)shared_page;
		__builtin_ia32_pause();
	}
	return NULL;
}

static void tlb_setup(void)
{
	shared_page = map_region();
	shared_page[0] = 1;
	atomic_store(&stop_spinning, 0);
	if (pthread_create(&spinner, NULL, spin, NULL))
		die("pthread_create");
	while (!atomic_load(&spinning))
		sched_yield();
}

static void tlb_shootdown(long n)
{
	while (n--)
		if (mprotect(shared_page, PAGE, PROT_READ) ||
		    mprotect(shared_page, PAGE, PROT_READ | PROT_WRITE))
			die("mprotect");
}

static void tlb_teardown(void)
{
	atomic_store(&stop_spinning, 1);
	pthread_join(spinner, NULL);
	munmap(shared_page, REGION);
}

static void nothing(void)
{
}

static const struct bench {
	const char *name;
	long ops;
	int warm_up;	/* a round first, so that the timed part finds caches warm */
	void (*setup)(void);
	void (*run)(long n);
	void (*teardown)(void);
	int cpus;	/* online vCPUs it needs, when more than one */
} benches[] = {
	{ "null_syscall", 100000, 1, nothing, null_syscall, nothing },
	{ "fork_exit", 200, 1, nothing, fork_exit, nothing },
	{ "fork_exec", 100, 1, nothing, fork_exec, nothing },
	{ "pipe_switch", 5000, 1, pipe_setup, pipe_switch, pipe_teardown },
	/* Each page faults once: no warm-up round over the same pages. */
	{ "page_fault", REGION / PAGE, 0, fault_setup, page_fault, fault_teardown },
	{ "mprotect_64m", 20, 1, touched_setup, mprotect_64m, fault_teardown },
	{ "munmap_64m", 4, 0, munmap_setup, munmap_64m, nothing },
	{ "mremap_64m", 8, 0, mremap_setup, mremap_64m, mremap_teardown },
	{ "mremap_64m_pages", 4, 0, mremap_pages_setup, mremap_64m, mremap_teardown },
	{ "tlb_shootdown", 2000, 1, tlb_setup, tlb_shootdown, tlb_teardown, 2 },
};

#define BATCHES	10

static int by_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The timed part, in up to BATCHES batches timed apart: returns the
 * whole time, and prints the median batch's time per operation and how
 * many batches took over one and a half times as long.  Anything else
 * that runs meanwhile (in dom0, in Xen, on the other vCPU) adds to the
 * virtual time of the batch it falls in; the median leaves it out, the
 * whole time keeps it.
 */
static uint64_t run_batches(const struct bench *b)
{
	long nb = b->ops < BATCHES ? b->ops : BATCHES, k, n, slow = 0;
	uint64_t per_op[BATCHES], sorted[BATCHES], t, total = 0, median;

	for (k = 0; k < nb; k++) {
		n = b->ops / nb + (k < b->ops % nb);
		t = now_ns();
		b->run(n);
		t = now_ns() - t;
		total += t;
		per_op[k] = t / n;
	}
	memcpy(sorted, per_op, sizeof(per_op));
	qsort(sorted, nb, sizeof(sorted[0]), by_value);
	median = nb % 2 ? sorted[nb / 2] : (sorted[nb / 2 - 1] + sorted[nb / 2]) / 2;
	for (k = 0; k < nb; k++)
		slow += per_op[k] * 2 > median * 3;
	printf("xenpv-result: bench_%s_median_ns=%llu\n", b->name, (unsigned long long)median);
	printf("xenpv-result: bench_%s_slow_batches=%ld\n", b->name, slow);
	return total;
}

int main(void)
{
	const struct bench *b;
	uint64_t ns;
	unsigned int i;

	privcmd = open("/dev/xen/privcmd", O_RDWR);
	if (privcmd < 0)
		printf("xenpv-result: bench_markers=none (no /dev/xen/privcmd)\n");
	run_on_cpu(0);
	for (i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		b = &benches[i];
		if (b->cpus > sysconf(_SC_NPROCESSORS_ONLN)) {
			printf("xenpv-result: bench_%s=skipped (needs %d vCPUs)\n", b->name, b->cpus);
			continue;
		}
		b->setup();
		if (b->warm_up)
			b->run(b->ops / 10 + 1);
		marker(MARKER_BASE + 2 * i);
		ns = run_batches(b);
		marker(MARKER_BASE + 2 * i + 1);
		b->teardown();
		printf("xenpv-result: bench_%s_ns=%llu\n", b->name,
		       (unsigned long long)(ns / b->ops));
		printf("xenpv-result: bench_%s_ops=%ld\n", b->name, b->ops);
		printf("xenpv-bench: %u %s\n", i, b->name);
		fflush(stdout);
	}
	printf("xenpv-result: bench=done\n");
	return 0;
}
