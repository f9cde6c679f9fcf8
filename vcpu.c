// SPDX-License-Identifier: GPL-2.0
/*
 * shared_info and the per-vCPU vcpu_info: the memory through which Xen
 * tells the guest about pending events, time and its own state.
 */
#define pr_fmt(fmt) "xenpv: " fmt

#include <linux/cpumask.h>
#include <linux/export.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/string.h>

#include <asm/fixmap.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>
#include <asm/xen/hypervisor.h>
#include <xen/interface/vcpu.h>
#include <xen/interface/xen.h>
#include <xen/xen-ops.h>

#include "xen-ops.h"

/*
 * Until the real page is mapped, shared_info (and so vCPU 0's vcpu_info,
 * whose mask byte is the interrupt flag) is this zeroed page: masking and
 * unmasking events work on it, and no event is pending.
 */
static struct shared_info xenpv_placeholder_shared_info __page_aligned_bss;

struct shared_info *HYPERVISOR_shared_info = &xenpv_placeholder_shared_info;

/* Where each vCPU's vcpu_info lives, and Xen's number for the vCPU. */
DEFINE_PER_CPU(struct vcpu_info *, xen_vcpu);
DEFINE_PER_CPU(uint32_t, xen_vcpu_id);
EXPORT_PER_CPU_SYMBOL(xen_vcpu_id);

/*
 * The vcpu_info each vCPU gets in its own per-cpu area: the slots in
 * shared_info cover only 32 vCPUs, and a per-cpu variable can be reached
 * in one %gs-relative instruction.  64-byte aligned, so never across a
 * page, as Xen requires.
 */
DEFINE_PER_CPU_ALIGNED(struct vcpu_info, xen_vcpu_info);

/**
 * xenpv_vcpu_boot_init() - give the boot vCPU a vcpu_info before anything
 * masks or unmasks events
 */
void __init xenpv_vcpu_boot_init(void)
{
	per_cpu(xen_vcpu_id, 0) = 0;
	per_cpu(xen_vcpu, 0) = &HYPERVISOR_shared_info->vcpu_info[0];
}

/**
 * xenpv_map_shared_info() - map the real shared_info page
 *
 * Xen gives its machine address in start_info.  The vcpu_info pointers
 * move to the real page; the mask bytes keep their value.
 */
void __init xenpv_map_shared_info(void)
{
	struct shared_info *real = (void *)fix_to_virt(FIX_PARAVIRT_BOOTMAP);
	u8 mask = this_cpu_read(xen_vcpu)->evtchn_upcall_mask;

	set_fixmap(FIX_PARAVIRT_BOOTMAP, xen_start_info->shared_info);
	real->vcpu_info[0].evtchn_upcall_mask = mask;
	HYPERVISOR_shared_info = real;
	per_cpu(xen_vcpu, 0) = &real->vcpu_info[0];
}

/* Ask Xen to use @cpu's per-cpu vcpu_info; Xen copies its slot over it. */
static int xenpv_vcpu_register(int cpu)
{
	struct vcpu_info *mine = per_cpu_ptr(&xen_vcpu_info, cpu);
	struct vcpu_register_vcpu_info where = {
		.mfn = PFN_DOWN(arbitrary_virt_to_machine(mine).maddr),
		.offset = offset_in_page(mine),
	};

	return HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, xen_vcpu_nr(cpu), &where);
}

/**
 * xenpv_vcpu_place() - move a vCPU's vcpu_info into its per-cpu area
 * @cpu: the vCPU
 *
 * Xen copies the current contents over.  It accepts this once per vCPU;
 * a vCPU placed already (one coming back online) keeps its place.
 *
 * Return: true when the vCPU now uses xen_vcpu_info.
 */
bool xenpv_vcpu_place(int cpu)
{
	struct vcpu_info *mine = per_cpu_ptr(&xen_vcpu_info, cpu);

	if (per_cpu(xen_vcpu, cpu) == mine)
		return true;
	if (xenpv_vcpu_register(cpu))
		return false;
	per_cpu(xen_vcpu, cpu) = mine;
	return true;
}

