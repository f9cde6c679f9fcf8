// SPDX-License-Identifier: GPL-2.0
/*
 * The PV MMU: page tables whose entries hold machine frames and that the
 * guest may change only in ways Xen validates.
 *
 * The rule this file keeps is simple: a page becomes read-only in the
 * direct map the moment it is handed out as a page table of a pinned mm
 * (the alloc_* hooks), stays read-only while it is one, and every entry is
 * written with the mmu_update hypercall.  So no table ever needs
 * converting when it is hooked into a pinned table, and a write never
 * depends on whether the table is in use.  The release_* hooks make the
 * page writable again once nothing refers to it.  An L1 of a user mm is
 * also pinned on its own while it is a table (pgd.c says why).
 *
 * An mm is pinned when it is first entered (pgd.c), which for a forked
 * mm comes once its tables are copied.  Tables of an mm not entered
 * yet stay writable until then: Xen does not know them as tables, so a
 * native locked exchange on an entry (ptep_get_and_clear(), no paravirt
 * op) must find a writable page, and such a table may be freed without
 * its release hook (mm/debug_vm_pgtable.c does).  Pinning makes them
 * read-only in one batch.
 *
 * Values cross the boundary in both directions: the kernel builds entries
 * from pseudo-physical frames and reads them back as such, while the
 * tables hold machine frames (the make_* and *_val ops).
 */
#include <kunit/visibility.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/page-flags.h>
#include <linux/string.h>

#include <asm/fixmap.h>
#include <asm/mmu.h>
#include <asm/paravirt.h>
#include <asm/pgalloc.h>
#include <asm/tlb.h>
#include <asm/tlbflush.h>
#include <asm/x86_init.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>
#include <xen/xen-ops.h>

#include "xen-ops.h"

/* Entry values: pseudo-physical frames outside, machine frames inside. */

__visible u64 xenpv_entry_to_machine(u64 val)
{
	unsigned long mfn;

	if (!(val & _PAGE_PRESENT))
		return val;
	mfn = __pfn_to_mfn((val & PTE_PFN_MASK) >> PAGE_SHIFT);
	/* A frame with no machine frame behind it cannot be mapped. */
	if (mfn == INVALID_P2M_ENTRY)
		return 0;
	mfn &= ~(FOREIGN_FRAME_BIT | IDENTITY_FRAME_BIT);
	return ((u64)mfn << PAGE_SHIFT) | (val & ~PTE_PFN_MASK);
}
PV_CALLEE_SAVE_REGS_THUNK(xenpv_entry_to_machine);

__visible u64 xenpv_entry_from_machine(u64 val)
{
	unsigned long pfn;

	if (!(val & _PAGE_PRESENT))
		return val;
	pfn = mfn_to_pfn((val & PTE_PFN_MASK) >> PAGE_SHIFT);
	/* Not ours (or not RAM Xen knows of): the kernel sees no page. */
	if (pfn == ~0UL)
		return 0;
	return ((u64)pfn << PAGE_SHIFT) | (val & ~PTE_PFN_MASK);
}
PV_CALLEE_SAVE_REGS_THUNK(xenpv_entry_from_machine);

/**
 * xenpv_mmu_update() - write one page-table entry through Xen
 * @entry: the entry, by its kernel virtual address
 * @val: the new value, already in machine frames
 * @how: MMU_NORMAL_PT_UPDATE or MMU_PT_UPDATE_PRESERVE_AD
 *
 * In lazy MMU mode the write joins the CPU's batch (multicalls.c).
 */
void xenpv_mmu_update(void *entry, u64 val, unsigned int how)
{
	struct mmu_update req = {
		.ptr = arbitrary_virt_to_machine(entry).maddr | how,
		.val = val,
	};
	int rc;

	if (xenpv_mc_pte_write(req.ptr, req.val))
		return;
	rc = HYPERVISOR_mmu_update(&req, 1, NULL, DOMID_SELF);
	if (rc)
		xenpv_die("Xen refused page-table entry %#llx at %#lx: %d\n",
			  val, (unsigned long)entry, rc);
}

