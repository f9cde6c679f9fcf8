#!/usr/bin/env bash
# The port's KUnit suites (xenpv_kunit.c) pass in dom0 and in the domU.
# Each console's KTAP is read by the kernel's own parser (kunit.py parse);
# each case is reported to the runner, which counts it like a test.
. "$(dirname "$0")/lib.sh"
boot_variant port-kunit
reached "domU /init" || fail "the domU did not boot, so its KUnit results are missing"
kunit=$XENPV_CACHE/port/src/tools/testing/kunit/kunit.py
[ -f "$kunit" ] || fail "no kunit.py in the kernel tree ($kunit)"
subtests=$TEST_LOGS/$TEST_NAME.subtests
: >"$subtests"
for guest in dom0 domU; do
	ktap=$TEST_LOGS/$TEST_NAME.$guest.ktap
	# The domU's console lines carry dom0's "[domU] " prefix.
	if [ "$guest" = dom0 ]; then
		grep -v '^\[domU\] ' "$SERIAL"
	else
		sed -n 's/^\[domU\] //p' "$SERIAL"
	fi | tr -d '\r' >"$ktap"
	python3 "$kunit" parse --json="$ktap.json" "$ktap" >"$ktap.parsed" 2>&1
	[ -s "$ktap.json" ] || fail "kunit.py parse read nothing from $guest's console ($ktap.parsed)"
	python3 - "$ktap.json" "$guest" >>"$subtests" <<-'PY'
		import json, sys
		verdicts = {"PASS": "pass", "SKIP": "skip"}
		def walk(group, path):
		    for sub in group["sub_groups"]:
		        walk(sub, path + [sub["name"]])
		    if path and path[0].startswith("xenpv_"):
		        for case in group["test_cases"]:
		            print(verdicts.get(case["status"], "fail"),
		                  "/".join(["kunit", sys.argv[2]] + path + [case["name"]]))
		walk(json.load(open(sys.argv[1])), [])
	PY
done
cat "$subtests"
for guest in dom0 domU; do
	grep -q "kunit/$guest/" "$subtests" || fail "no KUnit results from $guest"
done
! grep -q '^fail ' "$subtests" || fail "KUnit cases failed (above)"
