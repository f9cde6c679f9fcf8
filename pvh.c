// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen side of a PVH start.
 *
 * A PVH guest is an HVM container without emulated firmware: Xen loads the
 * kernel, enters arch/x86/platform/pvh in 32-bit protected mode with a
 * start_info of its own (struct hvm_start_info), and from then on the
 * kernel runs on native paging, native segments and the native interrupt
 * flag.  What is Xen's is reached by hypercall: the memory map, events
 * through an interrupt vector, time, grant tables and xenbus.  This file
 * does what must happen before startup_64, while .bss is not yet cleared,
 * and supplies the platform hooks hvm.c installs once it detects Xen.
 */
#define pr_fmt(fmt) "xenpv: " fmt

#include <linux/acpi.h>
#include <linux/cpuhotplug.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/sizes.h>
#include <linux/static_call.h>

#include <asm/bootparam.h>
#include <asm/apic.h>
#include <asm/cpu.h>
#include <asm/e820/api.h>
#include <asm/fixmap.h>
#include <asm/hypervisor.h>
#include <asm/io_apic.h>
#include <asm/paravirt.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/x86_init.h>
#include <asm/xen/cpuid.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/events.h>
#include <xen/features.h>
#include <xen/grant_table.h>
#include <xen/hvm.h>
#include <xen/hvc-console.h>
#include <xen/interface/hvm/start_info.h>
#include <xen/interface/memory.h>
#include <xen/xen.h>
#include <xen/xen-ops.h>

#include "xen-ops.h"

/*
 * Written before startup_64 clears .bss, so it must live elsewhere;
 * __ro_after_init is in .data.
 */
bool xen_pvh __ro_after_init;
EXPORT_SYMBOL_GPL(xen_pvh);

/* "AuthenticAMD" and "HygonGenuine" take vmmcall, every other vendor vmcall. */
static bool __init xenpvh_cpu_is_amd(void)
{
	u32 eax, ebx, ecx, edx;

	cpuid(0, &eax, &ebx, &ecx, &edx);
	return (ebx == 0x68747541 && ecx == 0x444d4163 && edx == 0x69746e65) ||
	       (ebx == 0x6f677948 && ecx == 0x656e6975 && edx == 0x6e65476e);
}

/*
 * The static call starts out at the PV kernel's syscall entry, which
 * would be a system call to ourselves here.  boot_cpu_data knows no
 * vendor yet, so the CPUID leaf is read directly.
 */
static void __init xenpvh_choose_hypercall(void)
{
	if (xenpvh_cpu_is_amd())
		static_call_update_early(xen_hypercall, xenpvh_hypercall_vmmcall);
	else
		static_call_update_early(xen_hypercall, xenpvh_hypercall_vmcall);
}

/**
 * xen_pvh_init() - the first C code of a PVH start that knows it runs on Xen
 * @boot_params: the boot_params the generic PVH code fills in afterwards
 *
 * Called by arch/x86/platform/pvh/enlighten.c on the boot CPU, on the
 * early identity page tables, before .bss is cleared and before the
 * memory map is read (mem_map_via_hcall() below).
 */
void __init xen_pvh_init(struct boot_params *boot_params)
{
	xenpvh_choose_hypercall();
	xen_pvh = true;
	xen_domain_type = XEN_HVM_DOMAIN;
	xen_start_flags = pvh_start_info.flags;
	pv_info.name = "Xen PVH";
}

/**
 * mem_map_via_hcall() - the memory map from Xen, for a start_info without one
 * @boot_params_p: where the e820 table goes
 *
 * Version 0 of hvm_start_info carries no memory map; Xen then hands it
 * out through XENMEM_memory_map, in the e820 layout.  The kernel cannot
 * go on without one, and has no console yet to say so but Xen's.
 */
void __init mem_map_via_hcall(struct boot_params *boot_params_p)
{
	struct xen_memory_map map = {
		.nr_entries = ARRAY_SIZE(boot_params_p->e820_table),
	};
	int rc;

	set_xen_guest_handle(map.buffer, boot_params_p->e820_table);
	rc = HYPERVISOR_memory_op(XENMEM_memory_map, &map);
	boot_params_p->e820_entries = rc ? 0 : map.nr_entries;
	if (!boot_params_p->e820_entries) {
		xen_raw_printk("xenpv: XENMEM_memory_map gave no memory map (%d)\n", rc);
		BUG();
	}
}

