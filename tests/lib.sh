# lib.sh: helpers for the tests (sourced).  A test is a script that exits 0
# when the behaviour it checks was observed and non-zero otherwise, saying
# why on its last line of output.
set -uo pipefail
XENPV_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
XENPV_CACHE=${XENPV_CACHE:-$HOME/.cache/xenpv}
XENPV=$XENPV_REPO/harness/xenpv

# The kernel files of the port and the hash the harness logs for the
# arch/x86/xen it builds, of this repository's files (harness/lib.sh, in a subshell: it sets -e).
port_kernel_files() {
	(. "$XENPV_REPO/harness/lib.sh" && port_kernel_files)
}
repo_xen_hash() {
	(. "$XENPV_REPO/harness/lib.sh" && repo_xen_hash)
}
TEST_NAME=$(basename "$0" .sh)
TEST_LOGS=$XENPV_CACHE/test-logs
mkdir -p "$TEST_LOGS"

fail() {
	echo "FAIL: $*"
	exit 1
}

# boot_report NAME [xenpv boot args...]: boot, keep the serial log in
# $TEST_LOGS/NAME.log and the report in $TEST_LOGS/NAME.log.report.
# Sets SERIAL and REPORT; returns the boot's exit status.
boot_report() {
	local name=$1
	shift
	SERIAL=$TEST_LOGS/$name.log
	REPORT=$SERIAL.report
	REPORT_JSON=$SERIAL.report.json
	rm -f "$SERIAL" "$REPORT" "$REPORT_JSON"
	XENPV_LOG=$SERIAL "$XENPV" boot "$@"
}

# query ARGS...: harness/report.py on the last boot's JSON report.
query() {
	python3 "$XENPV_REPO/harness/report.py" "$REPORT_JSON" "$@"
}

# check_init_p2m: Xen honoured XEN_ELFNOTE_INIT_P2M for dom0 (its own
# log) and for the domU (the toolstack's list in the same slot), and both
# kernels moved the list out of Xen's mapping into their own.
check_init_p2m() {
	local va
	va=$(sed -n 's/^(XEN) *Phys-Mach map: \([0-9a-f]*\)->.*/\1/p' "$SERIAL" | head -n 1)
	[ -n "$va" ] && [ $((0x$va >> 39 & 511)) != 511 ] ||
		fail "Xen did not map dom0's p2m list outside the kernel's slot ('$va')"
	serial_has "^xenpv: p2m: the list Xen mapped at 0x$va .* is in the p2m area now" ||
		fail "dom0 did not move its p2m list out of Xen's mapping"
	serial_has "^\\[domU\\] xenpv: p2m: the list Xen mapped at 0x$va .* is in the p2m area now" ||
		fail "the domU's p2m list was not where the note asks, or stayed in Xen's mapping"
}

# dom0_result_of LOG NAME: what dom0 printed for NAME in another boot.
dom0_result_of() {
	python3 "$XENPV_REPO/harness/report.py" "$1.report.json" result dom0 "$2"
}

# result_of LOG NAME: what the domU printed for NAME in another boot.
result_of() {
	python3 "$XENPV_REPO/harness/report.py" "$1.report.json" result domU "$2"
}

# reached STAGE: did the last boot reach this stage (its title or key)?
reached() {
	query reached "$1"
}

# serial_has REGEX: does the serial log of the last boot match?
serial_has() {
	grep -qE "$1" "$SERIAL"
}

# result NAME: the value the domU's workload printed for NAME.
result() {
	query result domU "$1"
}

# dom0_result NAME: the value dom0 printed for NAME.
dom0_result() {
	query result dom0 "$1"
}

# check_workload: the results of harness/guest/workload.c in the last boot
# are right; fails with the first one that is not.
check_workload() {
	local want v real dom0
	for want in forks=1000 execs=200 memory_mib=64 memory_checksum=ok \
		touch_rounds=4 moves=9 moved_pages_wrong=0 pipe_roundtrips=10000 pipe_child=ok \
		ldt_limit=0x1234 \
		single_steps=100 workload=done klog_reader=ok; do
		v=$(result "${want%%=*}")
		[ "$v" = "${want#*=}" ] || fail "workload: ${want%%=*} is '$v', not '${want#*=}'"
	done
	v=$(result sleep_realtime_ms)
	[ -n "$v" ] && [ "$v" -ge 1900 ] && [ "$v" -le 2100 ] ||
		fail "workload: a 2 s sleep took '$v' ms of wallclock (more than 5% off)"
	real=$(result realtime_end)
	dom0=$(dom0_result dom0_realtime)
	# dom0 reads the time once the domU has powered off: a slow kernel
	# (the debug one) takes longer to get there (WALLCLOCK_SLACK, s).
	[ -n "$real" ] && [ -n "$dom0" ] && [ $((dom0 - real)) -ge 0 ] &&
		[ $((dom0 - real)) -le "${WALLCLOCK_SLACK:-10}" ] ||
		fail "workload: domU wallclock ($real) does not match Xen's as dom0 reads it ($dom0)"
	serial_has '^xenpv-harness: domU shut down: poweroff' || fail "dom0 did not see a clean domU poweroff"
	check_compat32
}

# A QEMU CPU model of AMD's vendor that Xen runs on under TCG.
AMD_CPU="qemu64,+svm,+npt"

