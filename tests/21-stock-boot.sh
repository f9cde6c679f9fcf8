#!/usr/bin/env bash
# The harness itself: Xen + the stock dom0 + a stock PV domU go through
# every stage of the report, and the domU scenario's results reach the
# serial log through dom0.  On an AMD-vendor CPU, as test 34.
. "$(dirname "$0")/lib.sh"
boot_variant stock-boot --stock --cpu-model "$AMD_CPU"
rc=$?
for stage in "Xen up" "dom0 banner" "dom0 /init" "toolstack up" "domU created" \
	"domU entered the port" "domU /init" "scenario done"; do
	reached "$stage" || fail "stock boot did not reach '$stage'"
done
[[ "$(result uname)" == 6.12.* ]] || fail "domU did not report its kernel version"
check_modules
check_xen_trace_events
check_compat32
serial_has '^xenpv-harness: domU shut down: poweroff' || fail "dom0 did not see a clean domU poweroff"
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
