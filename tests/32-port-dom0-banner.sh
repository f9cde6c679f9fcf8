#!/usr/bin/env bash
# dom0 runs the port's boot path to the kernel's own page tables and into
# start_kernel: the Linux banner and the Xen memory map appear through
# earlyprintk=xen, after the port's entry banner.
. "$(dirname "$0")/lib.sh"
boot_variant port-dom0-banner --until dom0-banner
reached "dom0 banner" || fail "dom0 did not print the Linux banner"
serial_has '^Xen: \[mem 0x0000000000000000-' || fail "no memory map from Xen"
serial_has '^Hypervisor detected: Xen PV' || fail "the kernel did not detect Xen PV"
exit 0