# check_compat32: the domU's 32-bit program went through int $0x80, the
# vDSO entry and a signal.
check_compat32() {
	local part
	for part in int80 vsyscall signal; do
		[ "$(result ia32_$part)" = ok ] || fail "32-bit $part: '$(result ia32_$part)'"
	done
}

# check_xen_trace_events: the domU's boot scenario read back the kernel's
# xen: trace events (multicall batches and entries, PTE writes, pins, cr3
# loads) from tracefs after a fork and an exec; each fired at least once.
check_xen_trace_events() {
	local e v
	for e in xen_mc_batch xen_mc_entry xen_mc_flush xen_mmu_set_pte xen_mmu_pgd_pin \
		xen_mmu_write_cr3; do
		v=$(result trace_$e)
		[ -n "$v" ] && [ "$v" -gt 0 ] || fail "trace event $e: '$v' events"
	done
}

# check_modules: dom0 loaded the toolstack's and the backends' modules and
# the domU its frontends (Xen drivers are modules, as in Debian's kernel).
check_modules() {
	local m
	for m in xenfs xen_evtchn xen_privcmd xen_gntdev xen_gntalloc xen_blkback xen_netback; do
		serial_has "^xenpv-harness: modules loaded: .*\b$m\b" || fail "dom0 did not load module $m"
	done
	for m in xen_blkfront xen_netfront; do
		serial_has "^\[domU\] xenpv-harness: modules loaded: .*\b$m\b" ||
			fail "the domU did not load module $m"
	done
}

# The domU of the faults scenario: 2 of 8 possible vCPUs, raised to 8 and
# lowered to 2 again by dom0 (harness/guest/scenarios/faults.sh).
# dom0 moves its clock a day ahead before starting the domU.
CLOCK_SHIFT=86400
FAULTS_BOOT="--scenario faults --domu-vcpus 2 --domu-maxvcpus 8 --dom0-args harness_clock_shift=$CLOCK_SHIFT"

# The saverestore scenario: dom0 saves its 2-vCPU domU to a file and
# restores it, SAVES times, then fails a save half way, which resumes the
# domU (harness/guest/{scenarios,dom0-scenarios}/saverestore.sh).
# saverestore_boot SAVES: the options for SAVES saves and restores (about
# 45 s each) and the failed one.
saverestore_boot() {
	echo "--scenario saverestore --domu-vcpus 2 --domu-maxvcpus 4 --domu-mem 320" \
		"--domu-timeout 1500 --scenario-budget 1500 --domu-args printk.time=1" \
		"--domu-args harness_saves=$1 --dom0-args harness_saves=$1"
}

# The devices scenario: a domU with an image-file disk, a phy: disk and a
# vif on a bridge in dom0, through Xen's own hotplug scripts; rebooted by
# "xl reboot" (harness/guest/{scenarios,dom0-scenarios}/devices*.sh).
DEVICES_BOOT="--scenario devices --domu-timeout 600"

# same_transfer WHAT SENT RECEIVED: the checksum sent arrived unchanged.
same_transfer() {
	[ -n "$2" ] && [ "$2" = "$3" ] || fail "$1: sent $2, received '$3'"
}

# The devices scenario without "xl reboot": the domU powers off after the
# network.
DEVICES_ONCE_BOOT="$DEVICES_BOOT --domu-args harness_devices_reboot=0"

# check_devices_once: 64 MiB on each disk read back past the page cache,
# a ping each way and 32 MiB over TCP each way arriving intact.
check_devices_once() {
	local d
	for d in xvda xvdb; do
		[ "$(result ${d}_written)" = ok ] || fail "$d: written is '$(result ${d}_written)'"
	done
	[ "$(result domu_ping)" = ok ] || fail "the domU cannot ping dom0"
	[ "$(dom0_result dom0_ping)" = ok ] || fail "dom0 cannot ping the domU"
	same_transfer "domU to dom0" "$(result domu_sent_md5)" "$(dom0_result dom0_recv_md5)"
	same_transfer "dom0 to domU" "$(dom0_result dom0_sent_md5)" "$(result domu_recv_md5)"
}

# check_devices: check_devices_once, and both disks read back again after
# "xl reboot".
check_devices() {
	local d
	check_devices_once
	for d in xvda xvdb; do
		[ "$(result ${d}_after_reboot)" = ok ] ||
			fail "$d: after_reboot is '$(result ${d}_after_reboot)'"
	done
	[ "$(dom0_result dom0_xl_reboot)" = ok ] || fail "xl reboot failed"
	echo "devices: 2 disks x 64 MiB intact across xl reboot; 32 MiB each way over TCP"
}

# A PVH or HVM domU reads the TSC natively (xl.cfg tsc_mode = "native"),
# as on hardware whose TSC is invariant.  qemu64's is not, so by default
# Xen would intercept RDTSC, and QEMU 7.2's emulated SVM triple-faults a
# domU now and then on such exits (Documentation/debugging.rst): on
# 2026-12-03, 2 of 3 PVH boots by default, none of 4 PVH and 3 HVM
# boots with native TSC reads.
SVM_DOMU_TSC="--dom0-args harness_domu_tsc=native"

# The devices scenario in a 2-vCPU PVH domU (issue 16), saved and restored
# once before its reboot.  Xen runs PVH guests only where the CPU
# virtualises: QEMU's TCG emulates AMD SVM with nested paging, not VMX.
PVH_ONLY_BOOT="--cpu-model $AMD_CPU --domu-type pvh --domu-vcpus 2 $SVM_DOMU_TSC"
PVH_BOOT="$PVH_ONLY_BOOT $DEVICES_BOOT --dom0-args harness_devices_save=1"

