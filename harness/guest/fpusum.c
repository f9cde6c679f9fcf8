// SPDX-License-Identifier: GPL-2.0
/*
 * fpusum: the same floating-point work (SSE doubles and x87 long doubles)
 * pinned to each online CPU in turn, with a context switch to a second
 * process on that CPU in the middle, so a vCPU whose FPU state is not
 * saved, restored or initialised right gives another checksum.
 *
 * Prints "xenpv-result: fpu_cpus=N" (CPUs the work ran on, each checked
 * with sched_getcpu) and "xenpv-result: fpu_sums=equal" or "=differ".
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned long long checksum(void)
{
	volatile double d = 0;
	volatile long double x = 1;
	unsigned long long bits, ld;
	int i;

	for (i = 1; i < 200000; i++) {
		d += __builtin_sqrt((double)i) / i;
		x = x * 1.0000001L + 1.0L / i;
		if (i == 100000)
			sched_yield();
	}
	memcpy(&bits, (const void *)&d, sizeof(bits));
	memcpy(&ld, (const void *)&x, sizeof(ld));
	return bits ^ ld;
}

/* A second process on @cpu, so the checksum's process is switched out. */
static pid_t disturb(int cpu, cpu_set_t *set)
{
	pid_t pid = fork();

	if (pid == 0) {
		volatile double y = 3;
		int i;

		sched_setaffinity(0, sizeof(*set), set);
		for (i = 0; i < 3000000; i++)
			y = y * 0.999999 + 1.5;
		_exit(0);
	}
	return pid;
}

int main(void)
{
	unsigned long long first = 0, sum;
	int cpu, ran = 0, equal = 1;
	cpu_set_t online, one;

	if (sched_getaffinity(0, sizeof(online), &online))
		return 1;
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		pid_t other;

		if (!CPU_ISSET(cpu, &online))
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		if (sched_setaffinity(0, sizeof(one), &one) || sched_getcpu() != cpu)
			continue;
		other = disturb(cpu, &one);
		sum = checksum();
		if (other > 0)
			waitpid(other, NULL, 0);
		if (!ran++)
			first = sum;
		else if (sum != first)
			equal = 0;
		printf("fpusum: cpu %d: %016llx\n", cpu, sum);
	}
	printf("xenpv-result: fpu_cpus=%d\n", ran);
	printf("xenpv-result: fpu_sums=%s\n", equal ? "equal" : "differ");
	return ran && equal ? 0 : 1;
}
