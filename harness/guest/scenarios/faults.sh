#!/bin/sh
# faults: inputs that once crashed or stalled a PV guest (issue 11), each
# reported as xenpv-result lines.  The domU starts with 2 of 8 possible
# vCPUs (maxvcpus); dom0's side (dom0-scenarios/faults.sh) raises it to 8
# and back to 2 with "xl vcpu-set".
say() { echo "xenpv-harness: $*"; }
res() { echo "xenpv-result: $1=$2"; }
online_count() { grep -c ^processor /proc/cpuinfo; }
# online_all: what udev does for a vCPU the toolstack makes available.
online_all() {
	for f in /sys/devices/system/cpu/cpu*/online; do
		[ "$(cat $f 2>/dev/null)" = 0 ] && echo 1 >$f 2>/dev/null
	done
}
# wait_cpus N SECONDS: until N CPUs are online.
wait_cpus() {
	n=0
	while [ "$(online_count)" != "$1" ] && [ $n -lt $(($2 * 5)) ]; do
		online_all
		sleep 0.2
		n=$((n + 1))
	done
	[ "$(online_count)" = "$1" ]
}

res realtime_start "$(date +%s)"
res cpu_flags "$(sed -n 's/^flags[^:]*: //p' /proc/cpuinfo | head -n 1 | tr ' ' ,)"
res boot_cpus "$(online_count)"
res possible_cpus "$(cat /sys/devices/system/cpu/possible)"

# The LDT rewritten under a thread using it, on both vCPUs, 5 times.
clean=0
for r in 1 2 3 4 5; do
	/bin/ldtrace >/tmp/ldtrace.out && clean=$((clean + 1))
done
cat /tmp/ldtrace.out
res ldtrace_clean_runs "$clean"

# User port access: granted by the kernel, refused by Xen in a domU.
/bin/iopriv
# perf's counters and sampling (software events; hardware ones need a vPMU).
/bin/perfcount

# vCPUs that were possible but offline since boot come up, all do the
# same floating-point work, then go away again.
say "ready for vcpu-set 8"
wait_cpus 8 300 || say "FAIL: $(online_count) cpus online, not 8"
res raised_cpus "$(online_count)"
/bin/fpusum
say "fpu done"
wait_cpus 2 300 || say "FAIL: $(online_count) cpus online, not 2"
res lowered_cpus "$(online_count)"