# A PVH dom0 (issue 16): Xen's dom0=pvh, on QEMU's q35 machine with its
# emulated VT-d, since Xen 4.17 builds a PVH dom0 only behind an IOMMU.
PVH_DOM0_BOOT="--cpu-model $AMD_CPU --dom0-type pvh"
# The devices scenario under a PVH dom0, which also raises its own memory
# target by 128 MiB, up to its maximum.
PVH_DOM0_DEVICES_BOOT="$PVH_DOM0_BOOT $DEVICES_BOOT --dom0-maxmem 1024 --dom0-args harness_devices_dom0_grow=128"

# check_pvh_dom0: Xen built the last boot's dom0 as PVH, and dom0 says so.
check_pvh_dom0() {
	serial_has '^\(XEN\) \*\*\* Building a PVH Dom0 \*\*\*' || fail "Xen did not build a PVH dom0"
	[ "$(dom0_result dom0_guest_type)" = PVH ] ||
		fail "dom0's guest_type is '$(dom0_result dom0_guest_type)', not PVH"
	reached "toolstack up" || fail "the PVH dom0 did not start the toolstack"
}

# check_pvh_dom0_grew: the PVH dom0 of the last boot followed its target
# 128 MiB up.
check_pvh_dom0_grew() {
	[ "$(dom0_result dom0_grew)" = ok ] ||
		fail "the PVH dom0 did not grow by 128 MiB: '$(dom0_result dom0_grew)'"
}

# triple_fault_dump: the first triple fault of a domain in an HVM
# container in the last boot, with Xen's dump of its registers.
triple_fault_dump() {
	grep -m1 -A8 -E '\(XEN\) d[0-9]+v[0-9]+ Triple fault - invoking HVM shutdown' "$SERIAL"
}

# emulator_signature: that dump shows Xen's own state (RIP e008:..., the
# instruction after Xen's vmrun): QEMU 7.2's emulated SVM, not the guest
# (Documentation/debugging.rst).
emulator_signature() {
	triple_fault_dump | grep -qE '^\(XEN\) (\[[^]]*\] )?RIP: +e008:'
}

# fault_rip: the guest's RIP in that dump (16 hex digits), if it is one.
fault_rip() {
	triple_fault_dump |
		sed -n 's/^(XEN) \(\[[^]]*\] \)\{0,1\}RIP: *0010:\[<\([0-9a-f]\{16\}\)>\].*/\2/p' | head -n 1
}

# rdtsc_exit_signature MAP: the guest's RIP in that dump comes right
# after an RDTSC or RDTSCP (and at most the NOPs rdtsc_ordered() pads it
# with), read from the vmlinux beside the System.map MAP of the booted
# kernel: the emulated SVM faulting on an RDTSC exit, wherever the guest
# read the TSC (Documentation/debugging.rst).
rdtsc_exit_signature() {
	local rip start vmlinux=${1%/*}/vmlinux
	rip=$(fault_rip)
	[ -n "$rip" ] && [ -f "$1" ] && [ -f "$vmlinux" ] || return 1
	start=$(awk -v rip="$rip" '$1 <= rip { a = $1 } END { print a }' "$1")
	[ -n "$start" ] || return 1
	objdump -d --no-show-raw-insn --start-address="0x$start" \
		--stop-address="0x$rip" "$vmlinux" 2>/dev/null |
		awk -F'\t' 'NF >= 2 && $2 !~ /^nop/ { last = $2 }
			END { exit !(last ~ /^rdtscp?( |$)/) }'
}

# svm_triple_fault MAP: the last boot's PVH or HVM domU triple-faulted,
# with either signature, or its PVH dom0 did with the emulator's or on an
# RDTSC exit (Xen intercepts a PVH dom0's RDTSC on qemu64, whose TSC is
# not invariant; no xl.cfg can say otherwise for dom0).
svm_triple_fault() {
	local first
	first=$(triple_fault_dump | head -1)
	case "$first" in
	*" d0v"*) emulator_signature || rdtsc_exit_signature "$1" ;;
	"") return 1 ;;
	*) return 0 ;;
	esac
}

# fault_signature: whose domain and state the first triple fault shows.
fault_signature() {
	local who
	who=$(triple_fault_dump | head -1 | grep -oE 'd[0-9]+v[0-9]+')
	if emulator_signature; then
		echo "$who, Xen's RIP in the VMCB"
	else
		echo "$who, the guest's RIP $(triple_fault_dump |
			sed -n 's/^(XEN) \(\[[^]]*\] \)\{0,1\}RIP: *\([0-9a-f]*:\[<[0-9a-f]*>\]\).*/\2/p' | head -1)"
	fi
}

# boot_svm NAME ARGS...: boot_variant, booted up to twice more while the
# domU triple-faults (svm_triple_fault).  QEMU 7.2's emulated SVM does
# that now and then, stock and port alike, with either signature (Xen's
# state in the VMCB, or the guest's just after an RDTSC exit); it hits a
# PVH dom0 too.  A guest that faults every time still fails its test.
# Each faulted log is kept beside as NAME.log.fault-N.
boot_svm() {
	local rc try map
	map=$XENPV_CACHE/port/out-test/System.map
	case " $* " in *" --stock "*) map=$XENPV_CACHE/stock/out-test/System.map ;; esac
	rm -f "$TEST_LOGS/$1.log.fault-"* "$TEST_LOGS/$1.log.emulator-fault"
	for try in 1 2 3; do
		boot_variant "$@"
		rc=$?
		svm_triple_fault "$map" && [ "$try" != 3 ] || return $rc
		echo "note: boot $try: a triple fault ($(fault_signature)); one more boot"
		cp "$SERIAL" "$SERIAL.fault-$try"
	done
}

