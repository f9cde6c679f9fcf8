#!/usr/bin/env bash
# This port builds and links in the test config, sparse finds nothing in
# it, and the tree that was built holds exactly this repository's files.
. "$(dirname "$0")/lib.sh"
"$XENPV" build --sparse || fail "the port does not build, or sparse complains"
log=$XENPV_CACHE/port/out-test/build.log
built=$(sed -n 's/^== arch\/x86\/xen hash: //p' "$log")
ours=$(repo_xen_hash)
[ -n "$built" ] && [ "$built" = "$ours" ] ||
	fail "the built arch/x86/xen ($built) is not this repository's ($ours)"
grep -E 'arch/x86/xen/.*(warning|error):' "$log" && fail "compiler warnings in arch/x86/xen"
exit 0
