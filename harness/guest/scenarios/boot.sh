#!/bin/sh
# boot: the domU reached userspace; show what it runs on.
echo "xenpv-result: uname=$(uname -r)"
echo "xenpv-result: cpus=$(grep -c ^processor /proc/cpuinfo)"
echo "xenpv-result: memtotal_kb=$(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo)"
# 32-bit user space: int $0x80, the vDSO entry (SYSENTER on an Intel-vendor
# CPU, SYSCALL on an AMD one) and signals.
/bin/compat32
# NMI backtraces of every vCPU (sysrq l): the other vCPUs get an NMI IPI.
if [ -w /proc/sysrq-trigger ]; then
	echo l >/proc/sysrq-trigger
	sleep 1
	echo "xenpv-result: nmi_backtraces=$(dmesg | grep -c 'NMI backtrace for cpu')"
fi
# The kernel's xen: trace events, as trace-cmd would read them: a fork,
# an exec and a context switch or two under tracing.
t=/sys/kernel/tracing
mount -t tracefs tracefs $t 2>/dev/null
if [ -w $t/events/xen/enable ]; then
	echo 1 >$t/events/xen/enable
	sh -c 'ls / >/dev/null; sleep 0.1'
	echo 0 >$t/events/xen/enable
	for e in xen_mc_batch xen_mc_entry xen_mc_flush xen_mmu_set_pte \
		xen_mmu_pgd_pin xen_mmu_write_cr3; do
		echo "xenpv-result: trace_$e=$(grep -c " $e:" $t/trace)"
	done
fi
