#!/usr/bin/env bash
# bench.sh [--untraced] [ROUNDS]: the microbenchmarks of harness/guest/microbench.c
# (null syscall, fork+exit, fork+exec, pipe context switch, page faults,
# mprotect, munmap and mremap of 64 MiB, TLB shootdowns) in a 2-vCPU
# domU, stock and this port in the same run, same Xen, QEMU and test
# configuration (Debian's options).  Each boot runs under QEMU's -icount,
# so times are virtual; dom0 records the hypercalls of the domU's vCPU 0,
# where the benchmarks run, with xentrace and counts them per benchmark
# (harness/guest/tracecount.c).  Writes $XENPV_CACHE/bench/bench.txt (the
# table, also printed, with each domain's time to /init and memory),
# bench.png (port/stock per benchmark) and the boot logs, replacing the
# last run's.  About 5 minutes a round; with dom0 quiet and the domU's
# address-space layout fixed, rounds agree to under 1%.
# --untraced: no xentrace, so no hypercall counts, and times without the
# tracer's own cost (Xen writing a record per hypercall and trapped
# write, dom0 copying them out: up to a fifth of a long benchmark's
# virtual time); written to $XENPV_CACHE/bench-untraced instead.
. "$(dirname "$0")/lib.sh"
help_or_args "$0" 2 "$@"
trace=1 out=$XENPV_CACHE/bench
if [ "${1-}" = --untraced ]; then
	trace=0 out=$XENPV_CACHE/bench-untraced
	shift
fi
[ $# -le 1 ] || die "bench: the arguments are [--untraced] [ROUNDS], in that order, not '$*'"
rounds=$(positive_int ROUNDS "${1-1}") || exit 1
need_cmd gnuplot gnuplot-nox
mkdir -p "$out"
# A longer earlier run's logs would sit next to this one's as if current.
rm -f "$out"/bench-*.log "$out"/bench-*.log.report "$out"/bench-*.log.report.json
build_both

logs_stock=() logs_port=()
for r in $(seq 1 "$rounds"); do
	for v in stock port; do
		log=$out/bench-$v-$r.log
		note "round $r: $v"
		bench_boot "$v" "$trace" "$log" ||
			note "the $v boot of round $r reported problems (log: $log)"
		grep -q '^\[domU\] xenpv-result: bench=done' "$log" ||
			die "the $v benchmarks did not finish (log: $log)"
		[ "$trace" = 0 ] || grep -q '^xenpv-trace: [0-9]' "$log" ||
			die "dom0 printed no hypercall counts in the $v boot (log: $log)"
		if [ "$v" = stock ]; then logs_stock+=("$log"); else logs_port+=("$log"); fi
	done
done
python3 "$XENPV_REPO/harness/bench_report.py" "$out" "${logs_stock[@]}" -- "${logs_port[@]}" ||
	die "no report (logs in $out)"
note "table: $out/bench.txt, plot: $out/bench.png"