# The devices scenario in a 2-vCPU HVM domU with PV drivers (issue 16):
# booted by hvmloader and SeaBIOS from Xen's device model in dom0, which
# also emulates an IDE disk and a NIC for each disk and vif until the
# guest has them unplugged; saved and restored once before its reboot
# (the restored domain's new device model has them plugged in again).
# SeaBIOS loads the domU's kernel and initrd through QEMU's fw_cfg in a
# minute or more under TCG (58 to 100 s measured): each stage may take 300 s.
HVM_ONLY_BOOT="--cpu-model $AMD_CPU --domu-type hvm --domu-vcpus 2 $SVM_DOMU_TSC --stage-budget 300"
HVM_BOOT="$HVM_ONLY_BOOT $DEVICES_BOOT --dom0-args harness_devices_save=1"
# The HVM domU of the boot tests ends with a kexec into the same kernel
# (scenarios/devices.sh) instead of powering off at once.
HVM_KEXEC="--domu-args harness_devices_kexec=1"

# check_hvm_kexec: the HVM domU of the last boot kexeced into its next
# kernel, which Xen's soft reset gave a fresh domain (xl saw reason 5,
# then the power off): it came up as HVM again with both vCPUs and no
# emulated NIC, found both disks with their data and dom0 over the
# network, and powered off.
check_hvm_kexec() {
	local second
	serial_has '^\[domU\] xenpv-harness: devices: kexec into the next kernel' ||
		fail "the HVM domU did not kexec: '$(result kexec)'"
	! serial_has 'Xen refused the soft reset' || fail "Xen refused the soft reset"
	[ "$(dom0_result dom0_domu_shutdowns)" = "5 0" ] ||
		fail "the domU's shutdowns were '$(dom0_result dom0_domu_shutdowns)', not a soft reset (5), then power off (0)"
	[ "$(grep -c '\[domU\] xenpv-result: guest_type=HVM' "$SERIAL")" = 2 ] ||
		fail "the kernel kexec started did not reach /init as HVM"
	# result gives the first kernel's values; these are the second's.
	second=$(grep -a '\[domU\] xenpv-result: online_cpus=' "$SERIAL" | sed -n '2s/.*=//p' | tr -d '\r')
	[ "$second" = 0-1 ] || fail "the kernel kexec started has vCPUs '$second' online, not 0-1"
	second=$(grep -a '\[domU\] xenpv-result: emulated_nics=' "$SERIAL" | sed -n '2s/.*=//p' | tr -d '\r')
	[ "$second" = 0 ] || fail "the kernel kexec started kept '$second' emulated NICs"
	expect_ok result xvda_after_reboot xvdb_after_reboot ping_after_kexec
	echo "kexec: the next kernel found its disks and network on a soft-reset domain"
}

# check_container_boot TYPE: the last boot's domU reached /init as a TYPE
# guest (PVH or HVM) with both its vCPUs online.
check_container_boot() {
	reached "domU /init" || fail "the $1 domU did not reach /init"
	[ "$(result guest_type)" = "$1" ] || fail "guest_type is '$(result guest_type)', not $1"
	[ "$(result online_cpus)" = 0-1 ] || fail "online vCPUs: '$(result online_cpus)', not 0-1"
}

# check_port_container TYPE-WORDS: the port's own path in a PVH or HVM
# domU ("a PVH", "an HVM"): its marker, PV spinlocks, and vCPU 0's IPIs
# and lock kick bound as event channels.
check_port_container() {
	serial_has "^\(d[1-9][0-9]*\) xenpv: Xen PV port entered as $1 domU" ||
		fail "the domU did not take the port's path as $1 domU"
	serial_has '^\(d[1-9][0-9]*\) xenpv: PV spinlocks on' ||
		fail "the domU did not choose PV spinlocks"
	! serial_has 'xenpv: (IPIs stay local APIC interrupts|vCPU 0 has no lock kick channel)' ||
		fail "the domU's IPIs or lock kicks are not event channels"
}

# check_container_once TYPE: the devices scenario without its reboot in a
# TYPE (PVH or HVM) domU on 2 vCPUs: disks and network intact, no emulated
# NIC left beside netfront, its memory target lowered by 64 MiB and
# raised again, a vCPU taken away and given back (by xl vcpu-set for PVH,
# from inside for HVM), powered off.
check_container_once() {
	local what=
	check_container_boot "$1"
	[ "$(result emulated_nics)" = 0 ] ||
		fail "$(result emulated_nics) emulated NICs left beside netfront (not unplugged)"
	check_devices_once
	if [ "$1" = HVM ]; then
		[ "$(result hvm_cpu_cycle)" = "0 0-1 ran on 1" ] ||
			fail "vCPU 1 offline and online from inside: '$(result hvm_cpu_cycle)'"
		what="vCPU 1 offline and online from inside, "
	else
		expect_ok dom0_result dom0_vcpu_removed dom0_vcpu_added
		what="vCPU 1 off and on with xl vcpu-set, "
	fi
	expect_ok dom0_result dom0_mem_lowered dom0_mem_raised
	serial_has '^xenpv-harness: domU shut down: poweroff' ||
		fail "the $1 domU did not power off"
	echo "$1 domU: 2 vCPUs, 2 disks x 64 MiB read back, 32 MiB each way over TCP," \
		"${what}memory 64 MiB down and up, powered off"
}

