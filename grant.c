// SPDX-License-Identifier: GPL-2.0
/*
 * Mapping the grant table frames Xen shares with the guest.
 *
 * The frames belong to Xen, not to the guest's pseudo-physical memory, so
 * they are mapped by machine frame into a virtual area reserved once, big
 * enough for the most frames the table may grow to.
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>

#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/xen/page.h>
#include <xen/grant_table.h>

#include "xen-ops.h"

static struct vm_struct *xenpv_grant_shared, *xenpv_grant_status;

static struct vm_struct *xenpv_grant_area(unsigned long frames)
{
	return frames ? get_vm_area(frames * PAGE_SIZE, VM_IOREMAP) : NULL;
}

int arch_gnttab_init(unsigned long nr_shared, unsigned long nr_status)
{
	xenpv_grant_shared = xenpv_grant_area(nr_shared);
	xenpv_grant_status = xenpv_grant_area(nr_status);
	if (!xenpv_grant_shared || (nr_status && !xenpv_grant_status)) {
		free_vm_area(xenpv_grant_shared);
		free_vm_area(xenpv_grant_status);
		return -ENOMEM;
	}
	return 0;
}

/* Walks the frame list along the range apply_to_page_range() visits. */
struct xenpv_grant_walk {
	const void *frames;
	bool wide;		/* status frames are u64, shared ones xen_pfn_t */
	unsigned long next;
};

static int xenpv_grant_map_one(pte_t *pte, unsigned long addr, void *data)
{
	struct xenpv_grant_walk *walk = data;
	unsigned long mfn = walk->wide ? ((const u64 *)walk->frames)[walk->next] :
			    ((const xen_pfn_t *)walk->frames)[walk->next];

	walk->next++;
	set_pte_at(&init_mm, addr, pte, mfn_pte(mfn, PAGE_KERNEL));
	return 0;
}

static int xenpv_grant_map(struct vm_struct *area, const void *frames, bool wide,
			   unsigned long nr, unsigned long max, void **where)
{
	struct xenpv_grant_walk walk = { .frames = frames, .wide = wide };
	int rc;

	if (!area || nr > max || max * PAGE_SIZE > get_vm_area_size(area))
		return -EINVAL;
	rc = apply_to_page_range(&init_mm, (unsigned long)area->addr,
				 nr * PAGE_SIZE, xenpv_grant_map_one, &walk);
	if (!rc)
		*where = area->addr;
	return rc;
}

int arch_gnttab_map_shared(xen_pfn_t *frames, unsigned long nr_gframes,
			   unsigned long max_nr_gframes, void **shared)
{
	return xenpv_grant_map(xenpv_grant_shared, frames, false, nr_gframes,
			       max_nr_gframes, shared);
}

int arch_gnttab_map_status(u64 *frames, unsigned long nr_gframes,
			   unsigned long max_nr_gframes,
			   grant_status_t **shared)
{
	return xenpv_grant_map(xenpv_grant_status, frames, true, nr_gframes,
			       max_nr_gframes, (void **)shared);
}

static int xenpv_grant_unmap_one(pte_t *pte, unsigned long addr, void *data)
{
	pte_clear(&init_mm, addr, pte);
	return 0;
}

/*
 * Only a save unmaps the table: inside stop_machine(), with the other
 * vCPUs spinning with events masked, where a flush by IPI would wait
 * forever.  They do not touch the table there, and they come back with
 * their TLBs empty from a restore, or to the same frames after a
 * cancelled save; this vCPU flushes its own.
 */
void arch_gnttab_unmap(void *shared, unsigned long nr_gframes)
{
	apply_to_existing_page_range(&init_mm, (unsigned long)shared,
				     nr_gframes * PAGE_SIZE, xenpv_grant_unmap_one, NULL);
	__flush_tlb_all();
}