/**
 * xenpv_va_writable() - does the kernel's mapping of an address let it
 * write there?
 * @va: the address
 *
 * Xen allows no writable mapping of a page table in use, so a page that
 * is mapped writable is not one, and its entries need no hypercall.
 */
VISIBLE_IF_KUNIT bool xenpv_va_writable(const void *va)
{
	unsigned int level;
	pte_t *map = lookup_address((unsigned long)va, &level);

	return map && (pte_flags(*map) & _PAGE_RW);
}

static void xenpv_set_pte(pte_t *ptep, pte_t pte)
{
	trace_xen_mmu_set_pte(ptep, pte);
	xenpv_mmu_update(ptep, pte_val_ma(pte), MMU_NORMAL_PT_UPDATE);
}

/*
 * munmap and the like free the tables they take out (free_pgtables(),
 * under an mmu_gather, so with a TLB flush pending on the mm); mremap
 * hooks them in again elsewhere, with no mmu_gather.  A wrong guess
 * costs a hypercall, never correctness: a table still pinned is
 * released by its release hook, one made writable is made read-only and
 * pinned again by its alloc hook.
 */
static bool xenpv_table_freed_next(void)
{
	return current->mm && mm_tlb_flush_pending(current->mm);
}

/*
 * Clearing the entry that hooks a table into a pinned one ends Xen's use
 * of that table (Linux never hooks one table in twice, and a pinned L1
 * is unpinned in the same call), so the same multicall can map it
 * writable again: free_pgtables() clears the entry and releases the
 * table back to back, and this spares the release hook's hypercall, one
 * per 2 MiB of a munmap.  Should Xen refuse the unpin or the writable
 * mapping, the table stays as it was and its release hook tries again.
 */
static bool xenpv_unhook_table(void *entry, u64 val)
{
	u64 old = READ_ONCE(*(u64 *)entry);
	unsigned long mfn = PFN_DOWN(old & PTE_PFN_MASK), pfn = mfn_to_pfn(mfn);
	struct mmu_update req = {
		.ptr = arbitrary_virt_to_machine(entry).maddr | MMU_NORMAL_PT_UPDATE,
		.val = val,
	};
	struct mmuext_op unpin = { .cmd = MMUEXT_UNPIN_TABLE, .arg1.mfn = mfn };
	struct multicall_entry call[3] = { };
	unsigned int n = 0;
	struct page *page;
	bool pinned;

	if ((val & _PAGE_PRESENT) || !(old & _PAGE_PRESENT) || (old & _PAGE_PSE) ||
	    !pfn_valid(pfn) || xenpv_mc_batching(XEN_LAZY_MMU))
		return false;
	page = pfn_to_page(pfn);
	pinned = PagePinned(page);
	if (pinned && !xenpv_table_freed_next())
		return false;
	MULTI_mmu_update(&call[n++], &req, 1, NULL, DOMID_SELF);
	if (pinned)
		MULTI_mmuext_op(&call[n++], &unpin, 1, NULL, DOMID_SELF);
	MULTI_update_va_mapping(&call[n++], (unsigned long)page_address(page),
				mfn_pte(mfn, PAGE_KERNEL), UVMF_INVLPG);
	xenpv_mc_flush_pending();
	if (HYPERVISOR_multicall(call, n) || (long)call[0].result < 0)
		xenpv_die("Xen refused to clear page-table entry %#lx (was %#llx): %ld\n",
			  (unsigned long)entry, old, (long)call[0].result);
	if (pinned && !call[1].result)
		ClearPagePinned(page);
	return true;
}

/*
 * Upper-level entries are written when a table is hooked in or taken
 * out, and taken out mostly when an mm dies, whose tables are made
 * writable first (xenpv_exit_mmap()): a page still mapped writable gets
 * a plain store.  The check costs a walk, far less than a hypercall,
 * and these writes are rare enough for it.
 */
