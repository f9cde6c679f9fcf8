// SPDX-License-Identifier: GPL-2.0
/*
 * smpstress SECONDS [tlb|locks|pipes]: parallel work on every vCPU of the
 * domU, checked.
 *
 * Three kinds of workers run side by side until the time is up, or only
 * the kind named (harness/measure-smp.sh measures each alone):
 *
 *   tlb    one process per CPU, each with threads sharing its memory.
 *          Every round the threads write a fresh region, the owner makes
 *          it read-only (a TLB shootdown to every CPU the threads ran on),
 *          and each thread checks that a write now faults; then the owner
 *          unmaps it and the threads check that a read faults.  A write or
 *          read that goes through means a CPU kept a stale TLB entry.  A
 *          child is forked each round and changes its copy of the region,
 *          which the parent must not see.
 *   locks  threads that hammer three mutexes (futexes under contention)
 *          and count under them; the counts must add up.
 *   pipes  a ring of processes passing a token through pipes; every hop
 *          is counted, and the token's value must match the hops.
 *
 * Prints "xenpv-result: NAME=VALUE" lines; exits non-zero on any error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TLB_THREADS	3
#define REGION_PAGES	64
#define LOCKS		3
#define LOCK_THREADS_PER_CPU 2
#define RING		4

static long page_size;
static time_t deadline;

/* Shared with every forked worker: results they report back. */
struct tally {
	atomic_long tlb_rounds, tlb_errors, cpus_seen;
	atomic_long pipe_hops, pipe_errors;
};
static struct tally *tally;

static int time_left(void)
{
	return time(NULL) < deadline;
}

static void note_cpu(void)
{
	int cpu = sched_getcpu();

	if (cpu >= 0 && cpu < 64)
		atomic_fetch_or(&tally->cpus_seen, 1L << cpu);
}

/* tlb: a probe that faults jumps back here instead of killing the thread. */
static __thread sigjmp_buf probe_env;
static __thread volatile int probing;

static void probe_fault(int sig)
{
	if (!probing)
		_exit(99);
	siglongjmp(probe_env, 1);
}

/* Does writing (or reading) @p fault? */
static int faults(volatile char *p, int write)
{
	int faulted = 1;

	if (sigsetjmp(probe_env, 1) == 0) {
		probing = 1;
		if (write)
			*p = 1;
		else
			(void)*p;
		faulted = 0;
	}
	probing = 0;
	return faulted;
}

struct tlb_round {
	pthread_barrier_t step;
	char *region;
	long errors;
};

static void *tlb_thread(void *arg)
{
	struct tlb_round *r = arg;
	long i, id = (long)pthread_self() % 251;

	for (;;) {
		pthread_barrier_wait(&r->step);		/* region mapped */
		if (!r->region)
			return NULL;
		note_cpu();
		for (i = 0; i < REGION_PAGES; i++)
			r->region[i * page_size + id % page_size] = (char)id;
		pthread_barrier_wait(&r->step);		/* owner: read-only */
		pthread_barrier_wait(&r->step);
		if (!faults(r->region + (id % REGION_PAGES) * page_size, 1))
			__atomic_add_fetch(&r->errors, 1, __ATOMIC_RELAXED);
		pthread_barrier_wait(&r->step);		/* owner: unmapped */
		pthread_barrier_wait(&r->step);
		if (!faults(r->region + (id % REGION_PAGES) * page_size, 0))
			__atomic_add_fetch(&r->errors, 1, __ATOMIC_RELAXED);
		pthread_barrier_wait(&r->step);
	}
}

/* A child changes its copy-on-write view; the parent's must not move. */
static int cow_child_isolated(char *region)
{
	char before = region[0];
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		memset(region, before + 1, REGION_PAGES * page_size);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
		return 0;
	return region[0] == before;
}

static void tlb_worker(void)
{
	size_t len = REGION_PAGES * page_size;
	pthread_t threads[TLB_THREADS];
	struct tlb_round r = { 0 };
	int i;

	pthread_barrier_init(&r.step, NULL, TLB_THREADS + 1);
	for (i = 0; i < TLB_THREADS; i++)
		pthread_create(&threads[i], NULL, tlb_thread, &r);
	while (time_left()) {
		r.region = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (r.region == MAP_FAILED)
			break;
		pthread_barrier_wait(&r.step);
		pthread_barrier_wait(&r.step);
		if (!cow_child_isolated(r.region))
			r.errors++;
		mprotect(r.region, len, PROT_READ);
		pthread_barrier_wait(&r.step);
		pthread_barrier_wait(&r.step);
		munmap(r.region, len);
		pthread_barrier_wait(&r.step);
		pthread_barrier_wait(&r.step);
		atomic_fetch_add(&tally->tlb_rounds, 1);
	}
	r.region = NULL;
	pthread_barrier_wait(&r.step);
	for (i = 0; i < TLB_THREADS; i++)
		pthread_join(threads[i], NULL);
	atomic_fetch_add(&tally->tlb_errors, r.errors);
}

/* locks */
static pthread_mutex_t locks[LOCKS] = {
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
};
static long counted[LOCKS];
static atomic_long increments;

