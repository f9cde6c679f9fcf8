#!/usr/bin/env bash
# This port as a PVH dom0 (issue 16): Xen's dom0=pvh on QEMU's q35 with
# its emulated VT-d.  The port takes its PVH dom0 path, starts the
# toolstack and runs blkback and netback for a PV domU (the devices
# scenario: 2 disks x 64 MiB checksummed across "xl reboot", 32 MiB each
# way over TCP) whose grants it maps in the machine's RAM ranges Xen
# left unpopulated, grows by 128 MiB, then starts a 2-vCPU PVH domU that
# reaches /init.  Stock runs the same in tests/29-stock-pvh-dom0.
. "$(dirname "$0")/lib.sh"
boot_svm port-pvh-dom0 $PVH_DOM0_DEVICES_BOOT
rc=$?
serial_has '^xenpv: Xen PV port entered as a PVH dom0' ||
	fail "dom0 did not take the port's PVH dom0 path"
check_pvh_dom0
check_devices
check_pvh_dom0_grew
kept=$(sed -n 's/^xenpv: PVH dom0: \([0-9]*\) MiB of RAM ranges Xen left unpopulated kept.*/\1/p' "$SERIAL")
[ "${kept:-0}" -gt 0 ] || fail "the PVH dom0 kept none of the RAM ranges Xen left unpopulated ('$kept')"
[ "$(dom0_result dom0_xen_scratch)" = 0 ] ||
	fail "grant mappings took $(dom0_result dom0_xen_scratch) ranges of free iomem space, not the kept RAM ranges"
echo "PVH dom0: $kept MiB of unpopulated RAM ranges for the backends' mappings (no iomem range taken); grew by 128 MiB"
[ "$rc" = 0 ] || fail "the boot with a PV domU reported problems (exit $rc)"
boot_svm port-pvh-dom0-pvh $PVH_DOM0_BOOT $PVH_ONLY_BOOT
rc=$?
check_pvh_dom0
check_port_container "a PVH"
check_container_boot PVH
[ "$rc" = 0 ] || fail "the boot with a PVH domU reported problems (exit $rc)"
