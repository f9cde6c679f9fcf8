// SPDX-License-Identifier: GPL-2.0
/*
 * Xen as the hypervisor of a guest in an HVM container: how the kernel
 * finds it, the interrupt vector through which Xen delivers events, and
 * which of an HVM guest's devices are PV ones.
 *
 * After a PVH start (pvh.c) every device is PV.  After an HVM start the
 * device model also emulates a disk controller and NICs for the same
 * images and bridges; the guest asks it to unplug those its PV frontends
 * replace, through the Xen platform device's I/O ports.  Either way the
 * guest is then set up by hvm_guest.c.
 */
#define pr_fmt(fmt) "xenpv: " fmt

#include <linux/acpi.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/io.h>
#include <linux/string.h>

#include <asm/apic.h>
#include <asm/hypervisor.h>
#include <asm/idtentry.h>
#include <asm/paravirt.h>
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
 * What the device model was asked to unplug (XEN_UNPLUG_* bits), set once
 * it has answered the unplug protocol; 0 means it never did, and an HVM
 * guest then keeps its emulated devices and no PV frontend takes them.
 */
static unsigned int xenhvm_unplugged __ro_after_init;

/*
 * "xen_emul_unplug=": what the user wants unplugged instead of what this
 * kernel's frontends could replace.  0 until the option is given.
 */
static unsigned int xenhvm_unplug_wanted __ro_after_init;

struct xenhvm_unplug_word {
	const char *name;
	unsigned int bits;
};

static const struct xenhvm_unplug_word xenhvm_unplug_words[] __initconst = {
	{ "all", XEN_UNPLUG_ALL },
	{ "ide-disks", XEN_UNPLUG_ALL_IDE_DISKS },
	{ "aux-ide-disks", XEN_UNPLUG_AUX_IDE_DISKS },
	{ "nics", XEN_UNPLUG_ALL_NICS },
	{ "unnecessary", XEN_UNPLUG_UNNECESSARY },
	{ "never", XEN_UNPLUG_NEVER },
};

static int __init xenhvm_parse_unplug_word(const char *word)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xenhvm_unplug_words); i++) {
		if (!strcmp(word, xenhvm_unplug_words[i].name)) {
			xenhvm_unplug_wanted |= xenhvm_unplug_words[i].bits;
			return 0;
		}
	}
	pr_err("xen_emul_unplug: unknown word '%s' (all, ide-disks, aux-ide-disks, nics, unnecessary, never); ignored\n",
	       word);
	return -EINVAL;
}

/* A comma-separated list of the words above; a bad word leaves the rest. */
static int __init xenhvm_parse_emul_unplug(char *arg)
{
	char *word;

	if (!arg || !*arg) {
		pr_err("xen_emul_unplug needs a value; ignored\n");
		return -EINVAL;
	}
	while ((word = strsep(&arg, ",")))
		if (*word)
			xenhvm_parse_unplug_word(word);
	return 0;
}
early_param("xen_emul_unplug", xenhvm_parse_emul_unplug);

/*
 * Xen's device model (QEMU's xen-platform device) speaks the unplug
 * protocol on I/O ports 0x10-0x13: it answers a magic number, and after a
 * product number and driver version it may refuse this kernel by no
 * longer answering it.  Only protocol version 1 exists.
 */
static int xenhvm_device_model_check(void)
{
	u8 version;

	if (inw(XEN_IOPORT_MAGIC) != XEN_IOPORT_MAGIC_VAL)
		return -ENODEV;
	version = inb(XEN_IOPORT_PROTOVER);
	if (version != 1) {
		pr_warn("the device model speaks unplug protocol %u, not 1: emulated devices stay\n",
			version);
		return -EPROTO;
	}
	outw(XEN_IOPORT_LINUX_PRODNUM, XEN_IOPORT_PRODNUM);
	outl(XEN_IOPORT_LINUX_DRVVER, XEN_IOPORT_DRVVER);
	if (inw(XEN_IOPORT_MAGIC) != XEN_IOPORT_MAGIC_VAL) {
		pr_warn("the device model refuses this kernel's PV drivers: emulated devices stay\n");
		return -EPERM;
	}
	return 0;
}

/* Asks the device model to unplug BITS' kinds, unless they may stay. */
static int xenhvm_unplug(unsigned int bits)
{
	int rc = xenhvm_device_model_check();

	if (!rc && !(bits & XEN_UNPLUG_UNNECESSARY))
		outw(bits & XEN_UNPLUG_ALL, XEN_IOPORT_UNPLUG);
	return rc;
}

/* By default, each emulated kind whose PV frontend this kernel has. */
static unsigned int __init xenhvm_unplug_default(void)
{
	unsigned int bits = 0;

	if (xen_must_unplug_disks())
		bits |= XEN_UNPLUG_ALL_IDE_DISKS;
	if (xen_must_unplug_nics())
		bits |= XEN_UNPLUG_ALL_NICS;
	return bits;
}

/*
 * Unplugged before PCI is scanned, so that no emulated disk or NIC
 * driver binds to a device its PV frontend is about to take: both would
 * write to the same image.
 */
static void __init xenhvm_unplug_emulated_devices(void)
{
	unsigned int bits = xenhvm_unplug_wanted ?: xenhvm_unplug_default();
	int rc;

	if (bits & XEN_UNPLUG_NEVER) {
		pr_info("emulated devices stay (xen_emul_unplug=never): no PV frontends\n");
		return;
	}
	rc = xenhvm_unplug(bits);
	if (rc == -ENODEV) {
		pr_info("no Xen platform device answers the unplug protocol: emulated devices stay\n");
		/* The user may know that the devices do not overlap. */
		if (bits & XEN_UNPLUG_UNNECESSARY)
			xenhvm_unplugged = bits;
	}
	if (rc)
		return;
	xenhvm_unplugged = bits;
	if (bits & XEN_UNPLUG_UNNECESSARY) {
		pr_info("emulated devices stay beside the PV ones (xen_emul_unplug=unnecessary)\n");
		return;
	}
	pr_info("emulated devices unplugged:%s%s%s\n",
		bits & XEN_UNPLUG_ALL_IDE_DISKS ? " IDE disks" : "",
		bits & XEN_UNPLUG_AUX_IDE_DISKS ? " auxiliary IDE disks" : "",
		bits & XEN_UNPLUG_ALL_NICS ? " NICs" : "");
}

