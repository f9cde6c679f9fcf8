#!/bin/sh
# bench: the microbenchmarks of harness/guest/microbench.c, for
# harness/xenpv bench.  privcmd lets them mark, in the hypercall trace
# dom0 records, where each benchmark starts and ends.
# In a domU privcmd passes hypercalls only when told to (its restriction
# to a target domain is for device-model stub domains).
modprobe xen-privcmd unrestricted=1 || echo "xenpv-harness: FAIL: cannot load xen-privcmd"
/bin/microbench
