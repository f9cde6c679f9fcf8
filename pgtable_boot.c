// SPDX-License-Identifier: GPL-2.0
/*
 * Moving from the page tables Xen built to the kernel's own.
 *
 * Xen starts a PV guest on one L4 of its making.  Its top slot leads to a
 * single L2 that maps, with 4 KiB pages, everything Xen loaded: the kernel
 * image, the p2m list, start_info, the page tables themselves and a
 * bootstrap stack.  The kernel expects init_top_pgt and the other static
 * tables of head_64.S instead, which hold pseudo-physical addresses and
 * 2 MiB pages that a PV guest may not use.
 *
 * So the kernel takes Xen's L2 as its own, twice: once for the image
 * mapping and once for the first GiB of the direct map, which then share
 * Xen's L1 tables (a page's two addresses have a single entry).  The other
 * static entries are rewritten in machine frames, every table is made read-only
 * read-only, init_top_pgt is pinned and loaded, and Xen's L4 is let go.
 */
#include <linux/memblock.h>
#include <linux/mm.h>

#include <asm/pgtable.h>
#include <asm/sections.h>
#include <asm/tlbflush.h>
#include <asm/setup.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>

#include "xen-ops.h"


/* Before the switch, the image mapping is the only view of memory. */
static void *__init xenpv_image_va(phys_addr_t pa)
{
	return (void *)(pa + __START_KERNEL_map);
}

/* The table an entry of one of Xen's tables leads to. */
static void *__init xenpv_next_table(u64 entry)
{
	unsigned long mfn = (entry & PTE_PFN_MASK) >> PAGE_SHIFT;

	return xenpv_image_va(PFN_PHYS(mfn_to_pfn(mfn)));
}

static void __init xenpv_entries_to_machine(void *table)
{
	u64 *entry = table;
	int i;

	for (i = 0; i < PTRS_PER_PTE; i++)
		entry[i] = xenpv_entry_to_machine(entry[i]);
}

/* Xen refuses to use a page as a table while any mapping can write it. */
static void __init xenpv_make_ro(void *table)
{
	pte_t ro = mfn_pte(virt_to_mfn(table), PAGE_KERNEL_RO);

	if (HYPERVISOR_update_va_mapping((unsigned long)table, ro, 0))
		xenpv_die("cannot make boot page table %#lx read-only\n",
			  (unsigned long)table);
}

/*
 * What Xen put behind the kernel that stays in use: the p2m list,
 * start_info, a domU's xenstore and console rings, and the boot page
 * tables, whose L1s now serve the direct map.  The rest of what Xen
 * mapped there is free memory: the kernel's own padding after _end (the
 * 2 MiB-aligned .init.scratch, used only by SME on bare metal, several
 * MiB), Xen's bootstrap stack (never used: the entry code switches
 * stacks first) and the padding up to Xen's 4 MiB boundary.  Minimum and
 * maximum are taken because the builders of dom0 and of a domU order
 * the elements differently; both keep them together.
 */
static void __init xenpv_boot_data_add(phys_addr_t *start, phys_addr_t *end,
				       phys_addr_t pa, phys_addr_t size)
{
	*start = min(*start, pa);
	*end = max(*end, pa + size);
}

static phys_addr_t __init xenpv_reserve_boot_data(const struct start_info *si)
{
	phys_addr_t start = __pa(si), end = __pa(si) + PAGE_SIZE;

	if (!xenpv_p2m_outside_image(si))
		xenpv_boot_data_add(&start, &end, __pa(si->mfn_list),
				    PAGE_ALIGN(si->nr_pages * sizeof(unsigned long)));
	xenpv_boot_data_add(&start, &end, __pa(si->pt_base), PFN_PHYS(si->nr_pt_frames));
	if (!(si->flags & SIF_INITDOMAIN)) {
		xenpv_boot_data_add(&start, &end, PFN_PHYS(mfn_to_pfn(si->store_mfn)), PAGE_SIZE);
		xenpv_boot_data_add(&start, &end, PFN_PHYS(mfn_to_pfn(si->console.domU.mfn)),
				    PAGE_SIZE);
	}
	memblock_reserve(start, end - start);
	return start;
}

/*
 * A p2m list outside the initial mapping (XEN_ELFNOTE_INIT_P2M) sits in
 * an L4 slot of its own, behind tables Xen built from frames of the
 * domain that nothing else maps: first_p2m_pfn on, the list's pages and
 * those tables mixed in an order of the builder's.  The slot moves into
 * init_top_pgt, so that the list stays where start_info says until p2m.c
 * maps its pages elsewhere; the frames stay reserved, and the direct map
 * covers them read-only, as Xen demands of the tables among them.
 */
static void __init xenpv_keep_p2m_slot(const struct start_info *si, const pgd_t *xen_l4)
{
	unsigned int slot = pgd_index(si->mfn_list);

	init_top_pgt[slot] = xen_l4[slot];
	memblock_reserve(PFN_PHYS(si->first_p2m_pfn), PFN_PHYS(si->nr_p2m_frames));
	xenpv_direct_map_ro(si->first_p2m_pfn, si->nr_p2m_frames);
}

