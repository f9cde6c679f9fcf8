#!/usr/bin/env bash
# measure.sh [ROUNDS]: time to /init of dom0 and of a PV domU, for this
# port and for stock, in the same run.  QEMU counts guest time in
# instructions (-icount), so the uptimes the two /init scripts print are
# virtual times that do not depend on how busy this machine is.  The
# memory each kernel leaves for use ("Memory: NK/MK available" at boot) is
# reported next to them, in KiB.
. "$(dirname "$0")/lib.sh"
rounds=${1:-1}
mkdir -p "$XENPV_CACHE/logs"
# avail LOG PREFIX: the KiB of memory a guest's kernel reported available.
avail() {
	sed -n "s/^$2\(([a-z]*) \)\?\(\[ *[0-9.]*\] \)\?Memory: \([0-9]*\)K\/.*/\3/p" "$1" | head -n 1
}
printf '%-6s %-5s %12s %12s %15s %15s\n' variant round dom0_init_s domU_init_s \
	dom0_avail_kib domU_avail_kib
for r in $(seq 1 "$rounds"); do
	for v in stock port; do
		log=$XENPV_CACHE/logs/measure-$v-$r.log
		XENPV_LOG=$log "$XENPV_REPO/harness/boot.sh" $(variant_flag "$v") --icount \
			--stage-budget 600 --total 1800 >/dev/null 2>&1
		d0=$(sed -n 's/^xenpv-harness: dom0 \/init (uptime \([0-9.]*\) s).*/\1/p' "$log")
		du=$(sed -n 's/^\[domU\] xenpv-harness: domU \/init (uptime \([0-9.]*\) s).*/\1/p' "$log")
		m0=$(avail "$log" "")
		mu=$(avail "$log" "\[domU\] ")
		printf '%-6s %-5s %12s %12s %15s %15s\n' "$v" "$r" "${d0:-none}" "${du:-none}" \
			"${m0:-none}" "${mu:-none}"
	done
done
