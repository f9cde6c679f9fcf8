#!/usr/bin/env bash
# The faults scenario (issues 11 and 12) on the stock port, the comparison
# for tests/39: the vCPU part and dom0's port-access part must pass (the
# checks accept a correct PV kernel); the LDT race's outcome is printed
# (stock is known to hit it now and then, killing the task with a BUG),
# and so is the TLS race's (stock oopses in its failsafe callback).
. "$(dirname "$0")/lib.sh"
boot_variant stock-faults --stock $FAULTS_BOOT
rc=$?
reached "scenario done" || fail "stock did not finish the faults scenario"
check_faults_vcpus
check_clock_reached_domu
check_faults_memory
check_dom0_io
check_perf dom0_result dom0
check_perf result domU
check_msr dom0_result dom0
check_msr result domU
echo "stock: LDT race: $(result ldtrace_clean_runs) of 5 runs clean; boot exit $rc"
echo "stock: TLS race: $(result tls_failed_workers) of $(result tls_workers) workers killed, $(result tls_stale_bases) stale bases"
serial_has 'Kernel panic' && fail "stock panicked"
reached "host powered off" || fail "stock did not power the host off"
exit 0
