#!/usr/bin/env bash
# Linux's own x86 selftests (tools/testing/selftests/x86 of the 6.12 tree,
# static, 64- and 32-bit) under the stock port: the whole set in a 2-vCPU
# domU, iopl, ioperm, ldt_gdt and sigreturn in dom0 too.  The baseline
# tests/39-port-selftests.sh is held to; its table is printed.  Stock is
# known to oops in iopl_32 (the kernel's instruction decoder reads the GDT
# through SGDT, which under Xen PV points into Xen; the task is killed).
. "$(dirname "$0")/lib.sh"
boot_variant stock-selftests --stock $SELFTESTS_BOOT
check_selftests_ran
selftest_table "$SERIAL" | column -t
reached "host powered off" || fail "stock did not power the host off"
exit 0
