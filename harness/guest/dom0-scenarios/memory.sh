#!/bin/sh
# memory, dom0's side: balloon the domU (256 MiB, maxmem 1024) through
# harness_mem_steps (128:256:1024:256 MiB), each step once the domU saw
# the last; swing it 20 times between 192 and 256 MiB; balloon dom0
# itself (dom0_mem=768M,max:1024M) to 640 MiB and to 1024 (harness_mem_
# dom0_top); then, unless
# harness_mem_unmet=0, ask for more for the domU than Xen has free, and
# give it 256 MiB again; then, unless harness_mem_hotplug=0, raise its
# maximum past maxmem with xl mem-max and its target to 1088 MiB.
. /lib/xenpv/dom0-scenario-lib.sh
res() { echo "xenpv-result: $1=$2"; }
memtotal() { sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo; }
mem_set() { xl mem-set "$1" "$2" || say "FAIL: xl mem-set $1 $2"; }

wait_for 'console_has "ready for memory steps"' 600 || exit 1
step=0
for mib in $(echo "${harness_mem_steps:-128:256:1024:256}" | tr : " "); do
	step=$((step + 1))
	mem_set domU $mib
	wait_for "console_has 'memory step $step done'" 600 || exit 1
	res dom0_domu_step${step}_mib "$(xl list domU | awk 'NR == 2 { print $3 }')"
done

wait_for 'console_has "ready for swings"' 600 || exit 1
i=0
while [ $i -lt 20 ]; do
	mem_set domU 192
	mem_set domU 256
	i=$((i + 1))
done
mem_set domU 248
wait_for 'console_has "swings done"' 900 || exit 1
mem_set domU 256

# dom0 follows its own target down and up past its boot size.
start=$(memtotal)
res dom0_mem_start_kb "$start"
for mib in 640 ${harness_mem_dom0_top:-1024}; do
	mem_set 0 $mib
	want=$((start + (mib - 768) * 1024))
	wait_for "[ \$(memtotal) -ge $((want - 2048)) ] && [ \$(memtotal) -le $((want + 2048)) ]" 300 ||
		say "FAIL: dom0's MemTotal is $(memtotal) kB at a target of $mib MiB, not about $want"
	res dom0_mem_at_${mib}_kb "$(memtotal)"
done

# More than Xen has: the domU's maxmem, with dom0 at 1024 MiB (the test
# gives the machine too little memory for both).
if [ "${harness_mem_unmet:-1}" = 1 ]; then
	free=$(xl info | awk '$1 == "free_memory" { print $3 }')
	has=$(xl list domU | awk 'NR == 2 { print $3 }')
	res dom0_free_mib "$free"
	[ $((has + free)) -lt 1024 ] ||
		say "FAIL: $free MiB free and $has MiB in the domU: Xen can meet its maxmem"
	mem_set domU 1024
	res dom0_unmet_target_mib 1024
	wait_for 'console_has "unmet target checked"' 900 || exit 1
	res dom0_unmet_got_mib "$(xl list domU | awk 'NR == 2 { print $3 }')"
	mem_set domU 256
fi
mem_set 0 768

# Past the domU's maxmem: memory hotplug in the domU.
if [ "${harness_mem_hotplug:-1}" = 1 ]; then
	wait_for 'console_has "ready for hotplug"' 900 || exit 1
	xl mem-max domU 1088 || say "FAIL: xl mem-max domU 1088"
	mem_set domU 1088
	wait_for 'console_has "hotplug done"' 900 || exit 1
	res dom0_domu_hotplug_mib "$(xl list domU | awk 'NR == 2 { print $3 }')"
	mem_set domU 256
fi
