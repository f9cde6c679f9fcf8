#!/usr/bin/env bash
# debian.sh [--stock]: Debian 12 on the kernel that "build --config debian"
# packaged, booted for real: a root file system made by mmdebstrap from
# Debian's packages, the kernel package installed into it with dpkg (so
# Debian's own hooks make its initramfs), written to two disk images:
#   dom0.img  dom0's root (/dev/vda1): systemd, Debian's xen-utils services
#   domu.img  the domU's disk, dom0's /dev/vdb, booted with pygrub
# Then Xen boots under QEMU with the packaged kernel and initramfs as
# multiboot modules, and boot.py's "debian" profile reports the stages
# (harness/debian/xenpv-report prints what it checks).  Not part of the
# test suite: it needs the full Debian build (see README).
. "$(dirname "$0")/lib.sh"

help_or_args "$0" 1 "$@"
parse_variant "$@"
[ ${#REST[@]} = 0 ] || die "debian: unknown argument '${REST[0]}' (the only option is --stock)"
need_cmd mmdebstrap mmdebstrap
need_cmd mke2fs e2fsprogs
need_cmd sfdisk fdisk
need_cmd qemu-system-x86_64 qemu-system-x86
need_file "$XENPV_XEN_GZ" xen-hypervisor-4.17-amd64
[ "$(id -u)" = 0 ] || die "debian: mmdebstrap and the disk images need root"

VDIR=$(variant_dir "$VARIANT")
DEB=$(ls -t "$VDIR"/linux-image-*_amd64.deb 2>/dev/null | grep -v -- '-dbg_' | head -n 1) ||
	true
[ -n "$DEB" ] ||
	die "no kernel package in $VDIR; build it first: harness/xenpv build$(variant_flag "$VARIANT") --config debian"
WORK=$XENPV_CACHE/debian-$VARIANT
ROOTFS=$WORK/rootfs
GUEST=$XENPV_REPO/harness/debian
SUITE=bookworm
MIRROR=http://deb.debian.org/debian
# The toolstack must match the hypervisor the host boots: the same
# archives (security included) the host's Xen came from.
SOURCES=(
	"deb $MIRROR $SUITE main"
	"deb $MIRROR $SUITE-updates main"
	"deb http://deb.debian.org/debian-security $SUITE-security main"
)
PACKAGES=systemd-sysv,udev,kmod,procps,iproute2,iputils-ping,e2fsprogs,initramfs-tools,zstd,xen-utils-4.17,xenstore-utils

# The root file system is remade when the kernel package, the package list
# or the files put into it change.
rootfs_key() {
	{
		sha256sum "$DEB" | cut -d' ' -f1
		echo "$PACKAGES ${SOURCES[*]}"
		cat "$GUEST"/* "$0"
	} | sha256sum | cut -d' ' -f1
}

make_rootfs() {
	local deb
	deb=$(basename "$DEB")
	rm -rf "$ROOTFS"
	mkdir -p "$WORK"
	note "mmdebstrap $SUITE with $deb (about two minutes)"
	mmdebstrap --variant=minbase --include="$PACKAGES" \
		--customize-hook="copy-in $DEB /tmp" \
		--customize-hook="chroot \"\$1\" dpkg -i /tmp/$deb" \
		--customize-hook="rm \"\$1/tmp/$deb\"" \
		--customize-hook="copy-in $GUEST/xenpv-report /usr/local/sbin" \
		--customize-hook="copy-in $GUEST/xenpv-report.service /etc/systemd/system" \
		--customize-hook="copy-in $GUEST/debian-domu.cfg /etc/xen" \
		--customize-hook='chroot "$1" systemctl enable xenpv-report.service' \
		--customize-hook='echo "XENCONSOLED_ARGS=\"--log=guest --log-dir=/var/log/xen/console\"" >>"$1/etc/default/xen"' \
		--customize-hook='mkdir -p "$1/var/log/xen/console"' \
		--customize-hook='chroot "$1" passwd -d root' \
		"$SUITE" "$ROOTFS" "${SOURCES[@]}" >"$WORK/mmdebstrap.log" 2>&1 ||
		{ tail -n 20 "$WORK/mmdebstrap.log"; die "mmdebstrap failed (log: $WORK/mmdebstrap.log)"; }
	rootfs_key >"$WORK/rootfs.key"
}

kernel_version() {
	local v
	v=$(cd "$ROOTFS/boot" && ls vmlinuz-* | sed 's/^vmlinuz-//' | head -n 1)
	[ -n "$v" ] || die "the kernel package put no vmlinuz into /boot"
	[ -f "$ROOTFS/boot/initrd.img-$v" ] ||
		die "Debian's hooks made no initramfs for $v (log: $WORK/mmdebstrap.log)"
	echo "$v"
}

# pygrub reads the GRUB 2 menu from the domU's disk, as grub-mkconfig
# would have written it for this kernel.
write_grub_cfg() {
	mkdir -p "$ROOTFS/boot/grub"
	cat >"$ROOTFS/boot/grub/grub.cfg" <<-CFG
		set default=0
		set timeout=1
		menuentry 'Debian GNU/Linux, with Linux $1' {
			linux /boot/vmlinuz-$1 root=/dev/xvda1 ro console=hvc0
			initrd /boot/initrd.img-$1
		}
	CFG
}

# make_image FILE HOSTNAME ROOT_DEVICE: a 2 GiB sparse disk, one bootable
# partition holding the root file system.
make_image() {
	local img=$1 size_mb=2048 start=2048
	echo "$2" >"$ROOTFS/etc/hostname"
	echo "$3 / ext4 errors=remount-ro 0 1" >"$ROOTFS/etc/fstab"
	rm -f "$img"
	truncate -s ${size_mb}M "$img"
	echo "start=$start, type=83, bootable" | sfdisk -q "$img"
	mke2fs -q -F -t ext4 -L "$2" -E offset=$((start * 512)) -d "$ROOTFS" \
		"$img" $((size_mb - 1))M || die "mke2fs could not write $img"
}

if [ ! -f "$WORK/rootfs.key" ] || [ "$(cat "$WORK/rootfs.key")" != "$(rootfs_key)" ]; then
	make_rootfs
fi
VERSION=$(kernel_version)
write_grub_cfg "$VERSION"
make_image "$WORK/domu.img" debian-domu /dev/xvda1
make_image "$WORK/dom0.img" debian-dom0 /dev/vda1

XEN=$XENPV_CACHE/xen-4.17.elf
if [ ! -f "$XEN" ] || [ "$XENPV_XEN_GZ" -nt "$XEN" ]; then
	gzip -dc "$XENPV_XEN_GZ" >"$XEN.tmp" && mv "$XEN.tmp" "$XEN"
fi
mkdir -p "$XENPV_CACHE/logs"
LOG=${XENPV_LOG:-$XENPV_CACHE/logs/debian-$VARIANT-$(date -u +%Y%m%d-%H%M%S).log}
note "booting Debian with $VERSION: dom0 from dom0.img, the domU from domu.img"
exec python3 "$XENPV_REPO/harness/boot.py" --profile debian --variant "$VARIANT" \
	--xen "$XEN" --kernel "$ROOTFS/boot/vmlinuz-$VERSION" \
	--initrd "$ROOTFS/boot/initrd.img-$VERSION" \
	--system-map "$ROOTFS/boot/System.map-$VERSION" \
	--disk "$WORK/dom0.img" --disk "$WORK/domu.img" \
	--memory 3072 --cpus 2 --dom0-mem 1024 --dom0-vcpus 2 \
	--stage-budget 400 --total 3000 --log "$LOG" "${REST[@]+"${REST[@]}"}"
