// SPDX-License-Identifier: GPL-2.0
/*
 * memhold MIB: keep MIB of patterned anonymous memory, locked in place,
 * while the balloon moves the domain's memory around it.  Prints
 * "memhold: filled" once the pattern is in; on each SIGUSR1 checks every
 * byte and prints "memhold: intact" or "memhold: corrupt at OFFSET";
 * SIGTERM checks once more and exits 0 only when the memory is intact.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static volatile sig_atomic_t check_wanted, stop_wanted;

static void on_usr1(int sig)
{
	check_wanted = 1;
}

static void on_term(int sig)
{
	stop_wanted = 1;
}

/* The pattern: a xorshift sequence, so a page moved or lost shows. */
static uint64_t next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static long check(const uint64_t *buf, size_t words)
{
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	size_t i;

	for (i = 0; i < words; i++)
		if (buf[i] != next(&x))
			return (long)(i * sizeof(*buf));
	return -1;
}

static int report(const uint64_t *buf, size_t words)
{
	long bad = check(buf, words);

	if (bad < 0)
		printf("memhold: intact\n");
	else
		printf("memhold: corrupt at %ld\n", bad);
	fflush(stdout);
	return bad < 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	size_t bytes = (argc > 1 ? strtoul(argv[1], NULL, 10) : 64) << 20;
	size_t words = bytes / sizeof(uint64_t), i;
	uint64_t x = 0x9e3779b97f4a7c15ULL, *buf;

	buf = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED) {
		perror("memhold: mmap");
		return 2;
	}
	for (i = 0; i < words; i++)
		buf[i] = next(&x);
	if (mlock(buf, bytes))
		perror("memhold: mlock (the memory may be swapped, not lost)");
	signal(SIGUSR1, on_usr1);
	signal(SIGTERM, on_term);
	printf("memhold: filled\n");
	fflush(stdout);
	while (!stop_wanted) {
		pause();
		if (check_wanted) {
			check_wanted = 0;
			report(buf, words);
		}
	}
	return report(buf, words);
}
