#!/usr/bin/env bash
# Disks and network (issue 13) on the stock port, the comparison for
# tests/39-port-devices: the same domU, disks, bridge and transfers.
. "$(dirname "$0")/lib.sh"
boot_variant stock-devices --stock $DEVICES_BOOT
rc=$?
reached "scenario done" || fail "stock did not finish the devices scenario"
check_devices
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
