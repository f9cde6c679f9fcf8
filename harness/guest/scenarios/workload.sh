#!/bin/sh
# workload: fork, exec, memory, pipe and time checks (harness/guest/workload.c).
/bin/workload || exit 1
# A blocked log reader is woken through irq_work, which raises an IPI.
cat /proc/kmsg >/tmp/kmsg &
reader=$!
sleep 1
echo "xenpv-irqwork-probe" >/dev/kmsg
sleep 1
kill $reader
grep -q xenpv-irqwork-probe /tmp/kmsg && echo "xenpv-result: klog_reader=ok"
# What the port's multicall batching did (CONFIG_XEN_DEBUG_FS), if present.
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
if [ -r /sys/kernel/debug/xen/multicall ]; then
	sed 's/^\([a-z_]*\) /xenpv-result: mc_\1=/' /sys/kernel/debug/xen/multicall
fi
