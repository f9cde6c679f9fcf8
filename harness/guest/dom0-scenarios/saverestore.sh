#!/bin/sh
# saverestore, dom0's side, each round once the guest says it is ready
# (its side: scenarios/saverestore.sh):
#   rounds 1-N  "xl save" of the domU to a file, then "xl restore"
#               (N: harness_saves on the command line, 3 by default);
#   round N+1   a save that fails half way (a 1 MiB file system fills
#               up), after which xl resumes the domU where it was.
# After each, the domU sends 4 MiB over TCP to dom0 and dom0 takes it to
# 4 vCPUs and back to 2 with "xl vcpu-set".  Its disk and vif are the
# devices scenario's (saverestore-prepare.sh).
# A restored domU is watched by the xl that "xl restore" leaves in the
# background; this waits for its end.  No live migration: Debian's Xen
# 4.17 is built without shadow paging, which log-dirty mode for a PV
# domain needs ("Failed to enable logdirty: 95" from xl migrate).
# Usage: saverestore.sh CONSOLE-LOG
. /lib/xenpv/dom0-scenario-lib.sh
# The root file system (half of dom0's memory, mostly taken) cannot hold
# the save file of a 256 MiB domU; a tmpfs of its own can.
mkdir -p /tmp/save
mount -t tmpfs -o size=400m tmpfs /tmp/save
save=/tmp/save/domU.save
# show_vcpus: where the domU's vCPUs are, with the kernel's symbols.
show_vcpus() {
	xenctx -s /domU/System.map -f -S -C "$(xl domid domU)" 2>&1 | head -n 200
}
ready() { grep -c "xenpv-harness: ready for save" $log; }

save_and_restore() {
	if ! xl save domU $save >/tmp/save.log 2>&1; then
		cat /tmp/save.log
		show_vcpus
		return 1
	fi
	say "domU saved ($(du -m $save | cut -f1) MiB)"
	xl restore $save >/tmp/restore.log 2>&1 || { cat /tmp/restore.log; return 1; }
	rm -f $save
	say "domU restored (domid $(xl domid domU))"
}

# The save must fail, and the domU must still be the same domain.
cancelled_save() {
	local id
	id=$(xl domid domU)
	mkdir -p /tmp/full
	mount -t tmpfs -o size=1m tmpfs /tmp/full
	if xl save domU /tmp/full/domU.save >/tmp/save.log 2>&1; then
		say "FAIL: a save to a 1 MiB file system succeeded"
		return 1
	fi
	umount /tmp/full
	[ "$(xl domid domU 2>/dev/null)" = "$id" ] || { cat /tmp/save.log; return 1; }
	say "domU save failed half way; domU $id resumed"
}

# vcpus_up_and_down ROUND: 4 vCPUs and back to 2, each step once the
# domU has seen the last.
vcpus_up_and_down() {
	round=$1
	wait_for 'console_has "ready for vcpu-set $round\."' 300 || return 1
	xl vcpu-set --ignore-host domU 4 || return 1
	wait_for 'console_has "saw 4 vcpus in round $round\."' 300 || return 1
	xl vcpu-set domU 2
}

saves=${harness_saves:-3}
rounds=0
for r in $(seq $((saves + 1))); do
	wait_for '[ $(ready) -ge $r ]' 600 || break
	tcpxfer recv $((5100 + r)) /tmp/net &
	receiver=$!
	if [ $r -le $saves ]; then
		save_and_restore
	else
		cancelled_save
	fi || { kill $receiver; break; }
	vcpus_up_and_down $r || { say "FAIL: xl vcpu-set in round $r"; kill $receiver; break; }
	wait $receiver
	echo "xenpv-result: dom0_net_round$r=$(md5sum </tmp/net | cut -d" " -f1)"
	rounds=$r
done
echo "xenpv-result: dom0_save_restore_rounds=$rounds"
# The domU powers off once its side is done.  The xl that watched it
# left when the failed save suspended it, so nothing destroys it: it
# stays, shut down, and its reason is logged here the way xl would have.
stopped() { xl list domU 2>/dev/null | awk 'NR > 1 && $5 ~ /s/' | grep -q .; }
wait_for '! xl domid domU >/dev/null 2>&1 || stopped' 120
if stopped; then
	echo "Domain $(xl domid domU) has shut down, reason code" \
		"$(xl list -v domU | awk 'NR > 1 { print $8 }')" >>/var/log/xen/xl-domU.log
	xl destroy domU
elif xl domid domU >/dev/null 2>&1; then
	say "domU still running after its scenario"
	xl destroy domU
fi
