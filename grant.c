// SPDX-License-Identifier: GPL-2.0
/*
 * Mapping the grant table frames Xen shares with the guest.
 */
#include <linux/errno.h>

#include <xen/grant_table.h>

#include "xenpv.h"

int arch_gnttab_init(unsigned long nr_shared, unsigned long nr_status)
{
	xenpv_missing("grant");
	return -EOPNOTSUPP;
}

int arch_gnttab_map_shared(xen_pfn_t *frames, unsigned long nr_gframes,
			   unsigned long max_nr_gframes, void **shared)
{
	xenpv_missing("grant");
	return -EOPNOTSUPP;
}

int arch_gnttab_map_status(u64 *frames, unsigned long nr_gframes,
			   unsigned long max_nr_gframes,
			   grant_status_t **shared)
{
	xenpv_missing("grant");
	return -EOPNOTSUPP;
}

void arch_gnttab_unmap(void *shared, unsigned long nr_gframes)
{
	xenpv_missing("grant");
}
