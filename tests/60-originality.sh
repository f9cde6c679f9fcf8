#!/usr/bin/env bash
# Nothing in the port repeats the stock arch/x86/xen (../shared/tools/originality).
. "$(dirname "$0")/lib.sh"
tool=$XENPV_REPO/../shared/tools/originality
if [ ! -x "$tool" ] || ! command -v duplicates >/dev/null; then
	echo "the originality tool ($tool) or its 'duplicates' command is not on this machine"
	exit 77
fi
"$tool" "$XENPV_REPO" || fail "places above repeat the stock port"
