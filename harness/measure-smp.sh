#!/usr/bin/env bash
# measure-smp.sh [ROUNDS] [SECONDS]: SMP throughput of a 4-vCPU PV domU,
# stock and port in the same run, each kind of work measured alone.
# Each round boots both with QEMU's -icount, so the domU's clock counts
# instructions; the domU runs smpstress (harness/guest/smpstress.c) three
# times, SECONDS of guest time each (default 10): TLB-shootdown rounds,
# then futex lock increments, then pipe-ring hops.  The counts are work
# per unit of virtual time; the last lines are port/stock of the medians.
# About 10 minutes a round.
. "$(dirname "$0")/lib.sh"
help_or_args "$0" 2 "$@"
rounds=$(positive_int ROUNDS "${1-1}") || exit 1
seconds=$(positive_int SECONDS "${2-10}") || exit 1
mkdir -p "$XENPV_CACHE/logs"
build_both
parts=(smp_tlb_rounds smp_lock_increments smp_pipe_hops)
declare -A got
printf '%-6s %-5s %14s %14s %14s %10s\n' variant round tlb_rounds lock_incs pipe_hops result
for r in $(seq 1 "$rounds"); do
	for v in stock port; do
		log=$XENPV_CACHE/logs/measure-smp-$v-$r.log
		XENPV_LOG=$log "$XENPV_REPO/harness/boot.sh" $(variant_flag "$v") --icount \
			--domu-vcpus 4 --scenario smpbench --domu-args "smp_seconds=$seconds" \
			--stage-budget 900 --scenario-budget 2400 --total 3600 \
			--domu-timeout 3000 >/dev/null 2>&1
		get() { python3 "$XENPV_REPO/harness/report.py" "$log.report.json" result domU "$1"; }
		row=()
		for p in "${parts[@]}"; do
			n=$(get "$p") || n=-
			row+=("$n")
			got[$v,$p]="${got[$v,$p]:-} $n"
		done
		printf '%-6s %-5s %14s %14s %14s %10s\n' "$v" "$r" "${row[@]}" "$(get smpbench || echo none)"
	done
done
# port/stock of the medians over the rounds, per kind of work
for p in "${parts[@]}"; do
	python3 - "$p" "${got[stock,$p]}" "${got[port,$p]}" <<'PY'
import statistics, sys
name, stock, port = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
s = [int(x) for x in stock if x.isdigit()]
p = [int(x) for x in port if x.isdigit()]
if s and p and statistics.median(s):
    print(f"{name}: port/stock {statistics.median(p) / statistics.median(s):.2f}"
          f" (medians {statistics.median(p):.0f} / {statistics.median(s):.0f})")
else:
    print(f"{name}: no ratio (a boot gave no count)")
PY
done
