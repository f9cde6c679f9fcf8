// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's memory map: which pseudo-physical ranges are RAM, which
 * frames were given back to Xen, and what the balloon driver may fill.
 *
 * A domU asks Xen for its own map; dom0 gets the machine's, because it
 * reaches firmware tables and device memory at their machine addresses.
 * Either way only the first nr_pages frames are backed by memory the
 * domain owns, so RAM beyond them is not RAM for this kernel.
 */
#define pr_fmt(fmt) "xenpv: " fmt

#include <kunit/visibility.h>
#include <linux/init.h>
#include <linux/kstrtox.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/sort.h>
#include <linux/string.h>

#include <asm/e820/api.h>
#include <asm/tlbflush.h>
#include <asm/x86_init.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>
#include <xen/interface/memory.h>
#include <xen/mem-reservation.h>
#include <xen/page.h>
#include <xen/xen.h>

#include "xen-ops.h"

/* RAM beyond the initial allocation, handed to the balloon driver. */
struct xen_memory_region xen_extra_mem[XEN_EXTRA_MEM_MAX_REGIONS] __initdata;

/* Frames given back to Xen at boot and not yet populated again. */
unsigned long xen_released_pages;

static struct e820_entry xenpv_xen_map[E820_MAX_ENTRIES] __initdata;

/*
 * Whether a PCI device may be passed through to this domU: the toolstack
 * then gives it the host's memory map (e820_host), with reserved ranges
 * in it.  The PCI frontend's DMA needs swiotlb-xen then (pci-dma.c).
 */
bool xen_pv_pci_possible;

static void __init xenpv_note_pci_holes(unsigned int entries)
{
	unsigned int i;

	for (i = 0; i < entries; i++)
		if (xenpv_xen_map[i].type == E820_TYPE_RESERVED)
			xen_pv_pci_possible = true;
}

#define XENPV_512GB	(512ULL << 30)

/**
 * xenpv_parse_512gb_limit() - read xen_512gb_limit=<bool> from a command
 * line
 * @cmdline: the command line
 * @fallback: the answer when it is absent or malformed
 *
 * The option keeps a domU's RAM below 512 GiB.  The memory map is decided
 * before early parameters are parsed, so boot reads start_info's command
 * line with this.  The name alone means on; a value that is not a boolean
 * is reported and ignored.
 *
 * Return: whether to keep RAM below 512 GiB.
 */
VISIBLE_IF_KUNIT bool xenpv_parse_512gb_limit(const char *cmdline, bool fallback)
{
	static const char name[] = "xen_512gb_limit";
	const char *arg = cmdline;
	char value[8] = "";
	bool limit;

	/* The name as a word of its own, not the end of another option. */
	while ((arg = strstr(arg, name)) && arg != cmdline && arg[-1] != ' ')
		arg += sizeof(name) - 1;
	if (!arg)
		return fallback;
	arg += sizeof(name) - 1;
	if (*arg == ' ' || !*arg)
		return true;
	if (*arg == '=')
		sscanf(arg + 1, "%7s", value);
	if (kstrtobool(value, &limit)) {
		xenpv_early_printf("xenpv: xen_512gb_limit=%s is not a boolean; keeping %d\n",
				   value, fallback);
		return fallback;
	}
	return limit;
}

/* Xen's map; without one, a domU's memory is all RAM. */
static unsigned int __init xenpv_fetch_map(u64 ram_end)
{
	struct xen_memory_map map = { .nr_entries = ARRAY_SIZE(xenpv_xen_map) };
	int op = xen_initial_domain() ? XENMEM_machine_memory_map : XENMEM_memory_map;
	int rc;

	set_xen_guest_handle(map.buffer, xenpv_xen_map);
	rc = HYPERVISOR_memory_op(op, &map);
	if (!rc) {
		xenpv_note_pci_holes(map.nr_entries);
		return map.nr_entries;
	}
	/* dom0 cannot guess where firmware and devices are. */
	if (xen_initial_domain())
		xenpv_die("Xen gave no machine memory map: %d\n", rc);
	xenpv_xen_map[0] = (struct e820_entry){ 0, ram_end, E820_TYPE_RAM };
	return 1;
}

/**
 * xenpv_clip_ram() - the part of one entry of Xen's map the kernel may use
 * @e: the entry
 * @ram_end: where the domain's own memory ends
 * @dom0: whether this is dom0, whose map is the machine's
 * @out: room for two entries
 *
 * RAM below @ram_end is ours.  Above it, a domU has nothing; dom0 keeps
 * the machine's RAM out of the kernel's hands as unusable (it belongs to
 * Xen or other domains, and must not look like a free hole for PCI
 * windows).  Other types pass unchanged.
 *
 * Return: how many entries of @out were filled, 0 to 2.
 */
