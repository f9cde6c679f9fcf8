#!/usr/bin/env bash
# Several vCPUs (issue 4): dom0 boots on 2 vCPUs, a domU on 4 (more than
# QEMU's 2 CPUs, so lock holders get preempted).  In the domU, 60 s of
# parallel work on every vCPU (harness/guest/smpstress.c: TLB shootdowns
# checked by faulting probes, contended futex locks, a pipe ring), steal
# time moving on every vCPU, 20 rounds of offline/online through sysfs,
# then 10 rounds of "xl vcpu-set" down to 1 and back, each seen by Xen and
# answered by the guest.  No problem on any console.
. "$(dirname "$0")/lib.sh"
boot_variant port-smp --dom0-vcpus 2 --domu-vcpus 4 --scenario smp --domu-timeout 900
rc=$?
grep -q '^smp: Brought up 1 node, 2 CPUs' "$SERIAL" || fail "dom0 did not bring up its 2 vCPUs"
serial_has '^\[domU\] smp: Brought up 1 node, 4 CPUs' || fail "the domU did not bring up its 4 vCPUs"
serial_has '^\[domU\] .*xenpv: PV spinlocks on' || fail "the domU does not use PV spinlocks"
for want in smpstress=done smp_cpus_used=4 smp_locks=ok smp_tlb_errors=0 \
	smp_pipe_errors=0 steal_cpus_moved=4 hotplug_rounds=20 vcpu_set_rounds=10; do
	v=$(result "${want%%=*}")
	[ "$v" = "${want#*=}" ] || fail "smp: ${want%%=*} is '$v', not '${want#*=}'"
done
for name in smp_tlb_rounds smp_lock_increments smp_pipe_hops; do
	v=$(result $name)
	[ -n "$v" ] && [ "$v" -gt 0 ] || fail "smp: no work done ($name='$v')"
done
[ "$(result cpuhp_xen_prepare)" = 1 ] ||
	fail "the CPUHP_XEN_PREPARE hotplug state (x86/xen:prepare) is not registered"
v=$(dom0_result dom0_vcpu_set_rounds)
[ "$v" = 10 ] || fail "dom0 completed $v of 10 xl vcpu-set rounds"
serial_has '^xenpv-harness: domU shut down: poweroff' || fail "dom0 did not see a clean domU poweroff"
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
