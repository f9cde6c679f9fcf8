// SPDX-License-Identifier: GPL-2.0
/*
 * iopriv: user port access through ioperm() and iopl(), and that it stays
 * with the task that was given it.
 *
 * Two processes pinned to one CPU take turns (a pipe ping-pong, so every
 * turn is a context switch between them) reading port PORT; only the
 * first was granted it with ioperm().  Then it drops the grant and both
 * try again.  Last, a process raises its I/O privilege level with iopl(3)
 * and lowers it again.  Each access either works or faults (SIGSEGV).
 *
 * Prints one line per case, "xenpv-result: io_CASE=allowed", "=denied",
 * or "=mixed" (some turns worked, some faulted), where CASE is granted
 * (the ioperm process), other (the process next to it), dropped (both,
 * after the grant was dropped), iopl3, iopl0.  Under a kernel that lets
 * the domain reach the port (dom0) the right answer is granted=allowed,
 * other=denied, dropped=denied, iopl3=allowed, iopl0=denied.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/io.h>
#include <sys/wait.h>
#include <unistd.h>

#define PORT	0x80	/* the POST code port: reading it has no effect */
#define TURNS	2000

static sigjmp_buf fault;

static void on_segv(int sig)
{
	siglongjmp(fault, 1);
}

/* 1 when reading the port worked, 0 when it faulted. */
static int port_works(void)
{
	if (sigsetjmp(fault, 1))
		return 0;
	inb(PORT);
	return 1;
}

static const char *verdict(int worked, int tries)
{
	return worked == tries ? "allowed" : worked == 0 ? "denied" : "mixed";
}

/* Wait for a byte on @in, try the port, pass the turn on through @out. */
static int take_turns(int in, int out, int turns, int first)
{
	int worked = 0, i;
	char c = 0;

	for (i = 0; i < turns; i++) {
		if ((i || !first) && read(in, &c, 1) != 1)
			break;
		worked += port_works();
		if (write(out, &c, 1) != 1)
			break;
	}
	return worked;
}

/* Two processes on one CPU, the caller holding whatever it was granted. */
static int alternate(const char *mine, const char *theirs, int turns)
{
	int to_child[2], to_parent[2], status, worked;
	pid_t child;
	char c;

	if (pipe(to_child) || pipe(to_parent))
		return -1;
	child = fork();
	if (child == 0) {
		/* A child keeps its parent's ports: drop them, as a stranger. */
		ioperm(PORT, 1, 0);
		iopl(0);
		worked = take_turns(to_child[0], to_parent[1], turns, 0);
		printf("xenpv-result: io_%s=%s\n", theirs, verdict(worked, turns));
		fflush(stdout);
		_exit(0);
	}
	worked = take_turns(to_parent[0], to_child[1], turns, 1);
	if (read(to_parent[0], &c, 1) != 1)
		worked = -1;
	waitpid(child, &status, 0);
	printf("xenpv-result: io_%s=%s\n", mine, verdict(worked, turns));
	fflush(stdout);
	return 0;
}

int main(void)
{
	cpu_set_t one;

	signal(SIGSEGV, on_segv);
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	if (sched_setaffinity(0, sizeof(one), &one))
		perror("iopriv: pinning to CPU 0");
	if (ioperm(PORT, 1, 1)) {
		perror("iopriv: ioperm");
		return 1;
	}
	alternate("granted", "other", TURNS);
	ioperm(PORT, 1, 0);
	alternate("dropped", "dropped_other", TURNS / 10);
	if (iopl(3)) {
		perror("iopriv: iopl");
		return 1;
	}
	alternate("iopl3", "iopl3_other", TURNS / 10);
	iopl(0);
	printf("xenpv-result: io_iopl0=%s\n", verdict(port_works(), 1));
	return 0;
}
