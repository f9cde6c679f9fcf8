#!/bin/sh
# lifecycle, before the first domU is created: a bridge with dom0's
# address and a disk image for each of the two domUs (dom0-scenarios/
# lifecycle.sh creates the second one).  Prints the first domU's disk and
# vif lines (dom0-init adds them to its configuration).
set -e
images=/var/lib/xen/images
modprobe loop
modprobe bridge
mkdir -p $images
truncate -s 48M $images/first.img $images/second.img
ip link add name xenbr0 type bridge
ip addr add 10.99.0.1/24 dev xenbr0
ip link set xenbr0 up
echo "disk = [ 'format=raw, vdev=xvda, access=rw, target=$images/first.img' ]"
echo "vif = [ 'mac=00:16:3e:99:00:02, bridge=xenbr0' ]"
