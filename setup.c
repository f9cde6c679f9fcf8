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
#include <kunit/visibility.h>
#include <linux/init.h>
#include <linux/kstrtox.h>
#include <linux/memblock.h>
#include <linux/string.h>

#include <asm/e820/api.h>
#include <asm/tlbflush.h>
#include <asm/x86_init.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <asm/xen/page.h>
#include <xen/interface/memory.h>
#include <xen/page.h>
#include <xen/xen.h>

#include "xen-ops.h"

/* RAM beyond the initial allocation, handed to the balloon driver. */
struct xen_memory_region xen_extra_mem[XEN_EXTRA_MEM_MAX_REGIONS] __initdata;

/* Frames returned to Xen at boot; the balloon may claim them back. */
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
	return "Xen";
}

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
