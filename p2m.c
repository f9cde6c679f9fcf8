// SPDX-License-Identifier: GPL-2.0
/*
 * The p2m: which machine frame backs each pseudo-physical frame of the
 * guest, and its inverse, the machine-to-phys table Xen maps read-only
 * into every PV guest.
 *
 * The inline helpers of asm/xen/page.h read xen_p2m_addr directly for
 * frames below xen_p2m_size and call get_phys_to_machine() otherwise.
 */
#define pr_fmt(fmt) "xenpv: " fmt

#include <linux/compiler.h>
#include <linux/export.h>
#include <linux/errno.h>
#include <linux/bitmap.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/vmalloc.h>

#include <asm/pgtable.h>
#include <asm/text-patching.h>
#include <asm/tlbflush.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>
#include <xen/features.h>
#include <xen/interface/memory.h>
#include <xen/interface/grant_table.h>
#include <xen/grant_table.h>
#include <xen/page.h>

#include "xen-ops.h"

/* Xen's read-only machine-to-phys table, mapped into every PV guest. */
unsigned long *machine_to_phys_mapping __read_mostly = (void *)MACH2PHYS_VIRT_START;
EXPORT_SYMBOL(machine_to_phys_mapping);

/* Entries in machine_to_phys_mapping. */
unsigned long machine_to_phys_nr __read_mostly;
EXPORT_SYMBOL(machine_to_phys_nr);

/**
 * xenpv_m2p_init() - find Xen's machine-to-phys table
 *
 * Where Xen maps the table, and how many machine frames it covers,
 * depends on the host; only a Xen too old to answer leaves the
 * compile-time defaults.
 */
void __init xenpv_m2p_init(void)
{
	struct xen_machphys_mapping where = {};
	int rc = HYPERVISOR_memory_op(XENMEM_machphys_mapping, &where);

	machine_to_phys_nr = rc ? MACH2PHYS_NR_ENTRIES : where.max_mfn + 1;
	if (!rc)
		machine_to_phys_mapping = (unsigned long *)where.v_start;
}

/* The flat p2m list: entry N is the machine frame of pseudo-physical frame N. */
unsigned long *xen_p2m_addr __read_mostly;
EXPORT_SYMBOL_GPL(xen_p2m_addr);

/* Entries of the list that are mapped at xen_p2m_addr. */
unsigned long xen_p2m_size __read_mostly;
EXPORT_SYMBOL_GPL(xen_p2m_size);

/*
 * Growing the p2m.
 *
 * Xen's list covers the frames the domain started with.  Frames beyond
 * it (the unpopulated-alloc pool behind grant and foreign mappings,
 * hotplugged memory) get entries in one virtually contiguous area that
 * starts with the pages of Xen's list, mapped a second time, so that
 * readers holding the old address still see the same entries.  The area
 * is backed a page at a time: a page of it that holds nothing but
 * defaults is the one shared, read-only page of INVALID_P2M_ENTRY, and a
 * bitmap says which pages are backed by a page of their own.  Only a
 * write that differs from the default backs a page, and backing may
 * sleep; the callers that grow the p2m (balloon, unpopulated-alloc) call
 * xen_alloc_p2m_entry() first, from process context.
 *
 * The default of a frame nobody wrote: invalid inside the boot list and
 * in the balloon's room, the machine frame of the same number elsewhere
 * beyond it (dom0 reaching firmware and device memory at their machine
 * addresses).
 */
#define XENPV_P2M_PER_PAGE	(PAGE_SIZE / sizeof(unsigned long))
/*
 * As far as memory hotplug may take a guest (XEN_MEMORY_HOTPLUG_LIMIT),
 * or as far as Xen's list goes for a domain started larger.
 */
#define XENPV_P2M_HOTPLUG_LIMIT	((unsigned long)PFN_DOWN(512ULL << 30))

static DEFINE_MUTEX(xenpv_p2m_grow_lock);
static unsigned long xenpv_p2m_boot_size __read_mostly;

static unsigned long xenpv_p2m_limit(void)
{
	return max(XENPV_P2M_HOTPLUG_LIMIT, round_up(xenpv_p2m_boot_size, XENPV_P2M_PER_PAGE));
}
/* Where Xen mapped a list it put outside the initial mapping, or 0. */
static unsigned long xenpv_p2m_xen_slot_va __initdata;
static unsigned long *xenpv_p2m_backed_pages __read_mostly;
static struct page *xenpv_p2m_invalid_page __read_mostly;

