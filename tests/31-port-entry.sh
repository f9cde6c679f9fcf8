#!/usr/bin/env bash
# Under Xen, dom0 enters this port at the ELF-note entry point, and the
# port's banner is the first thing the guest prints.
. "$(dirname "$0")/lib.sh"
"$XENPV" build >/dev/null || fail "the port does not build"
boot_report port-entry --until dom0-entry
cat "$REPORT" 2>/dev/null
[ -f "$REPORT" ] || fail "no stage report"
reached "dom0 entered the port" || fail "no entry banner from dom0"
first=$(grep -v -E '^\(XEN\)|^#' "$SERIAL" | grep -m1 .)
case "$first" in
"xenpv: Xen PV port entered as dom0"*) ;;
*) fail "the first guest line is not the port's banner: '$first'" ;;
esac