# check_container_devices TYPE: the devices scenario in a TYPE (PVH or
# HVM) domU on 2 vCPUs: saved and restored, back as TYPE after "xl
# reboot", disks and network intact, powered off.  An HVM domU also had
# its emulated NICs unplugged.
check_container_devices() {
	[ "$(dom0_result dom0_save)" = ok ] || fail "xl save of the $1 domU: '$(dom0_result dom0_save)'"
	[ "$(dom0_result dom0_restore)" = ok ] ||
		fail "xl restore of the $1 domU: '$(dom0_result dom0_restore)'"
	check_container_boot "$1"
	[ "$(grep -c "\[domU\] xenpv-result: guest_type=$1" "$SERIAL")" = 2 ] ||
		fail "the domU did not come back as $1 after xl reboot"
	if [ "$1" = HVM ]; then
		[ "$(result emulated_nics)" = 0 ] ||
			fail "$(result emulated_nics) emulated NICs left beside netfront (not unplugged)"
	fi
	check_devices
	serial_has '^xenpv-harness: domU shut down: poweroff' ||
		fail "the $1 domU did not power off after its reboot"
}

LIFECYCLE_BOOT="--scenario lifecycle --domu-timeout 900 --scenario-budget 900 --total 1200"

# domU2_result NAME: the value the second domU printed for NAME.
domU2_result() {
	query result domU2 "$1"
}

# expect_ok GETTER NAME...: each NAME's value, read with GETTER, is "ok".
expect_ok() {
	local get=$1 name v
	shift
	for name in "$@"; do
		v=$($get "$name")
		[ "$v" = ok ] || fail "$name is '$v'"
	done
}

# grants_in_use DOMID: the grant references of DOMID that Xen's dump of
# its grant tables (debug key g, after dom0's "grant tables after gntmap"
# line) shows in use, in decimal, one per line.
grants_in_use() {
	sed -n '/xenpv-harness: grant tables after gntmap/,/gnttab_usage_print_all \]/p' "$SERIAL" |
		sed -n "/grant-table for remote d$1 /,/grant-table for remote\|print_all \]/p" |
		sed -n 's/^(XEN) \[0x\([0-9a-f]*\)\].*/\1/p' | while read -r h; do echo $((0x$h)); done
}

# check_lifecycle: the scenario's steps all worked (scenarios/lifecycle.sh,
# dom0-scenarios/lifecycle.sh): the grants dom0 mapped through gntdev
# (gntmap.c) are free again by Xen's account while the domU's rings stay
# mapped; the two domUs traded 32 MiB each way; pause, unpause, console,
# shutdown and destroy did what they say, and the backends went away.
check_lifecycle() {
	local first refs busy r v
	expect_ok dom0_result gnt_map gnt_unmap_first gnt_unmap_second gnt_release_first \
		gnt_remap_fixed gnt_bad_batch gnt_release_bad gnt_after_bad gnt_copy_batch \
		gnt_unmap_all gnt_release_all gntmap
	expect_ok result grant_dom0_notes grant_dealloc
	first=$(dom0_result grant_domid) refs=$(dom0_result grant_refs)
	[ -n "$first" ] && [ -n "$refs" ] || fail "lifecycle: no grant references reported"
	busy=$(grants_in_use "$first" | tr "\n" " ")
	# The console and xenstore rings (references 0 and 1) stay mapped by
	# dom0's daemons: the dump is the domU's and it was read.
	case " $busy " in *" 0 1 "*) ;; *) fail "lifecycle: no grant table of d$first in Xen's dump" ;; esac
	for r in ${refs//,/ }; do
		case " $busy " in *" $r "*) fail "lifecycle: grant $r still in use after gntmap exited" ;; esac
	done
	expect_ok result first_disk first_ping_dom0 first_ping_peer
	expect_ok domU2_result peer_disk peer_ping_dom0 peer_ping_first after_disk after_ping_dom0
	same_transfer "lifecycle: first to second domU" "$(result first_sent_md5)" \
		"$(domU2_result peer_recv_md5)"
	same_transfer "lifecycle: second to first domU" "$(domU2_result peer_sent_md5)" \
		"$(result first_recv_md5)"
	same_transfer "lifecycle: after the destroy, to dom0" "$(domU2_result after_sent_md5)" \
		"$(dom0_result dom0_after_md5)"
	expect_ok dom0_result dom0_ping_first dom0_ping_peer xl_pause paused_quiet xl_unpause \
		unpaused_ticks xl_console xl_shutdown shutdown_cleanup xl_destroy destroy_cleanup \
		after_finished
	v=$(grep -c '^(XEN) PCI add device' "$SERIAL")
	[ "$v" -gt 0 ] && [ "$v" = "$(dom0_result dom0_pci_devices)" ] ||
		fail "lifecycle: dom0 sees '$(dom0_result dom0_pci_devices)' PCI devices, reported $v to Xen"
	[[ "$(dom0_result dom0_acpi_irq)" == *xen-pirq*acpi* ]] ||
		fail "lifecycle: dom0's ACPI interrupt is '$(dom0_result dom0_acpi_irq)', not a Xen pirq"
	[[ "$(dom0_result paused_state)" == *p* ]] ||
		fail "lifecycle: xl list shows '$(dom0_result paused_state)' for the paused domU"
	echo "lifecycle: dom0 reached $v PCI devices and its ACPI interrupt through Xen;" \
		"grants $refs of d$first free after gntmap (in use: ${busy:0:40}...);" \
		"2 domUs traded 32 MiB each way; pause, console, shutdown, destroy, restart ok"
}

