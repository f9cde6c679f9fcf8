#!/usr/bin/env bash
# measure.sh [ROUNDS]: stock and this port side by side, in the same run.
# Each round boots both with the domU running the workload scenario and
# reports, per kernel: the uptime at dom0's and the domU's /init, the
# memory each kernel left for use ("Memory: NK/MK available", in KiB),
# and how long the domU's workload parts took (harness/guest/workload.c).
# QEMU counts guest time in instructions (-icount), so these are virtual
# times that do not depend on how busy this machine is.  The last lines
# give port / stock for each column, over all rounds.
. "$(dirname "$0")/lib.sh"
help_or_args "$0" 1 "$@"
rounds=$(positive_int ROUNDS "${1-1}") || exit 1
mkdir -p "$XENPV_CACHE/logs"
build_both
columns="dom0_init_s domU_init_s dom0_avail_kib domU_avail_kib forks_ms execs_ms touch_ms pipe_ms"

# avail LOG PREFIX: the KiB of memory a guest's kernel reported available.
avail() {
	sed -n "s/^$2\(([a-z]*) \)\?\(\[ *[0-9.]*\] \)\?Memory: \([0-9]*\)K\/.*/\3/p" "$1" | head -n 1
}

# uptime_at_init LOG PREFIX GUEST: the uptime its /init script printed.
uptime_at_init() {
	sed -n "s/^$1xenpv-harness: $2 \/init (uptime \([0-9.]*\) s).*/\1/p" "$3" | head -n 1
}

# part LOG NAME: a duration the domU's workload reported.
part() {
	python3 "$XENPV_REPO/harness/report.py" "$1.report.json" result domU "$2"
}

# measure_one VARIANT ROUND: boot once, print one row of the table.
measure_one() {
	local v=$1 r=$2 log=$XENPV_CACHE/logs/measure-$1-$2.log
	XENPV_LOG=$log "$XENPV_REPO/harness/boot.sh" $(variant_flag "$v") --icount \
		--scenario workload --stage-budget 600 --total 2400 >/dev/null 2>&1
	printf '%-6s %-5s' "$v" "$r"
	for value in "$(uptime_at_init "" dom0 "$log")" \
		"$(uptime_at_init '\[domU\] ' domU "$log")" \
		"$(avail "$log" "")" "$(avail "$log" '\[domU\] ')" \
		"$(part "$log" forks_ms)" "$(part "$log" execs_ms)" \
		"$(part "$log" touch_ms)" "$(part "$log" pipe_ms)"; do
		printf ' %14s' "${value:-none}"
	done
	printf '\n'
}

table=$XENPV_CACHE/logs/measure.table
{
	printf '%-6s %-5s' variant round
	for c in $columns; do printf ' %14s' "$c"; done
	printf '\n'
	for r in $(seq 1 "$rounds"); do
		measure_one stock "$r"
		measure_one port "$r"
	done
} | tee "$table"
# port / stock of each column's sums; "none" when either side is missing.
awk -v cols="$columns" '
	NR == 1 { next }
	{ for (i = 3; i <= NF; i++) { if ($i == "none") bad[i] = 1; sum[$1, i] += $i } }
	END {
		n = split(cols, name, " ")
		for (i = 1; i <= n; i++) {
			s = sum["stock", i + 2]; p = sum["port", i + 2]
			if (bad[i + 2] || s == 0) printf "port/stock %-14s none\n", name[i]
			else printf "port/stock %-14s %.3f\n", name[i], p / s
		}
	}' "$table"
