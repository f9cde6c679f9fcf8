// SPDX-License-Identifier: GPL-2.0
/*
 * Machine memory for drivers: machine-contiguous regions for DMA through
 * swiotlb-xen, and mappings of other domains' frames for privcmd.
 *
 * A guest's pseudo-physically contiguous pages are scattered over machine
 * memory.  A device needs them contiguous (and sometimes low), so the
 * frames behind such a region are traded with Xen for a contiguous
 * extent, and the p2m, m2p and direct map follow.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/vmcore_info.h>

#include <asm/tlbflush.h>
#include <asm/xen/hypercall.h>
#include <xen/interface/memory.h>

#include <asm/xen/page.h>
#include <asm/xen/swiotlb-xen.h>
#include <xen/features.h>
#include <xen/xen-ops.h>
#include <xen/xen.h>

#include "xen-ops.h"

/*
 * Exchanges are done one region at a time, with the frame list here: a
 * swiotlb segment is at most a few hundred pages.
 */
#define XENPV_MAX_EXCHANGE_ORDER	9
static unsigned long xenpv_exchange_list[1 << XENPV_MAX_EXCHANGE_ORDER];
static DEFINE_SPINLOCK(xenpv_exchange_lock);

/* Unmap the pages and forget their frames, collecting them if asked. */
static void xenpv_detach_frames(unsigned long pfn, unsigned long n,
				unsigned long *frames)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		if (frames)
			frames[i] = pfn_to_mfn(pfn + i);
		if (HYPERVISOR_update_va_mapping((unsigned long)__va(PFN_PHYS(pfn + i)),
						 __pte_ma(0), 0))
			xenpv_die("cannot unmap page %#lx for an exchange\n", pfn + i);
		__set_phys_to_machine(pfn + i, INVALID_P2M_ENTRY);
	}
	__flush_tlb_all();
}

/* Back the pages with frames[i], or with first + i when frames is NULL. */
static void xenpv_attach_frames(unsigned long pfn, unsigned long n,
				unsigned long first, const unsigned long *frames)
{
	unsigned long i, mfn;
	struct mmu_update m2p;

	for (i = 0; i < n; i++) {
		mfn = frames ? frames[i] : first + i;
		m2p.ptr = PFN_PHYS(mfn) | MMU_MACHPHYS_UPDATE;
		m2p.val = pfn + i;
		if (HYPERVISOR_mmu_update(&m2p, 1, NULL, DOMID_SELF))
			xenpv_die("Xen refused m2p entry %#lx -> %#lx\n", mfn, pfn + i);
		__set_phys_to_machine(pfn + i, mfn);
		if (HYPERVISOR_update_va_mapping((unsigned long)__va(PFN_PHYS(pfn + i)),
						 mfn_pte(mfn, PAGE_KERNEL), 0))
			xenpv_die("cannot map page %#lx after an exchange\n", pfn + i);
	}
	__flush_tlb_all();
}

/* Give Xen @n_in extents of @in_order and take @n_out of @out_order back. */
static int xenpv_exchange(unsigned long *in, unsigned int in_order, unsigned long n_in,
			  unsigned long *out, unsigned int out_order, unsigned long n_out,
			  unsigned int address_bits)
{
	struct xen_memory_exchange x = {
		.in = { .nr_extents = n_in, .extent_order = in_order, .domid = DOMID_SELF },
		.out = {
			.nr_extents = n_out, .extent_order = out_order,
			.address_bits = address_bits, .domid = DOMID_SELF,
		},
	};
	int rc;

	set_xen_guest_handle(x.in.extent_start, in);
	set_xen_guest_handle(x.out.extent_start, out);
	rc = HYPERVISOR_memory_op(XENMEM_exchange, &x);
	/* Half an exchange would leave frames neither given nor received. */
	if (rc && x.nr_exchanged)
		xenpv_die("memory exchange failed half way: %d\n", rc);
	return rc;
}

