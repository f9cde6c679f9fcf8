#!/usr/bin/env bash
# Disks and network of a domU on this port's dom0, this port in the domU
# too (issue 13): dom0 puts a raw image file (Xen's block script, a loop
# device) and a phy: loop device behind blkback and a vif on a bridge
# (Xen's vif-bridge); the domU writes 64 MiB of random data to each disk
# and reads it back past its page cache, pings dom0 and sends it 32 MiB
# over TCP while receiving 32 MiB from it; dom0 then reboots it with "xl
# reboot", and after the reboot both disks still hold the data.  Stock
# runs the same in tests/26.
. "$(dirname "$0")/lib.sh"
boot_variant port-devices $DEVICES_BOOT
rc=$?
reached "scenario done" || fail "the port did not finish the devices scenario"
check_devices
serial_has '^xenpv-harness: domU shut down: poweroff' ||
	fail "the domU did not power off after its reboot"
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
