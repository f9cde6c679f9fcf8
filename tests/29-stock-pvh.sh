#!/usr/bin/env bash
# The stock kernel as a PVH domU (issue 16), the comparison for
# tests/39-port-pvh: the same bzImage that is the PV dom0 boots as a
# 2-vCPU PVH guest, on a CPU model where Xen has HVM support, and runs the
# devices scenario (two disks, a vif, "xl save" and "xl restore", "xl
# reboot", power off).
. "$(dirname "$0")/lib.sh"
boot_svm stock-pvh --stock $PVH_BOOT
rc=$?
reached "scenario done" || fail "stock did not finish the devices scenario as PVH"
check_container_devices PVH
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
