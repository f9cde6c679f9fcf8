#!/usr/bin/env bash
# The baseline: Linux 6.12 with the stock arch/x86/xen builds in the test
# config, and the build log says which directory was built.
. "$(dirname "$0")/lib.sh"
"$XENPV" build --stock || fail "the stock test kernel does not build"
log=$XENPV_CACHE/stock/out-test/build.log
grep -q "arch/x86/xen: the stock directory" "$log" || fail "build log does not name the stock directory"
[ -f "$XENPV_CACHE/stock/out-test/arch/x86/boot/bzImage" ] || fail "no bzImage"