static void xenpv_write_upper_entry(void *entry, u64 val)
{
	if (xenpv_va_writable(entry))
		WRITE_ONCE(*(u64 *)entry, val);
	else if (!xenpv_unhook_table(entry, val))
		xenpv_mmu_update(entry, val, MMU_NORMAL_PT_UPDATE);
}

static void xenpv_set_pmd(pmd_t *pmdp, pmd_t pmd)
{
	trace_xen_mmu_set_pmd(pmdp, pmd);
	xenpv_write_upper_entry(pmdp, pmd_val_ma(pmd));
}

static void xenpv_set_pud(pud_t *pudp, pud_t pud)
{
	trace_xen_mmu_set_pud(pudp, pud);
	xenpv_write_upper_entry(pudp, pud_val_ma(pud));
}

/* The user half of an L4 also has to reach the mm's user L4. */
static void xenpv_set_p4d(p4d_t *p4dp, p4d_t p4d)
{
	p4d_t *user = xenpv_user_l4_entry(p4dp);

	trace_xen_mmu_set_p4d(p4dp, user, p4d);
	xenpv_write_upper_entry(p4dp, p4d_val_ma(p4d));
	if (user)
		xenpv_write_upper_entry(user, p4d_val_ma(p4d));
}

/*
 * While setup_arch() builds the direct map, the kernel fills each new
 * table before it hooks it in, and only the hook (alloc_*) makes it read-only: most
 * PTEs written then land in pages that are not page tables yet, and a
 * plain store is all they need.  Once the direct map stands, every PTE
 * the kernel writes is in a read-only table, and the check is not worth its
 * walk: xenpv_direct_map_done() puts the plain op back.
 *
 * The page last found writable is remembered, so that filling a table costs
 * one walk rather than one per entry; making any page read-only forgets it.
 */
static unsigned long xenpv_writable_page;

static bool __init xenpv_entry_is_writable(void *entry)
{
	unsigned long page = (unsigned long)entry & PAGE_MASK;

	if (page == xenpv_writable_page)
		return true;
	if (!xenpv_va_writable((void *)page))
		return false;
	xenpv_writable_page = page;
	return true;
}

/*
 * Frames the direct map must map read-only as it is built: Xen's own
 * tables behind a p2m list outside the initial mapping, which keep their
 * type while that mapping is in use (pgtable_boot.c).
 */
static unsigned long xenpv_ro_first_pfn __initdata;
static unsigned long xenpv_ro_nr_pfns __initdata;

/**
 * xenpv_direct_map_ro() - have the direct map cover frames read-only
 * @pfn: the first frame
 * @n: how many
 *
 * One range, set before the direct map is built.
 */
void __init xenpv_direct_map_ro(unsigned long pfn, unsigned long n)
{
	xenpv_ro_first_pfn = pfn;
	xenpv_ro_nr_pfns = n;
}

static void __init xenpv_set_pte_boot(pte_t *ptep, pte_t pte)
{
	if (xenpv_ro_nr_pfns && pte_present(pte) &&
	    pte_pfn(pte) - xenpv_ro_first_pfn < xenpv_ro_nr_pfns)
		pte = pte_wrprotect(pte);
	if (xenpv_entry_is_writable(ptep))
		native_set_pte(ptep, pte);
	else
		xenpv_set_pte(ptep, pte);
}

/**
 * xenpv_direct_map_done() - the last step of building the direct map
 *
 * Runs paging_init() and puts the plain set_pte op back; the boot layer
 * calls it from x86_init.paging.pagetable_init.
 */
void __init xenpv_direct_map_done(void)
{
	paging_init();
	pv_ops.mmu.set_pte = xenpv_set_pte;
}

/*
 * mprotect and friends: leave the entry in place (Xen keeps its accessed
 * and dirty bits up to date) and write the new one so that Xen preserves
 * them, instead of clearing and rewriting it.
 */
