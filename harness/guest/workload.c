// SPDX-License-Identifier: GPL-2.0
/*
 * workload: the work a guest must get right, run inside the domU.
 *
 * Each part prints "xenpv-result: NAME=VALUE" lines that the tests read
 * from the serial log, and "xenpv-result: NAME=FAIL (why)" when the part
 * itself sees something wrong.  Built static by harness/mkinitramfs.sh.
 *
 *   forks      N processes that fork and exit at once
 *   execs      N fork + exec of /bin/true
 *   memory     mmap an anonymous region, write every byte, check a
 *              checksum, munmap it
 *   touch      mmap 64 MiB, fault it in one write per page, munmap it;
 *              four rounds (page-table work with little else)
 *   moves      16 MiB of data moved with mremap between 2 MiB-aligned
 *              addresses (whole page tables move) and to one a page off
 *              (every entry moves), then checked page by page
 *   pipe       ping-pong messages between two processes over two pipes
 *   sleep      a 2 s sleep measured with CLOCK_REALTIME and CLOCK_MONOTONIC
 *   ldt        a segment installed with modify_ldt, whose limit the CPU
 *              then reports (lsl reads the LDT the CPU really has)
 *   steps      a child single-stepped with ptrace: each step is a debug
 *              exception (#DB) taken from user mode
 *
 * The forks, execs, touch and pipe parts also report how long they took
 * ("NAME_ms"), in CLOCK_MONOTONIC: under QEMU's -icount that is guest
 * time counted in instructions, which harness/measure.sh compares.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <asm/ldt.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void result(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void result(const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("xenpv-result: %s=", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static void fail(const char *name, const char *why)
{
	result(name, "FAIL (%s: %s)", why, strerror(errno));
	failures++;
}

static double seconds(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Wait for one child; true when it exited with status 0. */
static int reaped_ok(pid_t pid)
{
	int status;

	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

/* Run one part and report its duration as NAME_ms. */
static void timed(const char *name, void (*part)(int), int arg)
{
	double start = seconds(CLOCK_MONOTONIC);
	char label[32];

	part(arg);
	snprintf(label, sizeof(label), "%s_ms", name);
	result(label, "%.1f", (seconds(CLOCK_MONOTONIC) - start) * 1000);
}

static void forks(int n)
{
	int i, ok = 0;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0)
			return fail("forks", "fork");
		ok += reaped_ok(pid);
	}
	result("forks", "%d", ok);
}

static void execs(int n)
{
	int i, ok = 0;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid == 0) {
			execl("/bin/true", "true", (char *)NULL);
			_exit(127);
		}
		if (pid < 0)
			return fail("execs", "fork");
		ok += reaped_ok(pid);
	}
	result("execs", "%d", ok);
}

/* Byte i of the region holds a value derived from i; sum them all. */
static void memory(int mib)
{
	size_t len = (size_t)mib << 20, i;
	uint64_t sum = 0, expect = 0;
	unsigned char *p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return fail("memory", "mmap");
	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 131 + (i >> 12));
	for (i = 0; i < len; i++) {
		sum += p[i] * (i % 7 + 1);
		expect += (unsigned char)(i * 131 + (i >> 12)) * (i % 7 + 1);
	}
	if (munmap(p, len))
		return fail("memory", "munmap");
	result("memory_mib", "%d", mib);
	result("memory_checksum", "%s", sum == expect ? "ok" : "MISMATCH");
}

static void touch(int rounds)
{
	size_t len = 64 << 20, i;
	volatile char *p;
	int r;

	for (r = 0; r < rounds; r++) {
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return fail("touch", "mmap");
		for (i = 0; i < len; i += 4096)
			p[i] = 1;
		if (munmap((void *)p, len))
			return fail("touch", "munmap");
	}
	result("touch_rounds", "%d", r);
}

#define MOVE_LEN	(16UL << 20)
#define MOVE_ALIGN	(2UL << 20)

/* Page k holds k + 1 in its first word; 0 when the pattern holds. */
static long moved_pages_wrong(const unsigned long *p)
{
	long wrong = 0;
	size_t k;

	for (k = 0; k < MOVE_LEN / 4096; k++)
		wrong += p[k * 512] != k + 1;
	return wrong;
}

