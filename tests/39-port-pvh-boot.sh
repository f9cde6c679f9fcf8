#!/usr/bin/env bash
# This port as a 2-vCPU PVH domU (issue 16): the test kernel, the PV
# dom0 of the same boot, starts through the PVH entry point, takes the
# port's PVH path (its marker on Xen's debug port), chooses PV
# spinlocks, binds vCPU 0's IPIs and lock kick as event channels, brings
# both vCPUs up, reaches /init, writes and reads back 64 MiB on each of
# two blkfront disks, sends 32 MiB each way over netfront and powers
# off.  Stock runs the same in tests/29.  The whole devices scenario (xl
# save, xl restore, xl reboot) as PVH is tests/39-port-pvh.
. "$(dirname "$0")/lib.sh"
boot_svm port-pvh-boot $PVH_ONLY_BOOT $DEVICES_ONCE_BOOT
rc=$?
check_port_container "a PVH"
check_container_once PVH
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
