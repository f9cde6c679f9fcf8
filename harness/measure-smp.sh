#!/usr/bin/env bash
# measure-smp.sh [ROUNDS] [SECONDS]: SMP throughput of a 4-vCPU PV domU,
# stock and port in the same run.  Each round boots both with QEMU's
# -icount, so the domU's clock counts instructions and "SECONDS" of
# smpstress (harness/guest/smpstress.c) is the same amount of guest time
# for both: the counts it prints are work per unit of virtual time.
. "$(dirname "$0")/lib.sh"
rounds=${1:-1}
seconds=${2:-20}
mkdir -p "$XENPV_CACHE/logs"
build_both
printf '%-6s %-5s %14s %10s %10s %10s\n' variant round lock_incs tlb_rounds pipe_hops result
for r in $(seq 1 "$rounds"); do
	for v in stock port; do
		log=$XENPV_CACHE/logs/measure-smp-$v-$r.log
		XENPV_LOG=$log "$XENPV_REPO/harness/boot.sh" $(variant_flag "$v") --icount \
			--domu-vcpus 4 --scenario smpbench --domu-args "smp_seconds=$seconds" \
			--stage-budget 900 --scenario-budget 1800 --total 3600 \
			--domu-timeout 3000 >/dev/null 2>&1
		get() { python3 "$XENPV_REPO/harness/report.py" "$log.report.json" result domU "$1"; }
		printf '%-6s %-5s %14s %10s %10s %10s\n' "$v" "$r" "$(get smp_lock_increments)" \
			"$(get smp_tlb_rounds)" "$(get smp_pipe_hops)" "$(get smpstress)"
	done
done