int xen_create_contiguous_region(phys_addr_t pstart, unsigned int order,
				 unsigned int address_bits,
				 dma_addr_t *dma_handle)
{
	unsigned long pfn = PFN_DOWN(pstart), n = 1UL << order, first = pfn;
	unsigned long flags;
	int rc;

	if (order > XENPV_MAX_EXCHANGE_ORDER)
		return -ENOMEM;
	spin_lock_irqsave(&xenpv_exchange_lock, flags);
	xenpv_detach_frames(pfn, n, xenpv_exchange_list);
	rc = xenpv_exchange(xenpv_exchange_list, 0, n, &first, order, 1, address_bits);
	if (rc)
		xenpv_attach_frames(pfn, n, 0, xenpv_exchange_list);
	else
		xenpv_attach_frames(pfn, n, first, NULL);
	spin_unlock_irqrestore(&xenpv_exchange_lock, flags);
	if (rc)
		return -ENOMEM;
	*dma_handle = PFN_PHYS(first);
	return 0;
}

void xen_destroy_contiguous_region(phys_addr_t pstart, unsigned int order)
{
	unsigned long pfn = PFN_DOWN(pstart), n = 1UL << order, i;
	unsigned long first, flags;

	if (order > XENPV_MAX_EXCHANGE_ORDER)
		return;
	spin_lock_irqsave(&xenpv_exchange_lock, flags);
	first = pfn_to_mfn(pfn);
	xenpv_detach_frames(pfn, n, NULL);
	for (i = 0; i < n; i++)
		xenpv_exchange_list[i] = pfn + i;
	if (xenpv_exchange(&first, order, 1, xenpv_exchange_list, 0, n, 0))
		xenpv_attach_frames(pfn, n, first, NULL);
	else
		xenpv_attach_frames(pfn, n, 0, xenpv_exchange_list);
	spin_unlock_irqrestore(&xenpv_exchange_lock, flags);
}

/* Foreign mappings: another domain's frames in a privcmd VMA. */

#define XENPV_FOREIGN_BATCH	32

struct xenpv_foreign_walk {
	unsigned long frames[XENPV_FOREIGN_BATCH];
	struct mmu_update req[XENPV_FOREIGN_BATCH];
	pgprot_t prot;
	unsigned int how;
	int n;
};

static int xenpv_foreign_pte(pte_t *ptep, unsigned long addr, void *data)
{
	struct xenpv_foreign_walk *w = data;
	pte_t pte = pte_mkspecial(mfn_pte(w->frames[w->n], w->prot));

	w->req[w->n].ptr = arbitrary_virt_to_machine(ptep).maddr | w->how;
	w->req[w->n].val = pte_val_ma(pte);
	w->n++;
	return 0;
}

/*
 * Xen checks the foreign domain's frames as it writes each entry.  When
 * per-frame results are wanted and the batch fails, it is redone one entry
 * at a time (entries already written are written again, to no effect).
 */
static int xenpv_foreign_update(struct mmu_update *req, int n, unsigned int domid,
				int *errs)
{
	int i, mapped = 0, rc = HYPERVISOR_mmu_update(req, n, NULL, domid);

	if (!errs)
		return rc ? rc : n;
	for (i = 0; i < n; i++) {
		errs[i] = rc ? HYPERVISOR_mmu_update(&req[i], 1, NULL, domid) : 0;
		mapped += !errs[i];
	}
	return mapped;
}

