#!/bin/sh
# devices: a domU with two disks (xvda, an image file in dom0; xvdb, a
# phy: loop device) and a vif on dom0's bridge (dom0-scenarios/
# devices-prepare.sh).  First boot: 64 MiB of random data on each disk
# from 1 MiB on, its checksum in the first sector, read back past the
# page cache; a ping and 32 MiB over TCP each way with dom0 (dom0-
# scenarios/devices.sh); then dom0 reboots the domU with "xl reboot".
# Second boot (the checksum is on the disk): both disks still hold the
# data.  With harness_devices_reboot=0 on the domU's command line there is
# no second boot: after the network, an HVM domU takes vCPU 1 offline and
# back, dom0 resizes the domU ("xl vcpu-set", "xl mem-set"), which prints
# its online vCPUs and MemTotal as they change until dom0 says over TCP
# that it is done, then powers off, or with harness_devices_kexec=1 (an HVM
# domU, given kexec on a third disk) kexecs into the same kernel, whose
# run of this scenario checks the disks as after a reboot.
say() { echo "xenpv-harness: $*"; }
res() { echo "xenpv-result: $1=$2"; }
MARK=xenpv-devices
md5() { md5sum | cut -d" " -f1; }
header() { dd if="$1" bs=512 count=1 2>/dev/null | tr -d '\000' | head -n 1; }
data_md5() { dd if="$1" bs=1M skip=1 count=64 2>/dev/null | md5; }

for d in xvda xvdb; do
	n=0
	until [ -b /dev/$d ]; do
		n=$((n + 1))
		[ $n -gt 150 ] && { say "FAIL: no /dev/$d"; exit 1; }
		sleep 0.2
	done
done
res disk_sectors "$(cat /sys/block/xvda/size) $(cat /sys/block/xvdb/size)"

h=$(header /dev/xvda)
case "$h" in
"$MARK "*)
	want=${h#"$MARK "}
	for d in xvda xvdb; do
		[ "$(data_md5 /dev/$d)" = "$want" ] && res ${d}_after_reboot ok ||
			res ${d}_after_reboot changed
	done
	# After a kexec, netfront found its backend again too.
	if [ "${harness_kexeced:-0}" = 1 ]; then
		ip link set eth0 up
		ip addr add 10.99.0.2/24 dev eth0
		ping -c 3 -W 5 10.99.0.1 >/dev/null && res ping_after_kexec ok ||
			res ping_after_kexec failed
	fi
	exit 0
	;;
esac

# First boot: the disks.
dd if=/dev/urandom of=/tmp/data bs=1M count=64 2>/dev/null
sum=$(md5 </tmp/data)
for d in xvda xvdb; do
	dd if=/tmp/data of=/dev/$d bs=1M seek=1 conv=fsync 2>/dev/null
	echo "$MARK $sum" | dd of=/dev/$d bs=512 count=1 conv=sync,fsync 2>/dev/null
done
rm -f /tmp/data
sync
echo 3 >/proc/sys/vm/drop_caches
for d in xvda xvdb; do
	[ "$(data_md5 /dev/$d)" = "$sum" ] && res ${d}_written ok || res ${d}_written changed
done

# The network.
ip link set eth0 up
ip addr add 10.99.0.2/24 dev eth0
ping -c 3 -W 5 10.99.0.1 >/dev/null && res domu_ping ok || res domu_ping failed
dd if=/dev/urandom of=/tmp/to-dom0 bs=1M count=32 2>/dev/null
res domu_sent_md5 "$(md5 </tmp/to-dom0)"
tcpxfer recv 5002 /tmp/from-dom0 &
receiver=$!
say "devices: network up"
tcpxfer send 10.99.0.1 5001 /tmp/to-dom0 && res domu_send ok || res domu_send failed
wait $receiver
res domu_recv_md5 "$(md5 </tmp/from-dom0)"
rm -f /tmp/to-dom0 /tmp/from-dom0

# cycle_cpu1: vCPU 1 taken offline and brought back from inside, its
# events, timer and IPIs bound again (a sleep and a task on it).  Xen's
# device model can add vCPUs to an HVM guest but not take them away, so
# there the guest's own hotplug is the one a user has.
cycle_cpu1() {
	f=/sys/devices/system/cpu/cpu1/online
	[ -e $f ] || { res hvm_cpu_cycle "no cpu1"; return; }
	echo 0 >$f || { res hvm_cpu_cycle "offline refused"; return; }
	off=$(cat /sys/devices/system/cpu/online)
	echo 1 >$f || { res hvm_cpu_cycle "online refused after $off"; return; }
	on=$(cat /sys/devices/system/cpu/online)
	ran=$(taskset -c 1 sh -c 'sleep 0.1; awk "{ print \$39 }" /proc/self/stat')
	res hvm_cpu_cycle "$off $on ran on $ran"
}

# kexec_again: start the same kernel and image again with kexec, as a
# kdump or a quick reboot would; it runs this scenario again, finds the
# checksum on the disks and checks them (the branch at the top).
kexec_again() {
	tar -xf /dev/xvdc -C / || { res kexec "no kexec on xvdc"; exit 1; }
	# The next kernel takes all of the firmware's RAM as populated, and a
	# soft reset gives back no frame the balloon returned to Xen: wait for
	# the balloon to reach its target (to within 1 MiB, as the target
	# need not be a whole number of the domain's frames).
	b=/sys/devices/system/xen_memory/xen_memory0
	n=0
	until [ $(($(cat $b/target_kb) - $(cat $b/info/current_kb))) -le 1024 ]; do
		n=$((n + 1))
		[ $n -gt 200 ] && { res kexec "balloon $(cat $b/info/current_kb) kB of $(cat $b/target_kb)"; exit 1; }
		sleep 0.3
	done
	kexec -l /kexec/vmlinuz --initrd=/kexec/initrd.gz \
		--command-line="$(cat /proc/cmdline) harness_kexeced=1" ||
		{ res kexec "load failed"; exit 1; }
	say "devices: kexec into the next kernel"
	sync
	kexec -e
	res kexec "exec failed"
	exit 1
}

if [ "${harness_devices_reboot:-1}" = 0 ]; then
	[ "$(cat /sys/hypervisor/guest_type)" = HVM ] && cycle_cpu1
	tcpxfer recv 5003 /tmp/resized &
	receiver=$!
	cpus= mib=
	# watch_resizes: print what changed; online a vCPU Xen made available,
	# as udev does.
	watch_resizes() {
		for f in /sys/devices/system/cpu/cpu*/online; do
			[ "$(cat "$f" 2>/dev/null)" = 0 ] && echo 1 >"$f" 2>/dev/null
		done
		c=$(cat /sys/devices/system/cpu/online)
		m=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
		[ "$c" = "$cpus" ] || { cpus=$c; res resize_cpus "$c"; }
		[ "$m" = "$mib" ] || { mib=$m; res resize_mem_mib "$m"; }
	}
	watch_resizes
	say "devices: watching resizes"
	while kill -0 $receiver 2>/dev/null; do
		watch_resizes
		sleep 0.3
	done
	say "devices: done, no reboot"
	[ "${harness_devices_kexec:-0}" = 1 ] && kexec_again
	exit 0
fi
say "devices: ready for reboot"
sleep 600
say "FAIL: no reboot came"
exit 1
