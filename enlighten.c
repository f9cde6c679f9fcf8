// SPDX-License-Identifier: GPL-2.0
/*
 * Boot of a Xen PV guest: the C side of the entry point in xen-head.S.
 *
 * Xen starts the guest on page tables it built itself, with the kernel
 * image, start_info, the p2m list and the bootstrap data mapped, and with
 * the kernel in ring 3.  xenpv_start() puts the paravirt ops in place,
 * moves to the kernel's own page tables, describes the machine in
 * boot_params as a boot loader would, and joins the x86 boot path at
 * x86_64_start_reservations().
 */
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/static_call.h>

#include <asm/bootparam.h>
#include <asm/text-patching.h>
#include <asm/desc.h>
#include <asm/hypervisor.h>
#include <asm/paravirt.h>
#include <asm/pgtable.h>
#include <asm/sections.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/x86_init.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>

#include <xen/events.h>
#include <xen/features.h>
#include <xen/interface/xen.h>
#include <xen/xen.h>

#include "xen-ops.h"

/* What kind of guest this is: written once at entry, read everywhere. */
enum xen_domain_type xen_domain_type __ro_after_init = XEN_NATIVE;
EXPORT_SYMBOL_GPL(xen_domain_type);

uint32_t xen_start_flags __ro_after_init;
EXPORT_SYMBOL(xen_start_flags);

struct start_info *xen_start_info __ro_after_init;
EXPORT_SYMBOL_GPL(xen_start_info);

static void __init xenpv_say_hello(const struct start_info *si)
{
	xenpv_early_printf("xenpv: Xen PV port entered as %s: start_info at %#lx (%.32s), %lu pages\n",
			   (si->flags & SIF_INITDOMAIN) ? "dom0" : "domU",
			   (unsigned long)si, si->magic, si->nr_pages);
	xenpv_early_printf("xenpv: command line: %s\n", si->cmd_line);
}

static void __init xenpv_learn_about_xen(struct start_info *si)
{
	/*
	 * __pa() of a direct-map address checks the address against the
	 * CPU's width (DEBUG_VIRTUAL), which CPUID gives only in setup_arch();
	 * until then the kernel assumes the widest, as setup_arch() does too.
	 */
	boot_cpu_data.x86_phys_bits = MAX_PHYSMEM_BITS;
	xen_start_info = si;
	xen_start_flags = si->flags;
	xen_domain_type = XEN_PV_DOMAIN;
	xen_setup_features();
	xenpv_m2p_init();
	xenpv_p2m_use_xen_list(si);
}

/* User-mode 64-bit code runs with Xen's flat user selector. */
static const struct pv_info xenpv_info __initconst = {
	.extra_user_64bit_cs	= FLAT_USER_CS64,
	.name			= "Xen PV",
};

static void __init xenpv_install_ops(void)
{
	pv_info = xenpv_info;
	xenpv_install_cpu_ops();
	xenpv_install_irq_ops();
	xenpv_install_mmu_ops();
	xenpv_vcpu_boot_init();
}

/*
 * Xen ignores the global bit in guest entries; keeping it out of every
 * entry the kernel builds keeps its view and Xen's the same.
 */
static void __init xenpv_no_global_pages(void)
{
	__supported_pte_mask &= ~_PAGE_GLOBAL;
	__default_kernel_pte_mask &= ~_PAGE_GLOBAL;
}

/* The boot CPU's GDT and early exception handlers, as head_64.S would. */
static void __init xenpv_boot_descriptors(void)
{
	struct desc_ptr gdt = {
		.address = (unsigned long)get_cpu_gdt_rw(0),
		.size = GDT_SIZE - 1,
	};

	load_gdt(&gdt);
	idt_setup_early_handler();
}

/* What a boot loader would have told the kernel. */
static void __init xenpv_fill_boot_params(const struct start_info *si)
{
	struct setup_header *hdr = &boot_params.hdr;

	hdr->type_of_loader = 0x90;	/* 9: Xen, version 0 */
	hdr->hardware_subarch = X86_SUBARCH_XEN;
	hdr->cmd_line_ptr = __pa(si->cmd_line);
	if (si->mod_start) {
		/* MOD_START_PFN in xen-head.S: mod_start is a frame number. */
		hdr->ramdisk_image = PFN_PHYS(si->mod_start);
		hdr->ramdisk_size = si->mod_len;
	}
}

/*
 * Page tables stay read-only to the guest; this lets a plain write to a
 * PTE trap to Xen, which checks and performs it, so native code that
 * writes PTEs directly still works.
 */
static void __init xenpv_allow_pte_writes(void)
{
	if (HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_writable_pagetables))
		xenpv_die("Xen does not emulate page-table writes\n");
}

/* Runs early in setup_arch(), before the memory map is read. */
static void __init xenpv_arch_setup(void)
{
	xenpv_allow_pte_writes();
	xenpv_map_shared_info();
	xenpv_p2m_publish();
	if (!IS_ENABLED(CONFIG_SMP))
		xenpv_place_boot_vcpu();
	xenpv_start_sched_clock();
	xenpv_register_callbacks();
}

/* The entry code's kernel-mode iret site must go through Xen as well. */
static void __init xenpv_patch_kernel_iret(void)
{
	u8 jmp[5] = { 0xe9 };
	s32 rel = (long)xenpv_iret - ((long)early_xen_iret_patch + sizeof(jmp));

	memcpy(&jmp[1], &rel, sizeof(rel));
	text_poke_early(early_xen_iret_patch, jmp, sizeof(jmp));
}

/* Event channels exist from here on: vCPU 0 binds its IPIs. */
static void __init xenpv_init_irq(void)
{
	int rc;

	xen_init_IRQ();
	rc = IS_ENABLED(CONFIG_SMP) ? xenpv_bind_ipis(0) : 0;
	if (rc)
		xenpv_die("cannot bind the IPIs of vCPU 0: %d\n", rc);
}

/*
 * x86_init.paging.pagetable_init: the direct map stands, so PTE writes go
 * back to the plain op, and nothing Xen loaded past the kernel image stays
 * executable.
 */
static void __init xenpv_pagetable_init(void)
{
	xenpv_direct_map_done();
	xenpv_nx_beyond_image();
}

static void __init xenpv_install_boot_hooks(void)
{
	if (IS_ENABLED(CONFIG_SMP))
		xenpv_install_smp_ops();
	x86_init.irqs.intr_init = xenpv_init_irq;
	x86_init.oem.arch_setup = xenpv_arch_setup;
	x86_init.paging.pagetable_init = xenpv_pagetable_init;
	xenpv_install_memory_hooks();
	xenpv_install_apic_hooks();
	xenpv_install_time_hooks();
	xenpv_install_power_ops();
}

/**
 * xenpv_start() - C entry point of a PV guest, called from xen_pv_entry
 * @si: the start_info page Xen built for this domain
 */
asmlinkage __visible void __init xenpv_start(struct start_info *si)
{
	static_call_update_early(xen_hypercall, xenpv_hypercall_syscall);
	clear_bss();
	xenpv_learn_about_xen(si);
	xenpv_early_console_init(si);
	xenpv_say_hello(si);
	xenpv_install_ops();
	xenpv_patch_kernel_iret();
	xenpv_no_global_pages();
	xenpv_take_over_pagetables(si);
	xenpv_boot_descriptors();
	xenpv_cpu_boot_init();
	xenpv_fill_boot_params(xen_start_info);
	xenpv_install_boot_hooks();
	x86_64_start_reservations((char *)__pa_symbol(&boot_params));
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
