#!/usr/bin/env bash
# dom0 as a host through a domU's life (issue 13), this port in dom0 and in
# both domUs: a program in dom0 maps grants a domU offers through gntdev,
# unmaps them page by page, maps them again with MAP_FIXED and submits a
# batch with one bad reference (harness/guest/gntmap.c), after which Xen
# shows none of them in use; a second domU runs next to the first and the
# two trade 32 MiB each way over dom0's bridge; dom0 pauses and unpauses
# it, reads its console with "xl console", shuts it down with "xl
# shutdown", destroys it in the middle of disk and network traffic, and
# starts it again on the same disk and vif.  dom0 reaches the same PCI
# devices and ACPI interrupt through Xen as stock's dom0 does in tests/28,
# which runs the same scenario.
. "$(dirname "$0")/lib.sh"
boot_variant port-lifecycle $LIFECYCLE_BOOT
rc=$?
reached "scenario done" || fail "the port did not finish the lifecycle scenario"
check_lifecycle
STOCK=$TEST_LOGS/stock-lifecycle.log
[ -f "$STOCK.report.json" ] || fail "no stock lifecycle log $STOCK (tests/28 runs first)"
for v in dom0_pci_devices dom0_acpi_irq; do
	[ "$(dom0_result $v)" = "$(dom0_result_of "$STOCK" $v)" ] ||
		fail "$v: '$(dom0_result $v)' here, '$(dom0_result_of "$STOCK" $v)' under stock"
done
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