MEMORY_BOOT="--scenario memory --memory 1984 --dom0-maxmem 1024 --domu-timeout 1500 --scenario-budget 1500 --total 2100"

# near KB WANT: KB is within 2 MiB of WANT.
near() {
	[ -n "$1" ] && [ "$1" -ge $(($2 - 2048)) ] && [ "$1" -le $(($2 + 2048)) ]
}

# check_memory STEPS UNMET HOTPLUG DOM0_TOP: the domU's MemTotal followed
# each xl mem-set of STEPS (MiB, ":" between them) and the 20 swings, its
# 48 MiB held intact throughout and the memory it got usable; with
# UNMET=1, a target Xen cannot meet left the balloon idle with what Xen
# gave, MemTotal agreeing; with HOTPLUG=1, memory hotplug took it past its
# maxmem to 1088 MiB; dom0 ballooned itself to 640 and DOM0_TOP MiB.
check_memory() {
	local start v i want steps=$1
	start=$(result mem_start_kb)
	[ -n "$start" ] || fail "memory: the domU reported no MemTotal"
	i=0
	for v in ${steps//:/ }; do
		i=$((i + 1))
		near "$(result mem_step${i}_kb)" $((start + (v - 256) * 1024)) ||
			fail "memory: at $v MiB MemTotal is '$(result mem_step${i}_kb)' kB (boot: $start)"
		[ "$(result mem_step${i}_held)" = ok ] || fail "memory: the held 48 MiB changed at $v MiB"
		[ "$v" -lt 1024 ] || [ "$(result mem_high_touch)" = ok ] ||
			fail "memory: 640 MiB could not be used at $v MiB"
	done
	near "$(result mem_swings_kb)" $((start - 8 * 1024)) || fail "memory: MemTotal after the swings is '$(result mem_swings_kb)'"
	[ "$(result mem_swings_held)" = ok ] || fail "memory: the held 48 MiB changed in the swings"
	if [ "$2" = 1 ]; then
		v=$(result balloon_current_kb)
		[ -n "$v" ] && [ "$v" -lt "$(result balloon_target_kb)" ] ||
			fail "memory: an unmeetable target was met? current $v, target $(result balloon_target_kb) kB"
		[ "$v" -gt $((300 * 1024)) ] || fail "memory: the balloon took nothing towards the high target ($v kB)"
		near "$(result mem_unmet_kb)" $((start + v - 256 * 1024)) ||
			fail "memory: MemTotal $(result mem_unmet_kb) kB does not match the balloon's $v kB"
		v=$(result balloon_idle_ticks)
		[ -n "$v" ] && [ "$v" -le 10 ] || fail "memory: the balloon thread used '$v' ticks in 30 s after giving up"
		[ "$(result mem_unmet_held)" = ok ] || fail "memory: the held 48 MiB changed at the unmet target"
		echo "memory: unmet target $(result balloon_target_kb) kB, the balloon got $(result balloon_current_kb) and stayed idle"
	fi
	if [ "$3" = 1 ]; then
		near "$(result mem_hotplug_kb)" $((start + (1088 - 256) * 1024)) ||
			fail "memory: past maxmem (1088 MiB) MemTotal is '$(result mem_hotplug_kb)' kB"
		[ "$(result mem_hotplug_held)" = ok ] || fail "memory: the held 48 MiB changed with hotplugged memory"
		echo "memory: hotplug to 1088 MiB, $(result mem_blocks_online) memory blocks online"
	fi
	near "$(result mem_end_kb)" "$start" || fail "memory: MemTotal at the end is '$(result mem_end_kb)' kB"
	[ "$(result mem_end_held)" = ok ] || fail "memory: the held 48 MiB changed by the end"
	echo "memory: domU MemTotal $start kB at 256 MiB; at $steps MiB:$(for i in $(seq $i); do printf ' %s' "$(result mem_step${i}_kb)"; done) kB"
	start=$(dom0_result dom0_mem_start_kb)
	for v in 640 $4; do
		near "$(dom0_result dom0_mem_at_${v}_kb)" $((start + (v - 768) * 1024)) ||
			fail "memory: dom0's MemTotal at $v MiB is '$(dom0_result dom0_mem_at_${v}_kb)' (from $start)"
	done
	echo "memory: dom0 MemTotal $start -> $(dom0_result dom0_mem_at_640_kb) -> $(dom0_result dom0_mem_at_$4_kb) kB"
}

# check_saverestore SAVES: every round completed in dom0, and after each the
# domU found its data in memory and on its disk, its process, its clocks,
# steal time and timers on every vCPU as they were, its network carried
# its 4 MiB to dom0 intact, and it went to 4 vCPUs and back.
check_saverestore() {
	local v r rounds=$(($1 + 1)) net
	v=$(dom0_result dom0_save_restore_rounds)
	[ "$v" = $rounds ] ||
		fail "dom0 completed $v of $rounds rounds ($1 saves and restores, a failed save)"
	v=$(result saverestore_resumes)
	[ "$v" = $rounds ] || fail "the domU resumed $v times, not $rounds"
	v=$(result saverestore_good_rounds)
	[ "$v" = $rounds ] || fail "the domU found $v of $rounds resumes intact: $(grep -a 'after resume:' "$SERIAL" | tr -d '\r' | tr '\n' ';')"
	net=$(result saverestore_net_md5)
	for r in $(seq $rounds); do
		[ -n "$net" ] && [ "$(dom0_result dom0_net_round$r)" = "$net" ] ||
			fail "round $r: dom0 received '$(dom0_result dom0_net_round$r)' over TCP, the domU sent $net"
	done
	grep -a 'after resume:' "$SERIAL" | tr -d '\r'
}

# check_faults_memory: the domU gave 96 MiB back to Xen (xl mem-set 160)
# and took it again (256), MemTotal following, memory usable at both
# points and 32 MiB of data unchanged across both.
check_faults_memory() {
	local start low back want v
	start=$(result mem_start_kb) low=$(result mem_low_kb) back=$(result mem_back_kb)
	[ -n "$start" ] && [ -n "$low" ] && [ -n "$back" ] || fail "balloon: no memory figures"
	[ "$low" -le $((start - 65536)) ] || fail "balloon: MemTotal $start -> $low kB, not 64 MiB less"
	[ "$back" -ge $((start - 8192)) ] || fail "balloon: MemTotal back to $back kB of $start"
	for want in mem_low_touch mem_back_touch mem_kept; do
		[ "$(result $want)" = ok ] || fail "balloon: $want is '$(result $want)'"
	done
	echo "balloon: MemTotal $start -> $low -> $back kB"
}

# check_clock_reached_domu: the day dom0 added to its clock reached Xen's
# wallclock, which the domU, started afterwards, reads at boot.
check_clock_reached_domu() {
	local domu ahead
	domu=$(result realtime_start)
	[ -n "$domu" ] || fail "the domU did not report its clock"
	ahead=$((domu - $(date +%s)))
	[ "$ahead" -ge $((CLOCK_SHIFT - 900)) ] && [ "$ahead" -le $((CLOCK_SHIFT + 60)) ] ||
		fail "the domU's clock is $ahead s ahead of the host's, not about $CLOCK_SHIFT (dom0 set it)"
}

# check_faults_vcpus: the domU booted with 2 of its 8 possible vCPUs,
# brought all 8 up when dom0 made them available, did the same
# floating-point work on each, and went back to 2.
check_faults_vcpus() {
	local want v
	for want in boot_cpus=2 possible_cpus=0-7 raised_cpus=8 fpu_cpus=8 \
		fpu_sums=equal lowered_cpus=2; do
		v=$(result "${want%%=*}")
		[ "$v" = "${want#*=}" ] || fail "faults: ${want%%=*} is '$v', not '${want#*=}'"
	done
}

# check_tls_race: TLS slots cleared under a loaded DS, ES, FS or GS on 8
# busy vCPUs of 2 CPUs (harness/guest/tlsrace.c): no worker killed, every
# round done, every register nulled, no FS or GS base left behind.
check_tls_race() {
	local want v
	for want in tls_workers=8 tls_failed_workers=0 tls_rounds=32000 \
		tls_kept_selectors=0 tls_stale_bases=0; do
		v=$(result "${want%%=*}")
		[ "$v" = "${want#*=}" ] || fail "TLS race: ${want%%=*} is '$v', not '${want#*=}'"
	done
}

# check_dom0_io: in dom0, only the task given the port by ioperm() or
# iopl(3) reaches it, across 2000 switches with a task that was not, and
# neither does once it gave the port up (harness/guest/iopriv.c).
check_dom0_io() {
	local want v
	for want in granted=allowed other=denied dropped=denied dropped_other=denied \
		iopl3=allowed iopl3_other=denied iopl0=denied; do
		v=$(dom0_result "io_${want%%=*}")
		[ "$v" = "${want#*=}" ] || fail "dom0 port access: ${want%%=*} is '$v', not '${want#*=}'"
	done
}

# check_domu_io_like STOCK_LOG: the domU's port-access results are the
# stock port's in STOCK_LOG (Xen lets a domU's permitted task read the port
# as all ones instead of faulting).
check_domu_io_like() {
	local c mine theirs
	[ -f "$1" ] || fail "no stock log $1 to compare with (run tests/23 first)"
	for c in granted other dropped dropped_other iopl3 iopl3_other iopl0; do
		mine=$(result "io_$c")
		theirs=$(result_of "$1" "io_$c")
		[ -n "$mine" ] && [ "$mine" = "$theirs" ] ||
			fail "domU port access: $c is '$mine' here, '$theirs' under stock"
	done
}

# check_domu_flags_like STOCK_LOG: /proc/cpuinfo's flags in the domU are
# the stock port's, one for one (the features a PV guest can use).
check_domu_flags_like() {
	local mine theirs
	mine=$(result cpu_flags | tr , "\n" | sort | tr "\n" " ")
	theirs=$(result_of "$1" cpu_flags | tr , "\n" | sort | tr "\n" " ")
	[ -n "$mine" ] && [ "$mine" = "$theirs" ] ||
		fail "domU CPU flags differ from stock's: $(diff <(echo "$theirs" | tr " " "\n") \
			<(echo "$mine" | tr " " "\n") | grep "^[<>]" | tr "\n" " ")"
}

# MSR_PROBES: what harness/guest/msrprobe.c reports for each MSR access.
MSR_PROBES="msr_tsc msr_apic_base msr_misc_enable msr_bogus_read msr_bogus_write msr_all_cpus"

# check_msr GETTER WHERE: msrprobe's accesses through /dev/cpu/N/msr, read
# with GETTER (result or dom0_result): the TSC counts up, the MSR no CPU
# has is refused with an error (read and write), and every CPU agrees.
check_msr() {
	local get=$1 where=$2 v
	[ "$($get msr_tsc)" = increasing ] || fail "$where MSR: the TSC reads '$($get msr_tsc)'"
	for v in msr_bogus_read msr_bogus_write; do
		case "$($get $v)" in
		E[A-Z]*) ;;
		*) fail "$where MSR: $v gave '$($get $v)', not an error" ;;
		esac
	done
	[ "$($get msr_all_cpus)" = same ] || fail "$where MSR: the CPUs disagree"
	echo "$where MSR: $(for v in $MSR_PROBES; do printf '%s=%s ' "$v" "$($get $v)"; done)"
}

