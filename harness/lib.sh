# lib.sh: paths and checks shared by the harness scripts (sourced, not run).
#
# Every build product lives in a cache outside the repository:
#   $XENPV_CACHE/<variant>/src          a Linux 6.12 tree (port: with our arch/x86/xen)
#   $XENPV_CACHE/<variant>/out-<config> its out-of-tree build
#   $XENPV_CACHE/<variant>/initramfs-<config>  dom0 and domU initramfs images
#   $XENPV_CACHE/<variant>/*.deb        packages of "build --config debian"
#   $XENPV_CACHE/xen-4.17.elf           Xen, unpacked for QEMU
#   $XENPV_CACHE/logs                   serial logs of every boot
#   $XENPV_CACHE/test-logs              each test's output and serial log
# <variant> is "port" (this repository) or "stock" (the unmodified arch/x86/xen).

set -euo pipefail

XENPV_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
XENPV_CACHE=${XENPV_CACHE:-$HOME/.cache/xenpv}
XENPV_TARBALL=${XENPV_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
XENPV_DISTRO_CONFIG=/usr/src/linux-config-6.12/config.amd64_none_amd64.xz
XENPV_XEN_GZ=/boot/xen-4.17-amd64.gz
XENPV_XEN_BIN=/usr/lib/xen-4.17/bin
XENPV_JOBS=${XENPV_JOBS:-$(nproc)}

die() {
	echo "xenpv: error: $*" >&2
	exit 1
}

note() {
	echo "xenpv: $*" >&2
}

# need_file PATH PACKAGE: stop with an install hint when PATH is missing.
need_file() {
	[ -e "$1" ] || die "$1 is missing; install it with: apt-get install $2 (or run: harness/xenpv setup)"
}

# help_or_args SCRIPT MAX "$@": print SCRIPT's header comment for -h or
# --help and exit; die when more than MAX arguments are given.
help_or_args() {
	local script=$1 max=$2
	shift 2
	case "${1:-}" in
	-h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$script"; exit 0 ;;
	esac
	[ $# -le "$max" ] || die "$(basename "$script" .sh): $max argument(s) at most, not '$*'"
}

# positive_int WHAT VALUE: VALUE as a decimal number from 1 to 99999, or
# die naming WHAT (an empty VALUE is an error, not the default).
positive_int() {
	[[ "$2" =~ ^[0-9]{1,5}$ ]] && [ "$((10#$2))" -gt 0 ] ||
		die "$1 must be a whole number from 1 to 99999, not '$2' (see --help)"
	echo "$((10#$2))"
}

# need_cmd COMMAND PACKAGE
need_cmd() {
	command -v "$1" >/dev/null 2>&1 ||
		die "command '$1' is missing; install it with: apt-get install $2 (or run: harness/xenpv setup)"
}

# parse_variant ARGS...: sets VARIANT (port|stock) and leaves the other
# arguments in REST.
parse_variant() {
	VARIANT=port
	REST=()
	for a in "$@"; do
		case "$a" in
		--stock) VARIANT=stock ;;
		*) REST+=("$a") ;;
		esac
	done
}

# The configurations a test kernel is built and booted in (configs/NAME.config
# merged on top of test.config and distro-options.config, see
# config_fragments): "test" alone, "debug" with the kernel's debugging,
# "up" uniprocessor and without 32-bit user space.
BOOT_CONFIGS="test debug up"

# parse_test_config ARGS...: takes "--config NAME" (one of BOOT_CONFIGS)
# out of REST (default test) into TEST_CONFIG: which built kernel a boot uses.
parse_test_config() {
	local a want=0 rest=()
	TEST_CONFIG=test
	for a in "$@"; do
		if [ "$want" = 1 ]; then
			TEST_CONFIG=$a
			want=0
		elif [ "$a" = --config ]; then
			want=1
		else
			rest+=("$a")
		fi
	done
	[ "$want" = 0 ] || die "--config needs a value: one of $BOOT_CONFIGS"
	is_boot_config "$TEST_CONFIG" || die "--config must be one of: $BOOT_CONFIGS, not '$TEST_CONFIG'"
	REST=("${rest[@]+"${rest[@]}"}")
}

# is_boot_config NAME: NAME is one of BOOT_CONFIGS.
is_boot_config() {
	case " $BOOT_CONFIGS " in *" $1 "*) return 0 ;; esac
	return 1
}

variant_dir() {
	echo "$XENPV_CACHE/$1"
}

# The files of this repository that make up the kernel directory: the
# top-level Kconfig, Makefile, .kunitconfig and C/assembly sources.
# Tooling, tests and documentation are not copied into the kernel tree.
port_kernel_files() {
	(cd "$XENPV_REPO" && find . -maxdepth 1 -type f \
		\( -name '*.c' -o -name '*.h' -o -name '*.S' -o -name Kconfig -o -name Makefile \
		-o -name .kunitconfig \) |
		sed 's#^\./##' | LC_ALL=C sort)
}

# config_fragments VARIANT CONFIG: the files of configs/ merged, in order,
# on top of the kernel's defaults for a test or debug build.
config_fragments() {
	echo test.config distro-options.config
	[ "$2" = test ] || echo "$2.config"
	[ "$1" = stock ] || echo port.config
}

# A short hash naming exactly which arch/x86/xen a tree holds.
tree_xen_hash() {
	(cd "$1/arch/x86/xen" && find . -type f | LC_ALL=C sort | xargs sha256sum) |
		sha256sum | cut -c1-16
}

# The same hash over this repository's kernel files: equal to
# tree_xen_hash of a tree whose arch/x86/xen holds exactly them.
repo_xen_hash() {
	(cd "$XENPV_REPO" && port_kernel_files | sed 's#^#./#' | xargs sha256sum) |
		sha256sum | cut -c1-16
}

# build_both: bring the stock and the port test kernels up to date, so
# that a comparison never measures a stale or missing build.
build_both() {
	"$XENPV_REPO/harness/build.sh" --stock >/dev/null || die "the stock kernel does not build"
	"$XENPV_REPO/harness/build.sh" >/dev/null || die "the port does not build"
}

# The option that selects a variant on the command line ("" or " --stock").
variant_flag() {
	if [ "$1" = stock ]; then echo " --stock"; fi
}

# bench_boot VARIANT TRACE LOG [boot.py options]: one boot of the bench
# scenario (harness/bench.sh, harness/profile.sh) in a 2-vCPU domU under
# -icount, with dom0's xentrace on (TRACE 1) or off (0).
bench_boot() {
	local variant=$1 trace=$2 log=$3
	shift 3
	XENPV_LOG=$log "$XENPV_REPO/harness/boot.sh" $(variant_flag "$variant") --icount \
		--scenario bench --domu-mem 512 --domu-vcpus 2 --stage-budget 600 --domu-timeout 1800 \
		--scenario-budget 1800 --total 2400 --dom0-args "harness_bench_trace=$trace" "$@" \
		>/dev/null 2>&1
}
