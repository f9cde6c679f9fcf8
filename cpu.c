// SPDX-License-Identifier: GPL-2.0
/*
 * The CPU as a PV guest sees it.
 *
 * The kernel runs in ring 3: privileged instructions either trap to Xen,
 * which emulates a few of them, or must become hypercalls.  CPUID shows
 * Xen's view only when asked with Xen's emulation prefix, and some
 * features it reports are still not usable from a PV guest.
 */
#define pr_fmt(fmt) "xenpv: " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/sched/task_stack.h>
#include <linux/string.h>

#include <asm/cpufeature.h>
#include <asm/debugreg.h>
#include <asm/io_bitmap.h>
#include <asm/msr.h>
#include <asm/paravirt.h>
#include <asm/processor.h>
#include <asm/special_insns.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/interface.h>
#include <xen/interface/physdev.h>
#include <xen/xen.h>

#include "xen-ops.h"

/* CPUID. */

/* Features a PV guest cannot use even where the hardware has them. */
#define XENPV_LEAF1_ECX_HIDDEN						\
	(BIT(X86_FEATURE_MWAIT % 32) | BIT(X86_FEATURE_X2APIC % 32) |	\
	 BIT(X86_FEATURE_PCID % 32) | BIT(X86_FEATURE_DCA % 32))
#define XENPV_LEAF1_EDX_HIDDEN						\
	(BIT(X86_FEATURE_MTRR % 32) | BIT(X86_FEATURE_ACC % 32))

static void xenpv_cpuid(unsigned int *ax, unsigned int *bx,
			unsigned int *cx, unsigned int *dx)
{
	unsigned int leaf = *ax;

	asm(XEN_CPUID
	    : "=a" (*ax), "=b" (*bx), "=c" (*cx), "=d" (*dx)
	    : "0" (*ax), "2" (*cx));

	switch (leaf) {
	case 1:
		*cx &= ~XENPV_LEAF1_ECX_HIDDEN;
		*dx &= ~XENPV_LEAF1_EDX_HIDDEN;
		/* The only ACPI a PV domU has is none. */
		if (!xen_initial_domain())
			*dx &= ~BIT(X86_FEATURE_ACPI % 32);
		/* The initial APIC ID: Xen's is whichever pCPU runs the vCPU. */
		*bx = (*bx & 0x00ffffff) | (xenpv_apic_id() << 24);
		break;
	case 0xb:
		/* Host topology: no empty level ends it, so leaf 1 is used instead. */
		*bx = 0;
		break;
	case 6:
		/* No access to the frequency counters. */
		*cx &= ~BIT(0);
		break;
	}
}

/* MSRs. */

static bool xenpv_msr_safe = IS_ENABLED(CONFIG_XEN_PV_MSR_SAFE);

static int __init xenpv_parse_msr_safe(char *arg)
{
	if (!arg || kstrtobool(arg, &xenpv_msr_safe)) {
		pr_err("xen_msr_safe= takes a boolean, not \"%s\"\n",
		       arg ?: "");
		return -EINVAL;
	}
	return 0;
}
early_param("xen_msr_safe", xenpv_parse_msr_safe);

/* The segment bases Xen keeps for the guest: set by hypercall. */
static int xenpv_segment_base_msr(unsigned int msr)
{
	switch (msr) {
	case MSR_FS_BASE:
		return SEGBASE_FS;
	case MSR_KERNEL_GS_BASE:
		return SEGBASE_GS_USER;
	case MSR_GS_BASE:
		return SEGBASE_GS_KERNEL;
	}
	return -1;
}

/* Xen owns the system call entry points; the kernel's choice is moot. */
static bool xenpv_msr_owned_by_xen(unsigned int msr)
{
	switch (msr) {
	case MSR_STAR:
	case MSR_LSTAR:
	case MSR_CSTAR:
	case MSR_SYSCALL_MASK:
	case MSR_IA32_SYSENTER_CS:
	case MSR_IA32_SYSENTER_ESP:
	case MSR_IA32_SYSENTER_EIP:
		return true;
	}
	return false;
}

static u64 xenpv_read_msr_safe(unsigned int msr, int *err)
{
	return native_read_msr_safe(msr, err);
}

