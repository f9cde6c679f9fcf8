// SPDX-License-Identifier: GPL-2.0
/*
 * Top-level tables of a PV guest: one pair per mm, pinning, and cr3.
 *
 * The kernel and user space both run in ring 3, so Xen cannot use the
 * privilege level to hide the kernel from user mode.  Instead each mm has
 * two L4s: the kernel's, which the kernel sees, and a user L4 holding only
 * the user half, which Xen switches to on every return to user mode.  The
 * user L4 hangs off the kernel L4's struct page (page->private), and every
 * user-half entry written to the kernel L4 is written to it too.
 *
 * An L4 stays writable while the generic code fills it in, and is made
 * read-only and pinned (validated by Xen, together with everything below
 * it, which turns read-only at the same time, each L1 pinned on its own)
 * when the mm is first entered.  When the mm dies and no other vCPU
 * still runs on it, the pair and the L1s are unpinned and every table of
 * the user half is made writable in one batch, so that the teardown
 * clears entries with plain stores: the generic code clears PTEs with a
 * locked exchange that Xen would otherwise have to trap and emulate, one
 * by one.  Otherwise the tables stay pinned until they are freed.
 */
#include <linux/mm.h>
#include <linux/page-flags.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/string.h>

#include <asm/mmu_context.h>
#include <asm/paravirt.h>
#include <asm/tlbflush.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>
#include <xen/xen-ops.h>

#include "xen-ops.h"

/*
 * Table operations in this CPU's batch: the caller keeps the CPU
 * (preemption off) from the first until it flushes.
 */

/* Read-only (before a pin) or writable (after an unpin), in the batch. */
static void xenpv_queue_protect(unsigned long table, bool ro)
{
	struct multicall_entry *call;
	unsigned long flags;

	local_irq_save(flags);
	call = xenpv_mc_add(__HYPERVISOR_update_va_mapping, 0, NULL);
	MULTI_update_va_mapping(call, table,
				mfn_pte(virt_to_mfn((void *)table),
					ro ? PAGE_KERNEL_RO : PAGE_KERNEL),
				UVMF_INVLPG);
	local_irq_restore(flags);
}

/* A pin or an unpin of one table, in the batch. */
static void xenpv_queue_pin_op(unsigned int cmd, void *table)
{
	struct multicall_entry *call;
	struct mmuext_op *op;
	unsigned long flags;

	local_irq_save(flags);
	call = xenpv_mc_add(__HYPERVISOR_mmuext_op,
			    DIV_ROUND_UP(sizeof(*op), sizeof(u64)), (void **)&op);
	*op = (struct mmuext_op){ .cmd = cmd, .arg1.mfn = virt_to_mfn(table) };
	MULTI_mmuext_op(call, op, 1, NULL, DOMID_SELF);
	local_irq_restore(flags);
}

/*
 * The L1 tables of a user mm are pinned on their own while the mm is
 * (PG_pinned on their page).  The pin keeps Xen's type on a table that
 * no L2 entry refers to for a moment: mremap moves whole L1 tables from
 * one L2 entry to another, and without it Xen would drop the type when
 * the table is taken out, then check its 512 entries again when it goes
 * back in.
 */
static void xenpv_queue_pin_l1(void *table)
{
	SetPagePinned(virt_to_page(table));
	xenpv_queue_protect((unsigned long)table, true);
	xenpv_queue_pin_op(MMUEXT_PIN_L1_TABLE, table);
}

static void xenpv_queue_unpin_l1(void *table)
{
	ClearPagePinned(virt_to_page(table));
	xenpv_queue_pin_op(MMUEXT_UNPIN_TABLE, table);
	xenpv_queue_protect((unsigned long)table, false);
}

/**
 * xenpv_pin_l1() - make a new L1 table of a pinned user mm read-only and
 * pin it, before it is hooked in
 * @table: the table, by its direct-map address
 */
void xenpv_pin_l1(void *table)
{
	preempt_disable();
	xenpv_queue_pin_l1(table);
	xenpv_mc_flush_pending();
	preempt_enable();
}

/* The pseudo-physical address each vCPU last loaded into cr3. */
static DEFINE_PER_CPU(unsigned long, xenpv_cr3);

/*
 * The same, recorded only once Xen has made the switch: until then Xen
 * still holds the old tables in use, whatever the kernel believes.
 */
static DEFINE_PER_CPU(unsigned long, xenpv_cr3_held);

static pgd_t *xenpv_user_l4(pgd_t *pgd)
{
	return (pgd_t *)page_private(virt_to_page(pgd));
}

/**
 * xenpv_user_l4_entry() - where a user-half L4 entry is mirrored
 * @p4dp: the entry in a kernel L4
 *
 * Return: the same slot of the mm's user L4, or NULL when the entry is in
 * the kernel half or its L4 has no user L4 (init_top_pgt).
 */
