#!/bin/sh
# bench: the microbenchmarks of harness/guest/microbench.c, for
# harness/xenpv bench.  privcmd lets them mark, in the hypercall trace
# dom0 records, where each benchmark starts and ends.
# In a domU privcmd passes hypercalls only when told to (its restriction
# to a target domain is for device-model stub domains).
# Also the memory left to user space and the CPU bugs the kernel
# mitigates, so that the report can show both ports ran alike.
# Where the stack and the mmap area land decides how many page tables a
# process has, and Xen validates and frees every one at fork and exit:
# with randomization a fork + exit costs up to 8% more in one boot than
# in another.  Both kernels get the same fixed layout.
echo 0 >/proc/sys/kernel/randomize_va_space ||
	echo "xenpv-harness: FAIL: cannot turn address-space randomization off"
modprobe xen-privcmd unrestricted=1 || echo "xenpv-harness: FAIL: cannot load xen-privcmd"
echo "xenpv-result: domu_mem_total_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)"
echo "xenpv-result: domu_mem_available_kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)"
# Free pages on the per-CPU lists count in neither MemFree nor
# MemAvailable; how many the allocator keeps there moves with the order
# of earlier frees, by up to 16 MiB between two boots.
echo "xenpv-result: domu_pcp_free_kb=$(awk '$1 == "count:" { n += $2 } END { print n * 4 }' /proc/zoneinfo)"
echo "xenpv-result: cpu_bugs=$(sed -n 's/^bugs[^:]*: *//p' /proc/cpuinfo | head -n 1 | tr ' ' ,)"
/bin/microbench