/*
 * The user segment base __switch_to() is about to write, which Xen has
 * already (below): SEGBASE_FS or SEGBASE_GS_USER, or -1.
 */
static DEFINE_PER_CPU(int, xenpv_told_seg) = -1;
static DEFINE_PER_CPU(unsigned long, xenpv_told_seg_base);

static int xenpv_set_segment_base(int seg, unsigned long base)
{
	if (this_cpu_xchg(xenpv_told_seg, -1) == seg &&
	    this_cpu_read(xenpv_told_seg_base) == base)
		return 0;
	return HYPERVISOR_set_segment_base(seg, base);
}

static int xenpv_write_msr_safe(unsigned int msr, unsigned int low, unsigned int high)
{
	int seg = xenpv_segment_base_msr(msr);

	if (seg >= 0)
		return xenpv_set_segment_base(seg, ((u64)high << 32) | low);
	if (xenpv_msr_owned_by_xen(msr))
		return 0;
	return native_write_msr_safe(msr, low, high);
}

static u64 xenpv_read_msr(unsigned int msr)
{
	int err;
	u64 val;

	if (!xenpv_msr_safe)
		return native_read_msr(msr);
	val = xenpv_read_msr_safe(msr, &err);
	return err ? 0 : val;
}

static void xenpv_write_msr(unsigned int msr, unsigned int low, unsigned int high)
{
	int seg = xenpv_segment_base_msr(msr);

	if (seg < 0 && !xenpv_msr_owned_by_xen(msr) && !xenpv_msr_safe)
		native_write_msr(msr, low, high);
	else
		xenpv_write_msr_safe(msr, low, high);
}

/* The two hypercalls asm/xen/hypercall.h offers only for multicalls. */
static int xenpv_hypercall_stack_switch(unsigned long ss, unsigned long sp)
{
	return _hypercall2(int, stack_switch, ss, sp);
}

static int xenpv_hypercall_fpu_taskswitch(int set)
{
	return _hypercall1(int, fpu_taskswitch, set);
}

/* Control and debug registers. */

/* Only CR0.TS is the guest's to change. */
static void xenpv_write_cr0(unsigned long val)
{
	xenpv_hypercall_fpu_taskswitch(!!(val & X86_CR0_TS));
}

/* Global, large and user-readable counter pages stay Xen's decision. */
static void xenpv_write_cr4(unsigned long val)
{
	native_write_cr4(val & ~(X86_CR4_PGE | X86_CR4_PSE | X86_CR4_PCE));
}

/* #DB, NMI and #MC entries reach these before instrumentation is allowed. */
static noinstr unsigned long xenpv_get_debugreg(int reg)
{
	return HYPERVISOR_get_debugreg(reg);
}

static noinstr void xenpv_set_debugreg(int reg, unsigned long val)
{
	HYPERVISOR_set_debugreg(reg, val);
}

/* Stacks, the TSS and the rest. */

/* The stack the context switch's batch told Xen already (below). */
static DEFINE_PER_CPU(unsigned long, xenpv_sp0_batched);

/* The TSS is Xen's: the kernel stack for entries from user mode is told. */
static void xenpv_load_sp0(unsigned long sp0)
{
	struct multicall_entry *call;

	if (this_cpu_xchg(xenpv_sp0_batched, 0) == sp0)
		return;
	if (xenpv_mc_batching(XEN_LAZY_CPU)) {
		call = xenpv_mc_add(__HYPERVISOR_stack_switch, 0, NULL);
		MULTI_stack_switch(call, __KERNEL_DS, sp0);
	} else if (xenpv_hypercall_stack_switch(__KERNEL_DS, sp0)) {
		xenpv_die("Xen refused kernel stack %#lx\n", sp0);
	}
	this_cpu_write(cpu_tss_rw.x86_tss.sp0, sp0);
}

/*
 * Once the switch's batch has gone to Xen, __switch_to() writes a user
 * segment base with a hypercall of its own on nearly every switch.  With
 * FSGSBASE it writes the user GS base (wrmsr: only the FS base has an
 * instruction a PV kernel may use), mostly the 0 that Xen already holds:
 * save_fsgs() has just read the previous task's.  Without FSGSBASE it
 * writes the FS base, a 64-bit task's thread pointer.  Where neither task
 * holds a selector in that register, __switch_to() loads none before the
 * write, so the base Xen has when the batch is done is the one written:
 * the base joins the batch, or is left as it is, and the write is skipped.
 */
