#!/usr/bin/env bash
# A PV domU on the port runs real work (harness/guest/workload.c): 1,000
# fork+exit, 200 fork+exec, 64 MiB mmap/touch/checksum/munmap, 10,000
# pipe round trips, a 2 s sleep within 5% of the wallclock, a wallclock
# matching dom0's, and a clean poweroff; no problem on either console.
# The context switches and page-table writes along the way are batched.
. "$(dirname "$0")/lib.sh"
boot_variant port-workload --scenario workload
rc=$?
check_workload
# Multicall batching (counted in <debugfs>/xen/multicall): every context
# switch is one batch, and the multicalls made carried at least 10,000
# calls more than their own number: hypercalls saved.  (A queue of one
# call is made as that call, and counted apart.)  Each of the 10,000
# pipe round trips switches to a user task, whose user segment base (GS
# with FSGSBASE, else FS) travels in the switch's batch or is already
# Xen's, instead of a hypercall of its own.
switches=$(result mc_batched_context_switches)
seg_bases=$(result mc_switch_seg_bases)
[ "$(result fsgsbase)" = yes ] || fail "the domU does not use FSGSBASE (Haswell has it)"
batches=$(result mc_batches)
calls=$(result mc_calls)
[ -n "$switches" ] && [ "$switches" -gt 1000 ] ||
	fail "context switches were not batched (mc_batched_context_switches='$switches')"
[ -n "$seg_bases" ] && [ "$seg_bases" -ge 10000 ] ||
	fail "user segment bases were not settled in the switch's batch (mc_switch_seg_bases='$seg_bases')"
[ -n "$calls" ] && [ -n "$batches" ] && [ $((calls - batches)) -ge 10000 ] ||
	fail "batching saved too few hypercalls ($calls calls in $batches multicalls)"
[ "$rc" = 0 ] || fail "the boot reported problems (exit $rc)"
