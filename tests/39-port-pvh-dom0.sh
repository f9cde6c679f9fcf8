#!/usr/bin/env bash
# This port as a PVH dom0 (issue 16): Xen's dom0=pvh on QEMU's q35 with
# its emulated VT-d.  The port takes its PVH dom0 path, starts the
# toolstack and runs blkback and netback for a PV domU (the devices
# scenario: 2 disks x 64 MiB checksummed across "xl reboot", 32 MiB each
# way over TCP), takes the RAM ranges Xen left unpopulated as balloon
# room and grows by 128 MiB, then starts a 2-vCPU PVH domU that reaches
# /init.  Stock runs the same in tests/29-stock-pvh-dom0.
. "$(dirname "$0")/lib.sh"
boot_svm port-pvh-dom0 $PVH_DOM0_DEVICES_BOOT
rc=$?
serial_has '^xenpv: Xen PV port entered as a PVH dom0' ||
	fail "dom0 did not take the port's PVH dom0 path"
check_pvh_dom0
check_devices
check_pvh_dom0_grew
room=$(sed -n 's/^xenpv: PVH dom0: \([0-9]*\) MiB of unpopulated RAM ranges as balloon room.*/\1/p' "$SERIAL")
[ "${room:-0}" -gt 0 ] || fail "the PVH dom0 took no balloon room from Xen's unpopulated ranges ('$room')"
echo "PVH dom0: $room MiB of balloon room; grew by 128 MiB"
[ "$rc" = 0 ] || fail "the boot with a PV domU reported problems (exit $rc)"
boot_svm port-pvh-dom0-pvh $PVH_DOM0_BOOT $PVH_ONLY_BOOT
rc=$?
check_pvh_dom0
check_port_container "a PVH"
check_container_boot PVH
[ "$rc" = 0 ] || fail "the boot with a PVH domU reported problems (exit $rc)"
