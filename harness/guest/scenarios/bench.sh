#!/bin/sh
# bench: the microbenchmarks of harness/guest/microbench.c, for
# harness/xenpv bench.  privcmd lets them mark, in the hypercall trace
# dom0 records, where each benchmark starts and ends.
# In a domU privcmd passes hypercalls only when told to (its restriction
# to a target domain is for device-model stub domains).
# Also the memory left to user space and the CPU bugs the kernel
# mitigates, so that the report can show both ports ran alike.
modprobe xen-privcmd unrestricted=1 || echo "xenpv-harness: FAIL: cannot load xen-privcmd"
echo "xenpv-result: domu_mem_total_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)"
echo "xenpv-result: domu_mem_available_kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)"
echo "xenpv-result: cpu_bugs=$(sed -n 's/^bugs[^:]*: *//p' /proc/cpuinfo | head -n 1 | tr ' ' ,)"
/bin/microbench
