#!/bin/sh
# workload: fork, exec, memory, pipe and time checks (harness/guest/workload.c).
/bin/workload || exit 1
# 32-bit user space (IA32_EMULATION): int $0x80, the vDSO entry, signals.
/bin/compat32
# A blocked log reader is woken through irq_work, which raises an IPI.
cat /proc/kmsg >/tmp/kmsg &
reader=$!
sleep 1
echo "xenpv-irqwork-probe" >/dev/kmsg
sleep 1
kill $reader
grep -q xenpv-irqwork-probe /tmp/kmsg && echo "xenpv-result: klog_reader=ok"
# Whether the kernel uses FSGSBASE (off with nofsgsbase), which decides
# what a context switch writes of the user segment bases.
if grep -qw fsgsbase /proc/cpuinfo; then
	echo "xenpv-result: fsgsbase=yes"
else
	echo "xenpv-result: fsgsbase=no"
fi
# What the port's multicall batching did (CONFIG_XEN_DEBUG_FS), if present.
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
if [ -r /sys/kernel/debug/xen/multicall ]; then
	sed 's/^\([a-z_]*\) /xenpv-result: mc_\1=/' /sys/kernel/debug/xen/multicall
fi
# The kernel's page-table dump (PTDUMP_DEBUGFS, in the debug config) reads
# every entry back through the PV MMU.
if [ -r /sys/kernel/debug/page_tables/kernel ]; then
	echo "xenpv-result: ptdump_kernel_lines=$(wc -l </sys/kernel/debug/page_tables/kernel)"
fi
