#!/bin/sh
# bench, dom0's side: once the domU's microbench is done, stop xentrace
# and print what Xen traced between its markers (harness/guest/
# tracecount.c), one "xenpv-trace:" line per benchmark; and dom0's
# memory (alone when the run is untraced).
log=$1
# A look greps the whole log in a new process: seldom, since dom0's work
# counts in the time of the benchmark running meanwhile (-icount).
n=0
until grep -q 'xenpv-result: bench=' "$log" 2>/dev/null; do
	n=$((n + 1))
	[ $n -gt 300 ] && break
	sleep 5
done
# Untraced (harness_bench_trace=0), bench-prepare.sh started no xentrace.
traced=no
[ -f /tmp/xentrace.pid ] && traced=yes
if [ $traced = yes ]; then
	kill -INT "$(cat /tmp/xentrace.pid)"
	n=0
	while kill -0 "$(cat /tmp/xentrace.pid)" 2>/dev/null && [ $n -lt 100 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	echo "xenpv-result: trace_bytes=$(wc -c </tmp/bench.trace)"
fi
echo "xenpv-result: dom0_mem_total_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)"
echo "xenpv-result: dom0_mem_available_kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)"
# Free, but on the per-CPU lists (see the domU's bench.sh).
echo "xenpv-result: dom0_pcp_free_kb=$(awk '$1 == "count:" { n += $2 } END { print n * 4 }' /proc/zoneinfo)"
[ $traced = no ] || tracecount /tmp/bench.trace
