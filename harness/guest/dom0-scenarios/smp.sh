#!/bin/sh
# smp, dom0's side: 10 rounds of "xl vcpu-set domU 1" and back to all
# vCPUs.  A round counts when Xen shows the vCPUs down (then up) and the
# guest announced the same count on its console.
# Usage: smp.sh CONSOLE-LOG
log=$1
# up_vcpus: how many of the domU's vCPUs Xen has running or runnable.
up_vcpus() { xl vcpu-list domU | awk 'NR > 1 && $4 != "-"' | wc -l; }
# wait_for TEST SECONDS: poll until the shell test succeeds.
wait_for() {
	n=0
	until eval "$1"; do
		n=$((n + 1))
		[ $n -gt $(($2 * 5)) ] && return 1
		sleep 0.2
	done
}
answers() { grep -c "xenpv-harness: now $1 cpus online" $log; }

wait_for 'grep -q "ready for vcpu-set" $log' 900 || exit 1
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
