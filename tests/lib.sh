# lib.sh: helpers for the tests (sourced).  A test is a script that exits 0
# when the behaviour it checks was observed and non-zero otherwise, saying
# why on its last line of output.
set -uo pipefail
XENPV_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
XENPV_CACHE=${XENPV_CACHE:-$HOME/.cache/xenpv}
XENPV=$XENPV_REPO/harness/xenpv
TEST_NAME=$(basename "$0" .sh)
TEST_LOGS=$XENPV_CACHE/test-logs
mkdir -p "$TEST_LOGS"

fail() {
	echo "FAIL: $*"
	exit 1
}

# boot_report NAME [xenpv boot args...]: boot, keep the serial log in
# $TEST_LOGS/NAME.log and the report in $TEST_LOGS/NAME.log.report.
# Sets SERIAL and REPORT; returns the boot's exit status.
boot_report() {
	local name=$1
	shift
	SERIAL=$TEST_LOGS/$name.log
	REPORT=$SERIAL.report
	rm -f "$SERIAL" "$REPORT"
	XENPV_LOG=$SERIAL "$XENPV" boot "$@"
}

# reached TITLE: did the last boot reach this stage?
reached() {
	grep -qF "[ok]   $1 " "$REPORT"
}

# serial_has REGEX: does the serial log of the last boot match?
serial_has() {
	grep -qE "$1" "$SERIAL"
}