/*
 * Xen puts shared_info at a frame of the guest's choosing and frees the
 * RAM that was there.  A page below 1 MiB is taken: Xen's p2m is made of
 * 4 KiB entries there already (the legacy hole breaks it up), where a
 * page inside the kernel image would split one of its superpages.  It is
 * reached through the fixmap slot a PV guest maps its shared_info at, so
 * its address never changes.
 */
static unsigned long xenpvh_shared_info_pfn __ro_after_init;

/* The first page of RAM above page 0 and below 1 MiB nothing holds yet. */
static unsigned long __init xenpvh_free_low_pfn(void)
{
	struct e820_entry *e = e820_table->entries;
	struct e820_entry *end = e + e820_table->nr_entries;
	u64 pa, top;

	for (; e < end; e++) {
		if (e->type != E820_TYPE_RAM)
			continue;
		top = min_t(u64, e->addr + e->size, SZ_1M);
		for (pa = max_t(u64, PAGE_ALIGN(e->addr), PAGE_SIZE); pa + PAGE_SIZE <= top;
		     pa += PAGE_SIZE)
			if (!memblock_is_reserved(pa))
				return PHYS_PFN(pa);
	}
	return 0;
}

static void xenpvh_map_shared_info(void)
{
	struct xen_add_to_physmap map = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = xenpvh_shared_info_pfn,
	};
	int rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &map);

	if (rc)
		panic("xenpv: Xen refused to map shared_info at pfn %#lx: %d\n",
		      xenpvh_shared_info_pfn, rc);
}

static void __init xenpvh_place_shared_info(void)
{
	xenpvh_shared_info_pfn = xenpvh_free_low_pfn();
	if (!xenpvh_shared_info_pfn)
		panic("xenpv: no free page below 1 MiB for shared_info\n");
	memblock_reserve(PFN_PHYS(xenpvh_shared_info_pfn), PAGE_SIZE);
	xenpvh_map_shared_info();
	set_fixmap(FIX_PARAVIRT_BOOTMAP, PFN_PHYS(xenpvh_shared_info_pfn));
	HYPERVISOR_shared_info = (struct shared_info *)fix_to_virt(FIX_PARAVIRT_BOOTMAP);
}

/* Xen's number for the boot vCPU, from its CPUID leaves. */
static void __init xenpvh_boot_vcpu_id(void)
{
	u32 eax, ebx, ecx, edx;

	cpuid(xen_cpuid_base() + 4, &eax, &ebx, &ecx, &edx);
	this_cpu_write(xen_vcpu_id, (eax & XEN_HVM_CPUID_VCPU_ID_PRESENT) ? ebx : 0);
}

/*
 * A vCPU's vcpu_info: its own per-cpu one when Xen takes it (the
 * shared_info slots stop at 32 vCPUs), else its slot.
 */
static int xenpvh_vcpu_info(unsigned int cpu)
{
	if (xenpv_vcpu_place(cpu))
		return 0;
	if (xen_vcpu_nr(cpu) >= MAX_VIRT_CPUS)
		return -ENODEV;
	per_cpu(xen_vcpu, cpu) = &HYPERVISOR_shared_info->vcpu_info[xen_vcpu_nr(cpu)];
	return 0;
}

#ifdef CONFIG_SMP
/*
 * IPIs as event channels (ipi.c), as in a PV guest: a local APIC IPI
 * would trap to Xen's emulated APIC on the sender and arrive as an
 * emulated interrupt, where an event is one hypercall and the event
 * vector the target takes anyway.  Set once vCPU 0 has its channels;
 * the CPU-hotplug step binds every other vCPU's before it starts.
 */
static bool xenpvh_event_ipis __ro_after_init;

static void xenpvh_send_reschedule(int cpu)
{
	xenpv_send_ipi(cpu, RESCHEDULE_VECTOR);
}

static void xenpvh_send_call_func(const struct cpumask *mask)
{
	unsigned int cpu;

	for_each_cpu(cpu, mask)
		xenpv_send_ipi(cpu, CALL_FUNCTION_VECTOR);
}

