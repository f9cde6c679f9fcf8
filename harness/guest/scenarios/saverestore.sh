#!/bin/sh
# saverestore: the guest's side of dom0's rounds (dom0-scenarios/
# saverestore.sh): 3 saves and restores, then a save cancelled half
# way.  vCPU 1 is offline across the second save and comes back online
# afterwards: the restored domain never knew it.  Data in memory (64 MiB of random bytes in a tmpfs)
# and a running process are set up first; after each round the data's
# checksum, the process, the clocks (uptime, the kernel log's stamps,
# which needs printk.time=1), steal time, and a timer and IPIs on every
# vCPU must be as before.
say() { echo "xenpv-harness: $*"; }
res() { echo "xenpv-result: $1=$2"; }
ROUNDS=4
# Each resume of the kernel, completed or cancelled, ends with this line.
resumes() { dmesg | grep -c "Restarting tasks"; }
uptime_cs() { awk '{ split($1, t, "."); print t[1] * 100 + t[2] }' /proc/uptime; }
steal() { awk '$1 == "cpu" { print $9 }' /proc/stat; }
# The last kernel log stamp, in microseconds.
last_stamp() { dmesg | sed -n 's/^\[ *\([0-9]*\)\.\([0-9]*\)\].*/\1\2/p' | tail -n 1; }
cpus=$(grep -c ^processor /proc/cpuinfo)

mkdir -p /tmp/sr
mount -t tmpfs tmpfs /tmp/sr
dd if=/dev/urandom of=/tmp/sr/data bs=1M count=64 2>/dev/null
sum=$(md5sum </tmp/sr/data)
sleep 100000 &
keeper=$!
base=$(resumes)
good=0
for r in $(seq $ROUNDS); do
	[ $r = 2 ] && echo 0 >/sys/devices/system/cpu/cpu1/online
	up=$(uptime_cs) st=$(steal) stamp=$(last_stamp)
	say "ready for save $r"
	n=0
	until [ "$(resumes)" -ge $((base + r)) ]; do
		n=$((n + 1))
		[ $n -gt 3000 ] && { say "FAIL: no resume in round $r"; break 2; }
		sleep 0.2
	done
	bad=""
	if [ $r = 2 ]; then
		echo 1 >/sys/devices/system/cpu/cpu1/online || bad="$bad cpu1-online"
	fi
	[ "$(md5sum </tmp/sr/data)" = "$sum" ] || bad="$bad checksum"
	kill -0 $keeper 2>/dev/null || bad="$bad process"
	[ "$(uptime_cs)" -ge "$up" ] || bad="$bad uptime"
	[ "$(steal)" -ge "$st" ] || bad="$bad steal"
	now=$(last_stamp)
	[ -n "$now" ] && [ "$now" -ge "${stamp:-0}" ] || bad="$bad printk-time"
	for c in $(seq 0 $((cpus - 1))); do
		t0=$(uptime_cs)
		taskset -c $c sleep 0.1 || bad="$bad cpu$c"
		[ $(($(uptime_cs) - t0)) -lt 100 ] || bad="$bad sleep-cpu$c"
	done
	say "round $r after resume:${bad:- all good}"
	[ -z "$bad" ] && good=$((good + 1))
done
res saverestore_good_rounds $good
res saverestore_resumes $(($(resumes) - base))
kill $keeper