/*
 * Frames below this have their entry looked up in the area (or in Xen's
 * list, or among the defaults); at boot the end of the balloon's room,
 * xenpv_p2m_limit() once the area exists.
 */
unsigned long xen_max_p2m_pfn __read_mostly;
EXPORT_SYMBOL_GPL(xen_max_p2m_pfn);

/*
 * RAM beyond the boot list that no machine frame backs yet: the room the
 * balloon driver fills later (setup.c).  It reads as invalid, not as the
 * identity entry of other frames beyond the list, so that the direct map
 * over it stays unmapped until the balloon gets frames from Xen.
 */
static struct xen_memory_region xenpv_p2m_unpopulated[XEN_EXTRA_MEM_MAX_REGIONS] __ro_after_init;
static unsigned int xenpv_p2m_nr_unpopulated __ro_after_init;

/**
 * xenpv_p2m_add_unpopulated() - frames beyond the boot list to read as invalid
 * @pfn: the first frame
 * @n: how many
 *
 * For memory setup, before anything maps the frames.
 */
void __init xenpv_p2m_add_unpopulated(unsigned long pfn, unsigned long n)
{
	if (WARN_ON(xenpv_p2m_nr_unpopulated == ARRAY_SIZE(xenpv_p2m_unpopulated)))
		return;
	xenpv_p2m_unpopulated[xenpv_p2m_nr_unpopulated++] =
		(struct xen_memory_region){ .start_pfn = pfn, .n_pfns = n };
	/* The inline lookups take frames past this for identity frames. */
	xen_max_p2m_pfn = max(xen_max_p2m_pfn, pfn + n);
}

static unsigned long xenpv_p2m_default(unsigned long pfn)
{
	const struct xen_memory_region *r = xenpv_p2m_unpopulated;

	if (pfn < xenpv_p2m_boot_size)
		return INVALID_P2M_ENTRY;
	for (; r < xenpv_p2m_unpopulated + xenpv_p2m_nr_unpopulated; r++)
		if (pfn - r->start_pfn < r->n_pfns)
			return INVALID_P2M_ENTRY;
	return IDENTITY_FRAME(pfn);
}

static bool xenpv_p2m_backed(unsigned long pfn)
{
	unsigned long *backed = READ_ONCE(xenpv_p2m_backed_pages);

	if (pfn < xenpv_p2m_boot_size)
		return true;
	return pfn < READ_ONCE(xen_p2m_size) && backed &&
	       test_bit(pfn / XENPV_P2M_PER_PAGE, backed);
}

/**
 * xenpv_p2m_use_xen_list() - look frames up in the list Xen built
 * @si: start_info, which says where the list is and how long
 *
 * Until the p2m first grows, it is Xen's flat list, one entry per frame
 * the domain was started with.
 */
void __init xenpv_p2m_use_xen_list(const struct start_info *si)
{
	xen_p2m_addr = (unsigned long *)si->mfn_list;
	xen_p2m_size = si->nr_pages;
	xen_max_p2m_pfn = si->nr_pages;
	xenpv_p2m_boot_size = si->nr_pages;
	if (xenpv_p2m_outside_image(si))
		xenpv_p2m_xen_slot_va = si->mfn_list;
}

/*
 * Save and migration read the p2m from outside the guest: the toolstack
 * walks the kernel's page tables from p2m_cr3 to the virtually contiguous
 * list at p2m_vaddr.  Entries change with one atomic store each and log
 * dirty tracking catches them; a change of the pages behind the list is
 * bracketed by odd values of p2m_generation, so that a migration which
 * mapped the old pages notices and starts over.
 */
static void xenpv_p2m_generation_step(void)
{
	/* The toolstack reads the count before and after the rest. */
	smp_wmb();
	HYPERVISOR_shared_info->arch.p2m_generation++;
	/* Ordered before whatever the caller changes next. */
	smp_wmb();
}

/**
 * xenpv_p2m_publish() - tell the toolstack where the p2m list is
 *
 * Needed once the real shared_info is mapped, and again with each new
 * shared_info page a restore brings.  Callers serialize: at boot there is
 * one CPU, on resume the others are stopped, else xenpv_p2m_grow_lock.
 */
void xenpv_p2m_publish(void)
{
	struct arch_shared_info *arch = &HYPERVISOR_shared_info->arch;

	xenpv_p2m_generation_step();
	arch->max_pfn = READ_ONCE(xen_p2m_size);
	arch->p2m_vaddr = (unsigned long)READ_ONCE(xen_p2m_addr);
	arch->p2m_cr3 = xen_pfn_to_cr3(virt_to_mfn(init_top_pgt));
	/* Only the linear list: there is no three-level frame tree. */
	arch->pfn_to_mfn_frame_list_list = ~0UL;
	xenpv_p2m_generation_step();
}

