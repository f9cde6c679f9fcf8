#!/bin/sh
# lifecycle: what a host does with its domUs (dom0's side: dom0-scenarios/
# lifecycle.sh).  Every domU has a disk (xvda) and a vif whose MAC ends in
# its address on dom0's bridge 10.99.0.0/24.  The role, from the kernel
# command line (harness_role), says which domU this is:
#   first    the domU dom0-init follows (10.99.0.2): offers dom0 two grants
#            (gntoffer), then trades 32 MiB each way over TCP with the
#            second domU, and ends when dom0 says so;
#   peer     the second domU's first boot (10.99.0.3): the trade with the
#            first, then a tick a second (dom0 pauses it, attaches "xl
#            console", shuts it down with "xl shutdown");
#   traffic  its second boot: disk writes and a TCP stream to dom0 until
#            dom0 destroys it with "xl destroy";
#   after    its third boot, on the same disk and vif: both still work.
# dom0 says "go" by sending a file to TCP port 5020 (role first).
say() { echo "xenpv-harness: lifecycle: $*"; }
res() { echo "xenpv-result: $1=$2"; }
md5() { md5sum | cut -d" " -f1; }
role=${harness_role:-first}

n=0
until [ -b /dev/xvda ] && [ -e /sys/class/net/eth0 ]; do
	n=$((n + 1))
	[ $n -gt 150 ] && { say "FAIL: no disk or vif"; exit 1; }
	sleep 0.2
done
mac=$(cat /sys/class/net/eth0/address)
me=10.99.0.$((0x${mac##*:}))
ip link set eth0 up
ip addr add $me/24 dev eth0

# disk_check: 16 MiB of random data on xvda, read back past the page cache.
disk_check() {
	dd if=/dev/urandom of=/tmp/data bs=1M count=16 2>/dev/null
	sum=$(md5 </tmp/data)
	dd if=/tmp/data of=/dev/xvda bs=1M conv=fsync 2>/dev/null
	rm -f /tmp/data
	echo 3 >/proc/sys/vm/drop_caches
	[ "$(dd if=/dev/xvda bs=1M count=16 2>/dev/null | md5)" = "$sum" ] &&
		res ${role}_disk ok || res ${role}_disk changed
}

# trade PEER SEND-PORT RECV-PORT: 32 MiB each way with PEER over TCP.
trade() {
	dd if=/dev/urandom of=/tmp/out bs=1M count=32 2>/dev/null
	res ${role}_sent_md5 "$(md5 </tmp/out)"
	timeout 300 tcpxfer recv $3 /tmp/in &
	receiver=$!
	tcpxfer send $1 $2 /tmp/out || res ${role}_send failed
	wait $receiver
	res ${role}_recv_md5 "$(md5 </tmp/in)"
	rm -f /tmp/in /tmp/out
}

disk_check
ping -c 2 -W 5 10.99.0.1 >/dev/null && res ${role}_ping_dom0 ok || res ${role}_ping_dom0 failed
case $role in
first)
	say "up"
	modprobe xen-gntalloc || say "FAIL: cannot load xen-gntalloc"
	gntoffer || say "FAIL: the grant test did not complete"
	tcpxfer recv 5020 /tmp/go || exit 1
	ping -c 2 -W 5 10.99.0.3 >/dev/null && res first_ping_peer ok || res first_ping_peer failed
	trade 10.99.0.3 5010 5011
	say "traded"
	tcpxfer recv 5020 /tmp/go
	;;
peer)
	say "up"
	ping -c 2 -W 5 10.99.0.2 >/dev/null && res peer_ping_first ok || res peer_ping_first failed
	trade 10.99.0.2 5011 5010
	say "traded"
	i=0
	while :; do
		i=$((i + 1))
		say "tick $i"
		sleep 1
	done
	;;
traffic)
	while :; do
		dd if=/dev/urandom of=/dev/xvda bs=1M count=16 conv=fsync 2>/dev/null
	done &
	tcpxfer send 10.99.0.1 5030 /dev/zero &
	sleep 2
	say "traffic running"
	sleep 600
	say "FAIL: not destroyed"
	exit 1
	;;
after)
	dd if=/dev/urandom of=/tmp/out bs=1M count=8 2>/dev/null
	res after_sent_md5 "$(md5 </tmp/out)"
	tcpxfer send 10.99.0.1 5031 /tmp/out || res after_send failed
	;;
esac
