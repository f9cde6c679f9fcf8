#!/usr/bin/env bash
# The stock kernel as a 2-vCPU HVM domU with PV drivers (issue 16), the
# comparison for tests/39-port-hvm: the bzImage that is the PV dom0 boots
# through hvmloader and SeaBIOS from Xen's device model, finds Xen, has
# the emulated disks and NICs unplugged and runs the devices scenario on
# blkfront and netfront, "xl save"/"xl restore" and "xl reboot"
# included, then powers off.
. "$(dirname "$0")/lib.sh"
boot_svm stock-hvm --stock $HVM_BOOT
rc=$?
reached "scenario done" || fail "stock did not finish the devices scenario as HVM"
check_container_devices HVM
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