/**
 * xenhvm_unplug_after_restore() - unplug the emulated devices again
 *
 * The device model of a restored or migrated HVM domain starts with every
 * emulated disk and NIC plugged in, next to the PV frontends that resume
 * on the same images.  Called by suspend.c in stop_machine(), after the
 * suspend hypercall returned in a new domain; it asks for what boot asked.
 */
void xenhvm_unplug_after_restore(void)
{
	int rc;

	if (!(xenhvm_unplugged & XEN_UNPLUG_ALL) || (xenhvm_unplugged & XEN_UNPLUG_UNNECESSARY))
		return;
	rc = xenhvm_unplug(xenhvm_unplugged);
	if (rc)
		pr_warn("the restored domain's device model kept its emulated devices: %d\n", rc);
}

/* An HVM start: the platform of hvm_guest.c, then the emulated devices. */
static void __init xenhvm_start_hvm(void)
{
	xenhvm_choose_hypercall();
	xen_domain_type = XEN_HVM_DOMAIN;
	pv_info.name = "Xen HVM";
	xenhvm_init_platform();
	xenhvm_unplug_emulated_devices();
}

/*
 * "xen_nopv", the Xen-only spelling of "nopv" that older kernels took and
 * older guest configurations still pass: the HVM guest then runs on its
 * emulated devices alone.  Unlike "nopv" it leaves other hypervisors'
 * detection alone.
 */
static bool xenhvm_nopv __initdata;

static int __init xenhvm_parse_nopv(char *arg)
{
	xenhvm_nopv = true;
	return 0;
}
early_param("xen_nopv", xenhvm_parse_nopv);

/*
 * Xen announces itself through CPUID in any HVM container.  A PVH start
 * has already said it runs on Xen, and needs it whatever "nopv" says; an
 * HVM start is taken as Xen when this kernel has the support
 * (XEN_PVHVM_GUEST) and neither "nopv" nor "xen_nopv" is given.
 */
static uint32_t __init xenhvm_detect(void)
{
	if (xen_pv_domain() || !xen_cpuid_base())
		return 0;
	if (!xen_pvh_domain() && (!IS_ENABLED(CONFIG_XEN_PVHVM_GUEST) || nopv))
		return 0;
	if (!xen_pvh_domain() && xenhvm_nopv) {
		pr_notice("xen_nopv: Xen ignored, a plain HVM guest (\"nopv\" is the current spelling)\n");
		return 0;
	}
	xenhvm_platform_hooks(&x86_hyper_xen_hvm.init);
	if (!xen_pvh_domain())
		x86_hyper_xen_hvm.init.init_platform = xenhvm_start_hvm;
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
	/* xenhvm_detect() reads "nopv" itself: a PVH start ignores it. */
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

/*
 * PV and PVH guests have nothing but PV devices.  An HVM guest uses its
 * frontends only where the device model unplugged the emulated devices
 * they stand for, or where the user said the two do not overlap.
 */
static bool xenhvm_has_pv(unsigned int kinds)
{
	if (!xen_domain())
		return false;
	if (xen_pv_domain() || xen_pvh_domain())
		return true;
	return xenhvm_unplugged & (kinds | XEN_UNPLUG_UNNECESSARY);
}

/**
 * xen_has_pv_devices() - whether xenbus frontends may bind in this guest
 *
 * Return: true in a PV or PVH guest, and in an HVM guest whose device
 * model unplugged any of its emulated devices (or with
 * "xen_emul_unplug=unnecessary").
 */
bool xen_has_pv_devices(void)
{
	return xenhvm_has_pv(XEN_UNPLUG_ALL);
}
EXPORT_SYMBOL_GPL(xen_has_pv_devices);

/**
 * xen_has_pv_disk_devices() - whether blkfront may bind
 *
 * Return: as xen_has_pv_devices(), but an HVM guest must have unplugged
 * its emulated IDE disks.
 */
bool xen_has_pv_disk_devices(void)
{
	return xenhvm_has_pv(XEN_UNPLUG_ALL_IDE_DISKS | XEN_UNPLUG_AUX_IDE_DISKS);
}
EXPORT_SYMBOL_GPL(xen_has_pv_disk_devices);

/**
 * xen_has_pv_nic_devices() - whether netfront may bind
 *
 * Return: as xen_has_pv_devices(), but an HVM guest must have unplugged
 * its emulated NICs.
 */
bool xen_has_pv_nic_devices(void)
{
	return xenhvm_has_pv(XEN_UNPLUG_ALL_NICS);
}
EXPORT_SYMBOL_GPL(xen_has_pv_nic_devices);

/**
 * xen_has_pv_and_legacy_disk_devices() - whether emulated disks stayed
 * next to PV ones
 *
 * Return: true only in an HVM guest booted with
 * "xen_emul_unplug=unnecessary": blkfront then leaves the emulated
 * disks' names (hd*) to their own driver.
 */
bool xen_has_pv_and_legacy_disk_devices(void)
{
	return xen_hvm_domain() && !xen_pvh_domain() &&
	       (xenhvm_unplugged & XEN_UNPLUG_UNNECESSARY);
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
