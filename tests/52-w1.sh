#!/usr/bin/env bash
# The directory compiles without a warning at W=1 (extra compiler
# warnings, kernel-doc checks of every comment marked /**, objtool).
. "$(dirname "$0")/lib.sh"
"$XENPV" build --dir-only --w1 || fail "W=1 finds problems in arch/x86/xen (see above)"
