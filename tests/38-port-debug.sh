#!/usr/bin/env bash
# The kernel's own debugging on the port (configs/debug.config: lockdep and
# PROVE_RCU, DEBUG_ENTRY, DEBUG_VM with its page-table self-test,
# DEBUG_PREEMPT, DEBUG_PAGEALLOC, W^X and the page-table dump): dom0 and a
# 2-vCPU domU boot, the domU runs the workload (fork, exec, 32-bit code,
# ptrace, LDT) and reads its page-table dump, and no console shows a BUG,
# an Oops, a warning or a lockdep or RCU splat.  objtool's noinstr
# validation of vmlinux (on with DEBUG_ENTRY) sees the port's pv_ops tables
# and finds nothing.
#
# Two reports are known and named here, each printed when seen, neither
# hidden otherwise:
#  - W+X: the direct map of what Xen loaded at boot shares Xen's L1 tables
#    with the kernel image mapping, so it has no NX (the W+X check and the
#    CPA W^X warning of DEBUG_PAGEALLOC).  A defect of the port, to fix by
#    giving the direct map its own L1s.
#  - lockdep: gntdev_ioctl() copies to user space under its priv->lock,
#    which gntdev_mmap() takes under mmap_lock (drivers/xen/gntdev.c, not
#    this directory).  Accepted only while no frame of the report is the
#    port's.
. "$(dirname "$0")/lib.sh"
"$XENPV" build --config debug >/dev/null || fail "the port does not build with the debug config"
log=$XENPV_CACHE/port/out-debug/build.log
grep -E 'vmlinux\.o: warning: objtool:' "$log" && fail "objtool warns (above)"
boot_report port-debug --config debug --scenario workload --domu-vcpus 2 \
	--stage-budget 300 --scenario-budget 900 --total 2400
[ -f "$REPORT" ] || fail "no stage report"
reached "scenario done" || fail "the debug boot did not finish its scenario"
check_workload
v=$(result ptdump_kernel_lines)
[ -n "$v" ] && [ "$v" -gt 20 ] || fail "the domU's kernel page-table dump is missing or short ('$v' lines)"
serial_has '^debug_vm_pgtable: .*Validating architecture page table helpers' ||
	fail "the page-table self-test (DEBUG_VM_PGTABLE) did not run"

# Each problem the report quotes, unless it is one of the two above.
known_wx='W\+X mapping|W\+X pages found|CPA detected W\^X violation|set_memory\.c:[0-9]+ __change_page_attr_set_clr|dump_pagetables\.c:[0-9]+ note_page'
bad=0
while IFS= read -r line; do
	if echo "$line" | grep -qE "$known_wx"; then
		echo "known: $line"
	elif echo "$line" | grep -q 'possible circular locking dependency'; then
		# The whole report up to its backtrace: none of it may be the port's.
		report=$(sed -n '/possible circular locking dependency/,/^\(\[domU\] \)\{0,1\}stack backtrace:/p' "$SERIAL")
		if echo "$report" | grep -q 'gntdev' && ! echo "$report" | grep -qE 'xenpv_|arch/x86/xen'; then
			echo "known (drivers/xen/gntdev.c): $line"
		else
			echo "$line"
			bad=1
		fi
	else
		echo "$line"
		bad=1
	fi
done < <(sed -n 's/^PROBLEM in stage [^:]*: //p' "$REPORT")
[ "$bad" = 0 ] || fail "the debug boot reported the problems above"
exit 0
