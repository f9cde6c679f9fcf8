#!/usr/bin/env bash
# The workload and its checks, on the stock port: proves the checks in
# tests/lib.sh accept a correct PV guest.
. "$(dirname "$0")/lib.sh"
boot_variant stock-workload --stock --scenario workload
rc=$?
check_workload
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
