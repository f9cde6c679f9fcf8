#!/usr/bin/env bash
# Every kernel source of the port passes checkpatch (--no-tree -f) without
# errors or warnings.
. "$(dirname "$0")/lib.sh"
src=$XENPV_CACHE/port/src
[ -x "$src/scripts/checkpatch.pl" ] || fail "no kernel tree at $src (run harness/xenpv build)"
bad=0
for f in $(port_kernel_files); do
	out=$("$src/scripts/checkpatch.pl" --no-tree --terse --show-types -f "$XENPV_REPO/$f" 2>&1 |
		grep -E ': (ERROR|WARNING):')
	if [ -n "$out" ]; then
		echo "$out"
		bad=1
	fi
done
[ "$bad" = 0 ] || fail "checkpatch reports the problems above"
