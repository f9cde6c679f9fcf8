#!/usr/bin/env bash
# measure.sh [ROUNDS]: time to /init of dom0 and of a PV domU, for this
# port and for stock, in the same run.  QEMU counts guest time in
# instructions (-icount), so the uptimes the two /init scripts print are
# virtual times that do not depend on how busy this machine is.
. "$(dirname "$0")/lib.sh"
rounds=${1:-1}
mkdir -p "$XENPV_CACHE/logs"
printf '%-6s %-5s %12s %12s\n' variant round dom0_init_s domU_init_s
for r in $(seq 1 "$rounds"); do
	for v in stock port; do
		log=$XENPV_CACHE/logs/measure-$v-$r.log
		XENPV_LOG=$log "$XENPV_REPO/harness/boot.sh" $(variant_flag "$v") --icount \
			--stage-budget 600 --total 1800 >/dev/null 2>&1
		d0=$(sed -n 's/^xenpv-harness: dom0 \/init (uptime \([0-9.]*\) s).*/\1/p' "$log")
		du=$(sed -n 's/^\[domU\] xenpv-harness: domU \/init (uptime \([0-9.]*\) s).*/\1/p' "$log")
		printf '%-6s %-5s %12s %12s\n' "$v" "$r" "${d0:-none}" "${du:-none}"
	done
done
