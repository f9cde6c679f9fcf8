#!/usr/bin/env bash
# The stock kernel as a PVH dom0, the comparison for
# tests/39-port-pvh-dom0: Xen's dom0=pvh on QEMU's q35 with its emulated
# VT-d; blkback and netback for a PV domU (the devices scenario), dom0
# growing by 128 MiB, then a 2-vCPU PVH domU that reaches /init.
. "$(dirname "$0")/lib.sh"
boot_svm stock-pvh-dom0 --stock $PVH_DOM0_DEVICES_BOOT
rc=$?
check_pvh_dom0
check_devices
check_pvh_dom0_grew
[ "$rc" = 0 ] || fail "the boot with a PV domU reported problems (exit $rc)"
boot_svm stock-pvh-dom0-pvh --stock $PVH_DOM0_BOOT $PVH_ONLY_BOOT
rc=$?
check_pvh_dom0
check_container_boot PVH
[ "$rc" = 0 ] || fail "the boot with a PVH domU reported problems (exit $rc)"
