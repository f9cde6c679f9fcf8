#!/usr/bin/env bash
# The port in a kernel built without SMP and without IA32_EMULATION
# (configs/up.config on top of the test configuration), where interrupt
# flags and vcpu_info have no per-CPU setup behind them and Xen gets entry
# callbacks for 32-bit SYSCALL and SYSENTER that no compat entry serves:
# - dom0 and a domU, given 2 vCPUs each, boot on one, from a kernel that
#   says it is not SMP, and their KUnit cases pass;
# - the 64-bit x86 selftests run in the domU (the port-I/O, LDT and
#   sigreturn ones in dom0 too): each that passes in the same run under
#   the port's test kernel (tests/39-port-selftests.sh, SMP with
#   IA32_EMULATION) passes here, or, if its source has an INT $0x80,
#   dies of SIGSEGV (exit 139) from the general protection fault of that
#   instruction (error code 0x402: vector 0x80 of the IDT, which has no
#   gate for it without IA32_EMULATION), as under native Linux;
# - syscall_arg_fault_64 reports every subtest [OK], none skipped: a 32-bit
#   SYSCALL or SYSENTER from a 64-bit process ends in a signal carrying
#   -ENOSYS or -EFAULT in AX, as on native Linux, not in SIGILL.
. "$(dirname "$0")/lib.sh"
"$XENPV" build --config up >/dev/null ||
	fail "the port does not build without SMP and IA32_EMULATION"
boot_report port-up --config up --scenario selftests --dom0-vcpus 2 --domu-vcpus 2 \
	--domu-mem 512 --dom0-args 'harness_dom0_selftests=*_64' \
	--domu-args 'harness_selftests=*_64' \
	--domu-timeout 1200 --scenario-budget 1200 --total 1800
[ -f "$REPORT_JSON" ] || fail "no stage report"
reached "host powered off" || fail "the up kernel did not finish the scenario and power the host off"

check_init_p2m
for who in dom0 domU; do
	[ "$(query result "$who" smp_kernel)" = no ] || fail "$who's kernel says it was built for SMP"
	v=$(query result "$who" cpus)
	[ "$v" = 1 ] || fail "$who runs on '$v' vCPUs, not 1 (it was given 2)"
done

table=$(selftest_table "$SERIAL")
echo "$table" | column -t
for who in dom0 domU; do
	serial_has "^(\\[domU\\] )?xenpv-selftest: $who done" || fail "$who did not finish its selftests"
done
# What passed under the test kernel, and which selftests have an INT $0x80.
smp_log=$TEST_LOGS/port-selftests.log
[ -f "$smp_log" ] || fail "no log of the port's selftests in the test kernel ($smp_log; tests/39-port-selftests.sh runs first)"
passed=$(selftest_table "$smp_log" | awk '$2 ~ /_64$/ && $3 == 0 && $5 == 0 { print $1 "/" $2 }')
int80=$(cd "$XENPV_CACHE/port/src/tools/testing/selftests/x86" && grep -l 'int \$0x80' -- *.c | sed 's/\.c$/_64/')
[ -n "$passed" ] && [ -n "$int80" ] || fail "cannot tell what to expect (passed: '$passed', INT \$0x80 users: '$int80')"
bad=
while read -r who name rc ok nfail skip; do
	echo "$passed" | grep -qxF "$who/$name" || continue
	if [ "$rc" = 139 ] && echo "$int80" | grep -qxF "$name"; then
		prefix=; [ "$who" = domU ] && prefix='\[domU\] '
		# The kernel names a task by the first 15 characters of its name.
		serial_has "^${prefix}xenpv-gp: ${name:0:15} error=402" ||
			bad="$bad $who/$name(SIGSEGV, but not from INT \$0x80)"
	elif [ "$rc" != 0 ] || [ "$nfail" != 0 ]; then
		bad="$bad $who/$name(rc=$rc fail=$nfail)"
	fi
done < <(echo "$table" | awk '$2 ~ /_64$/')
[ -z "$bad" ] || fail "64-bit selftests that pass under the test kernel, not here:$bad"
missing=$(for t in $passed; do echo "$table" | awk '{ print $1 "/" $2 }' | grep -qxF "$t" || echo "$t"; done)
[ -z "$missing" ] || fail "selftests that ran under the test kernel, not here: $missing"
read -r rc ok nfail skip < <(echo "$table" | awk '$1 == "domU" && $2 == "syscall_arg_fault_64" { print $3, $4, $5, $6 }')
[ -n "${ok:-}" ] || fail "syscall_arg_fault_64 did not run"
[ "$rc" = 0 ] && [ "$nfail" = 0 ] && [ "$skip" = 0 ] && [ "$ok" -gt 0 ] ||
	fail "syscall_arg_fault_64: rc=$rc ok=$ok fail=$nfail skip=$skip (every subtest must be [OK])"

# KUnit's verdicts on both consoles: each suite of the port reported, none failed.
for who in dom0 domU; do
	if [ "$who" = dom0 ]; then
		ktap=$(grep -v '^\[domU\] ' "$SERIAL")
	else
		ktap=$(sed -n 's/^\[domU\] //p' "$SERIAL")
	fi
	echo "$ktap" | grep -qE '^ok [0-9]+ xenpv_' || fail "no KUnit suite of the port passed in $who"
	! echo "$ktap" | grep -E '^ *not ok [0-9]+ ' || fail "KUnit cases failed in $who (above)"
done
new=$(query problems)
[ -z "$new" ] || fail "the up kernel's boot reported problems: $new"
exit 0
