#!/usr/bin/env bash
# build.sh [--stock] [--config test|debug|up|distro|debian] [--dir-only] [--sparse] [--w1]
#
# Prepares a Linux 6.12 tree in the cache, puts this repository in place of
# its arch/x86/xen (or, with --stock, leaves the stock directory), and builds
# it out of tree, incrementally on rerun (a plain build of a boot config
# whose inputs have not changed since the last complete one is skipped).
#   --config test    the kernel's defaults + configs/test.config +
#                    configs/distro-options.config (+ configs/port.config for
#                    this port; default): bzImage and modules
#   --config debug   the same + configs/debug.config (lockdep, DEBUG_ENTRY,
#                    DEBUG_VM, ...)
#   --config up      the same + configs/up.config (no SMP, no IA32_EMULATION)
#   --config distro  Debian's amd64 config; with --dir-only, only this
#                    directory's objects (a full distro build takes hours)
#   --config debian  Debian's amd64 config built completely and packaged
#                    (make bindeb-pkg): debug info off, modules cut to
#                    configs/debian-modules.list, LOCALVERSION -xenpv;
#                    the .deb files land in $XENPV_CACHE/<variant>/
#   --dir-only       build only arch/x86/xen and head_64.o (which includes
#                    xen-head.S)
#   --sparse         afterwards, run sparse on arch/x86/xen (make C=2); any
#                    warning in the directory fails the build
#   --w1             afterwards, rebuild arch/x86/xen with W=1 (the extra
#                    warnings); any warning in the directory fails the build.
#                    The next plain build recompiles the directory.
. "$(dirname "$0")/lib.sh"

help_or_args "$0" 9 "$@"
parse_variant "$@"
CONFIG=test DIR_ONLY=0 SPARSE=0 W1=0
set -- "${REST[@]+"${REST[@]}"}"
while [ $# -gt 0 ]; do
	case "$1" in
	--config)
		[ $# -ge 2 ] || die "build: --config needs a value: one of $BOOT_CONFIGS distro debian"
		CONFIG=$2
		shift
		;;
	--dir-only) DIR_ONLY=1 ;;
	--sparse) SPARSE=1 ;;
	--w1) W1=1 ;;
	*) die "build: unknown argument '$1' (see --help)" ;;
	esac
	shift
done
is_boot_config "$CONFIG" || case "$CONFIG" in distro|debian) ;; *) die "build: --config must be one of: $BOOT_CONFIGS distro debian, not '$CONFIG'" ;; esac

for c in gcc:gcc make:make bc:bc flex:flex bison:bison xz:xz-utils perl:perl; do
	need_cmd "${c%%:*}" "${c#*:}"
done
need_file /usr/include/libelf.h libelf-dev
need_file /usr/include/openssl/ssl.h libssl-dev
need_file "$XENPV_TARBALL" linux-source-6.12
[ "$SPARSE" = 0 ] || need_cmd sparse sparse
[ "$CONFIG" != debian ] || need_cmd dpkg-buildpackage dpkg-dev

VDIR=$(variant_dir "$VARIANT")
SRC=$VDIR/src
OUT=$VDIR/out-$CONFIG
LOG=$OUT/build.log

# A pristine tree, extracted once; the stamp names the tarball it came from.
prepare_tree() {
	local stamp want
	want=$(stat -c '%s %Y' "$XENPV_TARBALL")
	stamp=$SRC/.xenpv-tarball
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		return
	fi
	note "extracting $XENPV_TARBALL into $SRC"
	rm -rf "$SRC" "$VDIR/extract"
	mkdir -p "$VDIR/extract"
	tar -xJf "$XENPV_TARBALL" -C "$VDIR/extract"
	mv "$VDIR/extract"/linux-source-* "$SRC"
	rmdir "$VDIR/extract"
	echo "$want" >"$stamp"
}

# Make $SRC/arch/x86/xen hold exactly this repository's kernel files.
# Unchanged files keep their timestamps so that make stays incremental.
overlay_port() {
	local dst=$SRC/arch/x86/xen f
	mkdir -p "$dst"
	for f in $(cd "$dst" && find . -type f | sed 's#^\./##'); do
		port_kernel_files | grep -qxF "$f" || rm -f "$dst/$f"
	done
	find "$dst" -mindepth 1 -type d -empty -delete
	for f in $(port_kernel_files); do
		cmp -s "$XENPV_REPO/$f" "$dst/$f" || cp "$XENPV_REPO/$f" "$dst/$f"
	done
}

