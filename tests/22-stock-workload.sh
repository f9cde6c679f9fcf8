#!/usr/bin/env bash
# The workload and its checks, on the stock port: proves the checks in
# tests/lib.sh accept a correct PV guest.
. "$(dirname "$0")/lib.sh"
"$XENPV" build --stock >/dev/null || fail "the stock kernel does not build"
boot_report stock-workload --stock --scenario workload
rc=$?
[ -f "$REPORT" ] || fail "no stage report"
check_workload
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