static pte_t xenpv_ptep_modify_prot_start(struct vm_area_struct *vma,
					  unsigned long addr, pte_t *ptep)
{
	return ptep_get(ptep);
}

static void xenpv_ptep_modify_prot_commit(struct vm_area_struct *vma,
					  unsigned long addr, pte_t *ptep,
					  pte_t pte)
{
	xenpv_mmu_update(ptep, pte_val_ma(pte), MMU_PT_UPDATE_PRESERVE_AD);
}

/**
 * xenpv_set_page_ro() - change whether the direct map lets the kernel
 * write a page
 * @pfn: the page
 * @ro: read-only (true) or read-write
 *
 * Return: 0, or Xen's error (for example when a read-write mapping is
 * asked for a page that is still a page table).
 */
int xenpv_set_page_ro(unsigned long pfn, bool ro)
{
	pte_t pte = mfn_pte(pfn_to_mfn(pfn), ro ? PAGE_KERNEL_RO : PAGE_KERNEL);

	/* A page being released is unhooked by a write that may be queued. */
	xenpv_mc_flush_pending();
	if (ro)
		xenpv_writable_page = 0;
	return HYPERVISOR_update_va_mapping((unsigned long)__va(PFN_PHYS(pfn)),
					   pte, UVMF_INVLPG);
}

static bool xenpv_mm_pinned(struct mm_struct *mm)
{
	return mm == &init_mm || PagePinned(virt_to_page(mm->pgd));
}

static void xenpv_alloc_table(struct mm_struct *mm, unsigned long pfn)
{
	int rc;

	if (!xenpv_mm_pinned(mm))
		return;
	rc = xenpv_set_page_ro(pfn, true);

	if (rc)
		xenpv_die("cannot make page %#lx read-only for a page table: %d\n",
			  pfn, rc);
}

/* An L1 of a pinned user mm is pinned too; one that mremap moved still is. */
static void xenpv_alloc_pte(struct mm_struct *mm, unsigned long pfn)
{
	if (mm == &init_mm || !xenpv_mm_pinned(mm)) {
		xenpv_alloc_table(mm, pfn);
		return;
	}
	if (!PagePinned(pfn_to_page(pfn)))
		xenpv_pin_l1(__va(PFN_PHYS(pfn)));
}

static void xenpv_release_table(unsigned long pfn)
{
	int rc;

	/* Tables of a dying mm were made writable all at once (xenpv_exit_mmap()). */
	if (xenpv_va_writable(__va(PFN_PHYS(pfn))))
		return;
	rc = xenpv_set_page_ro(pfn, false);

	WARN(rc, "xenpv: page table %#lx still in use when freed: %d\n", pfn, rc);
}

static void xenpv_release_pte(unsigned long pfn)
{
	struct mmuext_op unpin = { .cmd = MMUEXT_UNPIN_TABLE, .arg1.mfn = pfn_to_mfn(pfn) };
	struct multicall_entry call[2] = { };

	if (!PagePinned(pfn_to_page(pfn))) {
		xenpv_release_table(pfn);
		return;
	}
	ClearPagePinned(pfn_to_page(pfn));
	MULTI_mmuext_op(&call[0], &unpin, 1, NULL, DOMID_SELF);
	MULTI_update_va_mapping(&call[1], (unsigned long)__va(PFN_PHYS(pfn)),
				mfn_pte(pfn_to_mfn(pfn), PAGE_KERNEL), UVMF_INVLPG);
	xenpv_mc_flush_pending();
	WARN(HYPERVISOR_multicall(call, 2) || call[0].result || call[1].result,
	     "xenpv: L1 table %#lx still in use when freed: %ld %ld\n", pfn,
	     (long)call[0].result, (long)call[1].result);
}

/* Pins, unpins and flushes act on tables that queued writes may change. */
static void xenpv_mmuext(unsigned int cmd, unsigned long arg)
{
	struct mmuext_op op = { .cmd = cmd, .arg1.linear_addr = arg };
	int rc;

	xenpv_mc_flush_pending();
	rc = HYPERVISOR_mmuext_op(&op, 1, NULL, DOMID_SELF);
	if (rc)
		xenpv_die("mmuext_op %u (%#lx) failed: %d\n", cmd, arg, rc);
}