static void moves(int rounds)
{
	size_t span = 3 * MOVE_LEN + 4 * MOVE_ALIGN, k;
	char *base, *slot[3], *at;
	int r, n = 0;

	base = mmap(NULL, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED)
		return fail("moves", "mmap");
	slot[0] = (char *)(((uintptr_t)base + MOVE_ALIGN - 1) & ~(MOVE_ALIGN - 1));
	slot[1] = slot[0] + MOVE_LEN + MOVE_ALIGN;
	slot[2] = slot[1] + MOVE_LEN + MOVE_ALIGN + 4096;
	at = mmap(slot[0], MOVE_LEN, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (at == MAP_FAILED)
		return fail("moves", "mmap");
	for (k = 0; k < MOVE_LEN / 4096; k++)
		((unsigned long *)at)[k * 512] = k + 1;
	/* aligned to aligned, to a page off, and back, each round */
	for (r = 0; r < rounds; r++) {
		char *to = slot[(n + 1) % 3];

		if (mremap(at, MOVE_LEN, MOVE_LEN, MREMAP_MAYMOVE | MREMAP_FIXED, to) != to)
			return fail("moves", "mremap");
		at = to;
		n++;
	}
	result("moved_pages_wrong", "%ld", moved_pages_wrong((unsigned long *)at));
	result("moves", "%d", n);
	munmap(base, span);
}

static void pipe_pingpong(int n)
{
	int there[2], back[2], i, got = 0;
	unsigned int v;
	pid_t pid;

	if (pipe(there) || pipe(back))
		return fail("pipe", "pipe");
	pid = fork();
	if (pid < 0)
		return fail("pipe", "fork");
	if (pid == 0) {
		/* Only the parent writes there: EOF must reach this reader. */
		close(there[1]);
		close(back[0]);
		while (read(there[0], &v, sizeof(v)) == sizeof(v)) {
			v++;
			if (write(back[1], &v, sizeof(v)) != sizeof(v))
				_exit(1);
		}
		_exit(0);
	}
	for (i = 0; i < n; i++) {
		v = 2 * i;
		if (write(there[1], &v, sizeof(v)) != sizeof(v) ||
		    read(back[0], &v, sizeof(v)) != sizeof(v))
			break;
		got += v == 2u * i + 1;
	}
	close(there[1]);
	close(there[0]);
	close(back[0]);
	close(back[1]);
	result("pipe_roundtrips", "%d", got);
	result("pipe_child", "%s", reaped_ok(pid) ? "ok" : "FAIL");
}

static void sleep_two_seconds(void)
{
	double real0 = seconds(CLOCK_REALTIME), mono0 = seconds(CLOCK_MONOTONIC);
	struct timespec two = { .tv_sec = 2 };

	if (nanosleep(&two, NULL))
		return fail("sleep", "nanosleep");
	result("sleep_realtime_ms", "%.0f", (seconds(CLOCK_REALTIME) - real0) * 1000);
	result("sleep_monotonic_ms", "%.0f", (seconds(CLOCK_MONOTONIC) - mono0) * 1000);
	result("realtime_end", "%.0f", seconds(CLOCK_REALTIME));
}

static void ldt_segment(void)
{
	struct user_desc seg = {
		.entry_number = 1, .limit = 0x1234, .seg_32bit = 1, .useable = 1,
	};
	/* Entry 1, in the LDT (TI bit), user privilege. */
	unsigned long selector = (1 << 3) | 4 | 3, limit = 0;

	if (syscall(SYS_modify_ldt, 1, &seg, sizeof(seg)))
		return fail("ldt", "modify_ldt");
	asm volatile("lsl %1, %0" : "+r" (limit) : "r" (selector) : "cc");
	result("ldt_limit", "%#lx", limit);
}

static void single_steps(int n)
{
	int i, status, stepped = 0;
	pid_t pid = fork();

	if (pid == 0) {
		volatile int spin = 1;

		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		raise(SIGSTOP);
		/* Something to step through for as long as the parent wants. */
		while (spin)
			;
		_exit(0);
	}
	if (pid < 0)
		return fail("steps", "fork");
	waitpid(pid, &status, 0);
	for (i = 0; i < n && WIFSTOPPED(status); i++) {
		if (ptrace(PTRACE_SINGLESTEP, pid, NULL, NULL))
			break;
		waitpid(pid, &status, 0);
		stepped += WIFSTOPPED(status) && WSTOPSIG(status) == SIGTRAP;
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	result("single_steps", "%d", stepped);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	timed("forks", forks, 1000);
	timed("execs", execs, 200);
	memory(64);
	timed("touch", touch, 4);
	moves(9);
	timed("pipe", pipe_pingpong, 10000);
	sleep_two_seconds();
	ldt_segment();
	single_steps(100);
	result("workload", "%s", failures ? "FAIL" : "done");
	return failures ? 1 : 0;
}
