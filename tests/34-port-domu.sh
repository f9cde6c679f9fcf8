#!/usr/bin/env bash
# The whole chain on the port: dom0 starts the toolstack, creates a PV
# domU running the same kernel, the domU enters the port (its banner
# reaches dom0 through the domU's console ring), boots to /init, runs the
# boot scenario and powers off cleanly, as dom0's xl sees it.  Nothing on
# either console shows a WARNING, BUG, Oops or panic.  The domU has two
# vCPUs and boots with "nopvspin": it must use plain queued spinlocks.
# The Xen drivers are modules (configs/distro-options.config): dom0 loads
# the toolstack's devices and the backends, the domU its frontends.
# The machine is an AMD-vendor CPU (the workload tests run on an Intel
# one), so a 32-bit program's vDSO entry is SYSCALL here, SYSENTER there.
# sysrq-l prints a backtrace of each vCPU, the other one's through an NMI.
# The kernel's xen: trace events (multicalls, PTE writes, pins, cr3) fire.
# Both builders (Xen's for dom0, the toolstack's for the domU) put the p2m
# list where XEN_ELFNOTE_INIT_P2M asks, and the port moves it into its own
# area; dom0 has 1 GiB here, so Xen maps its 2 MiB list with a 2 MiB page.
. "$(dirname "$0")/lib.sh"
boot_variant port-domu --domu-vcpus 2 --domu-args nopvspin --cpu-model "$AMD_CPU" --dom0-mem 1024
rc=$?
for stage in "toolstack up" "domU created" "domU entered the port" "domU /init" "scenario done"; do
	reached "$stage" || fail "the port did not reach '$stage'"
done
[[ "$(result uname)" == 6.12.* ]] || fail "domU did not report its kernel version"
check_modules
check_xen_trace_events
check_compat32
[ "$(result nmi_backtraces)" = 2 ] ||
	fail "sysrq-l printed '$(result nmi_backtraces)' NMI backtraces, not one per vCPU (2)"
[ "$(result cpus)" = 2 ] || fail "the domU did not run on 2 vCPUs"
serial_has '^\[domU\] .*xenpv: PV spinlocks off \(nopvspin\)' ||
	fail "the domU did not honour nopvspin"
serial_has '^xenpv-harness: domU shut down: poweroff' || fail "dom0 did not see a clean domU poweroff"
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
check_init_p2m
serial_has '^xenpv: p2m: the list Xen mapped at 0x[0-9a-f]+ \(512 of its pages in large mappings\)' ||
	fail "dom0's 2 MiB p2m list did not come as one large mapping ($(grep -a 'xenpv: p2m: the list' "$SERIAL" | head -n 1))"
