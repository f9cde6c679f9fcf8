// SPDX-License-Identifier: GPL-2.0
/*
 * Descriptor tables of a PV guest.
 *
 * Xen owns the real GDT, IDT and TSS.  The guest hands it the frames of
 * its GDT (which must then stay read-only), changes descriptors one at a
 * time through a hypercall that checks them, and describes its exception
 * handlers in Xen's trap table format instead of loading an IDT.
 */
#define pr_fmt(fmt) "xenpv: " fmt

#include <kunit/visibility.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>

#include <asm/desc.h>
#include <asm/mmu_context.h>
#include <asm/idtentry.h>
#include <asm/paravirt.h>
#include <asm/processor.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>

#include "xen-ops.h"

/* Trap table: where Xen must enter for each exception of the kernel's IDT. */

struct xenpv_trap_route {
	void (*native)(void);
	void (*xen)(void);
};

/*
 * The IST exceptions (#DB, NMI, #DF, #MC) go to variants that run on the
 * normal kernel stack: Xen has no interrupt stack table for PV guests.
 */
static const struct xenpv_trap_route xenpv_trap_routes[] = {
	{ asm_exc_divide_error,		xen_asm_exc_divide_error },
	{ asm_exc_debug,		xen_asm_xenpv_exc_debug },
	{ asm_exc_nmi,			xen_asm_xenpv_exc_nmi },
	{ asm_exc_int3,			xen_asm_exc_int3 },
	{ asm_exc_overflow,		xen_asm_exc_overflow },
	{ asm_exc_bounds,		xen_asm_exc_bounds },
	{ asm_exc_invalid_op,		xen_asm_exc_invalid_op },
	{ asm_exc_device_not_available,	xen_asm_exc_device_not_available },
	{ asm_exc_double_fault,		xen_asm_xenpv_exc_double_fault },
	{ asm_exc_coproc_segment_overrun, xen_asm_exc_coproc_segment_overrun },
	{ asm_exc_invalid_tss,		xen_asm_exc_invalid_tss },
	{ asm_exc_segment_not_present,	xen_asm_exc_segment_not_present },
	{ asm_exc_stack_segment,	xen_asm_exc_stack_segment },
	{ asm_exc_general_protection,	xen_asm_exc_general_protection },
	{ asm_exc_page_fault,		xen_asm_exc_page_fault },
	{ asm_exc_spurious_interrupt_bug, xen_asm_exc_spurious_interrupt_bug },
	{ asm_exc_coprocessor_error,	xen_asm_exc_coprocessor_error },
	{ asm_exc_alignment_check,	xen_asm_exc_alignment_check },
#ifdef CONFIG_X86_MCE
	{ asm_exc_machine_check,	xen_asm_xenpv_exc_machine_check },
#endif
	{ asm_exc_simd_coprocessor_error, xen_asm_exc_simd_coprocessor_error },
#ifdef CONFIG_IA32_EMULATION
	{ asm_int80_emulation,		xen_asm_int80_emulation },
#endif
};

/*
 * The Xen entry for a native handler, or NULL when Xen never delivers
 * that vector (device interrupts and IPIs arrive as events).  The early
 * handlers are init code, but only an IDT loaded during boot points at
 * them, hence __ref.
 */
static unsigned long __ref xenpv_trap_entry(unsigned int vector, unsigned long handler)
{
	unsigned long early = (unsigned long)early_idt_handler_array;
	int i;

	if (handler >= early &&
	    handler < early + NUM_EXCEPTION_VECTORS * EARLY_IDT_HANDLER_SIZE)
		return (unsigned long)xen_early_idt_handler_array +
		       (handler - early) / EARLY_IDT_HANDLER_SIZE *
		       XEN_EARLY_IDT_HANDLER_SIZE;
	for (i = 0; i < ARRAY_SIZE(xenpv_trap_routes); i++)
		if (handler == (unsigned long)xenpv_trap_routes[i].native)
			return (unsigned long)xenpv_trap_routes[i].xen;
	if (vector < NUM_EXCEPTION_VECTORS)
		return (unsigned long)xen_asm_exc_xen_unknown_trap;
	return 0;
}

/**
 * xenpv_gate_to_trap() - fill one trap_info from an IDT gate
 * @vector: the gate's vector
 * @gate: the gate
 * @trap: filled in
 *
 * Return: false when Xen does not deliver that vector.
 */
VISIBLE_IF_KUNIT bool xenpv_gate_to_trap(unsigned int vector, const gate_desc *gate,
			       struct trap_info *trap)
{
	unsigned long entry;

	if (!gate->bits.p)
		return false;
	entry = xenpv_trap_entry(vector, gate_offset(gate));
	if (!entry)
		return false;
	trap->vector = vector;
	trap->address = entry;
	trap->cs = __KERNEL_CS;
	/* Bits 0-1: who may raise it with INT; bit 2: mask events (an interrupt gate). */
	trap->flags = gate->bits.dpl | (gate->bits.type == GATE_INTERRUPT ? 4 : 0);
	return true;
}

