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
boot_svm port-pvh $PVH_BOOT
rc=$?
check_port_container "a PVH"
reached "scenario done" || fail "the port did not finish the devices scenario as PVH"
check_container_devices PVH
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
