// SPDX-License-Identifier: GPL-2.0
/*
 * The HVM side of CONFIG_XEN, reduced to what the rest of Linux 6.12 links
 * against (see XEN_PVHVM in Kconfig).
 *
 * This port is a PV guest.  Under HVM the kernel does not report Xen as
 * its hypervisor, so it runs on the emulated platform as on any other x86
 * machine: no vector callback is ever installed, and the PV device
 * frontends are only used by PV guests.
 */
#include <linux/export.h>

#include <asm/hypervisor.h>
#include <asm/idtentry.h>
#include <asm/xen/events.h>
#include <xen/platform_pci.h>
#include <xen/xen.h>

#include "xenpv.h"

bool xen_percpu_upcall;
EXPORT_SYMBOL_GPL(xen_percpu_upcall);

static uint32_t __init xenhvm_detect(void)
{
	return 0;
}

struct hypervisor_x86 x86_hyper_xen_hvm __initdata = {
	.name	= "Xen HVM",
	.detect	= xenhvm_detect,
	.type	= X86_HYPER_XEN_HVM,
};

/* Installed only after an HVM detection, which never happens. */
DEFINE_IDTENTRY_SYSVEC(sysvec_xen_hvm_callback)
{
	xenpv_not_implemented("hvm", "event callback vector of an HVM guest");
}

bool xen_has_pv_devices(void)
{
	return xen_pv_domain();
}
EXPORT_SYMBOL_GPL(xen_has_pv_devices);

bool xen_has_pv_disk_devices(void)
{
	return xen_pv_domain();
}
EXPORT_SYMBOL_GPL(xen_has_pv_disk_devices);

bool xen_has_pv_nic_devices(void)
{
	return xen_pv_domain();
}
EXPORT_SYMBOL_GPL(xen_has_pv_nic_devices);

/* Only HVM guests have emulated disks next to PV ones. */
bool xen_has_pv_and_legacy_disk_devices(void)
{
	return false;
}
EXPORT_SYMBOL_GPL(xen_has_pv_and_legacy_disk_devices);
