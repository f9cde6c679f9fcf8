#!/usr/bin/env bash
# With Debian's amd64 config, every object of this directory compiles
# (including head_64.o, which includes xen-head.S).
. "$(dirname "$0")/lib.sh"
"$XENPV" build --config distro --dir-only || fail "arch/x86/xen does not build in the distro config"
out=$XENPV_CACHE/port/out-distro
grep -q '^CONFIG_XEN_PV=y' "$out/.config" || fail "the distro config lost CONFIG_XEN_PV"
grep -q '^CONFIG_XEN_DOM0=y' "$out/.config" || fail "the distro config lost CONFIG_XEN_DOM0"
[ -f "$out/arch/x86/xen/built-in.a" ] || fail "no arch/x86/xen/built-in.a"
