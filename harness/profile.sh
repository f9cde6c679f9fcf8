#!/usr/bin/env bash
# profile.sh [--stock] [TOP]: where the microbenchmarks' virtual time goes.
# Boots the bench scenario of harness/bench.sh once, untraced, under
# QEMU -icount with harness/tbprof.c, a TCG plugin that counts the
# instructions each physical CPU ran per translation block between each
# benchmark's two markers.  Under -icount those instructions are the
# benchmark's virtual time, both CPUs' together: the benchmark's own work
# (physical CPU 1: the domU's vCPU 0 and Xen on its behalf) and whatever
# ran on CPU 0 meanwhile (dom0, the domU's vCPU 1).  Writes
# $XENPV_CACHE/profile-VARIANT/profile.txt: per benchmark and CPU the
# instructions per operation, split into Xen, guest kernel and user, and
# the TOP (default 12) functions by Xen's and the kernel's symbols.  About
# 2 minutes.
. "$(dirname "$0")/lib.sh"
parse_variant "$@"
set -- "${REST[@]+"${REST[@]}"}"
help_or_args "$0" 1 "$@"
top=$(positive_int TOP "${1-12}") || exit 1
xen_efi=/boot/xen-4.17-amd64.efi
need_file "$xen_efi" xen-hypervisor-4.17-amd64
need_cmd objdump binutils
need_cmd gcc gcc
out=$XENPV_CACHE/profile-$VARIANT
mkdir -p "$out"
"$XENPV_REPO/harness/build.sh" $(variant_flag "$VARIANT") >/dev/null ||
	die "the $VARIANT kernel does not build"

gcc -O2 -Wall -shared -fPIC -o "$out/tbprof.so" "$XENPV_REPO/harness/tbprof.c" ||
	die "the QEMU plugin (harness/tbprof.c) does not build"
trig=$(python3 "$XENPV_REPO/harness/profile.py" trigger "$xen_efi") ||
	die "no marker address in $xen_efi"
log=$out/bench.log
rm -f "$out/counts"
note "booting $VARIANT with the plugin (markers at Xen $trig)"
bench_boot "$VARIANT" 0 "$log" --qemu-plugin "$out/tbprof.so,trig=$trig,out=$out/counts" ||
	note "the boot reported problems (log: $log)"
grep -q '^\[domU\] xenpv-result: bench=done' "$log" ||
	die "the benchmarks did not finish (log: $log)"
[ -s "$out/counts" ] || die "the plugin wrote no counts (log: $log)"
python3 "$XENPV_REPO/harness/profile.py" report "$out/counts" "$log" \
	"$(variant_dir "$VARIANT")/out-test/System.map" "$xen_efi" "$top" >"$out/profile.txt" ||
	die "no report (counts: $out/counts, log: $log)"
cat "$out/profile.txt"
note "profile: $out/profile.txt"
