// SPDX-License-Identifier: GPL-2.0
/*
 * Several vCPUs: bringing them up, taking them down.
 *
 * A secondary vCPU of a PV guest gets no INIT or SIPI.  The guest hands
 * Xen the whole starting state instead (registers, GDT frames, trap
 * table, callbacks, kernel stack, cr3: VCPUOP_initialise) and lets it run
 * (VCPUOP_up).  Xen keeps that context once given, so a vCPU brought
 * back after going offline needs VCPUOP_up alone.
 *
 * Offline is the vCPU asking Xen to stop it (VCPUOP_down).  That call
 * returns when the vCPU is brought up again; it then starts over on its
 * idle stack, through the same C entry as the first time.
 *
 * Everything a vCPU receives (timer, IPIs, lock kicks) is an event
 * channel bound to it.  The vCPU that brings another one up binds them
 * before it runs, and closes them once Xen reports it down.
 */
#define pr_fmt(fmt) "xenpv: " fmt

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/delay.h>
#include <linux/export.h>
#include <linux/sched.h>
#include <linux/sched/hotplug.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/smp.h>

#include <asm/apic.h>
#include <asm/cpu.h>
#include <asm/fpu/api.h>
#include <asm/hw_irq.h>
#include <asm/idtentry.h>
#include <asm/irq_vectors.h>
#include <asm/mpspec.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/spec-ctrl.h>
#include <asm/tlbflush.h>
#include <asm/topology.h>
#include <asm/x86_init.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>
#include <xen/events.h>
#include <xen/interface/vcpu.h>
#include <xen/xen-ops.h>

#include "xen-ops.h"

/* vCPUs Xen holds a context for: they come back with VCPUOP_up alone. */
static struct cpumask xenpv_vcpus_with_context;

/*
 * Linux's CPU numbers are Xen's vCPU numbers.  A PV domain's vCPUs are
 * numbered from 0 without gaps, and VCPUOP_is_up fails past the last.
 */
static void __init xenpv_count_vcpus(void)
{
	unsigned int n = 1;

	while (n < nr_cpu_ids && HYPERVISOR_vcpu_op(VCPUOP_is_up, n, NULL) >= 0)
		n++;
	pr_info("%u vCPUs\n", n);
	if (n < nr_cpu_ids)
		set_nr_cpu_ids(n);
}

/* A domU has no firmware tables: one APIC ID per vCPU stands in for them. */
static void __init xenpv_register_vcpus(void)
{
	unsigned int cpu;

	topology_register_boot_apic(0);
	/* The boot vCPU too: the x86 code expects it enumerated first. */
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		topology_register_apic(cpu, CPU_ACPIID_INVALID, true);
	smp_found_config = 1;
}

/* The per-cpu areas exist from here on: give vCPU 0 its own vcpu_info. */
static void __init xenpv_prepare_boot_cpu(void)
{
	unsigned int cpu;

	native_smp_prepare_boot_cpu();
	for_each_possible_cpu(cpu)
		per_cpu(xen_vcpu_id, cpu) = cpu;
	xenpv_place_boot_vcpu();
	/* Before the kernel patches its lock call sites. */
	xenpv_spinlocks_init();
}


/*
 * Where a vCPU goes, in C, from xenpv_ap_entry (first start) or
 * xenpv_ap_restart (back from VCPUOP_down): the steps of the native
 * start_secondary() that mean something without an APIC.
 */
asmlinkage __visible void __noreturn xenpv_ap_start(void)
{
	int cpu = smp_processor_id();

	cr4_init();
	cpu_init_exception_handling(false);
	cpuhp_ap_sync_alive();
	cpu_init();
	fpu__init_cpu();
	xenpv_register_callbacks();
	smp_store_cpu_info(cpu);
	set_cpu_sibling_map(cpu);
	speculative_store_bypass_ht_init();
	xenpv_timer_register();
	notify_cpu_starting(cpu);
	lock_vector_lock();
	set_cpu_online(cpu, true);
	lapic_online();
	unlock_vector_lock();
	local_irq_enable();
	cpu_startup_entry(CPUHP_AP_ONLINE_IDLE);
}

