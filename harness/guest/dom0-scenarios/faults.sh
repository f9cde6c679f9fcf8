#!/bin/sh
# faults, dom0's side: user port access with ioperm() and iopl() where
# Xen lets the domain reach the port (harness/guest/iopriv.c), perf's
# software counters and sampling (harness/guest/perfcount.c), MSRs through
# /dev/cpu/N/msr (harness/guest/msrprobe.c); then give the domU all 8 of
# its possible vCPUs (more than the machine's CPUs), and take all but 2
# away again; then balloon it down and up again.
# Usage: faults.sh CONSOLE-LOG
. /lib/xenpv/dom0-scenario-lib.sh
/bin/iopriv
/bin/perfcount
modprobe msr && /bin/msrprobe || echo "xenpv-harness: FAIL: no /dev/cpu/0/msr"
wait_for 'console_has "ready for vcpu-set 8"' 600 || exit 1
xl vcpu-set --ignore-host domU 8 || echo "xenpv-harness: FAIL: xl vcpu-set domU 8"
wait_for 'console_has "fpu done"' 600 || exit 1
xl vcpu-set domU 2 || echo "xenpv-harness: FAIL: xl vcpu-set domU 2"
# Balloon the domU from 256 MiB down to 160 and back.
wait_for 'console_has "ready for mem-set"' 600 || exit 1
xl mem-set domU 160 || echo "xenpv-harness: FAIL: xl mem-set domU 160"
wait_for 'console_has "ballooned down"' 600 || exit 1
xl mem-set domU 256 || echo "xenpv-harness: FAIL: xl mem-set domU 256"
