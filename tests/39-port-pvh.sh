#!/usr/bin/env bash
# This port as a PVH domU (issue 16): the test kernel, the PV dom0 of the
# same boot, starts through the PVH entry point as a 2-vCPU guest (xl.cfg
# type = "pvh"; QEMU emulates AMD SVM with nested paging, so Xen offers
# HVM containers), takes the port's PVH path (its marker on Xen's debug
# port), and runs the devices scenario: 64 MiB checksummed on each of two
# blkfront disks, 32 MiB each way over netfront, "xl save" and "xl
# restore", "xl reboot" (carried out by the restored domain), the data
# again, power off.  Stock runs the same in tests/29.
. "$(dirname "$0")/lib.sh"
svm_devices_tests_wanted
boot_svm port-pvh $PVH_BOOT
rc=$?
reached "domU entered the port" || fail "the PVH domU never printed the port's PVH marker"
serial_has '^\(d[1-9][0-9]*\) xenpv: Xen PV port entered as a PVH domU' ||
	fail "the domU did not take the port's PVH path"
reached "scenario done" || fail "the port did not finish the devices scenario as PVH"
check_pvh
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
