#!/bin/sh
# selftests: Linux's own x86 selftests (tools/testing/selftests/x86 of the
# kernel's tree), 64- and 32-bit, one after the other; this domU boots
# from an image that holds them (domU-selftests, see mkinitramfs.sh).
# harness_selftests=NAME:... (names or patterns, joined by ":") runs only those.
# What the tests run on: the vCPUs this kernel brought up, and whether it
# was built for SMP (uname -v says so).
echo "xenpv-result: cpus=$(grep -c ^processor /proc/cpuinfo)"
case " $(uname -v) " in *" SMP "*) smp=yes ;; *) smp=no ;; esac
echo "xenpv-result: smp_kernel=$smp"
# Patterns ("*_64") go to run-selftests unexpanded.
set -f
run-selftests domU /selftests $(echo "${harness_selftests:-}" | tr : " ")
# The kernel's account of the general protection faults it turned into
# SIGSEGV (info level, below the console's): "xenpv-gp: NAME error=CODE".
dmesg | sed -n 's/.*traps: \([^[]*\)\[[0-9]*\] general protection fault .* error:\([0-9a-f]*\).*/xenpv-gp: \1 error=\2/p'
