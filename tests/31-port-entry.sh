#!/usr/bin/env bash
# Under Xen, dom0 enters this port at the ELF-note entry point, and the
# port's banner is the first thing the guest prints.
. "$(dirname "$0")/lib.sh"
boot_variant port-entry --until dom0-entry
reached "dom0 entered the port" || fail "no entry banner from dom0"
# Guest output starts once Xen has freed its init memory and runs dom0.
first=$(awk '/^\(XEN\) Freed [0-9]+kB init memory/ { on = 1; next }
	on && !/^\(XEN\)/ && NF { print; exit }' "$SERIAL")
case "$first" in
"xenpv: Xen PV port entered as dom0"*) ;;
*) fail "the first guest line is not the port's banner: '$first'" ;;
esac
