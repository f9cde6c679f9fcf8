#!/bin/sh
# lifecycle, dom0's side (the guests': scenarios/lifecycle.sh): reports
# the PCI devices and ACPI interrupt it reaches through Xen; maps the
# first domU's grants from user space (gntmap) and checks with Xen that
# none is left in use; starts a second domU ("domU2") next to the first
# and lets them trade data; pauses and unpauses it, attaches "xl console"
# to it, shuts it down with "xl shutdown"; starts it again, destroys it
# with "xl destroy" in the middle of disk and network traffic, checks that
# its backends went away, and starts it a third time on the same disk and
# vif.  Then tells the first domU to finish.
# Usage: lifecycle.sh CONSOLE-LOG
. /lib/xenpv/dom0-scenario-lib.sh
res() { echo "xenpv-result: $1=$2"; }
log2=/var/log/xen/console/guest-domU2.log
console2_has() { grep -q "$1" "$log2"; }
go_first() { echo go >/tmp/go && tcpxfer send 10.99.0.2 5020 /tmp/go; }
# stop WHY: a step failed; end both domUs at once rather than let them
# wait for steps that will not come.
stop() {
	say "FAIL: $*"
	xl destroy domU2 2>/dev/null
	xl destroy domU 2>/dev/null
	exit 1
}

# start_domU2 ROLE: create the second domU for ROLE (its own disk image
# and vif, the first domU's kernel and image).
start_domU2() {
	sed -e 's/^name = .*/name = "domU2"/' \
		-e "s/harness_scenario=lifecycle/& harness_role=$1/" \
		-e 's/first\.img/second.img/' -e 's/00:02,/00:03,/' \
		/etc/xen/domU.cfg >/etc/xen/domU2.cfg
	xl create /etc/xen/domU2.cfg >/tmp/xl-domU2.log 2>&1 || {
		cat /tmp/xl-domU2.log
		stop "xl create domU2 ($1) failed"
	}
}

# gone_domU2: domU2 no longer exists, and within 20 s neither do its
# backends in xenstore nor its disk image's loop device.
gone_domU2() {
	gone=$1
	wait_for '! xl domid domU2 >/dev/null 2>&1' 30 &&
		wait_for '! xenstore-exists /local/domain/0/backend/vbd/$gone &&
			! xenstore-exists /local/domain/0/backend/vif/$gone &&
			! losetup -a | grep -q second.img' 20
}

# The hardware dom0 reaches through Xen: the PCI devices it reported to
# Xen (Xen prints "PCI add device" for each) and the ACPI SCI, which
# arrives as an event channel bound to the interrupt Xen routed for dom0.
res dom0_pci_devices "$(ls /sys/bus/pci/devices | wc -l)"
res dom0_acpi_irq "$(grep -w acpi /proc/interrupts | awk '{ print $(NF - 2), $(NF - 1), $NF }')"

# The grants.
wait_for 'console_has "grants: offered [0-9]* [0-9]* to dom0"' 180 ||
	stop "the first domU offered no grants"
refs=$(sed -n 's/.*grants: offered \([0-9]*\) \([0-9]*\) to dom0.*/\1 \2/p' "$log" | tail -n 1)
first=$(xl domid domU)
gntmap "$first" $refs && res gntmap ok || res gntmap failed
# Xen's own account of the grants in use: the test finds the domU's table
# in the dump of the "g" debug key on the serial console (dom0's copy of
# Xen's console ring is too small for it).
res grant_domid "$first"
res grant_refs "$(echo $refs | tr " " ,)"
say "grant tables after gntmap:"
xl debug-keys g

# Two domUs at once.
tail -n +1 -F "$log2" 2>/dev/null | awk '{ print "[domU2] " $0; fflush() }' &
tailpid=$!
start_domU2 peer
wait_for 'console2_has "lifecycle: up"' 240 || stop "domU2 did not come up"
go_first || stop "cannot reach the first domU"
wait_for 'console_has "lifecycle: traded" && console2_has "lifecycle: traded"' 240 ||
	stop "the domUs did not finish their trade"
for a in first:2 peer:3; do
	ping -c 2 -W 5 10.99.0.${a#*:} >/dev/null && res dom0_ping_${a%:*} ok ||
		res dom0_ping_${a%:*} failed
done

# Pause: no tick while paused, ticks again after.
wait_for 'console2_has "lifecycle: tick 2"' 30 || stop "domU2 does not tick"
xl pause domU2 && res xl_pause ok || res xl_pause failed
res paused_state "$(xl list domU2 | awk 'NR == 2 { print $5 }')"
# What the domU wrote before the pause may still be on its way to the log.
sleep 2
before=$(grep -c 'lifecycle: tick' "$log2")
sleep 4
[ "$(grep -c 'lifecycle: tick' "$log2")" = "$before" ] && res paused_quiet ok ||
	res paused_quiet ticked
xl unpause domU2 && res xl_unpause ok || res xl_unpause failed
wait_for '[ "$(grep -c "lifecycle: tick" "$log2")" -gt "$before" ]' 20 &&
	res unpaused_ticks ok || res unpaused_ticks none

# xl console on a running domU: ticks printed after it attached arrive
# through it.
last=$(grep -c 'lifecycle: tick' "$log2")
timeout 6 xl console domU2 >/tmp/console2 2>&1 </dev/null
newest=$(sed -n 's/.*lifecycle: tick \([0-9]*\).*/\1/p' /tmp/console2 | sort -n | tail -n 1)
[ "${newest:-0}" -gt "$last" ] && res xl_console ok || {
	head -c 2000 /tmp/console2
	res xl_console silent
}

# xl shutdown: the domU powers off and xl sees it.
id=$(xl domid domU2)
timeout 120 xl shutdown -w domU2 >/tmp/xl-shutdown.log 2>&1 && res xl_shutdown ok ||
	{ cat /tmp/xl-shutdown.log; res xl_shutdown failed; }
gone_domU2 "$id" && res shutdown_cleanup ok || res shutdown_cleanup left-behind

# xl destroy in the middle of disk and network traffic.
tcpxfer recv 5030 /dev/null >/dev/null 2>&1 &
sink=$!
start_domU2 traffic
wait_for 'console2_has "lifecycle: traffic running"' 240 || stop "domU2 did not start its traffic"
sleep 3
id=$(xl domid domU2)
xl destroy domU2 && res xl_destroy ok || res xl_destroy failed
kill $sink 2>/dev/null
gone_domU2 "$id" && res destroy_cleanup ok || {
	xenstore-ls -f /local/domain/0/backend 2>&1 | head -n 40
	losetup -a
	res destroy_cleanup left-behind
}

# The same disk and vif again.
tcpxfer recv 5031 /tmp/from-after &
receiver=$!
start_domU2 after
id=$(xl domid domU2)
wait_for '! xl domid domU2 >/dev/null 2>&1' 240 || stop "domU2 did not finish after the destroy"
# Its sender waited for the receiver to close before it powered off.
kill $receiver 2>/dev/null
wait $receiver
res dom0_after_md5 "$(md5sum </tmp/from-after | cut -d" " -f1)"
grep -q "xenpv-harness: scenario finished" "$log2" && res after_finished ok ||
	res after_finished no
sleep 1
kill $tailpid 2>/dev/null
go_first
