#!/bin/sh
# workload: fork, exec, memory, pipe and time checks (harness/guest/workload.c).
/bin/workload || exit 1
# What the port's multicall batching did (CONFIG_XEN_DEBUG_FS), if present.
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
if [ -r /sys/kernel/debug/xen/multicall ]; then
	sed 's/^\([a-z_]*\) /xenpv-result: mc_\1=/' /sys/kernel/debug/xen/multicall
fi
