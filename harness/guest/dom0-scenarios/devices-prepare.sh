#!/bin/sh
# devices, before the domU is created: what a host puts behind a domU's
# disks and network.  Its first disk is a raw image file, which Xen's
# block hotplug script puts behind a loop device; its second is a loop
# device set up here and given as "phy:"; its vif goes on a bridge with
# an address of its own, through Xen's vif-bridge script; a domU that
# kexecs gets a third.  Prints the
# domU's disk, vif and on_reboot lines (dom0-init adds them to its
# configuration); anything else goes to stderr.
set -e
. /lib/xenpv/dom0-scenario-lib.sh
host_setup
truncate -s 80M $images/disk0.img $images/disk1.img
phy=$(/sbin/losetup -f --show $images/disk1.img)
# A domU that kexecs (harness_devices_kexec=1) reads kexec and what it
# starts from a third disk: through the initrd, an HVM domU's firmware
# would take minutes to load them.
kexec_disk=
case "+${harness_domu_args:-}+" in
*+harness_devices_kexec=1+*)
	[ -f /domU/kexec.tar ] || { echo "no /domU/kexec.tar in this dom0 image" >&2; exit 1; }
	# In place, as a copy would cost dom0 memory; read-write, as Xen's
	# device model takes no read-only IDE disk (the domU only reads it).
	kexec_disk=", 'format=raw, vdev=xvdc, access=rw, target=/domU/kexec.tar'"
	;;
esac
echo "disk = [ 'format=raw, vdev=xvda, access=rw, target=$images/disk0.img', 'phy:$phy,xvdb,w'$kexec_disk ]"
echo "vif = [ 'mac=00:16:3e:99:00:02, bridge=xenbr0' ]"
echo 'on_reboot = "restart"'
