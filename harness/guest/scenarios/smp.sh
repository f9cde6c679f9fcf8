#!/bin/sh
# smp: parallel work on every vCPU (harness/guest/smpstress.c), steal time
# on the overcommitted domU, CPU hotplug from inside the guest, then the
# guest's side of dom0's "xl vcpu-set" rounds (dom0-scenarios/smp.sh).
say() { echo "xenpv-harness: $*"; }
res() { echo "xenpv-result: $1=$2"; }
online_count() { grep -c ^processor /proc/cpuinfo; }
# steal CPU: that CPU's steal ticks in /proc/stat ("cpu" for the total).
steal() { awk -v c="$1" '$1 == c { print $9 }' /proc/stat; }

cpus=$(online_count)
before=""
for c in $(seq 0 $((cpus - 1))); do before="$before $(steal cpu$c)"; done
/bin/smpstress 60 || exit 1

# Steal time: every vCPU waited for a pCPU at some point.
moved=0 i=0
for b in $before; do
	[ "$(steal cpu$i)" -gt "$b" ] && moved=$((moved + 1))
	i=$((i + 1))
done
res steal_cpus_moved "$moved"
res steal_ticks "$(steal cpu)"

# The port's per-vCPU setup is a hotplug state of the kernel's own.
res cpuhp_xen_prepare "$(grep -c ': x86/xen:prepare$' /sys/devices/system/cpu/hotplug/states)"

# 20 rounds of taking every secondary vCPU offline and back, each CPU
# running a task afterwards.
rounds=0
for r in $(seq 20); do
	good=1
	for c in $(seq 1 $((cpus - 1))); do
		f=/sys/devices/system/cpu/cpu$c/online
		echo 0 >$f && [ "$(cat $f)" = 0 ] || good=0
	done
	[ "$(online_count)" = 1 ] || good=0
	for c in $(seq 1 $((cpus - 1))); do
		f=/sys/devices/system/cpu/cpu$c/online
		echo 1 >$f && [ "$(cat $f)" = 1 ] || good=0
		[ "$(taskset -c $c cat /proc/self/stat | awk '{ print $39 }')" = "$c" ] || good=0
	done
	[ "$good" = 1 ] && rounds=$((rounds + 1))
done
res hotplug_rounds "$rounds"

# "xl vcpu-set" from dom0: the kernel takes vCPUs away by itself and makes
# returning ones present; bringing those online is udev's job, done here.
# Each change of the online count is announced for dom0 to wait on.
say "ready for vcpu-set with $cpus cpus online"
seen=$cpus downs=0 ups=0 n=0
while [ $ups -lt 10 ] && [ $n -lt 1200 ]; do
	for f in /sys/devices/system/cpu/cpu*/online; do
		[ "$(cat $f 2>/dev/null)" = 0 ] && echo 1 >$f 2>/dev/null
	done
	now=$(online_count)
	if [ "$now" != "$seen" ]; then
		say "now $now cpus online"
		[ "$now" = 1 ] && downs=$((downs + 1))
		[ "$now" = "$cpus" ] && [ $downs -gt $ups ] && ups=$((ups + 1))
		seen=$now
	fi
	sleep 0.2
	n=$((n + 1))
done
res vcpu_set_rounds "$ups"
# dom0 counts the last round once Xen's vCPU list shows it, which needs
# the domain still there (powered off at once, it failed 1 run in many).
sleep 5
[ "$ups" = 10 ]
