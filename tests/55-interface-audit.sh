#!/usr/bin/env bash
# What the rest of Linux 6.12 takes from arch/x86/xen is all here
# (harness/audit.py, which derives each list from the trees): the stock
# Kconfig's options under the same names, with prompts where stock has
# them; every export a file outside the directory uses; every pv_ops
# member stock fills; and, with Debian's config built for both ports,
# every symbol of the stock objects that the rest of the tree names.
. "$(dirname "$0")/lib.sh"
"$XENPV" build --config distro --dir-only >/dev/null || fail "the port does not build with Debian's config"
"$XENPV" build --stock --config distro --dir-only >/dev/null || fail "stock does not build with Debian's config"
python3 "$XENPV_REPO/harness/audit.py" \
	--stock-tree "$XENPV_CACHE/stock/src" --port-tree "$XENPV_CACHE/port/src" \
	--built "distro:$XENPV_CACHE/stock/out-distro:$XENPV_CACHE/port/out-distro" ||
	fail "the port lacks part of the interface (above)"
