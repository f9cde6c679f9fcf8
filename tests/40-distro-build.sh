#!/usr/bin/env bash
# With Debian's amd64 config, every object of this directory compiles
# (including head_64.o, which includes xen-head.S), and every value of
# configs/distro-options.config is the one Debian ships.
. "$(dirname "$0")/lib.sh"
"$XENPV" build --config distro --dir-only || fail "arch/x86/xen does not build in the distro config"
out=$XENPV_CACHE/port/out-distro
grep -q '^CONFIG_XEN_PV=y' "$out/.config" || fail "the distro config lost CONFIG_XEN_PV"
grep -q '^CONFIG_XEN_DOM0=y' "$out/.config" || fail "the distro config lost CONFIG_XEN_DOM0"
[ -f "$out/arch/x86/xen/built-in.a" ] || fail "no arch/x86/xen/built-in.a"
# configs/distro-options.config claims Debian's values: each line is in
# Debian's own file, as Debian ships it.
debian=$(xz -dc /usr/src/linux-config-6.12/config.amd64_none_amd64.xz) ||
	fail "cannot read Debian's config (package linux-config-6.12)"
while IFS= read -r line; do
	grep -qxF "$line" <<<"$debian" || fail "distro-options.config has '$line', Debian's config does not"
done < <(grep -E '^(CONFIG_|# CONFIG_[A-Z0-9_]+ is not set)' "$XENPV_REPO/configs/distro-options.config")
exit 0
