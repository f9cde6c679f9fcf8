#!/usr/bin/env bash
# Inputs that once crashed or stalled the port (issues 11 and 12), in one
# boot:
# - the domU has 2 of 8 possible vCPUs at boot, all 8 brought up by "xl
#   vcpu-set" (more vCPUs than the machine's CPUs), the same FPU checksum
#   on each, then back to 2;
# - the LDT rewritten 1000 times under a thread loading selectors from it,
#   5 runs, all clean (stock sometimes kills the task with a BUG here);
# - TLS slots cleared 32000 times under a loaded selector on the 8 vCPUs:
#   no oops, null registers with zero bases (stock oopses in its failsafe
#   callback here, or leaves a base behind);
# - ioperm() and iopl() in dom0: only the task given the port reaches it,
#   across 2000 switches with one that was not, and not once it gave the
#   port up; in the domU, the same results as stock (tests/23);
# - perf's software counters and cpu-clock sampling in dom0 and the domU
#   count the workload perfcount.c runs; a hardware event is refused
#   (no vPMU under QEMU) without harm;
# - MSRs through /dev/cpu/N/msr in dom0 and the domU: the TSC counts, an
#   MSR no CPU has gives an error for a read and a write, as under stock;
# - the domU balloons from 256 MiB down to 160 and back ("xl mem-set"),
#   its data intact and its memory usable at both points;
# - dom0 moves its clock a day ahead before the domU starts: the domU's
#   clock is a day ahead too (dom0's clock is Xen's wallclock);
# - the domU's /proc/cpuinfo flags are stock's, one for one;
# - dom0's poweroff goes through ACPI S5 (QEMU exits), which every boot's
#   report also checks as its last stage.
. "$(dirname "$0")/lib.sh"
boot_variant port-faults $FAULTS_BOOT
rc=$?
reached "scenario done" || fail "the port did not finish the faults scenario"
check_faults_vcpus
check_clock_reached_domu
check_faults_memory
[ "$(result ldtrace_clean_runs)" = 5 ] ||
	fail "LDT race: $(result ldtrace_clean_runs) of 5 runs clean"
check_tls_race
check_dom0_io
check_perf dom0_result dom0
check_perf result domU
check_msr dom0_result dom0
check_msr result domU
check_msr_like "$TEST_LOGS/stock-faults.log"
check_domu_io_like "$TEST_LOGS/stock-faults.log"
check_domu_flags_like "$TEST_LOGS/stock-faults.log"
serial_has '^\(XEN\) Preparing system for ACPI S5 state' ||
	fail "dom0's poweroff did not go through ACPI S5"
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
