#!/usr/bin/env bash
# Memory (issue 14), this port in dom0 and in the domU: a domU with 256
# MiB and maxmem 1024 ballooned to 128, 256, 1024 and 256 MiB, then swung
# 20 times, then given a target Xen cannot meet, a process keeping 48 MiB
# intact throughout; dom0 (dom0_mem=768M,max:1024M) ballooned to 640 MiB
# and to 1024.  dom0 keeps every frame Xen gave it: those it gave back
# under the holes of the machine map it populates again above its RAM,
# so that once booted it has at least the MemTotal stock's dom0 had in
# the same run (tests/27, which runs the same scenario).
. "$(dirname "$0")/lib.sh"
boot_variant port-memory $MEMORY_BOOT
rc=$?
reached "scenario done" || fail "the port did not finish the memory scenario"
check_memory 128:256:1024:256 1 1 1024
line=$(grep -aoE 'xenpv: memory: [0-9]+ frames under holes of the memory map given back to Xen, [0-9]+ populated again' "$SERIAL" | head -n 1)
[ -n "$line" ] || fail "dom0 did not report the frames under the holes of its memory map"
set -- $(echo "$line" | grep -oE '[0-9]+')
[ "$1" -gt 0 ] && [ "$1" = "$2" ] || fail "dom0 lost frames: $line"
echo "$line"
stock_log=$TEST_LOGS/stock-memory.log
[ -f "$stock_log.report.json" ] || fail "no stock memory log $stock_log (tests/27 runs first)"
ours=$(dom0_result dom0_mem_start_kb)
theirs=$(dom0_result_of "$stock_log" dom0_mem_start_kb)
echo "dom0 MemTotal after boot: port $ours kB, stock $theirs kB"
[ -n "$ours" ] && [ -n "$theirs" ] && [ "$ours" -ge "$theirs" ] ||
	fail "dom0 has less memory after boot than stock's (port '$ours' kB, stock '$theirs' kB)"
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