/**
 * get_phys_to_machine() - the p2m entry of one pseudo-physical frame
 * @pfn: the frame
 *
 * Lock-free: entries are read with READ_ONCE and written whole.  A frame
 * beyond the list Xen built that no grown part of the p2m backs yet reads
 * as an identity entry (dom0 reaches its I/O ranges that way).
 *
 * Return: the machine frame, INVALID_P2M_ENTRY, or an identity entry
 * (IDENTITY_FRAME(@pfn)); FOREIGN_FRAME_BIT marks a granted frame.
 */
unsigned long get_phys_to_machine(unsigned long pfn)
{
	if (xenpv_p2m_backed(pfn))
		return READ_ONCE(xen_p2m_addr[pfn]);
	return xenpv_p2m_default(pfn);
}
EXPORT_SYMBOL_GPL(get_phys_to_machine);

/* Writers race with readers on other CPUs: every store is one word. */
bool __set_phys_to_machine(unsigned long pfn, unsigned long mfn)
{
	if (xenpv_p2m_backed(pfn)) {
		WRITE_ONCE(xen_p2m_addr[pfn], mfn);
		return true;
	}
	return mfn == xenpv_p2m_default(pfn);
}

bool set_phys_to_machine(unsigned long pfn, unsigned long mfn)
{
	if (__set_phys_to_machine(pfn, mfn))
		return true;
	return !xen_alloc_p2m_entry(pfn) && __set_phys_to_machine(pfn, mfn);
}

static int xenpv_p2m_set_pte(pte_t *pte, unsigned long addr, void *data)
{
	struct page *page = data;
	pgprot_t prot = page == xenpv_p2m_invalid_page ? PAGE_KERNEL_RO : PAGE_KERNEL;

	set_pte_at(&init_mm, addr, pte, mk_pte(page, prot));
	return 0;
}

/* Point page @index of the area at @page; the caller flushes if needed. */
static int xenpv_p2m_map(unsigned long *area, unsigned long index, struct page *page)
{
	return apply_to_page_range(&init_mm, (unsigned long)area + index * PAGE_SIZE,
				   PAGE_SIZE, xenpv_p2m_set_pte, page);
}

/*
 * The first growth: the area, Xen's pages at its start, the shared
 * invalid page and the bitmap.  Entries past the boot frames in the last
 * page of Xen's list get their defaults before anyone may read them.
 */
/*
 * Page @index of Xen's list, wherever Xen mapped it.  With INIT_P2M the
 * pages come in the builder's order and may be 2 MiB or 1 GiB pages,
 * contiguous in machine memory only: the frame is found from the machine
 * address, not from a pseudo-physical one rounded to the page's size.
 */
static struct page *xenpv_p2m_xen_page(unsigned long index)
{
	unsigned long va = (unsigned long)(xen_p2m_addr + index * XENPV_P2M_PER_PAGE);
	unsigned int level;
	pte_t *entry = lookup_address(va, &level);
	u64 ma = (native_pte_val(*entry) & PTE_PFN_MASK & page_level_mask(level)) |
		 (va & ~page_level_mask(level));

	return pfn_to_page(mfn_to_pfn(PFN_DOWN(ma)));
}

static int xenpv_p2m_make_area(void)
{
	unsigned long pages = DIV_ROUND_UP(xenpv_p2m_boot_size, XENPV_P2M_PER_PAGE);
	unsigned long i, pfn;
	struct vm_struct *area;
	int rc = 0;

	xenpv_p2m_invalid_page = alloc_page(GFP_KERNEL);
	area = get_vm_area(xenpv_p2m_limit() * sizeof(unsigned long), VM_IOREMAP);
	xenpv_p2m_backed_pages = bitmap_zalloc(xenpv_p2m_limit() / XENPV_P2M_PER_PAGE, GFP_KERNEL);
	if (!xenpv_p2m_invalid_page || !area || !xenpv_p2m_backed_pages)
		return -ENOMEM;
	memset(page_address(xenpv_p2m_invalid_page), 0xff, PAGE_SIZE);
	for (i = 0; i < pages && !rc; i++)
		rc = xenpv_p2m_map(area->addr, i, xenpv_p2m_xen_page(i));
	if (rc)
		return rc;
	bitmap_set(xenpv_p2m_backed_pages, 0, pages);
	for (pfn = xenpv_p2m_boot_size; pfn < pages * XENPV_P2M_PER_PAGE; pfn++)
		xen_p2m_addr[pfn] = xenpv_p2m_default(pfn);
	/* Same pages at both addresses: readers may use either. */
	WRITE_ONCE(xen_p2m_addr, area->addr);
	xen_max_p2m_pfn = xenpv_p2m_limit();
	xenpv_p2m_publish();
	pr_info("p2m: growable to %lu frames beyond the %lu Xen listed\n",
		xenpv_p2m_limit() - xenpv_p2m_boot_size, xenpv_p2m_boot_size);
	return 0;
}