VISIBLE_IF_KUNIT unsigned int xenpv_clip_ram(const struct e820_entry *e, u64 ram_end, bool dom0,
			    struct e820_entry *out)
{
	u64 start = e->addr, end = e->addr + e->size;
	unsigned int n = 0;

	if (e->type != E820_TYPE_RAM) {
		out[n++] = *e;
		return n;
	}
	if (start < ram_end)
		out[n++] = (struct e820_entry){ start, min(end, ram_end) - start, E820_TYPE_RAM };
	if (end > ram_end && dom0)
		out[n++] = (struct e820_entry){ max(start, ram_end), end - max(start, ram_end),
						E820_TYPE_UNUSABLE };
	return n;
}

static void __init xenpv_add_entry(const struct e820_entry *e, u64 ram_end)
{
	struct e820_entry part[2];
	unsigned int i, n = xenpv_clip_ram(e, ram_end, xen_initial_domain(), part);

	for (i = 0; i < n; i++)
		e820__range_add(part[i].addr, part[i].size, part[i].type);
}

/*
 * dom0 reaches firmware (the BIOS area, where ACPI's RSDP lives) and
 * devices at their machine addresses.  A frame below nr_pages that the
 * machine map does not call RAM is therefore given its machine frame of
 * the same number; the RAM Xen had put behind it is unmapped and returned.
 */
static void __init xenpv_identity_frame(unsigned long pfn)
{
	struct xen_memory_reservation give = {
		.nr_extents = 1, .extent_order = 0, .domid = DOMID_SELF,
	};
	xen_pfn_t mfn = pfn_to_mfn(pfn);

	if (HYPERVISOR_update_va_mapping((unsigned long)__va(PFN_PHYS(pfn)), __pte_ma(0), 0))
		xenpv_die("cannot unmap frame %#lx\n", pfn);
	set_xen_guest_handle(give.extent_start, &mfn);
	if (HYPERVISOR_memory_op(XENMEM_decrease_reservation, &give) == 1)
		xen_released_pages++;
	__set_phys_to_machine(pfn, IDENTITY_FRAME(pfn));
}

/**
 * xenpv_next_hole() - the next frames that are not wholly RAM
 * @map: a memory map, sorted and without overlaps (as e820 keeps it)
 * @pfn: the first frame to look at
 * @end: the frame to stop at
 * @hole_end: set to the first frame past the hole
 *
 * A frame that RAM covers only in part counts as a hole: the kernel
 * cannot use it as RAM.  The map's entries are walked, not its frames,
 * so that a large domain's map costs a few steps.
 *
 * Return: the first frame of the hole, or @end when there is none.
 */
VISIBLE_IF_KUNIT unsigned long xenpv_next_hole(const struct e820_table *map, unsigned long pfn,
			      unsigned long end, unsigned long *hole_end)
{
	const struct e820_entry *e;
	unsigned long first, last;

	for (e = map->entries; e < map->entries + map->nr_entries && pfn < end; e++) {
		first = PFN_UP(e->addr);
		last = PFN_DOWN(e->addr + e->size);
		if (e->type != E820_TYPE_RAM || last <= pfn || last <= first)
			continue;
		if (first > pfn) {
			*hole_end = min(first, end);
			return pfn;
		}
		pfn = last;
	}
	*hole_end = end;
	return min(pfn, end);
}

static void __init xenpv_identity_map_non_ram(unsigned long nr_pages)
{
	unsigned long pfn = 0, hole_end;

	while ((pfn = xenpv_next_hole(e820_table, pfn, nr_pages, &hole_end)) < nr_pages)
		for (; pfn < hole_end; pfn++)
			xenpv_identity_frame(pfn);
	__flush_tlb_all();
}

/**
 * xenpv_place_room() - pseudo-physical frames for RAM the domain may get
 * later
 * @map: the memory map Xen gave (a PV domain's) or the firmware's (a PVH
 *	dom0's), sorted by address
 * @entries: its length
 * @type: the type of the entries the room may take: E820_TYPE_RAM for a
 *	PV domain, whose map from Xen has RAM beyond what it was given;
 *	E820_TYPE_UNUSABLE for a PVH dom0 (pvh.c)
 * @from: the first frame the room may take (for a PV domain the end of
 *	its boot RAM)
 * @limit: the frame the room stays below
 * @pages: how many frames to place
 * @past_map: whether the room may go past the map's last entry
 * @out: room for XEN_EXTRA_MEM_MAX_REGIONS regions
 *
 * The room goes where the map has entries of @type from @from on, so
 * that dom0's, whose pseudo-physical addresses of firmware and devices
 * are the machine's, never covers either.  A domU's map says nothing about the
 * frames past it, so a domU's room may continue there.
 *
 * Return: the regions filled; together they hold @pages frames or fewer.
 */