static void xenpv_switch_user_seg_base(struct task_struct *next)
{
	struct thread_struct *prev = &current->thread;
	struct multicall_entry *call;
	unsigned long base;
	int seg;

	this_cpu_write(xenpv_told_seg, -1);
	if (boot_cpu_has(X86_FEATURE_FSGSBASE)) {
		if (prev->gsindex || next->thread.gsindex)
			return;
		seg = SEGBASE_GS_USER;
		base = next->thread.gsbase;
		if (base == prev->gsbase)
			goto told;
	} else {
		if (prev->fsindex || next->thread.fsindex || !next->thread.fsbase)
			return;
		seg = SEGBASE_FS;
		base = next->thread.fsbase;
	}
	call = xenpv_mc_add(__HYPERVISOR_set_segment_base, 0, NULL);
	call->args[0] = seg;
	call->args[1] = base;
told:
	this_cpu_write(xenpv_told_seg_base, base);
	this_cpu_write(xenpv_told_seg, seg);
	xenpv_mc_count_seg_base();
}

/*
 * __switch_to() tells the next task's kernel stack (update_task_stack())
 * only after the switch's batch has gone to Xen, which costs a hypercall
 * of its own on every switch.  The stack is known as the batch closes,
 * and Xen needs it only for the next entry from user mode, so it joins
 * the batch and the later load_sp0 finds it told.
 */
static void xenpv_switch_done(struct task_struct *next)
{
	unsigned long sp0 = task_top_of_stack(next);

	xenpv_load_sp0(sp0);
	this_cpu_write(xenpv_sp0_batched, sp0);
	xenpv_switch_user_seg_base(next);
	xenpv_end_context_switch(next);
}

static void xenpv_load_gs_index(unsigned int sel)
{
	if (HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL, sel))
		xenpv_die("Xen refused user %%gs selector %#x\n", sel);
}

static void xenpv_load_tr_desc(void)
{
}

static unsigned long xenpv_store_tr(void)
{
	return 0;
}

/*
 * Xen emulates RDPMC for a PV guest only where it gives the domain a vPMU;
 * elsewhere the instruction faults.  A counter that cannot be read reads
 * as 0 rather than oopsing whoever asked (perf, a driver).
 */
static u64 xenpv_read_pmc(int counter)
{
	u32 low = 0, high = 0, fault = 1;

	/* A fault skips the clearing of @fault (the fixup only jumps). */
	asm volatile("1: rdpmc\n\t"
		     "xorl %[fault], %[fault]\n"
		     "2:\n"
		     _ASM_EXTABLE(1b, 2b)
		     : [fault] "+r" (fault), "+a" (low), "+d" (high)
		     : "c" (counter));
	return fault ? 0 : ((u64)high << 32) | low;
}

#ifdef CONFIG_X86_IOPL_IOPERM
/*
 * User port access (ioperm, and iopl 3 which Linux emulates with an
 * all-ports map).  Xen checks a ring-3 IN or OUT against a bitmap it
 * reads from guest memory at each access, so it is pointed at the copy
 * the native code keeps in each CPU's TSS: a change of the map's
 * contents needs no hypercall, only a change between the task's map,
 * all ports and none does.  xenpv_io_map_told is what Xen was last given.
 */
static DEFINE_PER_CPU(u16, xenpv_io_map_told) = IO_BITMAP_OFFSET_INVALID;

static void xenpv_tell_io_map(void)
{
	struct tss_struct *tss = this_cpu_ptr(&cpu_tss_rw);
	u16 base = tss->x86_tss.io_bitmap_base;
	struct physdev_set_iobitmap map = {
		.bitmap = (u8 *)&tss->x86_tss + base,
		.nr_ports = base == IO_BITMAP_OFFSET_INVALID ? 0 : IO_BITMAP_BITS,
	};

	if (base == this_cpu_read(xenpv_io_map_told))
		return;
	/* Xen only checks the size: a failure here is a kernel bug. */
	WARN_ONCE(HYPERVISOR_physdev_op(PHYSDEVOP_set_iobitmap, &map),
		  "xenpv: Xen refused the I/O bitmap\n");
	this_cpu_write(xenpv_io_map_told, base);
}