# The kernel's defaults with the fragments of config_fragments merged on
# top, as a user configures a kernel: scripts/kconfig/merge_config.sh -m
# writes them into .config, olddefconfig gives every other option its
# default.  An option a fragment names that Kconfig does not give is an
# error.
# option_as_asked LINE: the .config has the value a fragment LINE asks for.
option_as_asked() {
	local name
	case "$1" in
	"# CONFIG_"*)
		name=${1#\# }
		name=${name%% *}
		! grep -q "^$name=" "$OUT/.config"
		;;
	*) grep -qxF "$1" "$OUT/.config" ;;
	esac
}

# last_assignments FILE: each option's last line in FILE (a later fragment
# overrides an earlier one).
last_assignments() {
	sed -nE 's/^(CONFIG_[A-Z0-9_]+)=.*/\1 &/p; s/^# (CONFIG_[A-Z0-9_]+) is not set/\1 &/p' "$1" |
		awk '{ name = $1; sub(/^[^ ]+ /, ""); last[name] = $0 } END { for (n in last) print last[n] }' |
		LC_ALL=C sort
}

configure_fragments() {
	local f line missing=0 merged=$OUT/.xenpv-fragment
	: >"$merged"
	for f in $(config_fragments "$VARIANT" "$CONFIG"); do
		cat "$XENPV_REPO/configs/$f" >>"$merged"
	done
	(cd "$OUT" && ARCH=x86_64 "$SRC/scripts/kconfig/merge_config.sh" -O "$OUT" \
		-m "$merged" >/dev/null)
	make -s -C "$SRC" O="$OUT" ARCH=x86_64 olddefconfig
	while read -r line; do
		option_as_asked "$line" && continue
		echo "xenpv: the $CONFIG config asks for '$line', the tree's Kconfig did not give it" >&2
		missing=1
	done < <(last_assignments "$merged")
	[ "$missing" = 0 ] || die "the $CONFIG config is incomplete (see above)"
}

configure_distro() {
	need_file "$XENPV_DISTRO_CONFIG" linux-config-6.12
	xz -dc "$XENPV_DISTRO_CONFIG" >"$OUT/.config"
	# Debian's signing keys are not part of the source package.
	"$SRC/scripts/config" --file "$OUT/.config" \
		--set-str SYSTEM_TRUSTED_KEYS "" --set-str SYSTEM_REVOCATION_KEYS "" \
		--set-str MODULE_SIG_KEY "certs/signing_key.pem"
	make -s -C "$SRC" O="$OUT" ARCH=x86_64 olddefconfig
}

# Debian's config as a user who builds it on a small machine would: no
# debug info, only the modules a Xen host and guest load (the kernel's
# localmodconfig, fed the list as lsmod output), the rest untouched.
configure_debian() {
	local lsmod=$OUT/.xenpv-lsmod
	configure_distro
	"$SRC/scripts/config" --file "$OUT/.config" \
		--disable DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT --disable DEBUG_INFO_DWARF5 \
		--disable DEBUG_INFO_BTF --enable DEBUG_INFO_NONE --set-str LOCALVERSION -xenpv
	make -s -C "$SRC" O="$OUT" ARCH=x86_64 olddefconfig
	{
		echo "Module Size Used by"
		grep -vE '^(#|$)' "$XENPV_REPO/configs/debian-modules.list" | sed 's/$/ 0 0/'
	} >"$lsmod"
	make -s -C "$SRC" O="$OUT" ARCH=x86_64 LSMOD="$lsmod" localmodconfig </dev/null >/dev/null 2>&1 ||
		die "localmodconfig failed"
	grep -q '^CONFIG_XEN_PV=y' "$OUT/.config" || die "Debian's config lost CONFIG_XEN_PV"
}

run_make() {
	make -C "$SRC" O="$OUT" ARCH=x86_64 -j"$XENPV_JOBS" "$@" >>"$LOG" 2>&1
}

build() {
	if [ "$CONFIG" = debian ]; then
		run_make bindeb-pkg
	elif [ "$DIR_ONLY" = 1 ]; then
		run_make prepare && run_make arch/x86/xen/ arch/x86/kernel/head_64.o
	else
		run_make bzImage modules
	fi
}

