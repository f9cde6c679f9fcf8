#!/usr/bin/env bash
# The stock kernel as a 2-vCPU HVM domU with PV drivers (issue 16), the
# comparison for tests/39-port-hvm-boot: the bzImage that is the PV dom0
# is booted by hvmloader and SeaBIOS from Xen's device model, finds Xen,
# reaches /init with both vCPUs online, writes and reads back 64 MiB on
# each of two blkfront disks, sends 32 MiB each way over netfront, takes
# vCPU 1 offline and back, follows xl mem-set, kexecs into the same
# kernel, which finds its disks and network again, and powers off.
. "$(dirname "$0")/lib.sh"
boot_svm stock-hvm-boot --stock $HVM_ONLY_BOOT $DEVICES_ONCE_BOOT $HVM_KEXEC
rc=$?
check_container_once HVM
check_hvm_kexec
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
