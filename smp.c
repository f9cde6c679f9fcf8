// SPDX-License-Identifier: GPL-2.0
/*
 * Several vCPUs: bringing them up and down, and IPIs over event channels.
 */
#include <linux/export.h>

#include <asm/xen/hypervisor.h>

#include "xenpv.h"

#ifdef CONFIG_HOTPLUG_CPU
void xen_arch_register_cpu(int num)
{
	xenpv_missing("smp");
}
EXPORT_SYMBOL(xen_arch_register_cpu);

void xen_arch_unregister_cpu(int num)
{
	xenpv_missing("smp");
}
EXPORT_SYMBOL(xen_arch_unregister_cpu);
#endif
