// SPDX-License-Identifier: GPL-2.0
/*
 * Machine memory for drivers: machine-contiguous regions for DMA through
 * swiotlb-xen, and mappings of other domains' frames for privcmd.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/mm.h>

#include <asm/xen/page.h>
#include <asm/xen/swiotlb-xen.h>
#include <xen/xen-ops.h>

#include "xenpv.h"

int xen_create_contiguous_region(phys_addr_t pstart, unsigned int order,
				 unsigned int address_bits,
				 dma_addr_t *dma_handle)
{
	xenpv_missing("machine memory");
	return -EOPNOTSUPP;
}

void xen_destroy_contiguous_region(phys_addr_t pstart, unsigned int order)
{
	xenpv_missing("machine memory");
}

int xen_remap_pfn(struct vm_area_struct *vma, unsigned long addr,
		  xen_pfn_t *pfn, int nr, int *err_ptr, pgprot_t prot,
		  unsigned int domid, bool no_translate)
{
	xenpv_missing("machine memory");
	return -EOPNOTSUPP;
}
EXPORT_SYMBOL_GPL(xen_remap_pfn);

int xen_unmap_domain_gfn_range(struct vm_area_struct *vma,
			       int nr, struct page **pages)
{
	xenpv_missing("machine memory");
	return -EOPNOTSUPP;
}
EXPORT_SYMBOL_GPL(xen_unmap_domain_gfn_range);
