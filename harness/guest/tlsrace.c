// SPDX-License-Identifier: GPL-2.0
/*
 * tlsrace: clear a TLS slot of the GDT while DS, ES, FS or GS still holds
 * its selector, ROUNDS times on every online CPU at once.
 *
 * Linux reloads the register after it changed the slot, so the register
 * ends up null, and a null FS or GS has a zero base.  In a PV guest, Xen
 * can deschedule the vCPU between the two; when it runs the vCPU again it
 * cannot load the stale selector, nulls the register, but writes back the
 * base it saved with it, and calls the guest's failsafe callback.  Run
 * with more busy vCPUs than physical CPUs, so that Xen deschedules them
 * often (the selftest ldt_gdt_64 does each register once and fails now and
 * then with "New FSBASE was ...").
 *
 * Prints "xenpv-result: tls_rounds=N" (rounds done by all workers),
 * "xenpv-result: tls_stale_bases=N" (null FS/GS with a base left over) and
 * "xenpv-result: tls_kept_selectors=N" (registers not nulled); exits
 * non-zero when a worker died or anything was wrong.
 */
#define _GNU_SOURCE
#include <asm/ldt.h>
#include <asm/prctl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS		4000
#define TLS_BASE	0x41990000UL

enum reg { REG_DS, REG_ES, REG_FS, REG_GS, NR_REGS };

struct counts {
	long rounds, stale, kept;
};

/* No function here may read the stack guard through FS while it is off. */
#define NO_FS	__attribute__((no_stack_protector))

static inline __attribute__((always_inline)) long raw_syscall2(long nr, long a, long b)
{
	long ret;

	asm volatile ("syscall"
		      : "=a" (ret)
		      : "a" (nr), "D" (a), "S" (b)
		      : "rcx", "r11", "memory");
	return ret;
}

/*
 * set_thread_area exists for 32-bit callers only: int $0x80, with the
 * descriptor's address in %ebx (so below 4 GiB), which also clobbers
 * %r8-%r11.
 */
#define NR_SET_THREAD_AREA_32	243
#define INT80_CLOBBERS		"r8", "r9", "r10", "r11", "memory"

static inline __attribute__((always_inline)) long set_thread_area(struct user_desc *d)
{
	long ret = NR_SET_THREAD_AREA_32;

	asm volatile ("int $0x80"
		      : "+a" (ret)
		      : "b" ((unsigned int)(unsigned long)d)
		      : INT80_CLOBBERS);
	return ret;
}

/*
 * Load @sel into @reg, clear its slot with set_thread_area, and return
 * what the register holds after the system call.  Nothing here may touch
 * memory through FS (glibc's TLS) until the caller has put FS back.
 */
#define CLEAR_UNDER(reg, sel, clear)					\
({									\
	unsigned short __s = (sel);					\
	long __nr = NR_SET_THREAD_AREA_32;				\
	asm volatile ("mov %[s], %%" reg "\n\t"				\
		      "int $0x80\n\t"					\
		      "mov %%" reg ", %[s]"				\
		      : [s] "+r" (__s), "+a" (__nr)			\
		      : "b" ((unsigned int)(unsigned long)(clear))	\
		      : INT80_CLOBBERS);				\
	__s;								\
})

static unsigned short slot_sel(int slot)
{
	return (unsigned short)(slot << 3 | 3);
}

static NO_FS int set_slot(struct user_desc *d, int slot, unsigned long base)
{
	long ret;

	*d = (struct user_desc){
		.entry_number = slot, .base_addr = base, .limit = 0xfffff,
		.seg_32bit = 1, .limit_in_pages = 1, .useable = 1,
	};
	ret = set_thread_area(d);
	return ret ? ret : (int)d->entry_number;
}

/* What set_thread_area takes for "no descriptor here". */
static void empty_slot(struct user_desc *d, int slot)
{
	*d = (struct user_desc){
		.entry_number = slot, .read_exec_only = 1, .seg_not_present = 1,
	};
}

/* One round on @reg; a base left under a null FS or GS counts as stale. */
static NO_FS void one_round(enum reg reg, int slot, struct user_desc *d,
		      struct user_desc *clear, struct counts *c)
{
	unsigned long fs_base = 0, base = 0;
	unsigned short sel = slot_sel(slot), after = sel, old;

	if (set_slot(d, slot, TLS_BASE + (c->rounds & 0xff) * 16) < 0)
		return;
	switch (reg) {
	case REG_DS:
		asm volatile ("mov %%ds, %0" : "=r" (old));
		after = CLEAR_UNDER("ds", sel, clear);
		asm volatile ("mov %0, %%ds" : : "r" (old));
		break;
	case REG_ES:
		asm volatile ("mov %%es, %0" : "=r" (old));
		after = CLEAR_UNDER("es", sel, clear);
		asm volatile ("mov %0, %%es" : : "r" (old));
		break;
	case REG_FS:
		raw_syscall2(SYS_arch_prctl, ARCH_GET_FS, (long)&fs_base);
		after = CLEAR_UNDER("fs", sel, clear);
		raw_syscall2(SYS_arch_prctl, ARCH_GET_FS, (long)&base);
		asm volatile ("mov %0, %%fs" : : "r" (0));
		raw_syscall2(SYS_arch_prctl, ARCH_SET_FS, fs_base);
		break;
	case REG_GS:
		after = CLEAR_UNDER("gs", sel, clear);
		raw_syscall2(SYS_arch_prctl, ARCH_GET_GS, (long)&base);
		asm volatile ("mov %0, %%gs" : : "r" (0));
		break;
	default:
		return;
	}
	c->rounds++;
	if (after)
		c->kept++;
	else if (base)
		c->stale++;
}

static int worker(int cpu, int pipe_fd)
{
	struct user_desc *d, *clear;
	struct counts c = { 0 };
	cpu_set_t set;
	int slot, i;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
	d = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (d == MAP_FAILED)
		return 1;
	clear = d + 1;
	slot = set_slot(d, -1, TLS_BASE);
	if (slot < 0) {
		fprintf(stderr, "tlsrace: set_thread_area: error %d\n", -slot);
		return 1;
	}
	empty_slot(clear, slot);
	for (i = 0; i < ROUNDS; i++)
		one_round(i % NR_REGS, slot, d, clear, &c);
	if (write(pipe_fd, &c, sizeof(c)) != sizeof(c))
		return 1;
	return 0;
}

int main(void)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	struct counts sum = { 0 }, c;
	int fds[2], cpu, status, bad = 0;

	if (ncpu < 1 || pipe(fds))
		return 1;
	for (cpu = 0; cpu < ncpu; cpu++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(worker(cpu, fds[1]));
		if (pid < 0)
			bad++;
	}
	close(fds[1]);
	while (read(fds[0], &c, sizeof(c)) == sizeof(c)) {
		sum.rounds += c.rounds;
		sum.stale += c.stale;
		sum.kept += c.kept;
	}
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			bad++;
	printf("xenpv-result: tls_workers=%ld\n", ncpu);
	printf("xenpv-result: tls_failed_workers=%d\n", bad);
	printf("xenpv-result: tls_rounds=%ld\n", sum.rounds);
	printf("xenpv-result: tls_stale_bases=%ld\n", sum.stale);
	printf("xenpv-result: tls_kept_selectors=%ld\n", sum.kept);
	return bad || sum.stale || sum.kept || sum.rounds != ncpu * ROUNDS;
}