# check_msr_like STOCK_LOG: dom0's and the domU's MSR outcomes are the
# stock port's in STOCK_LOG.
check_msr_like() {
	local v
	for v in $MSR_PROBES; do
		[ "$(dom0_result $v)" = "$(dom0_result_of "$1" $v)" ] ||
			fail "dom0 MSR: $v is '$(dom0_result $v)' here, '$(dom0_result_of "$1" $v)' under stock"
		[ "$(result $v)" = "$(result_of "$1" $v)" ] ||
			fail "domU MSR: $v is '$(result $v)' here, '$(result_of "$1" $v)' under stock"
	done
}

# check_perf GETTER WHERE: harness/guest/perfcount.c's counts, read with
# GETTER (result or dom0_result), are those of its workload: 4096 pages
# touched, 1000 pipe round trips, some CPU time, cpu-clock samples taken;
# a hardware event either counts or is refused (no vPMU), never crashes.
check_perf() {
	local get=$1 where=$2 v
	v=$($get perf_task_clock_ms)
	[ -n "$v" ] && [ "$v" -gt 0 ] || fail "$where perf: task-clock '$v' ms"
	v=$($get perf_context_switches)
	[ -n "$v" ] && [ "$v" -ge 1000 ] && [ "$v" -le 20000 ] ||
		fail "$where perf: '$v' context switches for 1000 round trips"
	v=$($get perf_page_faults)
	[ -n "$v" ] && [ "$v" -ge 4096 ] && [ "$v" -le 8192 ] ||
		fail "$where perf: '$v' page faults for 4096 pages"
	v=$($get perf_samples)
	[ -n "$v" ] && [ "$v" -gt 0 ] || fail "$where perf: '$v' cpu-clock samples"
	v=$($get perf_hw_instructions)
	[ "$v" = unsupported ] || [ "${v:-0}" -gt 0 ] 2>/dev/null ||
		fail "$where perf: hardware instructions '$v'"
	echo "$where perf: $($get perf_task_clock_ms) ms, $($get perf_context_switches) switches," \
		"$($get perf_page_faults) faults, $($get perf_samples) samples, instructions $v"
}