static void __init xenpv_graft_xen_l2(const pmd_t *xen_l2)
{
	copy_page(level2_kernel_pgt, (void *)xen_l2);
	copy_page(level2_ident_pgt, (void *)xen_l2);
	/* The slot that maps the kernel at virtual address 0 is not wanted. */
	init_top_pgt[0] = __pgd(0);
	xenpv_entries_to_machine(init_top_pgt);
	xenpv_entries_to_machine(level3_ident_pgt);
	xenpv_entries_to_machine(level3_kernel_pgt);
	xenpv_entries_to_machine(level2_fixmap_pgt);
}

static void __init xenpv_kernel_tables_ro(void)
{
	int i;

	xenpv_make_ro(init_top_pgt);
	xenpv_make_ro(level3_ident_pgt);
	xenpv_make_ro(level3_kernel_pgt);
	xenpv_make_ro(level2_ident_pgt);
	xenpv_make_ro(level2_kernel_pgt);
	xenpv_make_ro(level2_fixmap_pgt);
	for (i = 0; i < FIXMAP_PMD_NUM; i++)
		xenpv_make_ro(level1_fixmap_pgt + i * PTRS_PER_PTE);
}

/**
 * xenpv_take_over_pagetables() - switch from Xen's boot page tables to
 * init_top_pgt
 * @si: start_info, by its address in Xen's mapping
 *
 * Afterwards the direct map covers what Xen mapped, start_info and the
 * p2m list are reached through it (a list Xen put outside the initial
 * mapping stays where it is), and the pages Xen used for its tables and
 * its bootstrap data stay reserved; its stack and padding are free memory.
 */
void __init xenpv_take_over_pagetables(struct start_info *si)
{
	pgd_t *xen_l4 = (pgd_t *)si->pt_base;
	pud_t *xen_l3 = xenpv_next_table(native_pgd_val(xen_l4[pgd_index(__START_KERNEL_map)]));
	pmd_t *xen_l2 = xenpv_next_table(native_pud_val(xen_l3[pud_index(__START_KERNEL_map)]));

	xenpv_graft_xen_l2(xen_l2);
	if (xenpv_p2m_outside_image(si))
		xenpv_keep_p2m_slot(si, xen_l4);
	xenpv_kernel_tables_ro();
	xenpv_pin_table(MMUEXT_PIN_L4_TABLE, PFN_DOWN(__pa_symbol(init_top_pgt)));
	xenpv_load_cr3(__pa_symbol(init_top_pgt));
	xenpv_unpin_table(PFN_DOWN(__pa(xen_l4)));

	/* What Xen mapped below its boot data is all in the direct map now. */
	max_pfn_mapped = PFN_DOWN(xenpv_reserve_boot_data(si));

	xenpv_early_console_direct();
	xen_start_info = __va(__pa(si));
	if (!xenpv_p2m_outside_image(si))
		xen_p2m_addr = __va(__pa(xen_p2m_addr));
}

/*
 * Xen maps all it loaded readable, writable and executable, and the
 * direct map shares these L1 entries with the image mapping.  The kernel
 * sets NX on its own image up to the 2 MiB boundary after the brk
 * (mark_rodata_ro()), and has already dropped the image mapping of the
 * rest (cleanup_highmap()); below the image and past that boundary (low
 * memory, unused brk, start_info, the p2m list, Xen's tables, its freed
 * bootstrap stack) the direct map is the only view left, and nothing
 * would set NX there.  The walk goes through the direct map's first GiB,
 * where Xen's L1 tables hang.
 */
static void __init xenpv_nx_beyond_image_in(unsigned long *l1, unsigned long first_pfn,
					    unsigned long text, unsigned long end)
{
	unsigned long pfn;
	int i;

	for (i = 0; i < PTRS_PER_PTE; i++) {
		pfn = first_pfn + i;
		if ((pfn >= text && pfn < end) || !(l1[i] & _PAGE_PRESENT) || (l1[i] & _PAGE_NX))
			continue;
		xenpv_mmu_update(&l1[i], l1[i] | _PAGE_NX, MMU_NORMAL_PT_UPDATE);
	}
}

/**
 * xenpv_nx_beyond_image() - no executable mapping of what Xen loaded
 * around the kernel image
 *
 * Runs once the direct map stands and the CPU's NX support is known.
 */
void __init xenpv_nx_beyond_image(void)
{
	unsigned long text = PFN_DOWN(__pa_symbol(_text));
	unsigned long end = PFN_DOWN(__pa_symbol(roundup(_brk_end, PMD_SIZE)));
	unsigned long mfn;
	int i;

	if (!(__supported_pte_mask & _PAGE_NX))
		return;
	arch_enter_lazy_mmu_mode();
	for (i = 0; i < PTRS_PER_PMD; i++) {
		if (!(native_pmd_val(level2_ident_pgt[i]) & _PAGE_PRESENT))
			continue;
		mfn = (native_pmd_val(level2_ident_pgt[i]) & PTE_PFN_MASK) >> PAGE_SHIFT;
		xenpv_nx_beyond_image_in(__va(PFN_PHYS(mfn_to_pfn(mfn))), i * PTRS_PER_PTE,
					 text, end);
	}
	arch_leave_lazy_mmu_mode();
	__flush_tlb_all();
}