/**
 * xen_remap_pfn() - map another domain's frames into a user VMA
 * @vma: a VM_PFNMAP | VM_IO mapping (privcmd's, gntdev's); anything else
 *	is a caller's bug
 * @addr: user address of the first page, inside @vma
 * @pfn: the foreign frames: @nr of them when @err_ptr is given, otherwise
 *	only @pfn[0], the first of @nr contiguous frames
 * @nr: number of 4 KiB pages to map
 * @err_ptr: NULL, or @nr ints that receive 0 or Xen's error per page; it
 *	may alias @pfn
 * @prot: protection of the new entries
 * @domid: the domain that owns the frames
 * @no_translate: @pfn holds machine frames to be taken as they are
 *	(MMU_PT_UPDATE_NO_TRANSLATE) rather than the domain's own frames
 *
 * The page tables are walked (and allocated) under the mm's page-table
 * locks; Xen writes the entries in batches and checks each frame against
 * @domid.  Sleeps; the caller holds the mmap lock.
 *
 * Return: the number of pages mapped (with @err_ptr, failures are only
 * counted there), or a negative errno: -ENOMEM, or Xen's error for the
 * first batch that failed without @err_ptr.
 */
int xen_remap_pfn(struct vm_area_struct *vma, unsigned long addr,
		  xen_pfn_t *pfn, int nr, int *err_ptr, pgprot_t prot,
		  unsigned int domid, bool no_translate)
{
	struct xenpv_foreign_walk *w;
	int done, i, rc, mapped = 0;

	BUG_ON((vma->vm_flags & (VM_PFNMAP | VM_IO)) != (VM_PFNMAP | VM_IO));
	w = kmalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	for (done = 0; done < nr; done += w->n) {
		*w = (struct xenpv_foreign_walk){ .prot = prot,
			.how = no_translate ? MMU_PT_UPDATE_NO_TRANSLATE : MMU_NORMAL_PT_UPDATE };
		/* Frames are read first: err_ptr may share pfn's memory. */
		for (i = 0; i < min(nr - done, XENPV_FOREIGN_BATCH); i++)
			w->frames[i] = err_ptr ? pfn[done + i] : pfn[0] + done + i;
		rc = apply_to_page_range(vma->vm_mm, addr + done * PAGE_SIZE,
					 i * PAGE_SIZE, xenpv_foreign_pte, w);
		if (!rc)
			rc = xenpv_foreign_update(w->req, w->n, domid,
						  err_ptr ? err_ptr + done : NULL);
		if (rc < 0) {
			mapped = mapped ? mapped : rc;
			break;
		}
		mapped += rc;
	}
	kfree(w);
	return mapped;
}
EXPORT_SYMBOL_GPL(xen_remap_pfn);

/**
 * xen_unmap_domain_gfn_range() - undo xen_remap_pfn() before the VMA goes
 * @vma: the mapping
 * @nr: number of pages
 * @pages: pages an auto-translated guest lent for the mapping; a PV guest
 *	lends none
 *
 * A PV guest wrote the foreign frames straight into its page tables:
 * tearing the VMA down unmaps them, and it lent no pages to give back.  A
 * PVH or HVM guest mapped them into its physmap over the pages it lent,
 * and must take them out of it again (drivers/xen/xlate_mmu.c).
 *
 * Return: 0, what removing them from the physmap returned, or -EINVAL
 * when a PV guest is given @pages.
 */
int xen_unmap_domain_gfn_range(struct vm_area_struct *vma,
			       int nr, struct page **pages)
{
	if (xen_feature(XENFEAT_auto_translated_physmap))
		return xen_xlate_unmap_gfn_range(vma, nr, pages);
	return pages ? -EINVAL : 0;
}
EXPORT_SYMBOL_GPL(xen_unmap_domain_gfn_range);

#ifdef CONFIG_VMCORE_INFO
/**
 * paddr_vmcoreinfo_note() - where the crash kernel finds the vmcoreinfo note
 *
 * kexec tools read the note's address from /sys/kernel/vmcoreinfo and the
 * crash kernel reads it from memory with paging off, at the machine
 * address: in a PV guest that is not __pa() of the note.
 *
 * Return: the machine address of vmcoreinfo_note.
 */
phys_addr_t paddr_vmcoreinfo_note(void)
{
	if (!xen_pv_domain())
		return __pa(vmcoreinfo_note);
	return virt_to_machine(vmcoreinfo_note).maddr;
}
#endif