static void xenpvh_send_call_func_single(int cpu)
{
	xenpv_send_ipi(cpu, CALL_FUNCTION_SINGLE_VECTOR);
}

/*
 * The boot vCPU's vcpu_info moves once per-cpu areas exist.  The lock
 * slow path is chosen here, before the kernel patches its lock call
 * sites: a waiter for a lock whose holder Xen descheduled blocks in
 * SCHEDOP_poll rather than spinning through PAUSE exits.
 */
static void __init xenpvh_smp_prepare_boot_cpu(void)
{
	native_smp_prepare_boot_cpu();
	if (!xenpv_vcpu_place(0))
		pr_warn("vCPU 0 keeps its vcpu_info in shared_info\n");
	xenpv_spinlocks_init();
}

/* Events work from here on (init_IRQ has run). */
static void __init xenpvh_smp_prepare_cpus(unsigned int max_cpus)
{
	int rc;

	native_smp_prepare_cpus(max_cpus);
	if (xenpv_lock_bind(0))
		pr_warn("vCPU 0 has no lock kick channel; its lock waits spin\n");
	rc = xenpv_bind_ipis(0);
	if (rc) {
		pr_warn("IPIs stay local APIC interrupts: vCPU 0's event channels failed: %d\n", rc);
		return;
	}
	xenpvh_event_ipis = true;
	smp_ops.smp_send_reschedule = xenpvh_send_reschedule;
	smp_ops.send_call_func_ipi = xenpvh_send_call_func;
	smp_ops.send_call_func_single_ipi = xenpvh_send_call_func_single;
}

/* A lock kick is an IPI too, one that only wakes SCHEDOP_poll. */
static int xenpvh_bind_ipis(unsigned int cpu)
{
	int rc = xenpv_lock_bind(cpu);

	if (rc || !xenpvh_event_ipis)
		return rc;
	rc = xenpv_bind_ipis(cpu);
	if (rc)
		xenpv_lock_unbind(cpu);
	return rc;
}

static void xenpvh_unbind_ipis(unsigned int cpu)
{
	xenpv_lock_unbind(cpu);
	if (xenpvh_event_ipis)
		xenpv_unbind_ipis(cpu);
}

static void __init xenpvh_install_smp_ops(void)
{
	smp_ops.smp_prepare_boot_cpu = xenpvh_smp_prepare_boot_cpu;
	smp_ops.smp_prepare_cpus = xenpvh_smp_prepare_cpus;
}
#else
static int xenpvh_bind_ipis(unsigned int cpu)
{
	return 0;
}

static void xenpvh_unbind_ipis(unsigned int cpu)
{
}

static void __init xenpvh_install_smp_ops(void)
{
}
#endif

/*
 * Before a vCPU starts: Xen's number for it is its ACPI id, and its
 * vcpu_info, event vector and timer event must exist before it can take
 * an interrupt or read the clock.
 */
static int xenpvh_cpu_prepare(unsigned int cpu)
{
	u32 acpi_id = cpu_acpi_id(cpu);
	int rc;

	per_cpu(xen_vcpu_id, cpu) = acpi_id != CPU_ACPIID_INVALID ? acpi_id : cpu;
	rc = xenpvh_vcpu_info(cpu);
	if (rc)
		return rc;
	if (xen_percpu_upcall) {
		rc = xen_set_upcall_vector(cpu);
		if (rc)
			return rc;
	}
	rc = xenpvh_bind_ipis(cpu);
	if (rc)
		return rc;
	rc = xenpv_timer_bind(cpu);
	if (rc)
		xenpvh_unbind_ipis(cpu);
	return rc;
}

static int xenpvh_cpu_dead(unsigned int cpu)
{
	xenpv_timer_unbind(cpu);
	xenpvh_unbind_ipis(cpu);
	return 0;
}

/*
 * In setup_arch(): after the memory map is read, before the clock is
 * calibrated and before init_IRQ().
 */
