#!/bin/sh
# lifecycle, before the first domU is created: a bridge with dom0's
# address and a disk image for each of the two domUs (dom0-scenarios/
# lifecycle.sh creates the second one).  Prints the first domU's disk and
# vif lines (dom0-init adds them to its configuration).
set -e
. /lib/xenpv/dom0-scenario-lib.sh
host_setup
truncate -s 48M $images/first.img $images/second.img
echo "disk = [ 'format=raw, vdev=xvda, access=rw, target=$images/first.img' ]"
echo "vif = [ 'mac=00:16:3e:99:00:02, bridge=xenbr0' ]"
