#!/usr/bin/env bash
# The port's KUnit suites (xenpv_kunit.c) pass in dom0 and in the domU.
# Each case is reported to the runner, which counts it like a test.
. "$(dirname "$0")/lib.sh"
boot_variant port-kunit
reached "domU /init" || fail "the domU did not boot, so its KUnit results are missing"
subtests=$TEST_LOGS/$TEST_NAME.subtests
# KTAP: "# Subtest: SUITE", then "    ok N CASE" or "    not ok N CASE";
# the domU's lines carry dom0's "[domU] " prefix.
awk '
	{ guest = sub(/^\[domU\] /, "") ? "domU" : "dom0" }
	/^ *# Subtest: xenpv_/ { suite[guest] = $3; next }
	suite[guest] != "" && /^    (not )?ok [0-9]+ / {
		verdict = ($1 == "not") ? "fail" : "pass"
		name = ($1 == "not") ? $4 : $3
		if ($0 ~ /# SKIP/) verdict = "skip"
		print verdict, "kunit/" guest "/" suite[guest] "/" name
	}
	/^ok [0-9]+ |^not ok [0-9]+ / { suite[guest] = "" }
' "$SERIAL" >"$subtests"
cat "$subtests"
for guest in dom0 domU; do
	grep -q "kunit/$guest/" "$subtests" || fail "no KUnit results from $guest"
done
! grep -q '^fail ' "$subtests" || fail "KUnit cases failed (above)"