/* Cover frames up to @pfn with the shared invalid page. */
static int xenpv_p2m_extend(unsigned long pfn)
{
	unsigned long i, end = round_up(pfn + 1, XENPV_P2M_PER_PAGE);
	int rc = 0;

	for (i = xen_p2m_size / XENPV_P2M_PER_PAGE; i < end / XENPV_P2M_PER_PAGE && !rc; i++)
		if (!test_bit(i, xenpv_p2m_backed_pages))
			rc = xenpv_p2m_map(xen_p2m_addr, i, xenpv_p2m_invalid_page);
	if (rc)
		return rc;
	/* Entries are mapped before readers may index them. */
	smp_wmb();
	WRITE_ONCE(xen_p2m_size, end);
	xenpv_p2m_publish();
	return 0;
}

/* Give the page of entries holding @pfn a page of its own. */
static int xenpv_p2m_back(unsigned long pfn)
{
	unsigned long index = pfn / XENPV_P2M_PER_PAGE, first = index * XENPV_P2M_PER_PAGE;
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long *entries, i, va;
	int rc;

	if (!page)
		return -ENOMEM;
	entries = page_address(page);
	for (i = 0; i < XENPV_P2M_PER_PAGE; i++)
		entries[i] = xenpv_p2m_default(first + i);
	rc = xenpv_p2m_map(xen_p2m_addr, index, page);
	if (rc) {
		__free_page(page);
		return rc;
	}
	/* No vCPU may keep writing through the shared page's old mapping. */
	va = (unsigned long)&xen_p2m_addr[first];
	flush_tlb_kernel_range(va, va + PAGE_SIZE);
	set_bit(index, xenpv_p2m_backed_pages);
	/* Another page behind the same addresses. */
	xenpv_p2m_publish();
	return 0;
}

static int xenpv_p2m_grow(unsigned long pfn)
{
	int rc = 0;

	if (!xenpv_p2m_backed_pages)
		rc = xenpv_p2m_make_area();
	if (!rc && pfn >= xen_p2m_size)
		rc = xenpv_p2m_extend(pfn);
	if (!rc && !xenpv_p2m_backed(pfn))
		rc = xenpv_p2m_back(pfn);
	return rc;
}

/* How many pages of the list Xen mapped with 2 MiB or 1 GiB pages. */
static unsigned long __init xenpv_p2m_xen_large_pages(void)
{
	unsigned long i, pages = DIV_ROUND_UP(xenpv_p2m_boot_size, XENPV_P2M_PER_PAGE), n = 0;
	unsigned int level;

	for (i = 0; i < pages; i++)
		if (lookup_address((unsigned long)(xen_p2m_addr + i * XENPV_P2M_PER_PAGE), &level) &&
		    level != PG_LEVEL_4K)
			n++;
	return n;
}

/*
 * A list Xen put outside the initial mapping is behind an L4 slot of
 * Xen's making, whose entries are executable and may be superpages the
 * guest cannot change (the W^X check would find them), in a hole of the
 * kernel's layout.  Once vmalloc works, and before other vCPUs run, its
 * pages move to the area growth uses, and the slot is emptied in every
 * page table that copied it: init_top_pgt and the text-poking mm.  Xen's
 * tables then lose their type, and stay reserved with the list.
 */
static int __init xenpv_p2m_leave_xen_slot(void)
{
	unsigned long va = xenpv_p2m_xen_slot_va, large;
	int rc;

	if (!va)
		return 0;
	large = xenpv_p2m_xen_large_pages();
	mutex_lock(&xenpv_p2m_grow_lock);
	rc = xenpv_p2m_make_area();
	mutex_unlock(&xenpv_p2m_grow_lock);
	if (rc) {
		pr_warn("p2m: the list stays in Xen's mapping at %#lx: %d\n", va, rc);
		return 0;
	}
	set_pgd(pgd_offset_k(va), __pgd(0));
	if (poking_mm)
		set_pgd(pgd_offset(poking_mm, va), __pgd(0));
	flush_tlb_all();
	pr_info("p2m: the list Xen mapped at %#lx (%lu of its pages in large mappings) is in the p2m area now\n",
		va, large);
	return 0;
}
early_initcall(xenpv_p2m_leave_xen_slot);

