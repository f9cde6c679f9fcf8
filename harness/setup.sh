#!/usr/bin/env bash
# setup.sh [--check]: install the harness prerequisites from Debian's
# packages with apt-get, then check that each is in place.  With --check,
# only check.
. "$(dirname "$0")/lib.sh"
help_or_args "$0" 1 "$@"
case "${1:-}" in
"" | --check) ;;
*) die "setup: unknown argument '$1' (the only option is --check)" ;;
esac

# "what to look for|package that provides it"
PREREQS=(
	"$XENPV_TARBALL|linux-source-6.12"
	"$XENPV_DISTRO_CONFIG|linux-config-6.12"
	"$XENPV_XEN_GZ|xen-hypervisor-4.17-amd64"
	"$XENPV_XEN_BIN/xl|xen-utils-4.17"
	"$XENPV_XEN_BIN/xenstored|xen-utils-4.17"
	"$XENPV_XEN_BIN/xenconsoled|xen-utils-4.17"
	"$XENPV_XEN_BIN/xen-init-dom0|xen-utils-4.17"
	"/usr/bin/xenstore-read|xenstore-utils"
	"/etc/xen/scripts/vif-bridge|xen-utils-common"
	"/bin/ip|iproute2"
	"/usr/bin/flock|util-linux"
	"/sbin/losetup|mount"
	"/bin/bash|bash"
	"/usr/bin/qemu-system-x86_64|qemu-system-x86"
	"/usr/libexec/xen-qemu-system-i386|qemu-system-xen"
	"/usr/share/seabios/bios-256k.bin|seabios"
	"/sbin/kexec|kexec-tools"
	"/bin/busybox|busybox-static"
	"/usr/bin/sparse|sparse"
	"/usr/bin/gcc|gcc"
	"/usr/lib/x86_64-linux-gnu/libc.a|libc6-dev"
	"/usr/lib32/libc.a|gcc-multilib"
	"/usr/bin/make|make"
	"/usr/bin/bc|bc"
	"/usr/bin/flex|flex"
	"/usr/bin/bison|bison"
	"/usr/include/libelf.h|libelf-dev"
	"/usr/include/openssl/ssl.h|libssl-dev"
	"/usr/bin/cpio|cpio"
	"/usr/bin/xz|xz-utils"
	"/usr/bin/python3|python3"
	"/usr/bin/gnuplot|gnuplot-nox"
	"/usr/lib/python3/dist-packages/docutils/__init__.py|python3-docutils"
	"/usr/bin/perl|perl"
	"/usr/bin/rsync|rsync"
	"/usr/sbin/depmod|kmod"
	"/usr/bin/dh|debhelper"
	"/usr/bin/dpkg-buildpackage|dpkg-dev"
	"/usr/bin/mmdebstrap|mmdebstrap"
	"/sbin/mke2fs|e2fsprogs"
	"/usr/sbin/sfdisk|fdisk"
)

packages() {
	local p
	for p in "${PREREQS[@]}"; do echo "${p#*|}"; done | sort -u
}

check() {
	local p missing=()
	for p in "${PREREQS[@]}"; do
		[ -e "${p%%|*}" ] || missing+=("${p%%|*} (package ${p#*|})")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		printf 'xenpv: missing: %s\n' "${missing[@]}" >&2
		echo "xenpv: run 'harness/xenpv setup' (as root) to install them" >&2
		return 1
	fi
	echo "xenpv: all prerequisites present"
}

if [ "${1:-}" != "--check" ]; then
	[ "$(id -u)" = 0 ] || die "setup installs packages with apt-get and must run as root"
	need_cmd apt-get apt
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q || die "apt-get update failed"
	# shellcheck disable=SC2046
	apt-get install -y -q --no-install-recommends $(packages) ||
		die "apt-get install failed"
fi
check
