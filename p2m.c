// SPDX-License-Identifier: GPL-2.0
/*
 * The p2m: which machine frame backs each pseudo-physical frame of the
 * guest, and its inverse, the machine-to-phys table Xen maps read-only
 * into every PV guest.
 *
 * The inline helpers of asm/xen/page.h read xen_p2m_addr directly for
 * frames below xen_p2m_size and call get_phys_to_machine() otherwise.
 */
#include <linux/compiler.h>
#include <linux/export.h>
#include <linux/errno.h>
#include <linux/mm.h>

#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>
#include <xen/interface/memory.h>
#include <xen/interface/grant_table.h>
#include <xen/grant_table.h>

#include "xenpv.h"

/* Xen's read-only machine-to-phys table, mapped into every PV guest. */
unsigned long *machine_to_phys_mapping __read_mostly = (void *)MACH2PHYS_VIRT_START;
EXPORT_SYMBOL(machine_to_phys_mapping);

/* Entries in machine_to_phys_mapping. */
unsigned long machine_to_phys_nr __read_mostly;
EXPORT_SYMBOL(machine_to_phys_nr);

/**
 * xenpv_m2p_init() - find Xen's machine-to-phys table
 *
 * Where Xen maps the table, and how many machine frames it covers,
 * depends on the host; only a Xen too old to answer leaves the
 * compile-time defaults.
 */
void __init xenpv_m2p_init(void)
{
	struct xen_machphys_mapping where = {};
	int rc = HYPERVISOR_memory_op(XENMEM_machphys_mapping, &where);

	machine_to_phys_nr = rc ? MACH2PHYS_NR_ENTRIES : where.max_mfn + 1;
	if (!rc)
		machine_to_phys_mapping = (unsigned long *)where.v_start;
}

/* The flat p2m list: entry N is the machine frame of pseudo-physical frame N. */
unsigned long *xen_p2m_addr __read_mostly;
EXPORT_SYMBOL_GPL(xen_p2m_addr);

/* Entries of the list that are mapped at xen_p2m_addr. */
unsigned long xen_p2m_size __read_mostly;
EXPORT_SYMBOL_GPL(xen_p2m_size);

/**
 * xenpv_p2m_use_xen_list() - look frames up in the list Xen built
 * @si: start_info, which says where the list is and how long
 *
 * Until the kernel has memory of its own, the p2m is Xen's flat list,
 * one entry per frame the domain was started with.
 */
void __init xenpv_p2m_use_xen_list(const struct start_info *si)
{
	xen_p2m_addr = (unsigned long *)si->mfn_list;
	xen_p2m_size = si->nr_pages;
	xen_max_p2m_pfn = si->nr_pages;
}

/*
 * Until the kernel grows the p2m, it is the flat list: inside it an
 * invalid entry is a hole, between its end and the maximum nothing is
 * populated, and beyond the maximum every frame is the machine frame of
 * the same number (dom0 reaching firmware and device memory).
 */
unsigned long get_phys_to_machine(unsigned long pfn)
{
	if (pfn >= xen_max_p2m_pfn)
		return IDENTITY_FRAME(pfn);
	return pfn < xen_p2m_size ? READ_ONCE(xen_p2m_addr[pfn]) : INVALID_P2M_ENTRY;
}
EXPORT_SYMBOL_GPL(get_phys_to_machine);

/* Writers race with readers on other CPUs: every store is one word. */
bool __set_phys_to_machine(unsigned long pfn, unsigned long mfn)
{
	if (pfn < xen_p2m_size) {
		WRITE_ONCE(xen_p2m_addr[pfn], mfn);
		return true;
	}
	return mfn == INVALID_P2M_ENTRY || mfn == IDENTITY_FRAME(pfn);
}

bool set_phys_to_machine(unsigned long pfn, unsigned long mfn)
{
	if (__set_phys_to_machine(pfn, mfn))
		return true;
	xenpv_missing("p2m");
	return false;
}

/* The most frames this guest can ever have: how far the p2m may grow. */
unsigned long xen_max_p2m_pfn __read_mostly;
EXPORT_SYMBOL_GPL(xen_max_p2m_pfn);

/* The flat list has an entry for every frame below its size. */
int xen_alloc_p2m_entry(unsigned long pfn)
{
	if (pfn < xen_p2m_size)
		return 0;
	xenpv_missing("p2m");
	return -ENOMEM;
}
EXPORT_SYMBOL(xen_alloc_p2m_entry);

/*
 * A granted frame of another domain, mapped into a user PTE (the map op
 * names the entry) or just granted for device access (it gives the bus
 * address).
 */
static unsigned long xenpv_granted_mfn(const struct gnttab_map_grant_ref *op)
{
	pte_t *pte;

	if (!(op->flags & GNTMAP_contains_pte))
		return PFN_DOWN(op->dev_bus_addr);
	pte = (pte_t *)((unsigned long)mfn_to_virt(PFN_DOWN(op->host_addr)) +
			offset_in_page(op->host_addr));
	return pte_mfn(*pte);
}

/*
 * Grant mappings borrow ballooned pages: their p2m entries name the foreign
 * frame (marked so that nothing mistakes it for ours), and the optional
 * kernel mappings are made next to the user ones.
 */
int set_foreign_p2m_mapping(struct gnttab_map_grant_ref *map_ops,
			    struct gnttab_map_grant_ref *kmap_ops,
			    struct page **pages, unsigned int count)
{
	unsigned long pfn;
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (map_ops[i].status)
			continue;
		pfn = page_to_pfn(pages[i]);
		WARN(__pfn_to_mfn(pfn) != INVALID_P2M_ENTRY,
		     "xenpv: grant mapped over populated page %#lx\n", pfn);
		if (!set_phys_to_machine(pfn, FOREIGN_FRAME(xenpv_granted_mfn(&map_ops[i]))))
			return -ENOMEM;
		if (kmap_ops &&
		    HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &kmap_ops[i], 1))
			return -EFAULT;
	}
	return 0;
}

int clear_foreign_p2m_mapping(struct gnttab_unmap_grant_ref *unmap_ops,
			      struct gnttab_unmap_grant_ref *kunmap_ops,
			      struct page **pages, unsigned int count)
{
	unsigned int i;
	int rc = 0;

	for (i = 0; i < count; i++) {
		if (unmap_ops[i].status)
			continue;
		set_phys_to_machine(page_to_pfn(pages[i]), INVALID_P2M_ENTRY);
	}
	if (kunmap_ops)
		rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, kunmap_ops, count);
	return rc ? -EFAULT : 0;
}
