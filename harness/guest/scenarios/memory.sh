#!/bin/sh
# memory: a domU started with 256 MiB that may grow to 1024 (maxmem,
# dom0-scenarios/memory-prepare.sh), ballooned by dom0 (dom0-scenarios/
# memory.sh) to 128, 256, 1024 and 256 MiB (harness_mem_steps, ":"
# between sizes), then down and up 20 times, then asked for more than Xen
# has free (harness_mem_unmet=0 skips it), then past its maxmem, which
# the balloon reaches by memory hotplug (harness_mem_hotplug=0 skips it).
# MemTotal follows each step, and a process keeps 48 MiB of patterned
# memory intact through all of it: at 128 MiB the domU has about 92 MiB,
# of which 11 are its initramfs, and with 64 MiB held the balloon's take
# of the rest left the shell to the OOM killer now and then.
say() { echo "xenpv-harness: $*"; }
res() { echo "xenpv-result: $1=$2"; }
memtotal() { sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo; }
balloon=/sys/devices/system/xen_memory/xen_memory0
target_kb() { cat $balloon/target_kb; }
current_kb() { cat $balloon/info/current_kb; }

# held_intact: the 48 MiB memhold keeps are still what it wrote.
held_intact() {
	before=$(grep -c "^memhold: " /tmp/memhold.out)
	n=0
	while [ $n -lt 50 ]; do
		[ $((n % 10)) = 0 ] && kill -USR1 $holder
		sleep 0.2
		[ "$(grep -c "^memhold: " /tmp/memhold.out)" -gt "$before" ] && break
		n=$((n + 1))
	done
	[ "$(tail -n 1 /tmp/memhold.out)" = "memhold: intact" ]
}

# online_memory: what udev does for memory blocks the balloon hotplugs.
online_memory() {
	for f in /sys/devices/system/memory/memory*/state; do
		[ "$(cat $f 2>/dev/null)" = offline ] && echo online >$f 2>/dev/null
	done
}

# wait_step MIB SECONDS: until dom0 has asked for MIB and MemTotal has
# followed, to within 2 MiB of what the boot's MemTotal says it should be.
wait_step() {
	want=$((start + ($1 - 256) * 1024))
	n=0
	while [ $n -lt $(($2 * 5)) ]; do
		online_memory
		m=$(memtotal)
		if [ "$(target_kb)" = $(($1 * 1024)) ] &&
		   [ "$m" -ge $((want - 2048)) ] && [ "$m" -le $((want + 2048)) ]; then
			return 0
		fi
		sleep 0.2
		n=$((n + 1))
	done
	say "FAIL: MemTotal $(memtotal) kB, not about $want, for a target of $(target_kb) kB"
	return 1
}

[ -d $balloon ] || { say "FAIL: no balloon driver ($balloon)"; exit 1; }
/bin/memhold 48 >/tmp/memhold.out &
holder=$!
n=0
until grep -q "memhold: filled" /tmp/memhold.out; do
	n=$((n + 1))
	[ $n -gt 150 ] && { say "FAIL: memhold did not start"; exit 1; }
	sleep 0.2
done
start=$(memtotal)
res mem_start_kb "$start"

step=0
say "ready for memory steps"
for mib in $(echo "${harness_mem_steps:-128:256:1024:256}" | tr : " "); do
	step=$((step + 1))
	wait_step $mib 600 || exit 1
	res mem_step${step}_kb "$(memtotal)"
	held_intact && res mem_step${step}_held ok
	# Memory that came back, or came new, is memory the domU can use.
	[ $mib -ge 1024 ] && dd if=/dev/zero of=/dev/null bs=640M count=1 2>/dev/null &&
		res mem_high_touch ok
	say "memory step $step done"
done

# dom0 swings the target down and up 20 times without waiting, then
# leaves it at 248 MiB, a value of its own to wait for.
say "ready for swings"
wait_step 248 900 || exit 1
res mem_swings_kb "$(memtotal)"
held_intact && res mem_swings_held ok
say "swings done"
wait_step 256 600 || exit 1

# A target Xen cannot meet: the balloon takes what it can, then gives up
# and stays idle.
if [ "${harness_mem_unmet:-1}" = 1 ]; then
	n=0
	until [ "$(target_kb)" -gt $((300 * 1024)) ] || [ $n -gt 3000 ]; do sleep 0.2; n=$((n + 1)); done
	[ "$(target_kb)" -gt $((300 * 1024)) ] || { say "FAIL: dom0 set no high target"; exit 1; }
	last=0
	n=0
	# Given up: current_kb has not moved for 20 s.
	while [ $n -lt 60 ]; do
		now=$(current_kb)
		[ "$now" = "$last" ] && break
		last=$now
		sleep 20
		n=$((n + 1))
	done
	res balloon_target_kb "$(target_kb)"
	res balloon_current_kb "$(current_kb)"
	res mem_unmet_kb "$(memtotal)"
	pid=$(for p in /proc/[0-9]*; do
		[ "$(cat $p/comm 2>/dev/null)" = xen-balloon ] && echo ${p#/proc/}
	done)
	ticks() { awk '{ print $14 + $15 }' /proc/$pid/stat; }
	t0=$(ticks)
	sleep 30
	res balloon_idle_ticks $(($(ticks) - t0))
	held_intact && res mem_unmet_held ok
	say "unmet target checked"
	wait_step 256 600 || exit 1
fi

# Past maxmem: dom0 raises the domU's maximum (xl mem-max) and target to
# 1088 MiB; the balloon adds a memory block by hotplug, which wait_step
# onlines, and fills 64 MiB of it.
if [ "${harness_mem_hotplug:-1}" = 1 ]; then
	say "ready for hotplug"
	wait_step 1088 600 || exit 1
	res mem_hotplug_kb "$(memtotal)"
	res mem_blocks_online "$(grep -l online /sys/devices/system/memory/memory*/state | wc -l)"
	held_intact && res mem_hotplug_held ok
	say "hotplug done"
	wait_step 256 600 || exit 1
fi
res mem_end_kb "$(memtotal)"
kill -TERM $holder
wait $holder && res mem_end_held ok