p4d_t *xenpv_user_l4_entry(p4d_t *p4dp)
{
	unsigned long slot = offset_in_page(p4dp) / sizeof(*p4dp);
	pgd_t *user;

	if (slot >= KERNEL_PGD_BOUNDARY)
		return NULL;
	user = xenpv_user_l4((pgd_t *)((unsigned long)p4dp & PAGE_MASK));
	return user ? (p4d_t *)&user[slot] : NULL;
}

int xenpv_pgd_alloc(struct mm_struct *mm)
{
	unsigned long user = get_zeroed_page(GFP_KERNEL);

	if (!user)
		return -ENOMEM;
	set_page_private(virt_to_page(mm->pgd), user);
	return 0;
}

/*
 * The next present entry of a user-half table from slot @i on, of @n (a
 * multiple of eight).  The entries are read raw: they hold machine
 * frames, and pmd_present() and the like would send every one, empty or
 * not, through the paravirt op that translates them.  Most of a process's
 * tables are empty, so eight slots are looked at together.
 */
static unsigned int xenpv_next_present(const u64 *table, unsigned int i,
				       unsigned int n)
{
	while (i < n) {
		if (!(i % 8) &&
		    !((table[i] | table[i + 1] | table[i + 2] | table[i + 3] |
		       table[i + 4] | table[i + 5] | table[i + 6] |
		       table[i + 7]) & _PAGE_PRESENT)) {
			i += 8;
			continue;
		}
		if (table[i] & _PAGE_PRESENT)
			return i;
		i++;
	}
	return n;
}

#define xenpv_for_each_present(table, i, n)				\
	for ((i) = xenpv_next_present(table, 0, n); (i) < (n);		\
	     (i) = xenpv_next_present(table, (i) + 1, n))

/* The table a present entry points to, by its direct-map address. */
static u64 *xenpv_table_below(u64 entry)
{
	return mfn_to_virt(PFN_DOWN(entry & PTE_PFN_MASK));
}

/*
 * Every table below the user half of @pgd, read-only with its L1s pinned
 * (@pin) or unpinned and writable:  its lower half, since a PV guest has
 * four levels (an L4 entry is its p4d).  The slots above it hold Xen's
 * own tables and the kernel's, shared with init_mm.
 */
static void xenpv_queue_user_half(pgd_t *pgd, bool pin)
{
	const u64 *l4 = (const u64 *)pgd, *l3, *l2;
	unsigned int i, j, k;
	void *l1;

	xenpv_for_each_present(l4, i, PTRS_PER_PGD / 2) {
		l3 = xenpv_table_below(l4[i]);
		xenpv_for_each_present(l3, j, PTRS_PER_PUD) {
			l2 = xenpv_table_below(l3[j]);
			xenpv_for_each_present(l2, k, PTRS_PER_PMD) {
				l1 = xenpv_table_below(l2[k]);
				if (PagePinned(virt_to_page(l1)) == pin)
					continue;
				if (pin)
					xenpv_queue_pin_l1(l1);
				else
					xenpv_queue_unpin_l1(l1);
			}
			xenpv_queue_protect((unsigned long)l2, pin);
		}
		xenpv_queue_protect((unsigned long)l3, pin);
	}
}

/*
 * The tables below the L4s became tables of this mm while it was not
 * pinned and are still writable (xenpv_alloc_table()).  Xen validates
 * everything under an L4 when it is pinned and refuses a table that is
 * still mapped writable, so the whole user half and both L4s turn
 * read-only first, in the same multicall as the two pins: one hypercall
 * for the pair (more only when the tables outgrow a batch).  The batch
 * is this CPU's, hence no migration until it is sent.
 */
static void xenpv_pin_pair(pgd_t *pgd)
{
	pgd_t *user = xenpv_user_l4(pgd);

	if (TestSetPagePinned(virt_to_page(pgd)))
		return;
	preempt_disable();
	xenpv_queue_user_half(pgd, true);
	xenpv_queue_protect((unsigned long)pgd, true);
	xenpv_queue_pin_op(MMUEXT_PIN_L4_TABLE, pgd);
	if (user) {
		xenpv_queue_protect((unsigned long)user, true);
		xenpv_queue_pin_op(MMUEXT_PIN_L4_TABLE, user);
	}
	xenpv_mc_flush_pending();
	preempt_enable();
}

/* The unpinned pair is writable again in the same batch. */
static void xenpv_unpin_pair(pgd_t *pgd)
{
	pgd_t *user = xenpv_user_l4(pgd);

	xenpv_queue_pin_op(MMUEXT_UNPIN_TABLE, pgd);
	if (user)
		xenpv_queue_pin_op(MMUEXT_UNPIN_TABLE, user);
	xenpv_queue_protect((unsigned long)pgd, false);
	if (user)
		xenpv_queue_protect((unsigned long)user, false);
}

void xenpv_enter_mmap(struct mm_struct *mm)
{
	trace_xen_mmu_pgd_pin(mm, mm->pgd);
	xenpv_pin_pair(mm->pgd);
}

