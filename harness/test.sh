#!/usr/bin/env bash
# test.sh [PATTERN]: run the tests in tests/ (all, or those whose name
# contains PATTERN) in order.  Each test's output goes to
# $XENPV_CACHE/test-logs/NAME.out; a failing test's last lines are shown.
# A test exits 0 (pass), 77 (skipped: something it needs is absent, and it
# says what) or anything else (fail).  A test that runs many cases (KUnit)
# also leaves $XENPV_CACHE/test-logs/NAME.subtests, one "pass|fail|skip
# CASE" per line; each case counts like a test.  The output is TAP
# (kselftest's format: a test's cases as an indented subtest list before
# its own line); the last line is the count.
. "$(dirname "$0")/lib.sh"
help_or_args "$0" 1 "$@"
set +e

pattern=${1:-}
logs=$XENPV_CACHE/test-logs
mkdir -p "$logs"
passed=0 failed=0 skipped=0

# report_subtests FILE: the cases of one test, as an indented TAP list.
report_subtests() {
	local verdict case n=0
	[ -s "$1" ] || return 0
	echo "    1..$(wc -l <"$1")"
	while read -r verdict case; do
		n=$((n + 1))
		case $verdict in
		pass) passed=$((passed + 1)); echo "    ok $n $case" ;;
		skip) skipped=$((skipped + 1)); echo "    ok $n $case # SKIP" ;;
		*) failed=$((failed + 1)); echo "    not ok $n $case" ;;
		esac
	done <"$1"
}

tests=()
for t in "$XENPV_REPO"/tests/[0-9]*.sh; do
	case "$(basename "$t" .sh)" in *"$pattern"*) tests+=("$t") ;; esac
done
# A name that matches nothing is a typo, not a passing run.
[ ${#tests[@]} -gt 0 ] || die "no test in tests/ has '$pattern' in its name"
echo "TAP version 13"
echo "1..${#tests[@]}"
n=0
for t in "${tests[@]}"; do
	name=$(basename "$t" .sh)
	n=$((n + 1))
	start=$(date +%s)
	rm -f "$logs/$name.subtests"
	timeout 3600 "$t" >"$logs/$name.out" 2>&1
	rc=$?
	report_subtests "$logs/$name.subtests"
	secs=$(($(date +%s) - start))
	case $rc in
	0) passed=$((passed + 1)); echo "ok $n $name # ${secs}s" ;;
	77) skipped=$((skipped + 1)); echo "ok $n $name # SKIP $(tail -n 1 "$logs/$name.out")" ;;
	*)
		failed=$((failed + 1))
		echo "not ok $n $name # ${secs}s, exit $rc; log: $logs/$name.out"
		tail -n 15 "$logs/$name.out" | sed 's/^/#   /'
		;;
	esac
done
# The last line is exactly "N passed, N failed"; skipped tests (each gave
# its reason on its SKIP line) are counted on the line before.
[ "$skipped" -gt 0 ] && echo "# $skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