/**
 * xen_alloc_p2m_entry() - make sure @pfn has an entry of its own in the p2m
 * @pfn: a pseudo-physical frame, possibly beyond what the domain started with
 *
 * The balloon driver and the unpopulated-alloc pool call this before they
 * give a frame a machine frame (or a foreign one) with set_phys_to_machine().
 * May sleep: it can map a new page of entries.
 *
 * Return: 0 when the entry exists, -ENOMEM when the p2m cannot grow that
 * far or no page was free, -EAGAIN when called where it must not sleep.
 */
int xen_alloc_p2m_entry(unsigned long pfn)
{
	int rc;

	if (xenpv_p2m_backed(pfn))
		return 0;
	if (pfn >= xenpv_p2m_limit()) {
		pr_warn_once("p2m: frame %#lx is beyond the %lu frames the p2m can cover\n",
			     pfn, xenpv_p2m_limit());
		return -ENOMEM;
	}
	if (WARN_ONCE(!in_task() || irqs_disabled() || !slab_is_available(),
		      "xenpv: p2m: growth for frame %#lx where sleeping is not allowed\n", pfn))
		return -EAGAIN;
	might_sleep();
	mutex_lock(&xenpv_p2m_grow_lock);
	rc = xenpv_p2m_grow(pfn);
	mutex_unlock(&xenpv_p2m_grow_lock);
	if (rc)
		pr_warn("p2m: cannot grow to frame %#lx: %d\n", pfn, rc);
	return rc;
}
EXPORT_SYMBOL(xen_alloc_p2m_entry);

/*
 * A granted frame of another domain, mapped into a user PTE (the map op
 * names the entry) or just granted for device access (it gives the bus
 * address).
 */
static unsigned long xenpv_granted_mfn(const struct gnttab_map_grant_ref *op)
{
	pte_t *pte;

	if (!(op->flags & GNTMAP_contains_pte))
		return PFN_DOWN(op->dev_bus_addr);
	pte = (pte_t *)((unsigned long)mfn_to_virt(PFN_DOWN(op->host_addr)) +
			offset_in_page(op->host_addr));
	return pte_mfn(*pte);
}

/*
 * Grant mappings borrow ballooned pages: their p2m entries name the foreign
 * frame (marked so that nothing mistakes it for ours), and the optional
 * kernel mappings are made next to the user ones.  An auto-translated
 * guest (a PVH dom0 running backends) keeps no p2m: Xen's own second-stage
 * entry for the page already names the granted frame.
 */
int set_foreign_p2m_mapping(struct gnttab_map_grant_ref *map_ops,
			    struct gnttab_map_grant_ref *kmap_ops,
			    struct page **pages, unsigned int count)
{
	unsigned long pfn;
	unsigned int i;

	if (xen_feature(XENFEAT_auto_translated_physmap))
		return 0;
	for (i = 0; i < count; i++) {
		if (map_ops[i].status)
			continue;
		pfn = page_to_pfn(pages[i]);
		WARN(__pfn_to_mfn(pfn) != INVALID_P2M_ENTRY,
		     "xenpv: grant mapped over populated page %#lx\n", pfn);
		if (!set_phys_to_machine(pfn, FOREIGN_FRAME(xenpv_granted_mfn(&map_ops[i]))))
			return -ENOMEM;
		if (kmap_ops &&
		    HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &kmap_ops[i], 1))
			return -EFAULT;
	}
	return 0;
}

int clear_foreign_p2m_mapping(struct gnttab_unmap_grant_ref *unmap_ops,
			      struct gnttab_unmap_grant_ref *kunmap_ops,
			      struct page **pages, unsigned int count)
{
	unsigned int i;
	int rc = 0;

	if (xen_feature(XENFEAT_auto_translated_physmap))
		return 0;
	for (i = 0; i < count; i++) {
		if (unmap_ops[i].status)
			continue;
		set_phys_to_machine(page_to_pfn(pages[i]), INVALID_P2M_ENTRY);
	}
	if (kunmap_ops)
		rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, kunmap_ops, count);
	return rc ? -EFAULT : 0;
}