unsigned int xenpv_place_room(const struct e820_entry *map, unsigned int entries,
			      enum e820_type type, unsigned long from,
			      unsigned long limit, unsigned long pages, bool past_map,
			      struct xen_memory_region *out)
{
	unsigned long first, last, map_end = from;
	unsigned int i, n = 0;

	for (i = 0; i < entries; i++) {
		map_end = max(map_end, PFN_UP(map[i].addr + map[i].size));
		first = max(PFN_UP(map[i].addr), from);
		last = min(PFN_DOWN(map[i].addr + map[i].size), limit);
		if (map[i].type != type || first >= last || !pages ||
		    n == XEN_EXTRA_MEM_MAX_REGIONS)
			continue;
		out[n] = (struct xen_memory_region){ first, min(last - first, pages) };
		pages -= out[n++].n_pfns;
	}
	if (past_map && pages && map_end < limit && n < XEN_EXTRA_MEM_MAX_REGIONS)
		out[n++] = (struct xen_memory_region){ map_end, min(limit - map_end, pages) };
	return n;
}

/*
 * Struct pages exist a memory section at a time (128 MiB of frames on
 * x86-64, 2 MiB of struct pages): a room whose end spills into a section
 * of its own by fewer frames than the section's struct pages take costs
 * more than it can ever hold.  That is what a domU with maxmem equal to
 * its memory has: its map from Xen runs 1 MiB past the memory (libxl's
 * slack), which the toolstack never fills.  Such a tail is left out; the
 * room keeps the section its RAM ends in and any longer tail.
 */
VISIBLE_IF_KUNIT unsigned int xenpv_trim_room(struct xen_memory_region *r, unsigned int n,
					      unsigned long ram_end, unsigned long section)
{
	unsigned long memmap_frames = section * sizeof(struct page) / PAGE_SIZE;
	unsigned long tail, end = 0;
	unsigned int i, kept = 0;

	for (i = 0; i < n; i++)
		end = max(end, r[i].start_pfn + r[i].n_pfns);
	tail = max(ALIGN(ram_end, section), ALIGN_DOWN(end, section));
	if (end <= tail || end - tail >= memmap_frames)
		return n;
	for (i = 0; i < n; i++) {
		if (r[i].start_pfn >= tail)
			continue;
		r[kept].start_pfn = r[i].start_pfn;
		r[kept++].n_pfns = min(r[i].n_pfns, tail - r[i].start_pfn);
	}
	return kept;
}

/* Frames of RAM in @map from frame @from on. */
static unsigned long __init xenpv_ram_frames_from(const struct e820_entry *map,
						  unsigned int entries, unsigned long from)
{
	unsigned long first, last, frames = 0;
	unsigned int i;

	for (i = 0; i < entries; i++) {
		first = max(PFN_UP(map[i].addr), from);
		last = PFN_DOWN(map[i].addr + map[i].size);
		if (map[i].type == E820_TYPE_RAM && first < last)
			frames += last - first;
	}
	return frames;
}

/*
 * Frames the domain may grow by, beyond those it started with.  Xen's
 * maximum reservation is dom0's limit; a domU's only follows its target
 * up, and the toolstack describes its static maximum ("maxmem") as RAM
 * in its memory map instead.
 */
static unsigned long __init xenpv_balloon_room(unsigned int entries)
{
	unsigned long nr = xen_start_info->nr_pages, room = 0;
	domid_t self = DOMID_SELF;
	long max = HYPERVISOR_memory_op(XENMEM_maximum_reservation, &self);

	if (max > 0 && max > nr)
		room = max - nr;
	if (!xen_initial_domain())
		room = max(room, xenpv_ram_frames_from(xenpv_xen_map, entries, nr));
	return min(room, XENPV_ROOM_RATIO * nr);
}

