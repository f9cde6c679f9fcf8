#!/usr/bin/env bash
# Save and restore (issue 15) on the stock port, the comparison for
# tests/39-port-saverestore: dom0 saves the 2-vCPU domU to a file with
# "xl save" and restores it with "xl restore", 3 times, then fails a save
# half way, and the domU checks after each resume that nothing it had was
# lost.
. "$(dirname "$0")/lib.sh"
boot_variant stock-saverestore --stock $SAVERESTORE_BOOT
rc=$?
check_saverestore
# Stock's domU has halted instead of powering off after the failed save
# ("Power off not available: System halted instead"), in one run of two;
# dom0 then destroys it.  Printed for the comparison, not failed: the
# port's test requires the power-off.
if serial_has '^xenpv-harness: domU shut down: poweroff'; then
	echo "stock: the domU powered off after its resumes"
else
	echo "stock: the domU did not power off after its resumes:" \
		"$(grep -a 'Power off not available\|still there after' "$SERIAL" | tr -d '\r' | tr '\n' ' ')"
fi
reached "host powered off" || fail "stock did not power the host off"
