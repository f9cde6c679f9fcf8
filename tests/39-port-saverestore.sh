#!/usr/bin/env bash
# Save and restore (issue 15): dom0 saves the 2-vCPU domU to a file with
# "xl save" and restores it with "xl restore", 3 times, then makes a save
# fail half way (a full file system), after which xl resumes the domU in
# place (its suspend returns "cancelled").  vCPU 1 is offline across the
# second save and is brought back online after the restore, which never
# knew it.  After each resume the domU
# finds its 64 MiB of data with the same checksum, its background process
# alive, /proc/uptime, the kernel log's timestamps and steal time not
# gone back, and a 100 ms sleep on each vCPU (its timer and IPIs bound
# again) taking less than a second; then it powers off cleanly.  Stock
# runs the same in tests/25 (its domU once halted instead of powering
# off at the end).
. "$(dirname "$0")/lib.sh"
boot_variant port-saverestore $SAVERESTORE_BOOT
rc=$?
check_saverestore
reached "scenario done" || fail "the port did not finish the saverestore scenario"
serial_has '^xenpv-harness: domU shut down: poweroff' ||
	fail "the domU did not power off after its resumes"
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
