// SPDX-License-Identifier: GPL-2.0
/*
 * Xen as the hypervisor of a guest in an HVM container: how the kernel
 * finds it, and the interrupt vector through which Xen delivers events.
 *
 * This port runs that way after a PVH start (pvh.c sets the guest up); a
 * guest booted through emulated firmware (HVM) is not detected as Xen yet
 * and runs as on any x86 machine.
 */
#include <linux/acpi.h>
#include <linux/export.h>

#include <asm/apic.h>
#include <asm/hypervisor.h>
#include <asm/idtentry.h>
#include <asm/xen/events.h>
#include <asm/xen/hypercall.h>
#include <xen/acpi.h>
#include <xen/events.h>
#include <xen/interface/physdev.h>
#include <xen/platform_pci.h>
#include <xen/xen.h>

#include "xen-ops.h"

/* Set by the event code when Xen takes a vector per vCPU (it then wants an EOI). */
bool xen_percpu_upcall __ro_after_init;
EXPORT_SYMBOL_GPL(xen_percpu_upcall);

/*
 * Xen announces itself through CPUID in any HVM container.  Only a PVH
 * start is taken as Xen for now, and it brings its own platform hooks:
 * an HVM guest would also need its emulated devices unplugged, which this
 * port does not do yet.
 */
static uint32_t __init xenhvm_detect(void)
{
	if (xen_pv_domain() || !xen_pvh_domain())
		return 0;
	xenpvh_platform_hooks(&x86_hyper_xen_hvm.init);
	return xen_cpuid_base();
}

/*
 * Named by arch/x86/kernel/cpu/hypervisor.c, which tries it after the PV
 * detection and copies .init once .detect has answered.
 */
struct hypervisor_x86 x86_hyper_xen_hvm __initdata = {
	.name		= "Xen HVM",
	.detect		= xenhvm_detect,
	.type		= X86_HYPER_XEN_HVM,
	/* A PVH start needs Xen whatever "nopv" says. */
	.ignore_nopv	= true,
};

/*
 * The vector Xen raises for pending events.  Raised per vCPU, it is a
 * local APIC interrupt and wants its EOI; the domain-wide callback is not.
 */
DEFINE_IDTENTRY_SYSVEC(sysvec_xen_hvm_callback)
{
	if (xen_percpu_upcall)
		apic_eoi();
	xenpv_handle_events(regs);
}

/* PV and PVH guests have no emulated disks or NICs to prefer over PV ones. */
bool xen_has_pv_devices(void)
{
	return xen_pv_domain() || xen_pvh_domain();
}
EXPORT_SYMBOL_GPL(xen_has_pv_devices);

bool xen_has_pv_disk_devices(void)
{
	return xen_has_pv_devices();
}
EXPORT_SYMBOL_GPL(xen_has_pv_disk_devices);

bool xen_has_pv_nic_devices(void)
{
	return xen_has_pv_devices();
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
 * the wiring from dom0's ACPI tables.  pciback links against it whenever
 * XEN_DOM0 is set.
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