# sparse on every file of the directory; warnings in it fail the build.
run_sparse() {
	local slog=$OUT/sparse.log
	make -C "$SRC" O="$OUT" ARCH=x86_64 -j"$XENPV_JOBS" C=2 arch/x86/xen/ >"$slog" 2>&1 ||
		{ tail -n 30 "$slog"; die "sparse run failed (log: $slog)"; }
	if grep -E '(^|/)arch/x86/xen/[^:]+:[0-9]+:[0-9]+: (warning|error)' "$slog"; then
		die "sparse reports the problems above in arch/x86/xen (log: $slog)"
	fi
	note "sparse: arch/x86/xen is clean (log: $slog)"
}

# W=1 on every file of the directory; warnings in it fail the build.
run_w1() {
	local wlog=$OUT/w1.log
	local rc=0
	make -C "$SRC" O="$OUT" ARCH=x86_64 -j"$XENPV_JOBS" W=1 arch/x86/xen/ >"$wlog" 2>&1 || rc=$?
	# Compiler (file:line:col), kernel-doc (file:line) and objtool (file.o).
	if grep -E '(^|/)arch/x86/xen/[^: ]+(:[0-9]+)*: (warning|error)' "$wlog"; then
		die "W=1 reports the problems above in arch/x86/xen (log: $wlog)"
	fi
	[ "$rc" = 0 ] || { tail -n 20 "$wlog"; die "the W=1 build failed (log: $wlog)"; }
	grep -qE '(CC|AS) +arch/x86/xen/' "$wlog" ||
		die "W=1 rebuilt nothing in arch/x86/xen (log: $wlog)"
	note "W=1: arch/x86/xen is clean (log: $wlog)"
}

# build_key: what a plain build of a boot config depends on: the tree, its
# arch/x86/xen, the config fragments and this script.  The same key as the
# last complete build's means make would find nothing to do (it takes
# about 20 s to find that out, once per boot of the test suite).
build_key() {
	{
		echo "$VARIANT $CONFIG"
		cat "$SRC/.xenpv-tarball"
		tree_xen_hash "$SRC"
		for f in $(config_fragments "$VARIANT" "$CONFIG"); do
			cat "$XENPV_REPO/configs/$f"
		done
		cat "$XENPV_REPO/harness/build.sh" "$XENPV_REPO/harness/lib.sh"
	} | sha256sum | cut -c1-16
}

prepare_tree
[ "$VARIANT" = port ] && overlay_port
mkdir -p "$OUT"
STAMP=$OUT/.xenpv-built
KEY=
if is_boot_config "$CONFIG" && [ "$DIR_ONLY$W1" = 00 ]; then
	KEY=$(build_key)
	if [ "$SPARSE" = 0 ] && [ -f "$OUT/arch/x86/boot/bzImage" ] &&
		[ "$(cat "$STAMP" 2>/dev/null)" = "$KEY" ]; then
		note "$VARIANT/$CONFIG is up to date (inputs $KEY, as built; log: $LOG)"
		note "kernel: $OUT/arch/x86/boot/bzImage"
		exit 0
	fi
fi
rm -f "$STAMP"
{
	echo "== xenpv build $(date -u '+%F %T') variant=$VARIANT config=$CONFIG"
	if [ "$VARIANT" = port ]; then
		echo "== arch/x86/xen from $XENPV_REPO ($(port_kernel_files | wc -l) files)"
	else
		echo "== arch/x86/xen: the stock directory of $SRC"
	fi
	echo "== arch/x86/xen hash: $(tree_xen_hash "$SRC")"
} | tee "$LOG" >&2
if is_boot_config "$CONFIG"; then configure_fragments; else "configure_$CONFIG"; fi
start=$(date +%s)
if ! build; then
	grep -E 'error|Error|undefined reference' "$LOG" | tail -n 40 >&2 || true
	die "build failed after $(($(date +%s) - start)) s; full log: $LOG"
fi
note "built $VARIANT/$CONFIG in $(($(date +%s) - start)) s; log: $LOG"
[ -z "$KEY" ] || echo "$KEY" >"$STAMP"
[ "$DIR_ONLY" = 1 ] || note "kernel: $OUT/arch/x86/boot/bzImage"
[ "$SPARSE" = 0 ] || run_sparse
[ "$W1" = 0 ] || run_w1