/**
 * xenpv_pin_table() - ask Xen to validate a page table and keep it typed
 * @level_cmd: MMUEXT_PIN_L1_TABLE ... MMUEXT_PIN_L4_TABLE
 * @pfn: its page
 */
void xenpv_pin_table(unsigned int level_cmd, unsigned long pfn)
{
	xenpv_mmuext(level_cmd, pfn_to_mfn(pfn));
}

/**
 * xenpv_unpin_table() - drop the pin xenpv_pin_table() took
 * @pfn: the table's page
 */
void xenpv_unpin_table(unsigned long pfn)
{
	xenpv_mmuext(MMUEXT_UNPIN_TABLE, pfn_to_mfn(pfn));
}

/*
 * Xen stores the faulting address of a page fault in the vcpu_info; the
 * page-fault entry reads it before instrumentation is allowed.
 */
__visible noinstr unsigned long xenpv_read_cr2(void)
{
	return this_cpu_read(xen_vcpu)->arch.cr2;
}
__PV_CALLEE_SAVE_REGS_THUNK(xenpv_read_cr2, ".noinstr.text");

/* The NMI entry restores cr2 before instrumentation is allowed. */
static noinstr void xenpv_write_cr2(unsigned long cr2)
{
	this_cpu_read(xen_vcpu)->arch.cr2 = cr2;
}

/* With no global pages under Xen, a local flush drops every entry. */
static void xenpv_flush_tlb_local(void)
{
	xenpv_mmuext(MMUEXT_TLB_FLUSH_LOCAL, 0);
}

static void xenpv_flush_tlb_one_user(unsigned long addr)
{
	trace_xen_mmu_flush_tlb_one_user(addr);
	xenpv_mmuext(MMUEXT_INVLPG_LOCAL, addr & PAGE_MASK);
}

/**
 * xenpv_flush_ops() - the mmuext ops for one TLB shootdown
 * @ops: room for XENPV_INVLPG_BATCH ops
 * @vcpus: the bitmap of vCPUs they name
 * @info: what to flush
 *
 * Return: how many ops were filled in.
 */
VISIBLE_IF_KUNIT unsigned int xenpv_flush_ops(struct mmuext_op *ops, unsigned long *vcpus,
				    const struct flush_tlb_info *info)
{
	unsigned long pages = (info->end - info->start) >> info->stride_shift;
	unsigned int i;

	if (info->end == TLB_FLUSH_ALL || !pages || pages > XENPV_INVLPG_BATCH) {
		ops[0] = (struct mmuext_op){ .cmd = MMUEXT_TLB_FLUSH_MULTI,
					     .arg2.vcpumask = vcpus };
		return 1;
	}
	for (i = 0; i < pages; i++)
		ops[i] = (struct mmuext_op){
			.cmd = MMUEXT_INVLPG_MULTI,
			.arg1.linear_addr = info->start + (i << info->stride_shift),
			.arg2.vcpumask = vcpus,
		};
	return pages;
}

/*
 * A shootdown is one mmuext_op: Xen flushes the other vCPUs itself, with
 * no IPI, and a vCPU that is not running costs nothing.  The ops and the
 * vCPU bitmap (Xen's vCPU numbers are the CPU numbers) go in the
 * multicall queue, so in lazy MMU mode the flush travels with the
 * page-table writes it is for.
 */