static void __init xenpvh_init_platform(void)
{
	/*
	 * A PVH dom0 owns the machine's ACPI, PCI and interrupt routing
	 * through Xen, none of which this port does for PVH yet.
	 */
	if (xen_initial_domain())
		panic("xenpv: this port cannot be a PVH dom0 yet; boot dom0 as PV (Xen's default, dom0=pv)\n");
	pr_info("Xen PV port entered as a PVH domU\n");
	xen_setup_features();
	xenpvh_boot_vcpu_id();
	xenpvh_place_shared_info();
	this_cpu_write(xen_vcpu, &HYPERVISOR_shared_info->vcpu_info[xen_vcpu_nr(0)]);
	xen_have_vector_callback = xen_feature(XENFEAT_hvm_callback_vector) ||
		(cpuid_eax(xen_cpuid_base() + 4) & XEN_HVM_CPUID_UPCALL_VECTOR);
	if (!xen_have_vector_callback)
		panic("xenpv: Xen delivers no events by vector to this PVH guest\n");
	x86_init.irqs.intr_init = xen_init_IRQ;
	xenpv_start_sched_clock();
	xenpv_install_hvm_time_hooks();
	xenpv_install_hvm_power_ops();
	xenpvh_install_smp_ops();
	if (cpuhp_setup_state_nocalls(CPUHP_XEN_PREPARE, "x86/xen/hvm:prepare",
				      xenpvh_cpu_prepare, xenpvh_cpu_dead) < 0)
		panic("xenpv: cannot add the vCPU bring-up step\n");
}

/*
 * Xen's PVH guest has local APICs but no IO-APIC: its interrupts are
 * events.  Without this, ACPI would fall back to the legacy PIC model.
 */
static void __init xenpvh_late_init(void)
{
	if (!nr_ioapics && acpi_irq_model == ACPI_IRQ_MODEL_PIC)
		acpi_irq_model = ACPI_IRQ_MODEL_PLATFORM;
}

/*
 * Xen's event vector is state of the domain Xen does not save: the domain
 * a restore created raises none until it is asked again.
 */
static void xenpvh_rearm_event_vector(void)
{
	unsigned int cpu;

	if (!xen_percpu_upcall) {
		xen_setup_callback_vector();
		return;
	}
	for_each_online_cpu(cpu)
		WARN(xen_set_upcall_vector(cpu), "xenpv: no event vector for vCPU %u after resume\n",
		     cpu);
}

/**
 * xenpvh_post_suspend() - a PVH guest's part after the suspend hypercall
 * @cancelled: the save failed and the domain goes on where it was
 *
 * In stop_machine(), on the vCPU that suspended, the others spinning with
 * interrupts off.  A restored domain is new to Xen: shared_info is placed
 * at the same frame again, and every vCPU's vcpu_info and runstate area
 * registered again (suspend.c's caller continues sched_clock after this).
 */
void xenpvh_post_suspend(bool cancelled)
{
	if (!cancelled) {
		xenpvh_map_shared_info();
		xenpv_vcpus_replace();
		xenpv_vcpus_restored();
	}
	xenpvh_rearm_event_vector();
}

static bool __init xenpvh_x2apic_available(void)
{
	return boot_cpu_has(X86_FEATURE_X2APIC);
}

/**
 * xenpvh_platform_hooks() - the hypervisor platform's hooks for a PVH guest
 * @init: the x86_hyper_xen_hvm hooks, filled in when Xen is detected (hvm.c)
 */
void __init xenpvh_platform_hooks(struct x86_hyper_init *init)
{
	init->init_platform = xenpvh_init_platform;
	init->guest_late_init = xenpvh_late_init;
	/* Physical x2APIC mode needs no interrupt remapping under Xen. */
	init->x2apic_available = xenpvh_x2apic_available;
}

/*
 * A PVH guest has no platform PCI device whose BAR could hold the grant
 * table frames, so they go into ballooned-out pages: the grant-table
 * driver maps Xen's frames there (core_initcall_sync, after this).
 */
static int __init xenpvh_grant_frames(void)
{
	if (!xen_pvh_domain())
		return 0;
	xen_auto_xlat_grant_frames.count = gnttab_max_grant_frames();
	return xen_xlate_map_ballooned_pages(&xen_auto_xlat_grant_frames.pfn,
					     &xen_auto_xlat_grant_frames.vaddr,
					     xen_auto_xlat_grant_frames.count);
}
core_initcall(xenpvh_grant_frames);