/* Does a vCPU other than this one still run on the tables under @pgd? */
static bool xenpv_held_elsewhere(pgd_t *pgd)
{
	unsigned long cr3 = __pa(pgd);
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		if (cpu != smp_processor_id() &&
		    READ_ONCE(per_cpu(xenpv_cr3_held, cpu)) == cr3)
			return true;
	return false;
}

/*
 * The mm has no users left.  This vCPU may still have it loaded lazily
 * and leaves it; if another vCPU does (lazily, in a kernel thread), the
 * tables stay pinned and the teardown goes through Xen entry by entry.
 */
void xenpv_exit_mmap(struct mm_struct *mm)
{
	preempt_disable();
	if (this_cpu_read(cpu_tlbstate.loaded_mm) == mm &&
	    this_cpu_read(cpu_tlbstate_shared.is_lazy))
		leave_mm();
	if (this_cpu_read(xenpv_cr3_held) == __pa(mm->pgd) ||
	    xenpv_held_elsewhere(mm->pgd) ||
	    !TestClearPagePinned(virt_to_page(mm->pgd))) {
		preempt_enable();
		return;
	}
	trace_xen_mmu_pgd_unpin(mm, mm->pgd);
	xenpv_unpin_pair(mm->pgd);
	xenpv_queue_user_half(mm->pgd, false);
	xenpv_mc_flush_pending();
	preempt_enable();
}

/* No vCPU has the mm loaded any more: unpin, make writable, free the user L4. */
void xenpv_pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	pgd_t *user = xenpv_user_l4(pgd);

	/* The tables below were released one by one as they were freed. */
	if (TestClearPagePinned(virt_to_page(pgd))) {
		preempt_disable();
		xenpv_unpin_pair(pgd);
		xenpv_mc_flush_pending();
		preempt_enable();
	}
	set_page_private(virt_to_page(pgd), 0);
	if (user)
		free_page((unsigned long)user);
}

static void xenpv_cr3_switched(void *cr3)
{
	this_cpu_write(xenpv_cr3_held, (unsigned long)cr3);
}

/**
 * xenpv_load_cr3() - switch this vCPU to another pair of top-level tables
 * @cr3: the kernel L4's pseudo-physical address, as the kernel writes cr3
 *
 * During a context switch the change joins the switch's batch.
 */
void xenpv_load_cr3(unsigned long cr3)
{
	pgd_t *pgd = __va(cr3 & CR3_ADDR_MASK);
	pgd_t *user = cr3 == __pa_symbol(init_top_pgt) ? NULL : xenpv_user_l4(pgd);
	struct mmuext_op both[2] = {
		{ .cmd = MMUEXT_NEW_BASEPTR, .arg1.mfn = virt_to_mfn(pgd) },
		{ .cmd = MMUEXT_NEW_USER_BASEPTR, .arg1.mfn = user ? virt_to_mfn(user) : 0 },
	};
	struct multicall_entry *call;
	struct mmuext_op *queued;

	trace_xen_mmu_write_cr3(true, cr3);
	this_cpu_write(xenpv_cr3, cr3);
	if (xenpv_mc_batching(XEN_LAZY_CPU)) {
		call = xenpv_mc_add(__HYPERVISOR_mmuext_op, DIV_ROUND_UP(sizeof(both), sizeof(u64)),
				    (void **)&queued);
		memcpy(queued, both, sizeof(both));
		MULTI_mmuext_op(call, queued, ARRAY_SIZE(both), NULL, DOMID_SELF);
		xenpv_mc_after(xenpv_cr3_switched, (void *)cr3);
		return;
	}
	xenpv_mc_flush_pending();
	if (HYPERVISOR_mmuext_op(both, ARRAY_SIZE(both), NULL, DOMID_SELF))
		xenpv_die("Xen refused cr3 %#lx\n", cr3);
	xenpv_cr3_switched((void *)cr3);
}

unsigned long xenpv_read_cr3(void)
{
	return this_cpu_read(xenpv_cr3);
}

/* An mm that was never entered (the kernel's own switches) is pinned here. */
void xenpv_write_cr3(unsigned long cr3)
{
	if (cr3 != __pa_symbol(init_top_pgt))
		xenpv_pin_pair(__va(cr3 & CR3_ADDR_MASK));
	xenpv_load_cr3(cr3);
}

/**
 * xenpv_start_on_kernel_tables() - a vCPU about to start uses init_top_pgt
 * @cpu: the vCPU, not running yet
 *
 * Return: the value for the cr3 of its initial context.
 */
unsigned long xenpv_start_on_kernel_tables(unsigned int cpu)
{
	per_cpu(xenpv_cr3, cpu) = __pa_symbol(init_top_pgt);
	per_cpu(xenpv_cr3_held, cpu) = __pa_symbol(init_top_pgt);
	return xen_pfn_to_cr3(virt_to_mfn(init_top_pgt));
}
