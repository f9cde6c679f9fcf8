#!/usr/bin/env bash
# mkinitramfs.sh [--stock] [--config test|debug|up]: build the domU and dom0
# initramfs images for a built kernel.  Both hold busybox and the kernel's
# modules; the domU image adds the scenarios, the dom0 image the xl
# toolstack with its libraries and the domU's kernel and initramfs.
# Output: $XENPV_CACHE/<variant>/initramfs-<config>/.
. "$(dirname "$0")/lib.sh"

parse_variant "$@"
parse_test_config "${REST[@]+"${REST[@]}"}"
need_cmd cpio cpio
need_cmd gzip gzip
need_cmd gcc gcc
need_file /usr/lib/x86_64-linux-gnu/libc.a libc6-dev
need_file /usr/lib32/libc.a gcc-multilib
need_file /bin/busybox busybox-static
# The toolstack programs dom0's image carries (xenconsole: "xl console").
XEN_TOOLS="xl xenstored xenconsoled xenconsole xen-init-dom0 libxl-save-helper xenctx xentrace"
for b in $XEN_TOOLS; do
	need_file "$XENPV_XEN_BIN/$b" xen-utils-4.17
done
# What an HVM domU needs in dom0 (dom0-hvm.cpio.gz below): Xen's device
# model, the firmware Xen loads into the domU, and the option ROMs QEMU
# hands to that firmware (direct kernel boot, the emulated NIC's).
HVM_FILES="/usr/libexec/xen-qemu-system-i386|qemu-system-xen
	/usr/lib/xen-4.17/boot/hvmloader|xen-utils-4.17
	/usr/share/seabios/bios-256k.bin|seabios
	/usr/share/qemu/linuxboot.bin|qemu-system-data
	/usr/share/qemu/keymaps/en-us|qemu-system-data
	/usr/lib/ipxe/qemu/efi-rtl8139.rom|ipxe-qemu"
for t in $HVM_FILES; do
	need_file "${t%%|*}" "${t#*|}"
done
# With kexec an HVM domU starts its next kernel (kexec.tar below).
need_file /sbin/kexec kexec-tools
# Xen's hotplug scripts and what they run (see the dom0 image below),
# each as "path|package".
HOTPLUG_TOOLS="/bin/bash|bash /usr/bin/flock|util-linux /sbin/losetup|mount
	/bin/ip|iproute2 /usr/bin/xenstore-read|xenstore-utils
	/usr/bin/xenstore-write|xenstore-utils /usr/bin/xenstore-exists|xenstore-utils
	/usr/bin/xenstore-rm|xenstore-utils /usr/bin/xenstore-list|xenstore-utils
	/usr/bin/xenstore-ls|xenstore-utils /usr/bin/stat|coreutils"
need_file /etc/xen/scripts/vif-bridge xen-utils-common
for t in $HOTPLUG_TOOLS; do
	need_file "${t%%|*}" "${t#*|}"
done

VDIR=$(variant_dir "$VARIANT")
OUT=$VDIR/out-$TEST_CONFIG
KERNEL=$OUT/arch/x86/boot/bzImage
[ -f "$KERNEL" ] || die "no $TEST_CONFIG kernel at $KERNEL; run: harness/xenpv build$(variant_flag "$VARIANT") --config $TEST_CONFIG"
GUEST=$XENPV_REPO/harness/guest
DEST=$VDIR/initramfs-$TEST_CONFIG
mkdir -p "$DEST"
SELFTESTS=$VDIR/selftests-x86

