#!/bin/sh
# devices, dom0's side (the guest's: scenarios/devices.sh): 32 MiB over
# TCP each way between dom0 and the domU, a ping, then "xl reboot" once
# the domU has written its disks; after the reboot the domU checks them.
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
	ps
}
if ! wait_for 'console_has "xenpv-harness: devices: network up"' 90; then
	say "FAIL: the domU's network did not come up"
	show_hotplug
	kill $receiver
	exit 1
fi
ping -c 3 -W 5 10.99.0.2 >/dev/null && res dom0_ping ok || res dom0_ping failed
tcpxfer send 10.99.0.2 5002 /tmp/to-domU && res dom0_send ok || res dom0_send failed
wait $receiver
res dom0_recv_md5 "$(md5 /tmp/from-domU)"
rm -f /tmp/to-domU /tmp/from-domU
if ! wait_for 'console_has "xenpv-harness: devices: ready for reboot"' 600; then
	say "FAIL: the domU did not finish its first boot"
	exit 1
fi
xl reboot domU && res dom0_xl_reboot ok || res dom0_xl_reboot failed
