#!/bin/sh
# bench, before the domU is created: dom0's vCPU on physical CPU 0, the
# domU's vCPU 0 (where the benchmarks run) on CPU 1 and its vCPU 1 on CPU 0
# (the configuration line is printed), and xentrace recording the PV
# hypercall class of CPU 1 only, so that every record in the trace is the
# domU's vCPU 0; no xentrace with harness_bench_trace=0.
set -e
xl vcpu-pin 0 all 0 >&2
start_xentrace() {
	xentrace -S 512 -c 0x2 -e 0x0020f000 /tmp/bench.trace >/tmp/xentrace.log 2>&1 &
	echo $! >/tmp/xentrace.pid
	# xentrace has set its buffers up and enabled tracing once its log is
	# quiet and the file exists.
	n=0
	while [ ! -e /tmp/bench.trace ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
	[ -e /tmp/bench.trace ] || { cat /tmp/xentrace.log >&2; exit 1; }
}
[ "${harness_bench_trace-1}" = 0 ] || start_xentrace
echo 'cpus = ["1", "0"]'
