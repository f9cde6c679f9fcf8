#!/usr/bin/env bash
# This port as a 2-vCPU HVM domU with PV drivers (issue 16), in every run
# of the suite: the test kernel, the PV dom0 of the same boot, is booted
# by hvmloader and SeaBIOS from Xen's device model (xl.cfg type = "hvm"),
# finds Xen through CPUID (the port's marker on Xen's debug port), asks
# the device model to unplug the emulated IDE disks and NICs, chooses PV
# spinlocks, binds vCPU 0's IPIs and lock kick as event channels, brings
# both vCPUs up, reaches /init and powers off.  Stock runs the same in
# tests/29.  The devices scenario as HVM is tests/39-port-hvm (opt-in).
. "$(dirname "$0")/lib.sh"
boot_svm port-hvm-boot $HVM_ONLY_BOOT
rc=$?
serial_has '^\(d[1-9][0-9]*\) xenpv: Xen PV port entered as an HVM domU' ||
	fail "the domU did not take the port's HVM path"
serial_has '^\(d[1-9][0-9]*\) xenpv: emulated devices unplugged: IDE disks NICs' ||
	fail "the port did not unplug the emulated disks and NICs"
serial_has '^\(d[1-9][0-9]*\) xenpv: PV spinlocks on' ||
	fail "the HVM domU did not choose PV spinlocks"
! serial_has 'xenpv: (IPIs stay local APIC interrupts|vCPU 0 has no lock kick channel)' ||
	fail "the HVM domU's IPIs or lock kicks are not event channels"
reached "domU /init" || fail "the port did not reach the HVM domU's /init"
[ "$(result guest_type)" = HVM ] || fail "guest_type is '$(result guest_type)', not HVM"
[ "$(result online_cpus)" = 0-1 ] || fail "online vCPUs: '$(result online_cpus)', not 0-1"
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
