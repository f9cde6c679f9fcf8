#!/usr/bin/env bash
# Save and restore (issue 15): dom0 saves the domU (2 of 4 possible
# vCPUs, 320 MiB) to a file with "xl save" and restores it with "xl
# restore", 10 times, then makes a save fail half way (a full file
# system), after which xl resumes the domU in place (its suspend returns
# "cancelled").  vCPU 1 is offline across the second save and is brought
# back online after the restore, which never knew it.  After each resume
# the domU finds its 128 MiB of data in memory and 16 MiB on its disk
# (blkback, an image file) with the same checksums, its background
# process alive, /proc/uptime, the kernel log's timestamps and steal time
# not gone back, and a 100 ms sleep on each vCPU (its timer and IPIs
# bound again) taking less than a second; it pings dom0 and sends it
# 4 MiB over TCP (its vif on dom0's bridge), which dom0 receives intact;
# "xl vcpu-set" takes it to 4 vCPUs and back to 2.  Then it powers off
# cleanly.  Stock runs the same with 3 saves in tests/25 (its domU once
# halted instead of powering off at the end).
. "$(dirname "$0")/lib.sh"
boot_variant port-saverestore $(saverestore_boot 10)
rc=$?
check_saverestore 10
reached "scenario done" || fail "the port did not finish the saverestore scenario"
serial_has '^xenpv-harness: domU shut down: poweroff' ||
	fail "the domU did not power off after its resumes"
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
