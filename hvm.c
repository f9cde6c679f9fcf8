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
#include <linux/acpi.h>
#include <linux/export.h>

#include <asm/hypervisor.h>
#include <asm/idtentry.h>
#include <asm/xen/events.h>
#include <asm/xen/hypercall.h>
#include <xen/acpi.h>
#include <xen/interface/physdev.h>
#include <xen/platform_pci.h>
#include <xen/xen.h>

#include "xen-ops.h"

bool xen_percpu_upcall;
EXPORT_SYMBOL_GPL(xen_percpu_upcall);

#ifdef CONFIG_XEN_PVH
/*
 * What xen_pvh_domain() reads.  It stays false: a PVH start ends in the
 * generic code's "Missing xen PVH initialization" (see XEN_PVH in Kconfig).
 */
bool xen_pvh __ro_after_init;
EXPORT_SYMBOL_GPL(xen_pvh);
#endif

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

#ifdef CONFIG_XEN_DOM0
/**
 * xen_pvh_setup_gsi() - tell Xen how a PCI device's interrupt line is wired
 * @gsi: the global system interrupt, as ACPI gives it
 * @trigger: ACPI_EDGE_SENSITIVE or ACPI_LEVEL_SENSITIVE
 * @polarity: ACPI_ACTIVE_HIGH or ACPI_ACTIVE_LOW
 *
 * pciback calls this in a PVH dom0, where Xen owns the IO-APIC and learns
 * the wiring from dom0's ACPI tables.  This port never runs as PVH, but
 * pciback links against it whenever XEN_DOM0 is set.
 *
 * Return: 0 when Xen has the GSI set up (including when it already had),
 * or Xen's negative errno.
 */
int xen_pvh_setup_gsi(int gsi, int trigger, int polarity)
{
	struct physdev_setup_gsi setup = {
		.gsi = gsi,
		.triggering = trigger == ACPI_LEVEL_SENSITIVE,
		.polarity = polarity == ACPI_ACTIVE_LOW,
	};
	int rc = HYPERVISOR_physdev_op(PHYSDEVOP_setup_gsi, &setup);

	return rc == -EEXIST ? 0 : rc;
}
EXPORT_SYMBOL_GPL(xen_pvh_setup_gsi);
#endif