static void xenpv_update_io_bitmap(void)
{
	native_tss_update_io_bitmap();
	xenpv_tell_io_map();
}

static void xenpv_invalidate_io_bitmap(void)
{
	native_tss_invalidate_io_bitmap();
	xenpv_tell_io_map();
}
#endif

/* Port I/O is emulated by Xen; there is no bus to wait for. */
static void xenpv_io_delay(void)
{
}

/* The ACPI idle path flushes caches with instrumentation off. */
static noinstr void xenpv_wbinvd(void)
{
	native_wbinvd();
}

/*
 * A whole pv_ops-shaped table with only .cpu filled, under the name
 * objtool looks for: it reads the ops' targets from it at their pv_ops
 * offsets to check the calls that noinstr code makes through pv_ops.
 */
static const typeof(pv_ops) xen_cpu_ops __initconst = { .cpu = {
	.cpuid = xenpv_cpuid, .io_delay = xenpv_io_delay, .wbinvd = xenpv_wbinvd,
	.read_msr = xenpv_read_msr, .write_msr = xenpv_write_msr,
	.read_msr_safe = xenpv_read_msr_safe, .write_msr_safe = xenpv_write_msr_safe,
	.read_pmc = xenpv_read_pmc,
	.read_cr0 = native_read_cr0, .write_cr0 = xenpv_write_cr0,
	.write_cr4 = xenpv_write_cr4,
	.get_debugreg = xenpv_get_debugreg, .set_debugreg = xenpv_set_debugreg,
	.load_sp0 = xenpv_load_sp0, .load_gs_index = xenpv_load_gs_index,
	.load_tr_desc = xenpv_load_tr_desc, .store_tr = xenpv_store_tr,
#ifdef CONFIG_X86_IOPL_IOPERM
	.invalidate_io_bitmap = xenpv_invalidate_io_bitmap,
	.update_io_bitmap = xenpv_update_io_bitmap,
#endif
	/* descriptor tables: desc.c */
	.load_gdt = xenpv_load_gdt, .write_gdt_entry = xenpv_write_gdt_entry,
	.load_idt = xenpv_load_idt, .write_idt_entry = xenpv_write_idt_entry,
	.load_tls = xenpv_load_tls,
	.set_ldt = xenpv_set_ldt, .alloc_ldt = xenpv_alloc_ldt, .free_ldt = xenpv_free_ldt,
	.write_ldt_entry = xenpv_write_ldt_entry,
	/* the context switch as one batch: multicalls.c */
	.start_context_switch = xenpv_start_context_switch,
	.end_context_switch = xenpv_switch_done,
} };

/**
 * xenpv_install_cpu_ops() - put the PV CPU ops in place of the native ones
 */
void __init xenpv_install_cpu_ops(void)
{
	pv_ops.cpu = xen_cpu_ops.cpu;
}

/**
 * xenpv_cpu_boot_init() - what the boot CPU needs before the x86 boot code
 * runs: port I/O rights and the features the kernel must treat as absent
 */
void __init xenpv_cpu_boot_init(void)
{
	struct physdev_set_iopl iopl = { .iopl = 1 };

	/* Early CPU and PCI probing use port I/O; without it every access traps. */
	HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &iopl);

	setup_force_cpu_cap(X86_FEATURE_XENPV);
	setup_clear_cpu_cap(X86_FEATURE_MWAIT);
	setup_clear_cpu_cap(X86_FEATURE_X2APIC);
	setup_clear_cpu_cap(X86_FEATURE_PCID);
	setup_clear_cpu_cap(X86_FEATURE_MTRR);
	setup_clear_cpu_cap(X86_FEATURE_ACC);
	setup_clear_cpu_cap(X86_FEATURE_DCA);
	setup_clear_cpu_cap(X86_FEATURE_APERFMPERF);
	setup_clear_cpu_cap(X86_FEATURE_SME);
	setup_clear_cpu_cap(X86_FEATURE_LKGS);
	if (!xen_initial_domain())
		setup_clear_cpu_cap(X86_FEATURE_ACPI);
}
