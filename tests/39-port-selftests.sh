#!/usr/bin/env bash
# Linux's own x86 selftests on the port, as tests/24 ran them on stock in
# the same run: every selftest that passes under stock (exit 0, no [FAIL])
# passes here too, in dom0 and in the domU, and the boot shows no problem
# stock's did not show as well.  Prints both tables side by side.
. "$(dirname "$0")/lib.sh"
STOCK=$TEST_LOGS/stock-selftests.log
[ -f "$STOCK" ] || fail "no stock selftest log $STOCK (tests/24 runs first)"
boot_variant port-selftests $SELFTESTS_BOOT
check_selftests_ran
join <(selftest_table "$STOCK" | awk '{ print $1 "/" $2, $3, $4, $5, $6 }' | sort) \
	<(selftest_table "$SERIAL" | awk '{ print $1 "/" $2, $3, $4, $5, $6 }' | sort) |
	awk 'BEGIN { print "test stock:rc ok fail skip port:rc ok fail skip" } { print }' |
	column -t >"$TEST_LOGS/selftests-table.txt"
cat "$TEST_LOGS/selftests-table.txt"
bad=$(awk 'NR > 1 && $2 == 0 && $4 == 0 && ($6 != 0 || $8 != 0) { print $1 }' \
	"$TEST_LOGS/selftests-table.txt" | tr "\n" " ")
[ -z "$bad" ] || fail "pass under stock, not under the port: $bad"
missing=$(join -v1 <(selftest_table "$STOCK" | awk '{ print $1 "/" $2 }' | sort) \
	<(selftest_table "$SERIAL" | awk '{ print $1 "/" $2 }' | sort) | tr "\n" " ")
[ -z "$missing" ] || fail "ran under stock, not under the port: $missing"
new=$(comm -13 <(problems "$STOCK") <(problems "$SERIAL"))
[ -z "$new" ] || fail "problems stock did not show: $new"
reached "host powered off" || fail "the port did not power the host off"
