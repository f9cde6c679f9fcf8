#!/usr/bin/env bash
# dom0 boots on the port to userspace: its /init (busybox) runs, which takes
# events (the console and timer), system calls and the return to user mode
# through HYPERVISOR_iret, fork/exec and per-process page tables.  dom0
# sees the machine's firmware: ACPI tables are found.
. "$(dirname "$0")/lib.sh"
boot_variant port-dom0-init --until dom0-init
reached "dom0 /init" || fail "dom0 did not reach /init"
serial_has '^clocksource: Switched to clocksource xen' || fail "the Xen clocksource is not in use"
serial_has '^xen:events: Using FIFO-based ABI' || fail "event channels are not set up"
serial_has "^xenpv: vCPU 0's vcpu_info is per-cpu; direct interrupt-flag ops" ||
	fail "vCPU 0's vcpu_info was not placed in its per-cpu area"
# Firmware areas below dom0's RAM end map the machine 1:1: ACPI is found.
serial_has '^ACPI: RSDP 0x' || fail "dom0 did not find ACPI's RSDP"
exit 0
