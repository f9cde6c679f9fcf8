#!/usr/bin/env bash
# This port as a 2-vCPU HVM domU with PV drivers (issue 16): the test
# kernel, the PV dom0 of the same boot, is booted by hvmloader and
# SeaBIOS from Xen's device model (xl.cfg type = "hvm"), finds Xen
# through CPUID (the port's marker on Xen's debug port), asks the device
# model to unplug the emulated IDE disks and NICs, chooses PV spinlocks,
# binds vCPU 0's IPIs and lock kick as event channels, brings both vCPUs
# up, reaches /init, writes and reads back 64 MiB on each of two
# blkfront disks, sends 32 MiB each way over netfront, takes vCPU 1
# offline and back, follows xl mem-set down and up, then kexecs into the
# same kernel after Xen's soft reset, which finds both disks' data and
# dom0 over netfront again and powers off.
# Stock runs the same in tests/29.  The whole devices scenario (xl save,
# xl restore, xl reboot) as HVM is tests/39-port-hvm.
. "$(dirname "$0")/lib.sh"
boot_svm port-hvm-boot $HVM_ONLY_BOOT $DEVICES_ONCE_BOOT $HVM_KEXEC
rc=$?
check_port_container "an HVM"
serial_has '^\(d[1-9][0-9]*\) xenpv: emulated devices unplugged: IDE disks NICs' ||
	fail "the port did not unplug the emulated disks and NICs"
check_container_once HVM
check_hvm_kexec
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
