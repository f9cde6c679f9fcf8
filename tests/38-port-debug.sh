#!/usr/bin/env bash
# The kernel's own debugging on the port (configs/debug.config: lockdep and
# PROVE_RCU, DEBUG_ENTRY, DEBUG_VM with its page-table self-test,
# DEBUG_PREEMPT, DEBUG_PAGEALLOC, W^X and the page-table dump): dom0 and a
# 2-vCPU domU boot, the domU runs the workload (fork, exec, 32-bit code,
# ptrace, LDT) and reads its page-table dump, and no console shows a BUG,
# an Oops, a warning or a lockdep or RCU splat.  objtool's noinstr
# validation of vmlinux (on with DEBUG_ENTRY) sees the port's pv_ops tables
# and finds nothing.  The domU boots with nofsgsbase, so that its context
# switches take the path without FSGSBASE (the FS base, not the user GS
# base, joins the switch's batch: counted, as in tests/35).
#
# One report is known and accepted, printed when seen: lockdep's
# circular dependency in drivers/xen/gntdev.c (gntdev_ioctl() copies to
# user space under its priv->lock, which gntdev_mmap() takes under
# mmap_lock), not this directory; accepted only while no frame of the
# report is the port's.
. "$(dirname "$0")/lib.sh"
"$XENPV" build --config debug >/dev/null || fail "the port does not build with the debug config"
log=$XENPV_CACHE/port/out-debug/build.log
grep -E 'vmlinux\.o: warning: objtool:' "$log" && fail "objtool warns (above)"
boot_report port-debug --config debug --scenario workload --domu-vcpus 2 \
	--domu-args nofsgsbase --stage-budget 300 --scenario-budget 900 --total 2400
[ -f "$REPORT_JSON" ] || fail "no stage report"
reached "scenario done" || fail "the debug boot did not finish its scenario"
WALLCLOCK_SLACK=60 check_workload
v=$(result fsgsbase)
[ "$v" = no ] || fail "the domU has FSGSBASE despite nofsgsbase ('$v')"
v=$(result mc_switch_seg_bases)
[ -n "$v" ] && [ "$v" -ge 10000 ] ||
	fail "FS bases did not join the switch's batch without FSGSBASE (mc_switch_seg_bases='$v')"
v=$(result ptdump_kernel_lines)
[ -n "$v" ] && [ "$v" -gt 20 ] || fail "the domU's kernel page-table dump is missing or short ('$v' lines)"
serial_has '^debug_vm_pgtable: .*Validating architecture page table helpers' ||
	fail "the page-table self-test (DEBUG_VM_PGTABLE) did not run"

# Each problem the report quotes, unless it is the one above.
bad=0
while IFS= read -r line; do
	if echo "$line" | grep -q 'possible circular locking dependency'; then
		# The whole report up to its backtrace: none of it may be the port's.
		report=$(sed -n '/possible circular locking dependency/,/^\(\[domU\] \)\{0,1\}stack backtrace:/p' "$SERIAL")
		if echo "$report" | grep -q 'gntdev' && ! echo "$report" | grep -qE 'xenpv_|arch/x86/xen'; then
			echo "known (drivers/xen/gntdev.c): $line"
			continue
		fi
	fi
	echo "$line"
	bad=1
done < <(query problems)
for who in '' '\[domU\] '; do
	serial_has "^${who}x86/mm: Checked W\\+X mappings: passed" ||
		fail "${who:-dom0 }did not pass the W+X check"
done
[ "$bad" = 0 ] || fail "the debug boot reported the problems above"
exit 0