# Linux's own x86 selftests, built static from the kernel's tree once per
# tree.  Only the domU of the selftests scenario gets them all, in an image
# of its own (they would make every boot slower); dom0 gets those about
# port I/O, the LDT and GDT, and sigreturn.
SELFTESTS_SRC=$VDIR/src/tools/testing/selftests/x86
DOM0_SELFTESTS="iopl ioperm ldt_gdt sigreturn"
if [ ! -f "$SELFTESTS/.built" ] || [ "$SELFTESTS_SRC/Makefile" -nt "$SELFTESTS/.built" ]; then
	rm -rf "$SELFTESTS" && mkdir -p "$SELFTESTS"
	# -k: a test needing newer headers than the build machine's is left out.
	make -s -k -C "$SELFTESTS_SRC" OUTPUT="$SELFTESTS" EXTRA_CFLAGS=-static \
		KHDR_INCLUDES= >"$SELFTESTS.log" 2>&1 ||
		note "some x86 selftests did not build: $SELFTESTS.log"
	strip "$SELFTESTS"/*_32 "$SELFTESTS"/*_64 2>/dev/null
	touch "$SELFTESTS/.built"
fi

# inputs_key: what the images are made of: the kernel and its modules,
# harness/guest, this script, the selftests and the host's programs and
# files copied in.  The same key as the last complete run's means the
# images would come out the same (making them takes about 17 s, once per
# boot of the test suite).
inputs_key() {
	{
		find "$OUT" -name '*.ko' -printf '%p %s %T@\n' | LC_ALL=C sort
		stat -c '%n %s %Y' "$KERNEL" "$OUT/System.map" /bin/busybox /sbin/kexec \
			"$SELFTESTS/.built" 2>&1 || true
		for b in $XEN_TOOLS; do stat -c '%n %s %Y' "$XENPV_XEN_BIN/$b"; done
		for t in $HVM_FILES $HOTPLUG_TOOLS; do stat -L -c '%n %s %Y' "${t%%|*}"; done
		(cd /etc/xen/scripts && find . -type f | LC_ALL=C sort | xargs sha256sum)
		(cd "$GUEST" && find . -type f | LC_ALL=C sort | xargs sha256sum)
		cat "$XENPV_REPO/harness/mkinitramfs.sh" "$XENPV_REPO/harness/lib.sh"
	} | sha256sum | cut -c1-16
}
STAMP=$DEST/.xenpv-inputs
# Taken before the images are made: an input that changes meanwhile makes
# the next run start again.
KEY=$(inputs_key)
if [ "$(cat "$STAMP" 2>/dev/null)" = "$KEY" ] &&
	[ -f "$DEST/dom0-hvm.cpio.gz" ] && [ -f "$DEST/domU-selftests.cpio.gz" ]; then
	note "initramfs of $VARIANT/$TEST_CONFIG is up to date: $DEST"
	exit 0
fi
rm -f "$STAMP"
STAGE=$(mktemp -d "$VDIR/stage.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT

# base_tree DIR: an empty root with busybox and its applets.
base_tree() {
	local d=$1 a
	mkdir -p "$d"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,etc,root}
	cp /bin/busybox "$d/bin/busybox"
	for a in $(/bin/busybox --list); do
		[ "$a" = busybox ] || ln -sf busybox "$d/bin/$a"
	done
	if [ "$(id -u)" = 0 ]; then
		mknod -m 600 "$d/dev/console" c 5 1
		mknod -m 666 "$d/dev/null" c 1 3
	fi
}

# copy_with_libs DIR FILE...: copy programs and the shared libraries they load.
copy_with_libs() {
	local d=$1 f lib
	shift
	for f in "$@"; do
		mkdir -p "$d$(dirname "$f")"
		# Not through a busybox applet's link of the same name.
		rm -f "$d$f"
		cp -L "$f" "$d$f"
		for lib in $(ldd "$f" | grep -oE '/[^ ]+'); do
			mkdir -p "$d$(dirname "$lib")"
			cp -Ln "$lib" "$d$lib"
		done
	done
}

# The kernel's modules, as modules_install lays them out (depmod included),
# staged once and copied into each image.
MODULES=$STAGE/modules
make -s -C "$VDIR/src" O="$OUT" ARCH=x86_64 INSTALL_MOD_PATH="$MODULES" \
	INSTALL_MOD_STRIP=1 modules_install >/dev/null ||
	die "modules_install failed for $OUT"
add_modules() {
	mkdir -p "$1/lib"
	cp -a "$MODULES/lib/modules" "$1/lib/"
}

pack() {
	(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -6 >"$2.tmp"
	mv "$2.tmp" "$2"
}

domu=$STAGE/domU
base_tree "$domu"
cp "$GUEST/domU-init" "$domu/init"
# What the kernel runs for an orderly power-off or reboot (xl shutdown).
ln -sf /bin/busybox "$domu/sbin/poweroff"
ln -sf /bin/busybox "$domu/sbin/reboot"
add_modules "$domu"
# The test programs: every harness/guest/*.c, static, in both images;
# compat32.c is the 32-bit one.
PROGS=$STAGE/progs
mkdir -p "$PROGS"
for src in "$GUEST"/*.c; do
	prog=$(basename "$src" .c)
	[ "$prog" = compat32 ] && continue
	gcc -static -O2 -Wall -Werror -pthread -o "$PROGS/$prog" "$src" -lm ||
		die "cannot build the guest program $src"
done
gcc -m32 -static -O2 -Wall -Werror -o "$PROGS/compat32" "$GUEST/compat32.c" ||
	die "cannot build the 32-bit guest program ($GUEST/compat32.c; needs gcc-multilib)"
cp "$PROGS"/* "$domu/bin/"
cp "$GUEST/run-selftests" "$domu/bin/"
cp -r "$GUEST/scenarios" "$domu/scenarios"
pack "$domu" "$DEST/domU.cpio.gz"

mkdir -p "$domu/selftests"
cp "$SELFTESTS"/*_32 "$SELFTESTS"/*_64 "$domu/selftests/" 2>/dev/null ||
	die "no x86 selftests were built: $SELFTESTS.log"
pack "$domu" "$DEST/domU-selftests.cpio.gz"

dom0=$STAGE/dom0
base_tree "$dom0"
cp "$GUEST/dom0-init" "$dom0/init"
add_modules "$dom0"
cp -r "$GUEST/dom0-scenarios" "$dom0/dom0-scenarios"
mkdir -p "$dom0/lib/xenpv"
cp "$GUEST/dom0-scenario-lib.sh" "$dom0/lib/xenpv/"
cp "$PROGS"/* "$dom0/bin/"
for b in $XEN_TOOLS; do
	copy_with_libs "$dom0" "$XENPV_XEN_BIN/$b"
done
# Xen's own hotplug scripts set up a domU's disks (block: a loop device
# for an image file) and vifs (vif-bridge); they are bash scripts and
# call the full ip, losetup and flock, by paths that come first on
# their PATH, before busybox's applets.
mkdir -p "$dom0/etc/xen"
cp -r /etc/xen/scripts "$dom0/etc/xen/scripts"
for t in $HOTPLUG_TOOLS; do
	copy_with_libs "$dom0" "${t%%|*}"
done
# glibc loads libgcc_s at run time (pthread_cancel); ldd does not list it.
copy_with_libs "$dom0" /lib/x86_64-linux-gnu/libgcc_s.so.1
mkdir -p "$dom0/domU" "$dom0/var/lib/xen"
cp "$KERNEL" "$dom0/domU/vmlinuz"
# For xenctx, which names the symbols in a stuck domU's stacks.
cp "$OUT/System.map" "$dom0/domU/System.map"
cp "$DEST/domU.cpio.gz" "$dom0/domU/initrd.gz"
cp "$DEST/domU-selftests.cpio.gz" "$dom0/domU/initrd-selftests.gz"
mkdir -p "$dom0/selftests"
for t in $DOM0_SELFTESTS; do
	cp "$SELFTESTS/${t}"_32 "$SELFTESTS/${t}"_64 "$dom0/selftests/" 2>/dev/null
done
cp "$GUEST/run-selftests" "$dom0/bin/"
pack "$dom0" "$DEST/dom0.cpio.gz"

# dom0 for an HVM domU: the same image with the device model and the
# firmware appended (the kernel unpacks concatenated archives in turn).
# Kept apart because it would add seconds to every other boot.
hvm=$STAGE/dom0-hvm
mkdir -p "$hvm"
copy_with_libs "$hvm" /usr/libexec/xen-qemu-system-i386
for t in $HVM_FILES; do
	f=${t%%|*}
	[ -e "$hvm$f" ] || { mkdir -p "$hvm$(dirname "$f")" && cp -L "$f" "$hvm$f"; }
done
# What an HVM domU kexecs with, a disk image of its own for it to unpack
# (dom0-scenarios/devices-prepare.sh): kexec, and the kernel and image it
# starts, the same again.
kx=$STAGE/kexec
mkdir -p "$kx/kexec"
copy_with_libs "$kx" /sbin/kexec
cp "$KERNEL" "$kx/kexec/vmlinuz"
cp "$DEST/domU.cpio.gz" "$kx/kexec/initrd.gz"
mkdir -p "$hvm/domU"
(cd "$kx" && tar -cf "$hvm/domU/kexec.tar" *)
pack "$hvm" "$STAGE/hvm.cpio.gz"
cat "$DEST/dom0.cpio.gz" "$STAGE/hvm.cpio.gz" >"$DEST/dom0-hvm.cpio.gz"
echo "$KEY" >"$STAMP"
note "initramfs: $DEST/dom0.cpio.gz ($(du -h "$DEST/dom0.cpio.gz" | cut -f1)), $DEST/dom0-hvm.cpio.gz, $DEST/domU.cpio.gz"
