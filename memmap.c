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

#include "xenpv.h"

/* RAM beyond the initial allocation, handed to the balloon driver. */
struct xen_memory_region xen_extra_mem[XEN_EXTRA_MEM_MAX_REGIONS] __initdata;

/* Frames returned to Xen at boot; the balloon may claim them back. */
unsigned long xen_released_pages;

static struct e820_entry xenpv_xen_map[E820_MAX_ENTRIES] __initdata;

#define XENPV_512GB	(512ULL << 30)

/*
 * xen_512gb_limit=<bool> (default CONFIG_XEN_512GB): keep a domU's RAM
 * below 512 GiB.  The memory map is decided before early parameters are
 * parsed, so it is read from start_info's command line directly.
 */
static bool __init xenpv_limit_512gb(void)
{
	const char *arg = strstr(xen_start_info->cmd_line, "xen_512gb_limit");
	char value[8] = "";
	bool limit;

	if (!arg)
		return IS_ENABLED(CONFIG_XEN_512GB);
	arg += strlen("xen_512gb_limit");
	if (*arg == ' ' || !*arg)
		return true;
	if (*arg == '=')
		sscanf(arg + 1, "%7s", value);
	if (kstrtobool(value, &limit)) {
		xenpv_early_printf("xenpv: xen_512gb_limit=%s is not a boolean; keeping %s\n",
				   value, IS_ENABLED(CONFIG_XEN_512GB) ? "1" : "0");
		return IS_ENABLED(CONFIG_XEN_512GB);
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
	if (!rc)
		return map.nr_entries;
	/* dom0 cannot guess where firmware and devices are. */
	if (xen_initial_domain())
		xenpv_die("Xen gave no machine memory map: %d\n", rc);
	xenpv_xen_map[0] = (struct e820_entry){ 0, ram_end, E820_TYPE_RAM };
	return 1;
}

/*
 * Add one entry of Xen's map: RAM below @ram_end is ours; dom0 keeps
 * machine RAM above it out of the kernel's hands (it belongs to Xen or
 * other domains, and must not look like a free hole for PCI windows).
 */
static void __init xenpv_add_entry(const struct e820_entry *e, u64 ram_end)
{
	u64 start = e->addr, end = e->addr + e->size;

	if (e->type != E820_TYPE_RAM) {
		e820__range_add(start, e->size, e->type);
		return;
	}
	if (start < ram_end)
		e820__range_add(start, min(end, ram_end) - start, E820_TYPE_RAM);
	if (end > ram_end && xen_initial_domain())
		e820__range_add(max(start, ram_end), end - max(start, ram_end),
				E820_TYPE_UNUSABLE);
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

static void __init xenpv_identity_map_non_ram(unsigned long nr_pages)
{
	unsigned long pfn;

	for (pfn = 0; pfn < nr_pages; pfn++)
		if (!e820__mapped_all(PFN_PHYS(pfn), PFN_PHYS(pfn + 1), E820_TYPE_RAM))
			xenpv_identity_frame(pfn);
	__flush_tlb_all();
}

static char *__init xenpv_memory_setup(void)
{
	u64 ram_end = PFN_PHYS(xen_start_info->nr_pages);
	unsigned int i, n;

	if (!xen_initial_domain() && ram_end > XENPV_512GB && xenpv_limit_512gb())
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
}