/* The context a vCPU starts from: on @idle's stack, in xenpv_ap_entry. */
static void xenpv_fill_context(struct vcpu_guest_context *ctxt, unsigned int cpu,
			       struct task_struct *idle)
{
	ctxt->flags = VGCF_in_kernel;
	ctxt->user_regs.rip = (unsigned long)xenpv_ap_entry;
	ctxt->user_regs.rsp = (unsigned long)task_pt_regs(idle);
	/* IOPL 1: the kernel (ring 3 under Xen) may use I/O ports, as on vCPU 0. */
	ctxt->user_regs.rflags = X86_EFLAGS_FIXED | BIT(X86_EFLAGS_IOPL_BIT);
	ctxt->user_regs.cs = __KERNEL_CS;
	ctxt->user_regs.ss = __KERNEL_DS;
	ctxt->user_regs.ds = __USER_DS;
	ctxt->user_regs.es = __USER_DS;
	xenpv_copy_trap_table(ctxt->trap_ctxt);
	ctxt->gdt_frames[0] = xenpv_gdt_ro_of(cpu);
	ctxt->gdt_ents = GDT_ENTRIES;
	ctxt->kernel_ss = __KERNEL_DS;
	ctxt->kernel_sp = task_top_of_stack(idle);
	ctxt->ctrlreg[3] = xenpv_start_on_kernel_tables(cpu);
	ctxt->event_callback_eip = (unsigned long)xen_asm_exc_xen_hypervisor_callback;
	ctxt->failsafe_callback_eip = (unsigned long)xenpv_failsafe_callback;
	ctxt->syscall_callback_eip = (unsigned long)xen_entry_SYSCALL_64;
	ctxt->vm_assist = BIT(VMASST_TYPE_writable_pagetables);
	ctxt->gs_base_kernel = per_cpu_offset(cpu);
}

static int xenpv_give_context(unsigned int cpu, struct task_struct *idle)
{
	struct vcpu_guest_context *ctxt;
	int rc;

	if (cpumask_test_cpu(cpu, &xenpv_vcpus_with_context))
		return 0;
	ctxt = kzalloc(sizeof(*ctxt), GFP_KERNEL);
	if (!ctxt)
		return -ENOMEM;
	xenpv_fill_context(ctxt, cpu, idle);
	rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, xen_vcpu_nr(cpu), ctxt);
	kfree(ctxt);
	if (rc)
		pr_err("Xen refused the context of vCPU %u: %d\n", cpu, rc);
	else
		cpumask_set_cpu(cpu, &xenpv_vcpus_with_context);
	return rc;
}

/**
 * xenpv_vcpus_restored() - after a restore, offline vCPUs start as at boot
 *
 * The toolstack saves and restores only the vCPUs that were online: in
 * the new domain the others have no context and no vcpu_info placed, so
 * the next bring-up gives them both again.  Runs in stop_machine().
 */
void xenpv_vcpus_restored(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		if (cpu_online(cpu))
			continue;
		cpumask_clear_cpu(cpu, &xenpv_vcpus_with_context);
		xenpv_vcpu_unplace(cpu);
	}
}

static void xenpv_unbind_vcpu(unsigned int cpu)
{
	xenpv_lock_unbind(cpu);
	xenpv_unbind_ipis(cpu);
	xenpv_timer_unbind(cpu);
}

/*
 * CPUHP_XEN_PREPARE, before a vCPU is started (at boot and every time it
 * comes back online): what it receives, and the memory Xen writes its
 * state into.  Its teardown runs once the vCPU is dead.
 */
static int xenpv_vcpu_prepare(unsigned int cpu)
{
	int rc;

	if (!xenpv_vcpu_place(cpu)) {
		pr_err("vCPU %u cannot get a per-cpu vcpu_info\n", cpu);
		return -EIO;
	}
	/* It starts with events masked, as a CPU starts with IF clear. */
	per_cpu(xen_vcpu_info, cpu).evtchn_upcall_mask = 1;
	xen_setup_runstate_info(cpu);
	rc = xenpv_timer_bind(cpu);
	if (!rc)
		rc = xenpv_bind_ipis(cpu);
	if (!rc)
		rc = xenpv_lock_bind(cpu);
	if (rc)
		xenpv_unbind_vcpu(cpu);
	return rc;
}

static int xenpv_vcpu_dead(unsigned int cpu)
{
	xenpv_unbind_vcpu(cpu);
	return 0;
}

/*
 * vCPU 0 was set up by the boot path; the others get the hotplug state.
 * Without it no other vCPU could take events, so none is made present.
 */
static void __init xenpv_prepare_cpus(unsigned int max_cpus)
{
	unsigned int cpu;
	int rc;

	smp_prepare_cpus_common();
	speculative_store_bypass_ht_init();
	if (xenpv_lock_bind(0))
		pr_warn("vCPU 0 has no lock kick channel; its lock waits spin\n");
	cpumask_set_cpu(0, &xenpv_vcpus_with_context);
	rc = cpuhp_setup_state_nocalls(CPUHP_XEN_PREPARE, "x86/xen:prepare",
				       xenpv_vcpu_prepare, xenpv_vcpu_dead);
	if (rc) {
		pr_err("no CPU-hotplug state for vCPUs (%d): running on vCPU 0 alone\n",
		       rc);
		return;
	}
	for_each_possible_cpu(cpu)
		set_cpu_present(cpu, true);
}

