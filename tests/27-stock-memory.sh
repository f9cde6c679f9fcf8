#!/usr/bin/env bash
# Memory (issue 14) on the stock port, the comparison for
# tests/39-port-memory: the same ballooning of the domU and of dom0.
. "$(dirname "$0")/lib.sh"
boot_variant stock-memory --stock $MEMORY_BOOT
rc=$?
reached "scenario done" || fail "stock did not finish the memory scenario"
check_memory
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
