#!/usr/bin/env bash
# The machine has every package the harness needs (harness/xenpv setup).
. "$(dirname "$0")/lib.sh"
"$XENPV" setup --check || fail "prerequisites missing (see above)"
