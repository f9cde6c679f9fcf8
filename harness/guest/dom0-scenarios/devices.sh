#!/bin/sh
# devices, dom0's side (the guest's: scenarios/devices.sh): 32 MiB over
# TCP each way between dom0 and the domU, a ping, then "xl reboot" once
# the domU has written its disks; after the reboot the domU checks them.
# With harness_devices_save=1 on dom0's command line, the domU is saved
# and restored once before the reboot, which the restored domain must
# then carry out (its xenbus watch, its disks); with
# harness_devices_dom0_grow=MIB, dom0 grows by MIB first.  A domU told not to reboot
# (scenarios/devices.sh) is resized instead (resize_domu), then powers off
# by itself, or kexecs first (harness_devices_kexec=1).
# Usage: devices.sh CONSOLE-LOG
. /lib/xenpv/dom0-scenario-lib.sh
res() { echo "xenpv-result: $1=$2"; }
md5() { md5sum <"$1" | cut -d" " -f1; }

dd if=/dev/urandom of=/tmp/to-domU bs=1M count=32 2>/dev/null
res dom0_sent_md5 "$(md5 /tmp/to-domU)"
tcpxfer recv 5001 /tmp/from-domU &
receiver=$!
# show_hotplug: where the backends and Xen's hotplug scripts are.
show_hotplug() {
	cat /tmp/xl.log /var/log/xen/xen-hotplug.log 2>&1
	xenstore-ls -f /local/domain/0/backend 2>&1 | head -n 80
	# An HVM domU's device model says why it stopped in its own log.
	tail -n 20 /var/log/xen/qemu-dm-*.log 2>/dev/null
	ps
}
memtotal_mib() { awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo; }
# online_memory: what udev does for memory blocks the balloon hotplugs.
online_memory() {
	for f in /sys/devices/system/memory/memory*/state; do
		[ "$(cat "$f" 2>/dev/null)" = offline ] && echo online >"$f" 2>/dev/null
	done
	return 0
}

# domu_now NAME: the last value the domU printed for NAME.
domu_now() {
	grep "xenpv-result: $1=" "$log" | tail -n 1 | cut -d= -f2 | tr -d '\r'
}

# resize_domu: one vCPU of two taken away and given back (a PV or PVH
# domU: Xen's HVM guests take vCPUs through the device model's ACPI), and
# the memory target 64 MiB under the boot size and back, each seen by the
# domU within a minute.
resize_domu() {
	local boot_mib
	if [ "${harness_domu_type:-pv}" != hvm ]; then
		xl vcpu-set domU 1 && wait_for '[ "$(domu_now resize_cpus)" = 0 ]' 60 &&
			res dom0_vcpu_removed ok || res dom0_vcpu_removed "failed: $(domu_now resize_cpus)"
		xl vcpu-set domU 2 && wait_for '[ "$(domu_now resize_cpus)" = 0-1 ]' 60 &&
			res dom0_vcpu_added ok || res dom0_vcpu_added "failed: $(domu_now resize_cpus)"
	fi
	boot_mib=$(domu_now resize_mem_mib)
	[ -n "$boot_mib" ] || { say "FAIL: the domU printed no MemTotal"; boot_mib=0; }
	xl mem-set domU $((${harness_domu_mem:-256} - 64))m &&
		wait_for '[ "$(domu_now resize_mem_mib)" -le $((boot_mib - 56)) ]' 60 &&
		res dom0_mem_lowered ok || res dom0_mem_lowered "failed: $boot_mib to $(domu_now resize_mem_mib) MiB"
	xl mem-set domU ${harness_domu_mem:-256}m &&
		wait_for '[ "$(domu_now resize_mem_mib)" -ge $((boot_mib - 8)) ]' 60 &&
		res dom0_mem_raised ok || res dom0_mem_raised "failed: back to $(domu_now resize_mem_mib) of $boot_mib MiB"
}

# SeaBIOS loads an HVM domU's kernel and initrd through QEMU's fw_cfg,
# which under TCG takes a minute or more (58 to 100 s measured, either kernel).
net_wait=90
[ "${harness_domu_type:-pv}" = hvm ] && net_wait=300
if ! wait_for 'console_has "xenpv-harness: devices: network up"' $net_wait; then
	say "FAIL: the domU's network did not come up"
	show_hotplug
	kill $receiver
	exit 1
fi
ping -c 3 -W 5 10.99.0.2 >/dev/null && res dom0_ping ok || res dom0_ping failed
tcpxfer send 10.99.0.2 5002 /tmp/to-domU && res dom0_send ok || res dom0_send failed
wait $receiver
res dom0_recv_md5 "$(md5 /tmp/from-domU)"
# Ranges the unpopulated-memory allocator took from free iomem space for
# the backends' grant mappings (none where the kernel gave it some).
res dom0_xen_scratch "$(grep -c 'Xen scratch' /proc/iomem)"
rm -f /tmp/to-domU /tmp/from-domU
if ! wait_for 'console_has "xenpv-harness: devices: \(ready for reboot\|watching resizes\)"' 600; then
	say "FAIL: the domU did not finish its first boot"
	exit 1
fi
if console_has "xenpv-harness: devices: watching resizes"; then
	resize_domu
	echo done >/tmp/resized
	tcpxfer send 10.99.0.2 5003 /tmp/resized || say "FAIL: cannot tell the domU that the resizes are done"
	exit 0
fi
# With harness_devices_dom0_grow=MIB, dom0 raises its own target by MIB
# and its MemTotal follows (by memory hotplug: a PVH dom0 keeps the RAM
# ranges Xen left unpopulated for grant and foreign mappings).
if [ -n "${harness_devices_dom0_grow:-}" ]; then
	before=$(memtotal_mib)
	now=$(xl list 0 | awk 'NR == 2 { print $3 }')
	if [ -n "$now" ] && xl mem-set 0 $((now + harness_devices_dom0_grow))m &&
		wait_for 'online_memory; [ "$(memtotal_mib)" -ge $((before + harness_devices_dom0_grow - 8)) ]' 60; then
		res dom0_grew ok
	else
		res dom0_grew "failed: from $now MiB, MemTotal $before to $(memtotal_mib) MiB"
	fi
fi
if [ -n "${harness_devices_save:-}" ]; then
	mkdir -p /tmp/save
	mount -t tmpfs -o size=400m tmpfs /tmp/save
	xl save domU /tmp/save/domU.save >/tmp/save.log 2>&1 && res dom0_save ok ||
		{ res dom0_save failed; cat /tmp/save.log; }
	xl restore /tmp/save/domU.save >/tmp/restore.log 2>&1 && res dom0_restore ok ||
		{ res dom0_restore failed; cat /tmp/restore.log; }
	rm -f /tmp/save/domU.save
fi
xl reboot domU && res dom0_xl_reboot ok || res dom0_xl_reboot failed
# The save ended the "xl create -F" dom0's /init follows; the xl that
# "xl restore" left in the background restarts the domU on its reboot
# and destroys it when it powers off.
if [ -n "${harness_devices_save:-}" ]; then
	wait_for 'console_has "xenpv-harness: scenario finished"' 600 &&
		wait_for '! xl domid domU >/dev/null 2>&1' 120 ||
		say "FAIL: the restored domU did not finish after its reboot"
fi
