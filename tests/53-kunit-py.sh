#!/usr/bin/env bash
# The port's KUnit suites as kernel developers run them:
#   tools/testing/kunit/kunit.py run --arch x86_64 --kunitconfig arch/x86/xen
# in plain QEMU, without Xen.  kunit.py's kernel is small (no SMP, no
# tracing), so this also proves the port builds and links that way.  The
# suites of plain logic (traps, memory map, parameters, TLB ops) pass, the
# ones that need Xen skip; nothing fails or crashes.
. "$(dirname "$0")/lib.sh"
"$XENPV" build >/dev/null || fail "the port does not build"
src=$XENPV_CACHE/port/src
[ -f "$src/arch/x86/xen/.kunitconfig" ] || fail "no .kunitconfig in $src/arch/x86/xen"
out=$(cd "$src" && python3 tools/testing/kunit/kunit.py run --arch x86_64 \
	--kunitconfig arch/x86/xen --build_dir "$XENPV_CACHE/kunit-build" \
	--jobs "$(nproc)" 2>&1)
echo "$out" | tail -n 45
summary=$(echo "$out" | grep -o 'Testing complete\. Ran .*')
[ -n "$summary" ] || fail "kunit.py did not complete"
echo "$summary" | grep -qE '(failed|crashed|errors): [1-9]' && fail "kunit.py: $summary"
passed=$(echo "$summary" | sed -n 's/.*passed: \([0-9]*\).*/\1/p')
[ "${passed:-0}" -ge 15 ] || fail "kunit.py: only '${passed:-0}' tests passed ($summary)"
echo "$out" | grep -qiE 'warning:|error:' && fail "kunit.py's build printed warnings"
exit 0
