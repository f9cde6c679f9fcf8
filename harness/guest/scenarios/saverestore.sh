#!/bin/sh
# saverestore: the guest's side of dom0's rounds (dom0-scenarios/
# saverestore.sh): $harness_saves saves and restores, then a save
# cancelled half way.  vCPU 1 is offline across the second save and comes
# back online afterwards: the restored domain never knew it.  Set up
# first: 128 MiB of random bytes in a tmpfs, a running process, 16 MiB
# on the disk dom0 gives (xvda, dom0-scenarios/devices-prepare.sh) and
# an address on its bridge.  After each round the data's checksums, the
# process, the clocks (uptime, the kernel log's stamps, which needs
# printk.time=1), steal time, a timer and IPIs on every vCPU, a ping
# and 4 MiB over TCP to dom0 must be as before, and "xl vcpu-set" must
# take the domU to 4 vCPUs and back to 2.
say() { echo "xenpv-harness: $*"; }
res() { echo "xenpv-result: $1=$2"; }
ROUNDS=$((${harness_saves:-3} + 1))
# Each resume of the kernel, completed or cancelled, ends with this line.
resumes() { dmesg | grep -c "Restarting tasks"; }
uptime_cs() { awk '{ split($1, t, "."); print t[1] * 100 + t[2] }' /proc/uptime; }
steal() { awk '$1 == "cpu" { print $9 }' /proc/stat; }
# The last kernel log stamp, in microseconds.
last_stamp() { dmesg | sed -n 's/^\[ *\([0-9]*\)\.\([0-9]*\)\].*/\1\2/p' | tail -n 1; }
md5() { md5sum | cut -d" " -f1; }
disk_md5() {
	echo 3 >/proc/sys/vm/drop_caches
	dd if=/dev/xvda bs=1M skip=1 count=16 2>/dev/null | md5
}
online_count() { grep -c ^processor /proc/cpuinfo; }
# wait_cpus N: until N vCPUs are online (at most 120 s), onlining each
# vCPU the toolstack adds, as udev would.
wait_cpus() {
	n=0
	while [ "$(online_count)" != "$1" ] && [ $n -lt 600 ]; do
		for f in /sys/devices/system/cpu/cpu*/online; do
			[ "$(cat $f 2>/dev/null)" = 0 ] && echo 1 >$f 2>/dev/null
		done
		sleep 0.2
		n=$((n + 1))
	done
	[ "$(online_count)" = "$1" ]
}
cpus=$(online_count)

# random_file FILE MIB: MIB MiB of random bytes, or the scenario stops.
random_file() {
	dd if=/dev/urandom of="$1" bs=1M count="$2" 2>/dev/null
	[ "$(stat -c %s "$1")" = $(($2 * 1048576)) ] || {
		say "FAIL: cannot write $2 MiB to $1"
		exit 1
	}
}
mkdir -p /tmp/sr
mount -t tmpfs -o size=160m tmpfs /tmp/sr
random_file /tmp/sr/data 128
sum=$(md5 </tmp/sr/data)
random_file /tmp/sr/disk 16
dd if=/tmp/sr/disk of=/dev/xvda bs=1M seek=1 conv=fsync 2>/dev/null
dsum=$(md5 </tmp/sr/disk)
rm -f /tmp/sr/disk
[ "$(disk_md5)" = "$dsum" ] || { say "FAIL: xvda does not hold what was written"; exit 1; }
random_file /tmp/sr/net 4
res saverestore_net_md5 "$(md5 </tmp/sr/net)"
ip link set eth0 up
ip addr add 10.99.0.2/24 dev eth0
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
	[ "$(md5 </tmp/sr/data)" = "$sum" ] || bad="$bad checksum"
	[ "$(disk_md5)" = "$dsum" ] || bad="$bad disk"
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
	ping -c 2 -W 5 10.99.0.1 >/dev/null || bad="$bad ping"
	tcpxfer send 10.99.0.1 $((5100 + r)) /tmp/sr/net || bad="$bad tcp"
	say "ready for vcpu-set $r."
	wait_cpus 4 || bad="$bad vcpus-4"
	say "saw 4 vcpus in round $r."
	wait_cpus 2 || bad="$bad vcpus-2"
	say "round $r after resume:${bad:- all good}"
	[ -z "$bad" ] && good=$((good + 1))
done
res saverestore_good_rounds $good
res saverestore_resumes $(($(resumes) - base))
kill $keeper
