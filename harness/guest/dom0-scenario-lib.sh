# Sourced by the dom0 scenarios (harness/guest/dom0-scenarios), whose one
# argument is the domU's console log: "$log" below (the -prepare scripts,
# which run before any domU exists, use only host_setup).
log=$1

# wait_for TEST SECONDS: poll the shell test until it succeeds; fails
# once SECONDS have passed.
wait_for() {
	n=0
	until eval "$1"; do
		n=$((n + 1))
		[ $n -gt $(($2 * 5)) ] && return 1
		sleep 0.2
	done
}

# console_has PATTERN: the domU printed PATTERN (grep's syntax).
console_has() { grep -q "$1" "$log"; }

say() { echo "xenpv-harness: $*"; }

# host_setup: what a host has before its domUs start: loop devices for
# disk images in $images, and the bridge xenbr0 with dom0's address
# 10.99.0.1/24, where Xen's vif-bridge script puts the domUs' vifs.  The
# images get a tmpfs of their own: in dom0's root, whose tmpfs may fill
# only half of dom0's memory, they would share that half with the
# unpacked initramfs and the scenarios' files.
images=/var/lib/xen/images
host_setup() {
	modprobe loop && modprobe bridge && mkdir -p $images &&
		mount -t tmpfs -o size=384m images $images &&
		ip link add name xenbr0 type bridge &&
		ip addr add 10.99.0.1/24 dev xenbr0 &&
		ip link set xenbr0 up
}
