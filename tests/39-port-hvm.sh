#!/usr/bin/env bash
# This port as a 2-vCPU HVM domU with PV drivers (issue 16): the test
# kernel, the PV dom0 of the same boot, is booted by hvmloader and SeaBIOS
# from Xen's device model (xl.cfg type = "hvm"), finds Xen through CPUID
# (its marker on Xen's debug port), asks the device model to unplug the
# emulated IDE disks and NICs, chooses PV spinlocks, and runs the devices
# scenario: 64 MiB checksummed on each of two blkfront disks, 32 MiB each
# way over netfront, "xl save" and "xl restore", "xl reboot" (carried
# out by the restored domain), the data again, power off.  Stock runs
# the same in tests/29-stock-hvm.
. "$(dirname "$0")/lib.sh"
boot_svm port-hvm $HVM_BOOT
rc=$?
check_port_container "an HVM"
serial_has '^\(d[1-9][0-9]*\) xenpv: emulated devices unplugged: IDE disks NICs' ||
	fail "the port did not unplug the emulated disks and NICs"
reached "scenario done" || fail "the port did not finish the devices scenario as HVM"
check_container_devices HVM
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
