// SPDX-License-Identifier: GPL-2.0
/*
 * msrprobe: MSR reads and writes through /dev/cpu/N/msr (the msr module)
 * on every online CPU, as rdmsr/wrmsr from msr-tools do them.  A PV guest's
 * RDMSR and WRMSR trap to Xen, which emulates the MSR or refuses it; the
 * kernel must turn a refusal into an error for the caller, never a crash.
 * Prints CPU 0's outcomes, then msr_cpus=N (the CPUs probed) and
 * msr_all_cpus=same|differ (whether every CPU had CPU 0's outcomes):
 *   msr_tsc=increasing        two reads of IA32_TSC, the second larger
 *   msr_apic_base=read|ERR    IA32_APIC_BASE
 *   msr_misc_enable=read|ERR  IA32_MISC_ENABLE
 *   msr_bogus_read=ERR        an MSR no CPU has
 *   msr_bogus_write=ERR       a write to it
 * where ERR is the errno's name (EIO is what the msr driver returns for a
 * refused access).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MSR_IA32_TSC		0x10
#define MSR_IA32_APIC_BASE	0x1b
#define MSR_IA32_MISC_ENABLE	0x1a0
#define MSR_BOGUS		0x12345678

static const char *err_name(int e)
{
	switch (e) {
	case EIO: return "EIO";
	case EPERM: return "EPERM";
	case EINVAL: return "EINVAL";
	case ENXIO: return "ENXIO";
	default: return strerror(e);
	}
}

static int rd(int fd, uint32_t msr, uint64_t *v)
{
	ssize_t n = pread(fd, v, sizeof(*v), msr);

	return n == sizeof(*v) ? 0 : n < 0 ? errno : EIO;
}

/* The outcome of each probe on one CPU, as " name=value" pairs. */
static int probe(int cpu, char *out, size_t len)
{
	char path[64];
	uint64_t a, b;
	int fd, e;
	size_t n = 0;

	snprintf(path, sizeof(path), "/dev/cpu/%d/msr", cpu);
	fd = open(path, O_RDWR);
	if (fd < 0)
		return -1;
	e = rd(fd, MSR_IA32_TSC, &a);
	if (!e)
		e = rd(fd, MSR_IA32_TSC, &b);
	n += snprintf(out + n, len - n, " msr_tsc=%s",
		      e ? err_name(e) : b > a ? "increasing" : "not-increasing");
	e = rd(fd, MSR_IA32_APIC_BASE, &a);
	n += snprintf(out + n, len - n, " msr_apic_base=%s", e ? err_name(e) : "read");
	e = rd(fd, MSR_IA32_MISC_ENABLE, &a);
	n += snprintf(out + n, len - n, " msr_misc_enable=%s", e ? err_name(e) : "read");
	e = rd(fd, MSR_BOGUS, &a);
	n += snprintf(out + n, len - n, " msr_bogus_read=%s", e ? err_name(e) : "read");
	a = 0;
	e = pwrite(fd, &a, sizeof(a), MSR_BOGUS) == sizeof(a) ? 0 : errno;
	snprintf(out + n, len - n, " msr_bogus_write=%s", e ? err_name(e) : "written");
	close(fd);
	return 0;
}

int main(void)
{
	char first[512], other[512], *p;
	int cpu, same = 1;

	if (probe(0, first, sizeof(first)))
		return perror("msrprobe: /dev/cpu/0/msr"), 1;
	for (cpu = 1; probe(cpu, other, sizeof(other)) == 0; cpu++)
		if (strcmp(first, other))
			same = 0;
	for (p = strtok(first, " "); p; p = strtok(NULL, " "))
		printf("xenpv-result: %s\n", p);
	printf("xenpv-result: msr_cpus=%d\n", cpu);
	printf("xenpv-result: msr_all_cpus=%s\n", same ? "same" : "differ");
	return 0;
}
