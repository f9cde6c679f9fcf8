// SPDX-License-Identifier: GPL-2.0
/*
 * ldtrace: rewrite the LDT while another thread keeps using it.
 *
 * One thread loads DS, ES and SS from LDT slot 0 in a loop, yields, and
 * takes a signal now and then (sigreturn reloads the segments); another
 * rewrites slots 1-15 with modify_ldt ROUNDS times.  Each rewrite makes the
 * kernel install a new LDT on every vCPU running the process and free the
 * old one: a Xen PV kernel must hand the old LDT's pages back to the guest
 * only once no vCPU can still reach them through Xen's LDT mapping.
 *
 * Prints "xenpv-result: ldt_rounds=N" (N = ROUNDS when every rewrite
 * worked) and "xenpv-result: ldt_loads=N" (selector loads done meanwhile);
 * exits non-zero when anything failed.
 */
#include <asm/ldt.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ROUNDS		1000
#define SLOT0_SEL	((0 << 3) | 4 | 3)	/* LDT, RPL 3 */

static atomic_int done;
static atomic_long loads, signals;

static int write_slot(unsigned int slot, unsigned int base)
{
	struct user_desc d = {
		.entry_number = slot, .base_addr = base, .limit = 0xfffff,
		.seg_32bit = 1, .contents = 0, .read_exec_only = 0,
		.limit_in_pages = 1, .seg_not_present = 0, .useable = 1,
	};

	return syscall(SYS_modify_ldt, 0x11, &d, sizeof(d));
}

/* Load the LDT selector into DS, ES and SS, then put the flat ones back. */
static void use_slot0(void)
{
	unsigned short ds, ss;

	asm volatile("mov %%ds, %0; mov %%ss, %1" : "=r"(ds), "=r"(ss));
	asm volatile("mov %0, %%ds; mov %0, %%es; mov %0, %%ss; nop"
		     : : "r"((unsigned short)SLOT0_SEL));
	asm volatile("mov %0, %%ds; mov %0, %%es; mov %1, %%ss; nop"
		     : : "r"(ds), "r"(ss));
	atomic_fetch_add(&loads, 1);
}

static void on_signal(int sig)
{
	unsigned short sel = SLOT0_SEL;

	/* sigreturn restores the segments the handler leaves changed. */
	asm volatile("mov %0, %%es" : : "r"(sel));
	atomic_fetch_add(&signals, 1);
}

static void *user(void *arg)
{
	long n = 0;

	while (!atomic_load(&done)) {
		use_slot0();
		if (++n % 16 == 0)
			sched_yield();
		if (n % 64 == 0)
			raise(SIGUSR1);
	}
	return NULL;
}

int main(void)
{
	pthread_t t;
	int round, good = 0;

	signal(SIGUSR1, on_signal);
	if (write_slot(0, 0)) {
		perror("ldtrace: modify_ldt slot 0");
		return 1;
	}
	if (pthread_create(&t, NULL, user, NULL)) {
		fprintf(stderr, "ldtrace: cannot start the user thread\n");
		return 1;
	}
	while (!atomic_load(&loads))
		sched_yield();
	for (round = 0; round < ROUNDS; round++) {
		unsigned int slot;

		for (slot = 1; slot < 16; slot++)
			if (write_slot(slot, round * 4096 + slot))
				break;
		if (slot == 16)
			good++;
	}
	atomic_store(&done, 1);
	pthread_join(t, NULL);
	printf("xenpv-result: ldt_rounds=%d\n", good);
	printf("xenpv-result: ldt_loads=%ld\n", atomic_load(&loads));
	printf("xenpv-result: ldt_signals=%ld\n", atomic_load(&signals));
	return good == ROUNDS && atomic_load(&loads) > 0 ? 0 : 1;
}