static int __init xenpv_cmp_entry(const void *a, const void *b)
{
	const struct e820_entry *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/*
 * The room is RAM to the kernel, reserved so that nothing allocates it,
 * with invalid p2m entries: the balloon driver (xen_extra_mem) hands its
 * frames out once Xen backs them.  dom0's first frames of it take back
 * what dom0 gave Xen under the holes of the machine map.
 */
static void __init xenpv_add_room(unsigned int entries)
{
	struct xen_memory_region *r = xen_extra_mem;
	unsigned long want;
	unsigned int i, n;

	sort(xenpv_xen_map, entries, sizeof(*xenpv_xen_map), xenpv_cmp_entry, NULL);
	want = xenpv_balloon_room(entries) + xen_released_pages;
	n = xenpv_place_room(xenpv_xen_map, entries, E820_TYPE_RAM,
			     xen_start_info->nr_pages, PFN_DOWN(XENPV_512GB), want,
			     !xen_initial_domain(), r);
	for (i = 0; i < n; i++)
		want -= r[i].n_pfns;
	if (want)
		pr_info("memory: no room for %lu frames to balloon into\n", want);
	if (!xen_initial_domain())
		n = xenpv_trim_room(r, n, xen_start_info->nr_pages, PAGES_PER_SECTION);
	for (i = 0; i < n; i++) {
		e820__range_remove(PFN_PHYS(r[i].start_pfn), PFN_PHYS(r[i].n_pfns),
				   E820_TYPE_UNUSABLE, true);
		e820__range_add(PFN_PHYS(r[i].start_pfn), PFN_PHYS(r[i].n_pfns), E820_TYPE_RAM);
		memblock_reserve(PFN_PHYS(r[i].start_pfn), PFN_PHYS(r[i].n_pfns));
		xenpv_p2m_add_unpopulated(r[i].start_pfn, r[i].n_pfns);
	}
	e820__update_table(e820_table);
}

static char *__init xenpv_memory_setup(void)
{
	u64 ram_end = PFN_PHYS(xen_start_info->nr_pages);
	unsigned int i, n;

	if (!xen_initial_domain() && ram_end > XENPV_512GB &&
	    xenpv_parse_512gb_limit(xen_start_info->cmd_line, IS_ENABLED(CONFIG_XEN_512GB)))
		ram_end = XENPV_512GB;
	n = xenpv_fetch_map(ram_end);

	e820_table->nr_entries = 0;
	for (i = 0; i < n; i++)
		xenpv_add_entry(&xenpv_xen_map[i], ram_end);
	e820__update_table(e820_table);
	if (xen_initial_domain())
		xenpv_identity_map_non_ram(xen_start_info->nr_pages);
	xenpv_add_room(n);
	return "Xen";
}

/* Populate @n frames of the room from @pfn on; returns how many Xen gave. */
static unsigned long __init xenpv_populate_room(unsigned long pfn, unsigned long n)
{
	xen_pfn_t frames[64];
	struct page *pages[64];
	unsigned long i;
	int got;

	n = min(n, ARRAY_SIZE(frames));
	for (i = 0; i < n; i++) {
		if (xen_alloc_p2m_entry(pfn + i))
			break;
		frames[i] = pfn + i;
		pages[i] = pfn_to_page(pfn + i);
	}
	got = i ? xenmem_reservation_increase(i, frames) : 0;
	if (got <= 0)
		return 0;
	xenmem_reservation_va_mapping_update(got, pages, frames);
	for (i = 0; i < got; i++)
		free_reserved_page(pages[i]);
	return got;
}

/*
 * dom0 gave Xen the frames under the holes of the machine map at boot,
 * when its p2m could not yet hold entries past the list Xen built.  Now
 * that it can, dom0 takes as many back at the start of its room, so that
 * it keeps every frame it was given; what Xen will not give back stays
 * room for the balloon.  Before the balloon driver reads the room.
 */
static int __init xenpv_refill_released(void)
{
	struct xen_memory_region *r = xen_extra_mem;
	unsigned long released = xen_released_pages, got;

	if (!xen_pv_domain() || !released)
		return 0;
	for (; r < xen_extra_mem + XEN_EXTRA_MEM_MAX_REGIONS && xen_released_pages; r++) {
		while (r->n_pfns && xen_released_pages) {
			got = xenpv_populate_room(r->start_pfn, min(r->n_pfns, xen_released_pages));
			if (!got)
				goto out;
			r->start_pfn += got;
			r->n_pfns -= got;
			xen_released_pages -= got;
		}
	}
out:
	pr_info("memory: %lu frames under holes of the memory map given back to Xen, %lu populated again above RAM\n",
		released, released - xen_released_pages);
	return 0;
}
arch_initcall(xenpv_refill_released);

/**
 * xenpv_install_memory_hooks() - let x86 boot ask Xen about memory
 */
void __init xenpv_install_memory_hooks(void)
{
	x86_init.resources.memory_setup = xenpv_memory_setup;
	/*
	 * A PV vCPU never runs in real mode and no firmware shares the
	 * guest's low memory: no trampoline, and the first MiB is RAM.
	 */
	x86_platform.realmode_reserve = x86_init_noop;
	x86_platform.realmode_init = x86_init_noop;
}
