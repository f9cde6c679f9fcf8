#!/bin/sh
# smp, dom0's side: 10 rounds of "xl vcpu-set domU 1" and back to all
# vCPUs.  A round counts when Xen shows the vCPUs down (then up) and the
# guest announced the same count on its console.
# Usage: smp.sh CONSOLE-LOG
. /lib/xenpv/dom0-scenario-lib.sh
# up_vcpus: how many of the domU's vCPUs Xen has running or runnable.
up_vcpus() { xl vcpu-list domU | awk 'NR > 1 && $4 != "-"' | wc -l; }
answers() { grep -c "xenpv-harness: now $1 cpus online" $log; }

wait_for 'console_has "ready for vcpu-set"' 900 || exit 1
all=$(xl vcpu-list domU | awk 'NR > 1' | wc -l)
rounds=0
for r in $(seq 10); do
	xl vcpu-set domU 1 || break
	wait_for '[ $(up_vcpus) = 1 ] && [ $(answers 1) -ge $r ]' 60 || break
	# More vCPUs than pCPUs is the point: forces lock-holder preemption.
	xl vcpu-set --ignore-host domU "$all" || break
	wait_for '[ $(up_vcpus) = $all ] && [ $(answers $all) -ge $r ]' 60 || break
	rounds=$r
done
[ $rounds = 10 ] || xl vcpu-list domU
echo "xenpv-result: dom0_vcpu_set_rounds=$rounds"