static void *lock_thread(void *arg)
{
	long n = 0, i = (long)arg;

	while (time_left()) {
		i = (i * 7 + 3) % LOCKS;
		pthread_mutex_lock(&locks[i]);
		counted[i]++;
		if (n % 1024 == 0)
			sched_yield();	/* give up the CPU holding the lock */
		pthread_mutex_unlock(&locks[i]);
		n++;
		if (n % 4096 == 0)
			note_cpu();
	}
	atomic_fetch_add(&increments, n);
	return NULL;
}

static int lock_workers(int cpus)
{
	int n = cpus * LOCK_THREADS_PER_CPU, i;
	pthread_t threads[n];
	long sum = 0;

	for (i = 0; i < n; i++)
		pthread_create(&threads[i], NULL, lock_thread, (void *)(long)i);
	for (i = 0; i < n; i++)
		pthread_join(threads[i], NULL);
	for (i = 0; i < LOCKS; i++)
		sum += counted[i];
	printf("xenpv-result: smp_lock_increments=%ld\n", sum);
	printf("xenpv-result: smp_locks=%s\n", sum == increments && sum > 0 ? "ok" : "FAIL");
	return sum == increments && sum > 0;
}

/* pipes: member i reads from pipe i and writes to pipe i+1. */
static void ring_member(int fds[RING][2], int i)
{
	long token, hops = 0;

	while (read(fds[i][0], &token, sizeof(token)) == sizeof(token)) {
		if (token < 0)
			break;
		if (token != hops * RING + i)
			atomic_fetch_add(&tally->pipe_errors, 1);
		hops++;
		token = time_left() ? token + 1 : -1;
		if (write(fds[(i + 1) % RING][1], &token, sizeof(token)) != sizeof(token))
			break;
		if (hops % 256 == 0)
			note_cpu();
	}
	/* Pass the stop along so every member ends (the next may be gone). */
	token = -1;
	if (write(fds[(i + 1) % RING][1], &token, sizeof(token)) < 0 && errno != EPIPE)
		atomic_fetch_add(&tally->pipe_errors, 1);
	atomic_fetch_add(&tally->pipe_hops, hops);
}

static pid_t spawn(void (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	return pid;
}

static void run_tlb(void *unused)
{
	tlb_worker();
}

static void run_ring(void *unused)
{
	int fds[RING][2], i;
	long token = 0;

	for (i = 0; i < RING; i++)
		if (pipe(fds[i]))
			exit(1);
	for (i = 1; i < RING; i++)
		if (fork() == 0) {
			ring_member(fds, i);
			_exit(0);
		}
	if (write(fds[0][1], &token, sizeof(token)) != sizeof(token))
		exit(1);
	ring_member(fds, 0);
	while (wait(NULL) > 0)
		;
}

static int reap_all(void)
{
	int status, ok = 1;

	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			ok = 0;
	return ok;
}

static int wanted(const char *only, const char *part)
{
	return !only || !strcmp(only, part);
}

int main(int argc, char **argv)
{
	char *end = NULL;
	long seconds = argc > 1 ? strtol(argv[1], &end, 10) : 60;
	const char *only = argc > 2 ? argv[2] : NULL;
	int cpus = sysconf(_SC_NPROCESSORS_ONLN), i, ok = 1;
	struct sigaction sa = { .sa_handler = probe_fault, .sa_flags = SA_NODEFER };

	if (seconds <= 0 || seconds > 86400 || (end && *end) || cpus <= 0 || argc > 3 ||
	    (only && !wanted(only, "tlb") && !wanted(only, "locks") && !wanted(only, "pipes"))) {
		fprintf(stderr, "usage: smpstress SECONDS [tlb|locks|pipes]\n");
		return 2;
	}
	page_size = sysconf(_SC_PAGESIZE);
	deadline = time(NULL) + seconds;
	tally = mmap(NULL, sizeof(*tally), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	sigaction(SIGSEGV, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	printf("xenpv-result: smp_cpus=%d\n", cpus);
	fflush(stdout);
	if (wanted(only, "tlb"))
		for (i = 0; i < cpus; i++)
			spawn(run_tlb, NULL);
	if (wanted(only, "pipes"))
		spawn(run_ring, NULL);
	if (wanted(only, "locks"))
		ok = lock_workers(cpus);
	ok &= reap_all();
	if (wanted(only, "tlb")) {
		printf("xenpv-result: smp_tlb_rounds=%ld\n", tally->tlb_rounds);
		printf("xenpv-result: smp_tlb_errors=%ld\n", tally->tlb_errors);
		ok &= !tally->tlb_errors && tally->tlb_rounds > 0;
	}
	if (wanted(only, "pipes")) {
		printf("xenpv-result: smp_pipe_hops=%ld\n", tally->pipe_hops);
		printf("xenpv-result: smp_pipe_errors=%ld\n", tally->pipe_errors);
		ok &= !tally->pipe_errors && (!only || tally->pipe_hops > 0);
	}
	printf("xenpv-result: smp_cpus_used=%d\n", __builtin_popcountl(tally->cpus_seen));
	printf("xenpv-result: smpstress%s%s=%s\n", only ? "_" : "", only ? only : "",
	       ok ? "done" : "FAIL");
	return ok ? 0 : 1;
}
