// SPDX-License-Identifier: GPL-2.0
/*
 * A guest in an HVM container once Xen is found: after a PVH start
 * (pvh.c) or after emulated firmware booted the kernel (HVM, "PVHVM").
 *
 * Either way the kernel runs on native paging, native segments and the
 * native interrupt flag, and reaches what is Xen's by hypercall:
 * shared_info and vcpu_info, events through an interrupt vector, the
 * pvclock and Xen's one-shot timers, event-channel IPIs and PV spinlocks,
 * restart and power off.  hvm.c installs these platform hooks once it
 * detects Xen; where the two starts differ (the memory map, grant frames
 * and dom0 of a PVH start, the emulated devices of an HVM one) is theirs.
 * An HVM guest without the event vector (xen_no_vector_callback) keeps
 * the emulated timers, local APIC IPIs and queued spinlocks.
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

/* "AuthenticAMD" and "HygonGenuine" take vmmcall, every other vendor vmcall. */
static bool __init xenhvm_cpu_is_amd(void)
{
	u32 eax, ebx, ecx, edx;

	cpuid(0, &eax, &ebx, &ecx, &edx);
	return (ebx == 0x68747541 && ecx == 0x444d4163 && edx == 0x69746e65) ||
	       (ebx == 0x6f677948 && ecx == 0x656e6975 && edx == 0x6e65476e);
}

/**
 * xenhvm_choose_hypercall() - enter Xen through vmcall or vmmcall
 *
 * The static call fails every hypercall until a start chooses its way in
 * (hypercall.c); the PV one, a syscall, would be a system call to
 * ourselves here.  boot_cpu_data may know no vendor yet, so the CPUID
 * leaf is read directly.  Called before the first hypercall of a PVH or
 * an HVM start.
 */
void __init xenhvm_choose_hypercall(void)
{
	if (xenhvm_cpu_is_amd())
		static_call_update_early(xen_hypercall, xenhvm_hypercall_vmmcall);
	else
		static_call_update_early(xen_hypercall, xenhvm_hypercall_vmcall);
}

/*
 * Xen puts shared_info at a frame of the guest's choosing and frees the
 * RAM that was there.  A page below 1 MiB is taken: Xen's p2m is made of
 * 4 KiB entries there already (the legacy hole breaks it up), where a
 * page inside the kernel image would split one of its superpages.  It is
 * reached through the fixmap slot a PV guest maps its shared_info at, so
 * its address never changes.
 */
static unsigned long xenhvm_shared_info_pfn __ro_after_init;

/* The first page of RAM above page 0 and below 1 MiB nothing holds yet. */
static unsigned long __init xenhvm_free_low_pfn(void)
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

static void xenhvm_map_shared_info(void)
{
	struct xen_add_to_physmap map = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = xenhvm_shared_info_pfn,
	};
	int rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &map);

	if (rc)
		panic("xenpv: Xen refused to map shared_info at pfn %#lx: %d\n",
		      xenhvm_shared_info_pfn, rc);
}

static void __init xenhvm_place_shared_info(void)
{
	xenhvm_shared_info_pfn = xenhvm_free_low_pfn();
	if (!xenhvm_shared_info_pfn)
		panic("xenpv: no free page below 1 MiB for shared_info\n");
	memblock_reserve(PFN_PHYS(xenhvm_shared_info_pfn), PAGE_SIZE);
	xenhvm_map_shared_info();
	set_fixmap(FIX_PARAVIRT_BOOTMAP, PFN_PHYS(xenhvm_shared_info_pfn));
	HYPERVISOR_shared_info = (struct shared_info *)fix_to_virt(FIX_PARAVIRT_BOOTMAP);
}

/* Xen's number for the boot vCPU, from its CPUID leaves. */
static void __init xenhvm_boot_vcpu_id(void)
{
	u32 eax, ebx, ecx, edx;

	cpuid(xen_cpuid_base() + 4, &eax, &ebx, &ecx, &edx);
	this_cpu_write(xen_vcpu_id, (eax & XEN_HVM_CPUID_VCPU_ID_PRESENT) ? ebx : 0);
}

/*
 * A vCPU's vcpu_info: its own per-cpu one when Xen takes it (the
 * shared_info slots stop at 32 vCPUs), else its slot.
 */
static int xenhvm_vcpu_info(unsigned int cpu)
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
static bool xenhvm_event_ipis __ro_after_init;

static void xenhvm_send_reschedule(int cpu)
{
	xenpv_send_ipi(cpu, RESCHEDULE_VECTOR);
}

static void xenhvm_send_call_func(const struct cpumask *mask)
{
	unsigned int cpu;

	for_each_cpu(cpu, mask)
		xenpv_send_ipi(cpu, CALL_FUNCTION_VECTOR);
}

static void xenhvm_send_call_func_single(int cpu)
{
	xenpv_send_ipi(cpu, CALL_FUNCTION_SINGLE_VECTOR);
}

