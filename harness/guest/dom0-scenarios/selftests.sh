#!/bin/sh
# selftests, dom0's side: the x86 selftests whose subject is what dom0
# alone can do or what its kernel does for every domain (port I/O with
# iopl and ioperm, the LDT and GDT, sigreturn), in dom0 while the domU
# runs the whole set.  harness_dom0_selftests=NAME:... (a dom0 option) runs only those.
run-selftests dom0 /selftests $(echo "${harness_dom0_selftests:-}" | tr : " ")