static void xenpv_flush_tlb_multi(const struct cpumask *cpus,
				  const struct flush_tlb_info *info)
{
	unsigned int op_words = DIV_ROUND_UP(sizeof(struct mmuext_op), sizeof(u64));
	unsigned int mask_words = BITS_TO_LONGS(nr_cpu_ids), n;
	struct mmuext_op *ops;
	struct multicall_entry *call;
	unsigned long *vcpus;
	unsigned long flags;

	trace_xen_mmu_flush_tlb_multi(cpus, info->mm, info->start, info->end);
	local_irq_save(flags);
	call = xenpv_mc_add(__HYPERVISOR_mmuext_op,
			    XENPV_INVLPG_BATCH * op_words + mask_words, (void **)&ops);
	vcpus = (unsigned long *)ops + XENPV_INVLPG_BATCH * op_words;
	bitmap_copy(vcpus, cpumask_bits(cpus), nr_cpu_ids);
	n = xenpv_flush_ops(ops, vcpus, info);
	MULTI_mmuext_op(call, ops, n, NULL, DOMID_SELF);
	if (!xenpv_mc_batching(XEN_LAZY_MMU))
		xenpv_mc_flush();
	local_irq_restore(flags);
}

/* Stands in for the IO-APICs, which Xen programs on dom0's behalf. */
static char xenpv_ioapic_stand_in[PAGE_SIZE] __page_aligned_bss;

/*
 * The entry for a fixmap slot: Xen's shared pages by machine frame, the
 * APIC (which a PV guest does not have) read-only over the zero page, the
 * IO-APICs over a page that absorbs what the x86 code writes to them, and
 * anything else by the kernel's own frame.
 */
static pte_t xenpv_fixmap_entry(unsigned int idx, phys_addr_t phys, pgprot_t prot)
{
	if (idx == FIX_PARAVIRT_BOOTMAP)
		return mfn_pte(PFN_DOWN(phys), prot);
#ifdef CONFIG_X86_LOCAL_APIC
	if (idx == FIX_APIC_BASE)
		return pfn_pte(PFN_DOWN(__pa_symbol(empty_zero_page)), PAGE_KERNEL_RO);
#endif
#ifdef CONFIG_X86_IO_APIC
	if (idx >= FIX_IO_APIC_BASE_0 && idx <= FIX_IO_APIC_BASE_END)
		return pfn_pte(PFN_DOWN(__pa_symbol(xenpv_ioapic_stand_in)), PAGE_KERNEL);
#endif
	return pfn_pte(PFN_DOWN(phys), prot);
}

static void xenpv_set_fixmap(unsigned int idx, phys_addr_t phys, pgprot_t prot)
{
	pte_t pte = xenpv_fixmap_entry(idx, phys, prot);
	int rc = HYPERVISOR_update_va_mapping(__fix_to_virt(idx), pte, UVMF_INVLPG);

	if (rc)
		xenpv_die("cannot map fixmap slot %u: %d\n", idx, rc);
}

/* A PV guest's memory is never encrypted. */
static void xenpv_enc_status_unused(unsigned long pfn, int npages, bool enc)
{
}

/*
 * Entries of every level convert the same way: in assembly
 * (entry_frames.S), which falls back to the C versions above.
 */
#define XENPV_TO_MACHINE	__PV_IS_CALLEE_SAVE(xenpv_entry_to_machine_fast)
#define XENPV_FROM_MACHINE	__PV_IS_CALLEE_SAVE(xenpv_entry_from_machine_fast)

/*
 * Each op next to its counterpart, in a pv_ops-shaped table under the
 * name objtool reads (see xen_cpu_ops in cpu.c).
 */
