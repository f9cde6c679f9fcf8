#!/usr/bin/env bash
# A PV domU on the port runs real work (harness/guest/workload.c): 1,000
# fork+exit, 200 fork+exec, 64 MiB mmap/touch/checksum/munmap, 10,000
# pipe round trips, a 2 s sleep within 5% of the wallclock, a wallclock
# matching dom0's, and a clean poweroff; no problem on either console.
. "$(dirname "$0")/lib.sh"
"$XENPV" build >/dev/null || fail "the port does not build"
boot_report port-workload --scenario workload
rc=$?
[ -f "$REPORT" ] || fail "no stage report"
check_workload
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