# Linux's x86 selftests: a domU of their own runs them all, dom0 those
# about port I/O, the LDT and GDT, and sigreturn (harness/guest/run-selftests).
SELFTESTS_BOOT="--scenario selftests --domu-vcpus 2 --domu-mem 512 --domu-timeout 1800 --scenario-budget 1800 --total 2400"

# selftest_table LOG: "WHERE NAME RC OK FAIL SKIP" for each selftest run.
selftest_table() {
	sed -n 's/^\(\[domU\] \)\{0,1\}xenpv-selftest: \([a-zA-Z0-9]*\) \([^ ]*\) rc=\([0-9]*\) ok=\([0-9]*\) fail=\([0-9]*\) skip=\([0-9]*\).*/\2 \3 \4 \5 \6 \7/p' "$1"
}

# check_selftests_ran: both dom0 and the domU went through their list.
check_selftests_ran() {
	serial_has '^xenpv-selftest: dom0 done' || fail "dom0 did not finish its selftests"
	serial_has '^\[domU\] xenpv-selftest: domU done' || fail "the domU did not finish its selftests"
	[ "$(selftest_table "$SERIAL" | wc -l)" -ge 40 ] || fail "fewer than 40 selftests ran"
}

# problems LOG: the problems the boot of LOG reported, without the
# console they came from.
problems() {
	python3 "$XENPV_REPO/harness/report.py" "$1.report.json" problems |
		sed 's/\[domU\] //' | sort -u
}

# boot_variant NAME [xenpv boot args...]: build the kernel the args select
# (--stock or this port), boot it like boot_report, and fail the test when
# no stage report came out.  Returns the boot's exit status.
boot_variant() {
	local name=$1 rc
	shift
	case " $* " in
	*" --stock "*) "$XENPV" build --stock >/dev/null || fail "the stock kernel does not build" ;;
	*) "$XENPV" build >/dev/null || fail "the port does not build" ;;
	esac
	boot_report "$name" "$@"
	rc=$?
	[ -f "$REPORT_JSON" ] || fail "no stage report"
	return $rc
}
