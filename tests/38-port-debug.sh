#!/usr/bin/env bash
# The kernel's own debugging on the port (configs/debug.config: lockdep and
# PROVE_RCU, DEBUG_ENTRY, DEBUG_VM, DEBUG_PREEMPT, DEBUG_PAGEALLOC, W^X and
# the page-table dump): dom0 and a 2-vCPU domU boot, the domU runs the
# workload, and no console shows a warning, a lockdep or RCU splat, or a
# W+X mapping.  objtool's noinstr validation of vmlinux (on with
# DEBUG_ENTRY) finds nothing in arch/x86/xen while the kernel links.
. "$(dirname "$0")/lib.sh"
"$XENPV" build --config debug >/dev/null || fail "the port does not build with the debug config"
log=$XENPV_CACHE/port/out-debug/build.log
grep -E 'vmlinux\.o: warning: objtool: .*xenpv|vmlinux\.o: warning: objtool: .*arch/x86/xen' "$log" &&
	fail "objtool warns about the port (above)"
boot_report port-debug --config debug --scenario workload --domu-vcpus 2 \
	--stage-budget 300 --scenario-budget 900 --total 2400
rc=$?
[ -f "$REPORT" ] || fail "no stage report"
check_workload
for who in '' '\[domU\] '; do
	serial_has "^${who}x86/mm: Checked W\\+X mappings: passed" ||
		fail "${who:-dom0 }did not pass the W+X check"
done
v=$(result ptdump_kernel_lines)
[ -n "$v" ] && [ "$v" -gt 20 ] || fail "the domU's kernel page-table dump is missing or short ('$v' lines)"
serial_has '^\[domU\] .*lockdep|^\[domU\] .*Lock dependency validator' ||
	fail "the domU does not run lockdep (is PROVE_LOCKING in the debug config?)"
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