/* A failure here rolls CPUHP_XEN_PREPARE back. */
static int xenpv_kick_ap(unsigned int cpu, struct task_struct *idle)
{
	int rc = common_cpu_up(cpu, idle);

	if (!rc)
		rc = xenpv_give_context(cpu, idle);
	if (!rc) {
		rc = HYPERVISOR_vcpu_op(VCPUOP_up, xen_vcpu_nr(cpu), NULL);
		if (rc)
			pr_err("Xen did not start vCPU %u: %d\n", cpu, rc);
	}
	return rc;
}

/* While the boot vCPU waits for another, it lets Xen run that one. */
static void xenpv_yield(void)
{
	HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

/* A vCPU going offline leaves no trace of itself in Xen's scheduler. */
static void xenpv_stop_this_vcpu(void)
{
	HYPERVISOR_vcpu_op(VCPUOP_down, xen_vcpu_nr(smp_processor_id()), NULL);
}

#ifdef CONFIG_HOTPLUG_CPU
/* As on native x86, CPU 0 is not hotpluggable; the global VIRQs it bound stay with it. */
static int xenpv_cpu_disable(void)
{
	if (smp_processor_id() == 0)
		return -EBUSY;
	cpu_disable_common();
	return 0;
}

/* The dying vCPU reported itself dead before VCPUOP_down: wait for Xen. */
static void xenpv_cpu_die(unsigned int cpu)
{
	while (HYPERVISOR_vcpu_op(VCPUOP_is_up, xen_vcpu_nr(cpu), NULL) > 0)
		schedule_timeout_uninterruptible(1);
}

static void __noreturn xenpv_play_dead(void)
{
	play_dead_common();
	xenpv_stop_this_vcpu();
	/* Brought up again: start over on a fresh idle stack. */
	xenpv_ap_restart((unsigned long)task_pt_regs(current));
	BUG();
}

static void __init xenpv_install_hotplug_ops(void)
{
	smp_ops.cpu_disable = xenpv_cpu_disable;
	smp_ops.cpu_die = xenpv_cpu_die;
	smp_ops.play_dead = xenpv_play_dead;
}

/*
 * drivers/xen/cpu_hotplug.c follows the toolstack's "availability" of
 * each vCPU in xenstore: a vCPU given back to the guest gets its sysfs
 * device here (onlining it is then up to userspace, as for any hotplugged
 * CPU); one taken away, already offline, loses it.
 */

/**
 * xen_arch_register_cpu() - a vCPU the toolstack made available appears
 * @num: the CPU
 */
void xen_arch_register_cpu(int num)
{
	int rc = arch_register_cpu(num);

	if (rc)
		pr_warn("vCPU %d has no CPU device: %d\n", num, rc);
}
EXPORT_SYMBOL(xen_arch_register_cpu);

/**
 * xen_arch_unregister_cpu() - a vCPU the toolstack took away disappears
 * @num: the CPU, offline
 */
void xen_arch_unregister_cpu(int num)
{
	arch_unregister_cpu(num);
}
EXPORT_SYMBOL(xen_arch_unregister_cpu);
#else
static void __init xenpv_install_hotplug_ops(void)
{
}
#endif

/* On shutdown and panic the other vCPUs stop where they are. */
static void xenpv_stop_callback(void *unused)
{
	set_cpu_online(smp_processor_id(), false);
	local_irq_disable();
	for (;;)
		xenpv_stop_this_vcpu();
}

/* With @wait, give them a second to go: a vCPU Xen is not running is slow. */
static void xenpv_stop_other_cpus(int wait)
{
	unsigned int ms = 1000;

	smp_call_function(xenpv_stop_callback, NULL, 0);
	while (wait && num_online_cpus() > 1 && ms--)
		mdelay(1);
}

/**
 * xenpv_install_smp_ops() - bring vCPUs up and down through Xen
 *
 * The IPI ops stay native: they go through the APIC driver (apic.c),
 * which sends events instead.
 */
void __init xenpv_install_smp_ops(void)
{
	xenpv_count_vcpus();
	smp_ops.smp_prepare_boot_cpu = xenpv_prepare_boot_cpu;
	smp_ops.smp_prepare_cpus = xenpv_prepare_cpus;
	smp_ops.kick_ap_alive = xenpv_kick_ap;
	smp_ops.poll_sync_state = xenpv_yield;
	smp_ops.stop_other_cpus = xenpv_stop_other_cpus;
	xenpv_install_hotplug_ops();
	/* No MP table to look for; dom0's MADT lists the CPUs, if it has one. */
	x86_init.mpparse.find_mptable = x86_init_noop;
	x86_init.mpparse.early_parse_smp_cfg = x86_init_noop;
	if (!xen_initial_domain())
		x86_init.mpparse.parse_smp_cfg = xenpv_register_vcpus;
}
