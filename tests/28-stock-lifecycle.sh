#!/usr/bin/env bash
# A domU's life on a host (issue 13) with the stock port, the comparison
# for tests/39-port-lifecycle: the same grants, two domUs, pause, console,
# shutdown, destroy and restart.
. "$(dirname "$0")/lib.sh"
boot_variant stock-lifecycle --stock $LIFECYCLE_BOOT
rc=$?
reached "scenario done" || fail "stock did not finish the lifecycle scenario"
check_lifecycle
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
