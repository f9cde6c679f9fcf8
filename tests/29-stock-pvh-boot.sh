#!/usr/bin/env bash
# The stock kernel as a 2-vCPU PVH domU (issue 16), the comparison for
# tests/39-port-pvh-boot: the bzImage that is the PV dom0 boots as a PVH
# guest on a CPU model where Xen has HVM support, reaches /init with both
# vCPUs online, writes and reads back 64 MiB on each of two blkfront
# disks, sends 32 MiB each way over netfront and powers off.
. "$(dirname "$0")/lib.sh"
boot_svm stock-pvh-boot --stock $PVH_ONLY_BOOT $DEVICES_ONCE_BOOT
rc=$?
check_container_once PVH
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
