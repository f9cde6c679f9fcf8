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
 * it, which turns read-only at the same time) when the mm is first
 * entered.  When the mm dies and no other vCPU still
 * runs on it, the pair is unpinned and every table of the user half is
 * made writable in one batch, so that the teardown clears
 * entries with plain stores: the generic code clears PTEs with a locked
 * exchange that Xen would otherwise have to trap and emulate, one by
 * one.  Otherwise the tables stay pinned until the mm is freed.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/page-flags.h>
#include <linux/string.h>

#include <asm/mmu.h>
#include <asm/pgalloc.h>
#include <asm/tlbflush.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>

#include "xenpv.h"

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

static void xenpv_pin_read_only(pgd_t *l4)
{
	int rc = xenpv_set_page_ro(PFN_DOWN(__pa(l4)), true);

	if (rc)
		xenpv_die("cannot make L4 read-only %#lx: %d\n", (unsigned long)l4, rc);
	xenpv_pin_table(MMUEXT_PIN_L4_TABLE, PFN_DOWN(__pa(l4)));
}

static void xenpv_unpin_writable(pgd_t *l4)
{
	xenpv_unpin_table(PFN_DOWN(__pa(l4)));
	if (xenpv_set_page_ro(PFN_DOWN(__pa(l4)), false))
		xenpv_die("cannot make L4 writable again %#lx\n", (unsigned long)l4);
}

static void xenpv_queue_unpin(pgd_t *l4)
{
	struct multicall_entry *call;
	struct mmuext_op *op;
	unsigned long flags;

	local_irq_save(flags);
	call = xenpv_mc_add(__HYPERVISOR_mmuext_op,
			    DIV_ROUND_UP(sizeof(*op), sizeof(u64)), (void **)&op);
	*op = (struct mmuext_op){ .cmd = MMUEXT_UNPIN_TABLE, .arg1.mfn = virt_to_mfn(l4) };
	call->args[0] = (unsigned long)op;
	call->args[1] = 1;
	call->args[2] = 0;
	call->args[3] = DOMID_SELF;
	local_irq_restore(flags);
}

/* Read-only (before a pin) or writable (after an unpin), in the batch. */
static void xenpv_queue_protect(unsigned long table, bool ro)
{
	struct multicall_entry *call;
	unsigned long flags;

	local_irq_save(flags);
	call = xenpv_mc_add(__HYPERVISOR_update_va_mapping, 0, NULL);
	call->args[0] = table;
	call->args[1] = native_pte_val(mfn_pte(virt_to_mfn((void *)table),
					       ro ? PAGE_KERNEL_RO : PAGE_KERNEL));
	call->args[2] = UVMF_INVLPG;
	local_irq_restore(flags);
}

/*
 * Every table below the user half of @pgd:  its lower half, since a PV
 * guest has four levels.  The slots above it hold Xen's own tables and
 * the kernel's, shared with init_mm.
 */
static void xenpv_queue_protect_user_half(pgd_t *pgd, bool ro)
{
	unsigned int i, j, k;
	pud_t *l3;
	pmd_t *l2;

	for (i = 0; i < PTRS_PER_PGD / 2; i++) {
		p4d_t l4e = *p4d_offset(&pgd[i], 0);

		if (!p4d_present(l4e))
			continue;
		l3 = p4d_pgtable(l4e);
		for (j = 0; j < PTRS_PER_PUD; j++) {
			if (!pud_present(l3[j]))
				continue;
			l2 = pud_pgtable(l3[j]);
			for (k = 0; k < PTRS_PER_PMD; k++)
				if (pmd_present(l2[k]))
					xenpv_queue_protect(pmd_page_vaddr(l2[k]), ro);
			xenpv_queue_protect((unsigned long)l2, ro);
		}
		xenpv_queue_protect((unsigned long)l3, ro);
	}
}

/*
 * The tables below the L4s became tables of this mm while it was not
 * pinned and are still writable (pgtable.c): they turn read-only in one
 * batch, which xenpv_set_page_ro() sends before the first L4 is made read-only.
 */
static void xenpv_pin_pair(pgd_t *pgd)
{
	if (TestSetPagePinned(virt_to_page(pgd)))
		return;
	xenpv_queue_protect_user_half(pgd, true);
	xenpv_pin_read_only(pgd);
	if (xenpv_user_l4(pgd))
		xenpv_pin_read_only(xenpv_user_l4(pgd));
}

void xenpv_enter_mmap(struct mm_struct *mm)
{
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
	pgd_t *user = xenpv_user_l4(mm->pgd);

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
	xenpv_queue_unpin(mm->pgd);
	if (user)
		xenpv_queue_unpin(user);
	xenpv_queue_protect_user_half(mm->pgd, false);
	xenpv_queue_protect((unsigned long)mm->pgd, false);
	if (user)
		xenpv_queue_protect((unsigned long)user, false);
	xenpv_mc_flush_pending();
	preempt_enable();
}

/* No vCPU has the mm loaded any more: unpin, make writable, free the user L4. */
void xenpv_pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	pgd_t *user = xenpv_user_l4(pgd);

	if (TestClearPagePinned(virt_to_page(pgd))) {
		xenpv_unpin_writable(pgd);
		if (user)
			xenpv_unpin_writable(user);
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

	this_cpu_write(xenpv_cr3, cr3);
	if (xenpv_mc_batching(XEN_LAZY_CPU)) {
		call = xenpv_mc_add(__HYPERVISOR_mmuext_op, DIV_ROUND_UP(sizeof(both), sizeof(u64)),
				    (void **)&queued);
		memcpy(queued, both, sizeof(both));
		call->args[0] = (unsigned long)queued;
		call->args[1] = ARRAY_SIZE(both);
		call->args[2] = 0;
		call->args[3] = DOMID_SELF;
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
