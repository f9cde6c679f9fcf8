// SPDX-License-Identifier: GPL-2.0
/*
 * The PV MMU: page tables whose entries hold machine frames and that the
 * guest may change only through hypercalls Xen validates.
 */
#include <linux/export.h>

#include <asm/xen/page.h>

#include "xenpv.h"

xmaddr_t arbitrary_virt_to_machine(void *vaddr)
{
	xenpv_missing("pgtable");
	return XMADDR(0);
}
EXPORT_SYMBOL_GPL(arbitrary_virt_to_machine);