/*
 * The boot vCPU's vcpu_info moves once per-cpu areas exist.  The lock
 * slow path is chosen here, before the kernel patches its lock call
 * sites: a waiter for a lock whose holder Xen descheduled blocks in
 * SCHEDOP_poll rather than spinning through PAUSE exits.
 */
static void __init xenhvm_smp_prepare_boot_cpu(void)
{
	native_smp_prepare_boot_cpu();
	if (!xenpv_vcpu_place(0))
		pr_warn("vCPU 0 keeps its vcpu_info in shared_info\n");
	xenpv_spinlocks_init();
}

/* Events work from here on (init_IRQ has run). */
static void __init xenhvm_smp_prepare_cpus(unsigned int max_cpus)
{
	int rc;

	native_smp_prepare_cpus(max_cpus);
	if (!xen_have_vector_callback)
		return;
	if (xenpv_lock_bind(0))
		pr_warn("vCPU 0 has no lock kick channel; its lock waits spin\n");
	rc = xenpv_bind_ipis(0);
	if (rc) {
		pr_warn("IPIs stay local APIC interrupts: vCPU 0's event channels failed: %d\n", rc);
		return;
	}
	xenhvm_event_ipis = true;
	smp_ops.smp_send_reschedule = xenhvm_send_reschedule;
	smp_ops.send_call_func_ipi = xenhvm_send_call_func;
	smp_ops.send_call_func_single_ipi = xenhvm_send_call_func_single;
}

/* A lock kick is an IPI too, one that only wakes SCHEDOP_poll. */
static int xenhvm_bind_ipis(unsigned int cpu)
{
	int rc = xenpv_lock_bind(cpu);

	if (rc || !xenhvm_event_ipis)
		return rc;
	rc = xenpv_bind_ipis(cpu);
	if (rc)
		xenpv_lock_unbind(cpu);
	return rc;
}

static void xenhvm_unbind_ipis(unsigned int cpu)
{
	xenpv_lock_unbind(cpu);
	if (xenhvm_event_ipis)
		xenpv_unbind_ipis(cpu);
}

static void __init xenhvm_install_smp_ops(void)
{
	smp_ops.smp_prepare_boot_cpu = xenhvm_smp_prepare_boot_cpu;
	smp_ops.smp_prepare_cpus = xenhvm_smp_prepare_cpus;
}
#else
static int xenhvm_bind_ipis(unsigned int cpu)
{
	return 0;
}

static void xenhvm_unbind_ipis(unsigned int cpu)
{
}

static void __init xenhvm_install_smp_ops(void)
{
}
#endif

/*
 * Before a vCPU starts: Xen's number for it is its ACPI id, and its
 * vcpu_info, event vector and timer event must exist before it can take
 * an interrupt or read the clock.
 */
static int xenhvm_cpu_prepare(unsigned int cpu)
{
	u32 acpi_id = cpu_acpi_id(cpu);
	int rc;

	per_cpu(xen_vcpu_id, cpu) = acpi_id != CPU_ACPIID_INVALID ? acpi_id : cpu;
	rc = xenhvm_vcpu_info(cpu);
	if (rc || !xen_have_vector_callback)
		return rc;
	if (xen_percpu_upcall) {
		rc = xen_set_upcall_vector(cpu);
		if (rc)
			return rc;
	}
	rc = xenhvm_bind_ipis(cpu);
	if (rc)
		return rc;
	rc = xenpv_timer_bind(cpu);
	if (rc)
		xenhvm_unbind_ipis(cpu);
	return rc;
}

static int xenhvm_cpu_dead(unsigned int cpu)
{
	if (!xen_have_vector_callback)
		return 0;
	xenpv_timer_unbind(cpu);
	xenhvm_unbind_ipis(cpu);
	return 0;
}

/*
 * "xen_no_vector_callback": an HVM guest takes its events as guests did
 * before Xen had the event vector, as the Xen platform PCI device's legacy
 * interrupt, on vCPU 0 alone (drivers/xen/platform-pci.c asks Xen for that
 * when it probes).  Meant for debugging Xen's vector delivery.
 */
static bool xenhvm_no_vector_wanted __initdata;

static int __init xenhvm_parse_no_vector_callback(char *arg)
{
	xenhvm_no_vector_wanted = true;
	return 0;
}
early_param("xen_no_vector_callback", xenhvm_parse_no_vector_callback);

/*
 * Whether events come by vector.  Without it no Xen timer, event-channel
 * IPI or lock kick could reach a vCPU but the first, and none at all
 * before the platform device probes: the local APIC's timers and IPIs
 * and queued spinlocks stay.  A PVH guest has no platform device.
 */