/* The IDT each vCPU loaded last: write_idt_entry updates Xen only for it. */
static DEFINE_PER_CPU(const gate_desc *, xenpv_loaded_idt);

static DEFINE_SPINLOCK(xenpv_trap_table_lock);
static struct trap_info xenpv_trap_table[IDT_ENTRIES + 1];

void xenpv_load_idt(const struct desc_ptr *desc)
{
	const gate_desc *idt = (const gate_desc *)desc->address;
	unsigned int n = (desc->size + 1) / sizeof(gate_desc);
	unsigned int vector, used = 0;

	trace_xen_cpu_load_idt(desc);
	spin_lock(&xenpv_trap_table_lock);
	for (vector = 0; vector < n && vector < IDT_ENTRIES; vector++)
		if (xenpv_gate_to_trap(vector, &idt[vector], &xenpv_trap_table[used]))
			used++;
	xenpv_trap_table[used] = (struct trap_info){ };
	if (HYPERVISOR_set_trap_table(xenpv_trap_table))
		xenpv_die("Xen refused the trap table\n");
	spin_unlock(&xenpv_trap_table_lock);
	this_cpu_write(xenpv_loaded_idt, idt);
}

/**
 * xenpv_copy_trap_table() - the trap table of this vCPU's IDT, for
 * another vCPU's initial context
 * @traps: IDT_ENTRIES entries, zeroed; filled in vector order
 */
void xenpv_copy_trap_table(struct trap_info *traps)
{
	const gate_desc *idt = this_cpu_read(xenpv_loaded_idt);
	unsigned int vector, used = 0;

	for (vector = 0; idt && vector < IDT_ENTRIES; vector++)
		if (xenpv_gate_to_trap(vector, &idt[vector], &traps[used]))
			used++;
}

void xenpv_write_idt_entry(gate_desc *idt, int vector, const gate_desc *gate)
{
	struct trap_info one[2] = { };

	trace_xen_cpu_write_idt_entry(idt, vector, gate);
	native_write_idt_entry(idt, vector, gate);
	if (this_cpu_read(xenpv_loaded_idt) != idt)
		return;
	/* A vector Xen does not deliver is removed with an empty entry. */
	if (!xenpv_gate_to_trap(vector, gate, &one[0]))
		one[0] = (struct trap_info){ .vector = vector };
	if (HYPERVISOR_set_trap_table(one))
		xenpv_die("Xen refused trap %d\n", vector);
}

/* The GDT. */

/* Make every writable view of a descriptor table page read-only. */
static void xenpv_table_page_ro(const void *va)
{
	unsigned long pfn = mfn_to_pfn(PFN_DOWN(arbitrary_virt_to_machine((void *)va).maddr));
	int rc = xenpv_set_page_ro(pfn, true);

	if (rc)
		xenpv_die("cannot make descriptor table page %#lx read-only: %d\n",
			  pfn, rc);
}

void xenpv_load_gdt(const struct desc_ptr *desc)
{
	unsigned long frame = PFN_DOWN(arbitrary_virt_to_machine((void *)desc->address).maddr);
	unsigned int entries = (desc->size + 1) / sizeof(struct desc_struct);

	/* A 64-bit kernel's GDT fits one page: GDT_ENTRIES is 16. */
	BUILD_BUG_ON(GDT_SIZE > PAGE_SIZE);
	xenpv_table_page_ro((void *)desc->address);
	if (HYPERVISOR_set_gdt(&frame, entries))
		xenpv_die("Xen refused the GDT at %#lx\n", desc->address);
}

/**
 * xenpv_gdt_ro_of() - make a vCPU's GDT page read-only, for its
 * initial context
 * @cpu: the vCPU
 *
 * Return: the machine frame of the page.
 */
unsigned long xenpv_gdt_ro_of(unsigned int cpu)
{
	void *gdt = get_cpu_gdt_rw(cpu);

	xenpv_table_page_ro(gdt);
	return PFN_DOWN(arbitrary_virt_to_machine(gdt).maddr);
}

static void xenpv_write_descriptor(const void *where, u64 value)
{
	xmaddr_t ma = arbitrary_virt_to_machine((void *)where);

	if (HYPERVISOR_update_descriptor(ma.maddr, value))
		xenpv_die("Xen refused descriptor %#llx at %#lx\n", value,
			  (unsigned long)where);
}

/* LDT and TSS descriptors belong to Xen: it builds them itself. */
void xenpv_write_gdt_entry(struct desc_struct *gdt, int entry,
			   const void *desc, int type)
{
	trace_xen_cpu_write_gdt_entry(gdt, entry, desc, type);
	if (type == DESC_LDT || type == DESC_TSS)
		return;
	xenpv_write_descriptor(&gdt[entry], *(const u64 *)desc);
}

/* The bit the CPU sets in a descriptor in memory when it loads it. */
#define XENPV_DESC_ACCESSED	BIT_ULL(40)

/**
 * xenpv_descriptor_current() - does a GDT slot already hold a descriptor?
 * @slot: the slot, as the GDT holds it
 * @want: the descriptor wanted there
 *
 * The accessed bit does not count: the CPU sets it in the GDT whenever a
 * segment register is loaded from the slot.
 */
