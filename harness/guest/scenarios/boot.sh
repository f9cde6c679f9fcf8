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