/**
 * xenpv_vcpu_unplace() - forget where an offline vCPU's vcpu_info was
 * @cpu: the vCPU, offline
 *
 * For a domain Xen created anew (a restore), which knows no placement:
 * the vCPU's next bring-up places it again.
 */
void xenpv_vcpu_unplace(int cpu)
{
	per_cpu(xen_vcpu, cpu) = NULL;
}

/**
 * xenpv_place_boot_vcpu() - give vCPU 0 its per-cpu vcpu_info, and with
 * it the assembly interrupt-flag ops
 *
 * An SMP kernel calls this once its per-cpu areas exist; a UP kernel's
 * per-cpu data is plain data, placed as soon as shared_info is mapped.
 */
void __init xenpv_place_boot_vcpu(void)
{
	if (xenpv_vcpu_place(0)) {
		xenpv_install_direct_irq_ops();
		pr_info("vCPU 0's vcpu_info is per-cpu; direct interrupt-flag ops\n");
	} else {
		pr_warn("vCPU 0 keeps its vcpu_info in shared_info\n");
	}
}

/**
 * xenpv_shared_info_detach() - stop mapping Xen's shared_info page
 *
 * Before a save: the page is Xen's, not the guest's, so no page-table
 * entry may point at it when the toolstack rewrites machine frames into
 * pseudo-physical ones.  A copy in guest memory stands in until
 * xenpv_shared_info_attach(), so that reading it stays harmless.
 */
void xenpv_shared_info_detach(void)
{
	memcpy(&xenpv_placeholder_shared_info, HYPERVISOR_shared_info,
	       sizeof(xenpv_placeholder_shared_info));
	set_fixmap(FIX_PARAVIRT_BOOTMAP,
		   virt_to_machine(&xenpv_placeholder_shared_info).maddr);
}

/**
 * xenpv_shared_info_attach() - map shared_info again, at the same address
 *
 * After a cancelled save it is the page the domain had; after a restore
 * it is the one start_info names now.
 */
void xenpv_shared_info_attach(void)
{
	set_fixmap(FIX_PARAVIRT_BOOTMAP, xen_start_info->shared_info);
}

/*
 * A restored domain is new to Xen: no vCPU has its vcpu_info placed.  Xen
 * places it only from the vCPU itself or while the vCPU is down, and
 * copies its own slot over the area, mask byte included; the vCPU keeps
 * the mask it had (all of them are masked here, in stop_machine()).
 */
static void xenpv_vcpu_replace(int cpu, bool self)
{
	struct vcpu_info *mine = per_cpu_ptr(&xen_vcpu_info, cpu);
	u8 mask = mine->evtchn_upcall_mask;

	if (!self && HYPERVISOR_vcpu_op(VCPUOP_down, xen_vcpu_nr(cpu), NULL))
		xenpv_die("resume: cannot stop vCPU %d\n", cpu);
	xen_setup_runstate_info(cpu);
	if (per_cpu(xen_vcpu, cpu) == mine) {
		if (xenpv_vcpu_register(cpu))
			xenpv_die("resume: Xen refused vCPU %d's vcpu_info\n", cpu);
		mine->evtchn_upcall_mask = mask;
	} else {
		/* Still in shared_info: a slot of the new page, masked. */
		per_cpu(xen_vcpu, cpu)->evtchn_upcall_mask = 1;
	}
	if (!self && HYPERVISOR_vcpu_op(VCPUOP_up, xen_vcpu_nr(cpu), NULL))
		xenpv_die("resume: cannot restart vCPU %d\n", cpu);
}

/**
 * xenpv_vcpus_replace() - register every online vCPU's vcpu_info and
 * runstate area with the domain a restore created
 *
 * Runs on the vCPU that made the suspend hypercall, with the others
 * spinning, events masked, in stop_machine().
 */
void xenpv_vcpus_replace(void)
{
	int cpu, self = smp_processor_id();

	for_each_online_cpu(cpu)
		xenpv_vcpu_replace(cpu, cpu == self);
}
