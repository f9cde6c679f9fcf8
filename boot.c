// SPDX-License-Identifier: GPL-2.0
/*
 * Boot of a Xen PV guest: the C side of the entry point in xen-head.S.
 *
 * Xen starts the guest on page tables it built itself, with the kernel
 * image, start_info, the initial p2m list and the initrd mapped, and with
 * the kernel running in ring 3.  From here the port takes over the memory
 * map, the page tables and the paravirt ops, and then joins the normal x86
 * boot path.
 */
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kernel.h>

#include <asm/hypervisor.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>

#include <xen/interface/xen.h>
#include <xen/xen.h>

#include "xenpv.h"

/* What kind of guest this is: written once at entry, read everywhere. */
enum xen_domain_type xen_domain_type __ro_after_init = XEN_NATIVE;
EXPORT_SYMBOL_GPL(xen_domain_type);

uint32_t xen_start_flags __ro_after_init;
EXPORT_SYMBOL(xen_start_flags);

struct start_info *xen_start_info __ro_after_init;
EXPORT_SYMBOL_GPL(xen_start_info);

static void __init xenpv_say_hello(const struct start_info *si)
{
	xenpv_early_printf("xenpv: Xen PV port entered as %s: start_info at %#lx (%.32s), %lu pages, command line \"%s\"\n",
			   (si->flags & SIF_INITDOMAIN) ? "dom0" : "domU",
			   (unsigned long)si, si->magic, si->nr_pages,
			   si->cmd_line);
}

/**
 * xenpv_start() - C entry point of a PV guest, called from xen_pv_entry
 * @si: the start_info page Xen built for this domain
 */
asmlinkage __visible void __init xenpv_start(struct start_info *si)
{
	clear_bss();
	xen_start_info = si;
	xen_start_flags = si->flags;
	xen_domain_type = XEN_PV_DOMAIN;
	xenpv_say_hello(si);

	xenpv_m2p_init();
	xenpv_early_printf("xenpv: machine-to-phys table at %#lx, %lu entries\n",
			   (unsigned long)machine_to_phys_mapping,
			   machine_to_phys_nr);

	xenpv_not_implemented("boot", "memory map, page tables and paravirt ops after the entry banner");
}

static uint32_t __init xenpv_detect(void)
{
	/* Nothing else can be true of a kernel Xen entered as PV. */
	return xen_pv_domain() ? UINT_MAX : 0;
}

const __initconst struct hypervisor_x86 x86_hyper_xen_pv = {
	.name		= "Xen PV",
	.detect		= xenpv_detect,
	.type		= X86_HYPER_XEN_PV,
	.ignore_nopv	= true,
};