static bool __init xenhvm_events_by_vector(void)
{
	bool offered = xen_feature(XENFEAT_hvm_callback_vector) ||
		(cpuid_eax(xen_cpuid_base() + 4) & XEN_HVM_CPUID_UPCALL_VECTOR);

	if (xen_pvh_domain()) {
		if (xenhvm_no_vector_wanted)
			pr_warn("xen_no_vector_callback ignored: a PVH guest takes events by vector only\n");
		if (!offered)
			panic("xenpv: Xen delivers no events by vector to this PVH guest\n");
		return true;
	}
	if (offered && !xenhvm_no_vector_wanted)
		return true;
	pr_notice("events through the Xen platform device's interrupt, on vCPU 0 (%s): local APIC timers and IPIs, queued spinlocks\n",
		  offered ? "xen_no_vector_callback" : "Xen offers no event vector");
	return false;
}

/**
 * xenhvm_init_platform() - set up a guest in an HVM container on Xen
 *
 * The platform's init_platform hook, in setup_arch(): after the memory
 * map is read, before the clock is calibrated and before init_IRQ().
 * hypercalls must already go through vmcall or vmmcall.  Panics where
 * the guest cannot run on without Xen (no shared_info; a PVH guest
 * without the event vector).
 */
void __init xenhvm_init_platform(void)
{
	pr_info("Xen PV port entered as %s %s\n", xen_pvh_domain() ? "a PVH" : "an HVM",
		xen_initial_domain() ? "dom0" : "domU");
	/* Only a PVH start can be dom0 (Xen's dom0=pvh). */
	if (xen_initial_domain())
		xenpvh_dom0_init();
	xen_setup_features();
	xenhvm_boot_vcpu_id();
	xenhvm_place_shared_info();
	this_cpu_write(xen_vcpu, &HYPERVISOR_shared_info->vcpu_info[xen_vcpu_nr(0)]);
	xen_have_vector_callback = xenhvm_events_by_vector();
	x86_init.irqs.intr_init = xen_init_IRQ;
	xenpv_start_sched_clock();
	xenpv_install_hvm_power_ops();
	if (xen_have_vector_callback)
		xenpv_install_hvm_time_hooks();
	xenhvm_install_smp_ops();
	if (cpuhp_setup_state_nocalls(CPUHP_XEN_PREPARE, "x86/xen/hvm:prepare",
				      xenhvm_cpu_prepare, xenhvm_cpu_dead) < 0)
		panic("xenpv: cannot add the vCPU bring-up step\n");
}

/*
 * Xen's PVH guest has local APICs but no IO-APIC: its interrupts are
 * events.  Without this, ACPI would fall back to the legacy PIC model.
 * An HVM guest has its emulated IO-APIC and keeps ACPI's choice.
 */
static void __init xenhvm_late_init(void)
{
#ifdef CONFIG_ACPI
	if (!nr_ioapics && acpi_irq_model == ACPI_IRQ_MODEL_PIC)
		acpi_irq_model = ACPI_IRQ_MODEL_PLATFORM;
#endif
}

/*
 * Xen's event vector is state of the domain Xen does not save: the domain
 * a restore created raises none until it is asked again.
 */
static void xenhvm_rearm_event_vector(void)
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
 * xenhvm_post_suspend() - a PVH or HVM guest's part after the suspend hypercall
 * @cancelled: the save failed and the domain goes on where it was
 *
 * In stop_machine(), on the vCPU that suspended, the others spinning with
 * interrupts off.  A restored domain is new to Xen: shared_info is placed
 * at the same frame again, and every vCPU's vcpu_info and runstate area
 * registered again (suspend.c's caller continues sched_clock after this).
 */
void xenhvm_post_suspend(bool cancelled)
{
	if (!cancelled) {
		xenhvm_map_shared_info();
		xenpv_vcpus_replace();
		xenpv_vcpus_restored();
	}
	xenhvm_rearm_event_vector();
}

static bool __init xenhvm_x2apic_available(void)
{
	return boot_cpu_has(X86_FEATURE_X2APIC);
}

/*
 * Xen's emulated MSI takes APIC ids above 255 in the address bits Linux
 * calls the extended destination id, when it says so in its CPUID leaf:
 * without it, vCPUs whose APIC id is above 255 (Xen numbers them 2n)
 * could take no MSI and stay offline.
 */
static bool __init xenhvm_msi_ext_dest_id(void)
{
	return cpuid_eax(xen_cpuid_base() + 4) & XEN_HVM_CPUID_EXT_DEST_ID;
}

/**
 * xenhvm_platform_hooks() - the hypervisor platform's hooks for a guest
 * in an HVM container
 * @init: the x86_hyper_xen_hvm hooks, filled in when Xen is detected (hvm.c)
 */
void __init xenhvm_platform_hooks(struct x86_hyper_init *init)
{
	init->init_platform = xenhvm_init_platform;
	init->guest_late_init = xenhvm_late_init;
	/* Physical x2APIC mode needs no interrupt remapping under Xen. */
	init->x2apic_available = xenhvm_x2apic_available;
	init->msi_ext_dest_id = xenhvm_msi_ext_dest_id;
}