static const typeof(pv_ops) xen_mmu_ops __initconst = { .mmu = {
	.flush_tlb_user = xenpv_flush_tlb_local, .flush_tlb_kernel = xenpv_flush_tlb_local,
	.flush_tlb_one_user = xenpv_flush_tlb_one_user, .flush_tlb_multi = xenpv_flush_tlb_multi,
	.tlb_remove_table = tlb_remove_table,
	.notify_page_enc_status_changed = xenpv_enc_status_unused,

	.read_cr2 = PV_CALLEE_SAVE(xenpv_read_cr2), .write_cr2 = xenpv_write_cr2,

	.alloc_pte = xenpv_alloc_pte, .release_pte = xenpv_release_pte,
	.alloc_pmd = xenpv_alloc_table, .release_pmd = xenpv_release_table,
	.alloc_pud = xenpv_alloc_table, .release_pud = xenpv_release_table,

	.set_pte = xenpv_set_pte, .set_pmd = xenpv_set_pmd,
	.set_pud = xenpv_set_pud, .set_p4d = xenpv_set_p4d,
	.ptep_modify_prot_start = xenpv_ptep_modify_prot_start,
	.ptep_modify_prot_commit = xenpv_ptep_modify_prot_commit,
	.set_fixmap = xenpv_set_fixmap,

	.make_pte = XENPV_TO_MACHINE, .pte_val = XENPV_FROM_MACHINE,
	.make_pmd = XENPV_TO_MACHINE, .pmd_val = XENPV_FROM_MACHINE,
	.make_pud = XENPV_TO_MACHINE, .pud_val = XENPV_FROM_MACHINE,
	.make_pgd = XENPV_TO_MACHINE, .pgd_val = XENPV_FROM_MACHINE,
#if CONFIG_PGTABLE_LEVELS >= 5
	/*
	 * Xen runs PV guests on 4 levels only, so a 5-level kernel folds the
	 * p4d at run time: p4d entries are the top-level entries and hold
	 * machine frames like any other level.
	 */
	.make_p4d = XENPV_TO_MACHINE, .p4d_val = XENPV_FROM_MACHINE,
	.alloc_p4d = xenpv_alloc_table, .release_p4d = xenpv_release_table,
#endif
	/* top-level tables, pinning and cr3: below */
	.pgd_alloc = xenpv_pgd_alloc, .pgd_free = xenpv_pgd_free,
	.enter_mmap = xenpv_enter_mmap, .exit_mmap = xenpv_exit_mmap,
	.read_cr3 = xenpv_read_cr3, .write_cr3 = xenpv_write_cr3,
	/* lazy MMU mode: multicalls.c */
	.lazy_mode = {
		.enter = xenpv_lazy_mmu_enter, .leave = xenpv_lazy_mmu_leave,
		.flush = xenpv_lazy_mmu_flush,
	},
} };

/**
 * xenpv_install_mmu_ops() - put the PV MMU in place of the native one
 */
void __init xenpv_install_mmu_ops(void)
{
	pv_ops.mmu = xen_mmu_ops.mmu;
	pv_ops.mmu.set_pte = xenpv_set_pte_boot;
}

/* Addresses whose machine address follows from __pa(), without a walk. */
static bool xenpv_linear_address(unsigned long addr)
{
	if (addr >= __START_KERNEL_map)
		return addr < __START_KERNEL_map + KERNEL_IMAGE_SIZE;
	return addr >= PAGE_OFFSET &&
	       addr < PAGE_OFFSET + (1UL << MAX_PHYSMEM_BITS);
}

/**
 * arbitrary_virt_to_machine() - machine address behind any kernel address
 * @vaddr: a kernel address mapped with 4 KiB pages: the direct map, the
 *	kernel image, or vmalloc/fixmap space
 *
 * The direct map and the image translate through the p2m; other addresses
 * are looked up in the kernel's page tables (no lock: the caller keeps the
 * mapping alive).  An unmapped address or a large page is a caller's bug.
 *
 * Return: the machine address, byte offset included.
 */
xmaddr_t arbitrary_virt_to_machine(void *vaddr)
{
	unsigned long addr = (unsigned long)vaddr;
	unsigned int level;
	pte_t *pte;

	if (xenpv_linear_address(addr))
		return virt_to_machine(vaddr);
	pte = lookup_address(addr, &level);
	BUG_ON(!pte || level != PG_LEVEL_4K);
	return XMADDR(((phys_addr_t)pte_mfn(*pte) << PAGE_SHIFT) + offset_in_page(addr));
}
EXPORT_SYMBOL_GPL(arbitrary_virt_to_machine);