VISIBLE_IF_KUNIT bool xenpv_descriptor_current(const struct desc_struct *slot,
			      const struct desc_struct *want)
{
	return !((*(const u64 *)slot ^ *(const u64 *)want) & ~XENPV_DESC_ACCESSED);
}

/*
 * Part of every context switch: batched with the rest of it.  The GDT
 * can be read, and holds what Xen last installed, so a slot that already
 * has the next task's descriptor (most tasks have none at all) is left
 * alone.
 */
void xenpv_load_tls(struct thread_struct *t, unsigned int cpu)
{
	struct desc_struct *gdt = get_cpu_gdt_rw(cpu);
	struct multicall_entry *call;
	int i;

	for (i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++) {
		if (xenpv_descriptor_current(&gdt[GDT_ENTRY_TLS_MIN + i], &t->tls_array[i]))
			continue;
		if (!xenpv_mc_batching(XEN_LAZY_CPU)) {
			xenpv_write_descriptor(&gdt[GDT_ENTRY_TLS_MIN + i],
					       *(u64 *)&t->tls_array[i]);
			continue;
		}
		call = xenpv_mc_add(__HYPERVISOR_update_descriptor, 0, NULL);
		MULTI_update_descriptor(call,
					arbitrary_virt_to_machine(&gdt[GDT_ENTRY_TLS_MIN + i]).maddr,
					t->tls_array[i]);
	}
}

/*
 * The LDT.
 *
 * modify_ldt() reaches every hypercall here, so a refusal never stops the
 * guest: at worst the process's next load of an LDT selector faults and
 * it gets a signal, as with a broken LDT on bare metal.
 */

static int xenpv_load_ldt(const void *addr, unsigned int entries)
{
	struct mmuext_op op = {
		.cmd = MMUEXT_SET_LDT,
		.arg1.linear_addr = (unsigned long)addr,
		.arg2.nr_ents = entries,
	};

	return HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

void xenpv_set_ldt(const void *addr, unsigned int entries)
{
	trace_xen_cpu_set_ldt(addr, entries);
	if (!xenpv_load_ldt(addr, entries))
		return;
	pr_warn_ratelimited("Xen refused the LDT at %#lx (%u entries); running without one\n",
			    (unsigned long)addr, entries);
	xenpv_load_ldt(NULL, 0);
}

/*
 * Xen reads an LDT through the guest's own mapping, and only while no
 * mapping of its pages is writable: its vmalloc address (if it has one)
 * and the direct map change together.  Returns Xen's error for the first
 * page it refused.
 */
static int xenpv_ldt_pages(struct desc_struct *ldt, unsigned int entries, bool ro)
{
	unsigned long addr = (unsigned long)ldt & PAGE_MASK;
	unsigned long end = (unsigned long)ldt + entries * LDT_ENTRY_SIZE;
	pgprot_t prot = ro ? PAGE_KERNEL_RO : PAGE_KERNEL;
	unsigned long pfn;
	int rc;

	for (; addr < end; addr += PAGE_SIZE) {
		if (!is_vmalloc_addr((void *)addr)) {
			pfn = PFN_DOWN(__pa(addr));
		} else {
			pfn = vmalloc_to_pfn((void *)addr);
			rc = HYPERVISOR_update_va_mapping(addr, mfn_pte(pfn_to_mfn(pfn), prot),
							  UVMF_INVLPG);
			if (rc)
				return rc;
		}
		rc = xenpv_set_page_ro(pfn, ro);
		if (rc)
			return rc;
	}
	return 0;
}

void xenpv_alloc_ldt(struct desc_struct *ldt, unsigned int entries)
{
	int rc = xenpv_ldt_pages(ldt, entries, true);

	if (rc)
		pr_warn_ratelimited("cannot make the LDT at %p read-only: %d\n", ldt, rc);
}

static void xenpv_reload_ldt(void *unused)
{
	load_mm_ldt(this_cpu_read(cpu_tlbstate.loaded_mm));
}

/*
 * Xen keeps an LDT page typed as descriptors, and so read-only, while any
 * vCPU has it loaded.  The kernel reloads the LDT on the vCPUs in the mm's
 * cpumask before freeing the old one, but a vCPU switching to the mm at
 * that moment can still have read the old pointer.  Making every vCPU
 * reload its current mm's LDT drops such a last user.
 */
void xenpv_free_ldt(struct desc_struct *ldt, unsigned int entries)
{
	int rc = xenpv_ldt_pages(ldt, entries, false);

	if (rc && !irqs_disabled()) {
		on_each_cpu(xenpv_reload_ldt, NULL, 1);
		rc = xenpv_ldt_pages(ldt, entries, false);
	}
	WARN(rc, "xenpv: LDT at %p still in use by Xen after a reload on every vCPU: %d\n", ldt, rc);
}

void xenpv_write_ldt_entry(struct desc_struct *ldt, int entry, const void *desc)
{
	trace_xen_cpu_write_ldt_entry(ldt, entry, *(const u64 *)desc);
	xenpv_write_descriptor(&ldt[entry], *(const u64 *)desc);
}
