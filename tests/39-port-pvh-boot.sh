#!/usr/bin/env bash
# This port as a 2-vCPU PVH domU (issue 16), in every run of the suite:
# the test kernel, the PV dom0 of the same boot, starts through the PVH
# entry point, takes the port's PVH path (its marker on Xen's debug port),
# chooses PV spinlocks, binds vCPU 0's IPIs and lock kick as event
# channels, brings both vCPUs up, reaches /init and powers off.  Stock
# runs the same in tests/29.  The devices scenario as PVH is
# tests/39-port-pvh (opt-in, XENPV_SVM_TESTS=1).
. "$(dirname "$0")/lib.sh"
boot_svm port-pvh-boot $PVH_ONLY_BOOT
rc=$?
serial_has '^\(d[1-9][0-9]*\) xenpv: Xen PV port entered as a PVH domU' ||
	fail "the domU did not take the port's PVH path"
serial_has '^\(d[1-9][0-9]*\) xenpv: PV spinlocks on' ||
	fail "the PVH domU did not choose PV spinlocks"
! serial_has 'xenpv: (IPIs stay local APIC interrupts|vCPU 0 has no lock kick channel)' ||
	fail "the PVH domU's IPIs or lock kicks are not event channels"
reached "domU /init" || fail "the port did not reach the PVH domU's /init"
[ "$(result guest_type)" = PVH ] || fail "guest_type is '$(result guest_type)', not PVH"
[ "$(result online_cpus)" = 0-1 ] || fail "online vCPUs: '$(result online_cpus)', not 0-1"
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
