#!/bin/sh
# selftests, dom0's side: the x86 selftests whose subject is what dom0
# alone can do or what its kernel does for every domain (port I/O with
# iopl and ioperm, the LDT and GDT, sigreturn), in dom0 while the domU
# runs the whole set.  harness_dom0_selftests=NAME:... (a dom0 option; names
# or patterns) runs only those.
# What the tests run on: the vCPUs this kernel brought up, and whether it
# was built for SMP (uname -v says so).
echo "xenpv-result: cpus=$(grep -c ^processor /proc/cpuinfo)"
case " $(uname -v) " in *" SMP "*) smp=yes ;; *) smp=no ;; esac
echo "xenpv-result: smp_kernel=$smp"
# Patterns ("*_64") go to run-selftests unexpanded.
set -f
run-selftests dom0 /selftests $(echo "${harness_dom0_selftests:-}" | tr : " ")
# The kernel's account of the general protection faults it turned into
# SIGSEGV (info level, below the console's): "xenpv-gp: NAME error=CODE".
dmesg | sed -n 's/.*traps: \([^[]*\)\[[0-9]*\] general protection fault .* error:\([0-9a-f]*\).*/xenpv-gp: \1 error=\2/p'
