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
# MSRs through /dev/cpu/N/msr: values or errors, never a crash.
modprobe msr && /bin/msrprobe || say "FAIL: no /dev/cpu/0/msr"

# vCPUs that were possible but offline since boot come up, all do the
# same floating-point work, then go away again.
say "ready for vcpu-set 8"
wait_cpus 8 300 || say "FAIL: $(online_count) cpus online, not 8"
res raised_cpus "$(online_count)"
/bin/fpusum
# TLS slots cleared under a loaded selector on all 8 vCPUs at once (more
# than the machine's CPUs, so Xen deschedules them in the middle).
/bin/tlsrace
say "fpu done"
wait_cpus 2 300 || say "FAIL: $(online_count) cpus online, not 2"
res lowered_cpus "$(online_count)"

# Memory handed back to Xen and taken again (the balloon driver; dom0 runs
# "xl mem-set"), with 32 MiB of data kept across both, 24 MiB touched
# at the low point and 96 MiB after.
memtotal() { sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo; }
# wait_mem below|above KB SECONDS: until MemTotal is below or above KB.
wait_mem() {
	n=0
	while [ $n -lt $(($3 * 5)) ]; do
		m=$(memtotal)
		[ "$1" = below ] && [ "$m" -lt "$2" ] && return 0
		[ "$1" = above ] && [ "$m" -gt "$2" ] && return 0
		sleep 0.2
		n=$((n + 1))
	done
	return 1
}
dd if=/dev/urandom of=/tmp/keep bs=1M count=32 2>/dev/null
sum=$(md5sum </tmp/keep)
start=$(memtotal)
res mem_start_kb "$start"
say "ready for mem-set"
wait_mem below $((start - 65536)) 300 || say "FAIL: MemTotal $(memtotal) kB did not drop by 64 MiB"
res mem_low_kb "$(memtotal)"
dd if=/dev/zero of=/dev/null bs=24M count=1 2>/dev/null && res mem_low_touch ok
say "ballooned down"
wait_mem above $((start - 8192)) 300 || say "FAIL: MemTotal $(memtotal) kB did not come back"
res mem_back_kb "$(memtotal)"
dd if=/dev/zero of=/dev/null bs=96M count=1 2>/dev/null && res mem_back_touch ok
[ "$(md5sum </tmp/keep)" = "$sum" ] && res mem_kept ok
