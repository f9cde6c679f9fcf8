// SPDX-License-Identifier: GPL-2.0
/*
 * compat32: a static 32-bit program (gcc -m32) that goes through each way
 * a 32-bit process enters the kernel of a 64-bit PV guest with
 * IA32_EMULATION: int $0x80, the vDSO's __kernel_vsyscall (SYSENTER on an
 * Intel-vendor CPU, SYSCALL on an AMD-vendor one), and a signal delivered
 * to a 32-bit handler and returned from with sigreturn.
 *
 * Prints "xenpv-result: ia32_NAME=ok" for each part, or
 * "xenpv-result: ia32_NAME=FAIL (why)".
 */
#include <elf.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ROUNDS	1000

static void result(const char *name, const char *verdict)
{
	printf("xenpv-result: ia32_%s=%s\n", name, verdict);
	fflush(stdout);
}

/* The 32-bit ABI: number in %eax, arguments in %ebx, %ecx, %edx. */
static long int80(long nr, long a, long b, long c)
{
	long ret;

	asm volatile("int $0x80"
		     : "=a"(ret)
		     : "a"(nr), "b"(a), "c"(b), "d"(c)
		     : "memory");
	return ret;
}

static long vsyscall(void *entry, long nr, long a, long b, long c)
{
	long ret;

	asm volatile("call *%[entry]"
		     : "=a"(ret)
		     : [entry] "r"(entry), "a"(nr), "b"(a), "c"(b), "d"(c)
		     : "memory");
	return ret;
}

static int check_entry(const char *name, long (*call)(void *, long, long, long, long),
		       void *entry)
{
	static const char msg[] = "compat32: a write through a 32-bit entry\n";
	int i;

	for (i = 0; i < ROUNDS; i++) {
		if (call(entry, SYS_getpid, 0, 0, 0) != getpid()) {
			result(name, "FAIL (getpid returned another value)");
			return 1;
		}
	}
	if (call(entry, SYS_write, 1, (long)msg, sizeof(msg) - 1) != sizeof(msg) - 1) {
		result(name, "FAIL (write returned a short count)");
		return 1;
	}
	/* A bad pointer is an error returned, not a fault. */
	if (call(entry, SYS_write, 1, 16, 4) != -14) {
		result(name, "FAIL (write from an unmapped address did not give -EFAULT)");
		return 1;
	}
	result(name, "ok");
	return 0;
}

static long int80_call(void *unused, long nr, long a, long b, long c)
{
	return int80(nr, a, b, c);
}

static volatile sig_atomic_t handled;
static volatile uint32_t seen_esp_aligned;

static void on_usr1(int sig)
{
	uint32_t esp;

	asm volatile("movl %%esp, %0" : "=r"(esp));
	seen_esp_aligned = (esp & 3) == 0;
	handled += sig == SIGUSR1;
}

/* Registers that must survive a signal delivered in the middle of a loop. */
static int check_signal(void)
{
	struct sigaction sa;
	uint32_t before = 0x5a5aa5a5, after;
	long ret = SYS_kill;
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	if (sigaction(SIGUSR1, &sa, NULL)) {
		result("signal", "FAIL (sigaction)");
		return 1;
	}
	for (i = 0; i < ROUNDS; i++) {
		/* The signal is delivered on the way back from this int $0x80. */
		asm volatile("int $0x80"
			     : "=S"(after), "+a"(ret)
			     : "b"(getpid()), "c"(SIGUSR1), "S"(before + i)
			     : "memory");
		if (ret != 0 || after != before + i) {
			result("signal", "FAIL (kill failed, or %esi changed across the handler)");
			return 1;
		}
		ret = SYS_kill;
	}
	if (handled != ROUNDS || !seen_esp_aligned) {
		result("signal", "FAIL (the handler did not run each time)");
		return 1;
	}
	result("signal", "ok");
	return 0;
}

int main(void)
{
	void *vsys = (void *)getauxval(AT_SYSINFO);
	int bad = 0;

	bad |= check_entry("int80", int80_call, NULL);
	if (vsys)
		bad |= check_entry("vsyscall", vsyscall, vsys);
	else
		result("vsyscall", "FAIL (no AT_SYSINFO in the auxiliary vector)");
	bad |= check_signal();
	return bad;
}
