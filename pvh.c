// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen side of a PVH start.
 *
 * A PVH guest is an HVM container without emulated firmware: Xen loads the
 * kernel, enters arch/x86/platform/pvh in 32-bit protected mode with a
 * start_info of its own (struct hvm_start_info), and from then on the
 * kernel runs on native paging, native segments and the native interrupt
 * flag.  This file does what only a PVH start needs, before startup_64
 * and while .bss is not yet cleared; once Xen is detected, the guest is
 * set up as any guest in an HVM container (hvm_guest.c).
 */
#define pr_fmt(fmt) "xenpv: " fmt

#include <linux/cpufreq.h>
#include <linux/cpuidle.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/ioport.h>
#include <linux/memblock.h>

#include <asm/bootparam.h>
#include <asm/e820/api.h>
#include <asm/paravirt.h>
#include <asm/processor.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/grant_table.h>
#include <xen/hvc-console.h>
#include <xen/interface/hvm/start_info.h>
#include <xen/interface/memory.h>
#include <xen/page.h>
#include <xen/xen.h>
#include <xen/xen-ops.h>

#include "xen-ops.h"

/*
 * Written before startup_64 clears .bss, so it must live elsewhere;
 * __ro_after_init is in .data.
 */
bool xen_pvh __ro_after_init;
EXPORT_SYMBOL_GPL(xen_pvh);

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
	xenhvm_choose_hypercall();
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
 * Xen lays a PVH dom0 out on the machine's own memory map and marks the
 * RAM it left unpopulated (dom0 gets less than the machine has) UNUSABLE.
 * No device decodes those addresses, so that is where grants and foreign
 * frames should be mapped: the unpopulated-memory allocator would
 * otherwise carve its ranges out of free iomem space, which on real
 * hardware may be an MMIO window the map does not show.  The ranges
 * become RAM, reserved, listed in xen_extra_mem until the allocator takes
 * them (arch_xen_unpopulated_init()).  Called before the kernel sizes its
 * memory from the e820 table.
 */
static void __init xenpvh_dom0_keep_unpopulated(void)
{
	struct xen_memory_region *r = xen_extra_mem;
	unsigned long ram = 0, frames = 0;
	unsigned int i, n;

	for (i = 0; i < e820_table->nr_entries; i++) {
		const struct e820_entry *e = &e820_table->entries[i];

		if (e->type == E820_TYPE_RAM && PFN_DOWN(e->addr + e->size) > PFN_UP(e->addr))
			ram += PFN_DOWN(e->addr + e->size) - PFN_UP(e->addr);
	}
	n = xenpv_place_room(e820_table->entries, e820_table->nr_entries,
			     E820_TYPE_UNUSABLE, 0, ULONG_MAX, XENPV_ROOM_RATIO * ram,
			     false, r);
	for (i = 0; i < n; i++) {
		e820__range_update(PFN_PHYS(r[i].start_pfn), PFN_PHYS(r[i].n_pfns),
				   E820_TYPE_UNUSABLE, E820_TYPE_RAM);
		memblock_reserve(PFN_PHYS(r[i].start_pfn), PFN_PHYS(r[i].n_pfns));
		frames += r[i].n_pfns;
	}
	e820__update_table(e820_table);
	pr_info("PVH dom0: %lu MiB of RAM ranges Xen left unpopulated kept for grant and foreign mappings\n",
		frames >> (20 - PAGE_SHIFT));
}

#ifdef CONFIG_XEN_UNPOPULATED_ALLOC
/**
 * arch_xen_unpopulated_init() - the frames Xen's unpopulated-memory
 * allocator starts with
 * @res: set to the resource the allocator carves further ranges from
 *
 * Called once by drivers/xen/unpopulated-alloc.c (an early initcall) in
 * every Xen guest, before the balloon driver reads xen_extra_mem.  A PVH
 * dom0 hands over the ranges xenpvh_dom0_keep_unpopulated() kept, so that
 * blkback's, netback's and privcmd's mappings land there; its balloon
 * grows by memory hotplug.  Any other guest keeps its room for the
 * balloon, and the allocator takes free iomem space.
 *
 * Return: 0.
 */
int __init arch_xen_unpopulated_init(struct resource **res)
{
	struct xen_memory_region *r;
	struct page *page;
	unsigned long pfn;

	/* Before any page is given back: that is where they go. */
	*res = &iomem_resource;
	if (!xen_pvh_domain() || !xen_initial_domain())
		return 0;
	for (r = xen_extra_mem; r < xen_extra_mem + XEN_EXTRA_MEM_MAX_REGIONS; r++) {
		for (pfn = r->start_pfn; pfn < r->start_pfn + r->n_pfns; pfn++) {
			page = pfn_to_page(pfn);
			xen_free_unpopulated_pages(1, &page);
		}
		r->n_pfns = 0;
	}
	return 0;
}
#endif

/**
 * xenpvh_dom0_init() - what a PVH dom0 needs beyond a PVH domU
 *
 * Called by xenhvm_init_platform() in setup_arch(), once the early
 * parameters are parsed and the e820 table is read, before the kernel
 * sizes its memory and before the CPUs' idle routine is chosen.
 * Xen emulates the local APICs, IO-APICs and MSIs of the machine's own
 * ACPI tables for a PVH dom0, so its interrupts, PCI and ACPI take the
 * native paths; drivers/xen registers the PCI devices with Xen.
 */
void __init xenpvh_dom0_init(void)
{
	xenpvh_dom0_keep_unpopulated();
	/*
	 * dom0 reads the machine's ACPI tables, whose C-states and P-states
	 * are Xen's to enter and change: Linux's idle and frequency drivers
	 * would program them behind Xen's back.  HLT blocks the vCPU in Xen.
	 * The ACPI processor driver still parses the states, for
	 * xen-acpi-processor to hand them to Xen, which an idle= override
	 * would stop.
	 */
	disable_cpuidle();
	disable_cpufreq();
	if (xen_set_default_idle())
		pr_warn("PVH dom0: an idle routine was already chosen; HLT not installed\n");
}

/*
 * A PVH guest has no platform PCI device whose BAR could hold the grant
 * table frames (an HVM guest's platform-pci driver uses that BAR), so
 * they go into ballooned-out pages: the grant-table driver maps Xen's
 * frames there (core_initcall_sync, after this).
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
