// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the port's own logic, run at boot in the guest they test
 * (they talk to the real Xen underneath).  The harness counts their KTAP
 * results from the console.
 */
#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include <asm/desc.h>
#include <asm/e820/types.h>
#include <asm/idtentry.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/interface.h>
#include <asm/xen/page.h>
#include <xen/interface/version.h>
#include <xen/page.h>
#include <xen/xen-ops.h>
#include <xen/xen.h>

#include "xen-ops.h"

/*
 * Suites that ask Xen something, or read what the port set up at boot,
 * run only in a PV guest; the others test plain logic and run anywhere,
 * kunit.py's QEMU included (.kunitconfig).
 */
static int xenpv_kunit_init(struct kunit *test)
{
	if (!xen_pv_domain())
		kunit_skip(test, "not a Xen PV guest");
	return 0;
}

/* Page-table entries: pseudo-physical outside, machine inside. */

static void entry_round_trip(struct kunit *test)
{
	void *page = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	unsigned long pfn = PFN_DOWN(__pa(page));
	u64 ours = PFN_PHYS(pfn) | _PAGE_PRESENT | _PAGE_RW | _PAGE_NX;
	u64 theirs = xenpv_entry_to_machine(ours);

	KUNIT_EXPECT_EQ(test, theirs >> PAGE_SHIFT & (PTE_PFN_MASK >> PAGE_SHIFT),
			(u64)pfn_to_mfn(pfn));
	KUNIT_EXPECT_EQ(test, theirs & ~PTE_PFN_MASK, ours & ~PTE_PFN_MASK);
	KUNIT_EXPECT_EQ(test, xenpv_entry_from_machine(theirs), ours);
}

static void entry_not_present_unchanged(struct kunit *test)
{
	u64 swap_entry = 0x123456789000ULL | _PAGE_PROTNONE;

	KUNIT_EXPECT_EQ(test, xenpv_entry_to_machine(0), 0ULL);
	KUNIT_EXPECT_EQ(test, xenpv_entry_to_machine(swap_entry), swap_entry);
	KUNIT_EXPECT_EQ(test, xenpv_entry_from_machine(swap_entry), swap_entry);
}

/* Frames past the p2m map the machine frame of the same number. */
static void entry_beyond_p2m_is_identity(struct kunit *test)
{
	unsigned long pfn = xen_max_p2m_pfn + 16;
	u64 ours = PFN_PHYS(pfn) | _PAGE_PRESENT;

	KUNIT_EXPECT_EQ(test, xenpv_entry_to_machine(ours), ours);
}

/*
 * The assembly ops give what the C versions give, for frames of this
 * domain, frames past the p2m and machine frames of every kind, with the
 * flag bits of a user, a kernel and a no-execute entry.
 */
static const u64 entry_flags[] = {
	_PAGE_PRESENT,
	_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY,
	_PAGE_PRESENT | _PAGE_RW | _PAGE_GLOBAL | _PAGE_NX | _PAGE_PCD,
	_PAGE_PROTNONE | _PAGE_ACCESSED,
};

static void entry_fast_matches_c(struct kunit *test)
{
	unsigned long end = xen_max_p2m_pfn + 64, step = end / 4096 + 1, frame;
	unsigned int i;
	u64 val;

	for (frame = 0; frame < end; frame += step) {
		for (i = 0; i < ARRAY_SIZE(entry_flags); i++) {
			val = PFN_PHYS(frame) | entry_flags[i];
			KUNIT_EXPECT_EQ(test, xenpv_entry_to_machine_fast(val),
					xenpv_entry_to_machine(val));
			val = xenpv_entry_to_machine(val);
			KUNIT_EXPECT_EQ(test, xenpv_entry_from_machine_fast(val),
					xenpv_entry_from_machine(val));
		}
	}
	end = machine_to_phys_nr + 64;
	for (frame = 0; frame < end; frame += end / 4096 + 1) {
		val = PFN_PHYS(frame) | entry_flags[1];
		KUNIT_EXPECT_EQ(test, xenpv_entry_from_machine_fast(val),
				xenpv_entry_from_machine(val));
	}
}

static struct kunit_case xenpv_entry_cases[] = {
	KUNIT_CASE(entry_round_trip),
	KUNIT_CASE(entry_fast_matches_c),
	KUNIT_CASE(entry_not_present_unchanged),
	KUNIT_CASE(entry_beyond_p2m_is_identity),
	{}
};

static struct kunit_suite xenpv_entry_suite = {
	.name = "xenpv_entries",
	.init = xenpv_kunit_init,
	.test_cases = xenpv_entry_cases,
};

/* The trap table Xen gets from the kernel's IDT. */

static gate_desc xenpv_gate(void (*handler)(void), unsigned int type, unsigned int dpl)
{
	struct idt_bits bits = { .type = type, .dpl = dpl, .p = 1 };
	gate_desc gate;

	pack_gate(&gate, type, (unsigned long)handler, dpl, 0, __KERNEL_CS);
	gate.bits = bits;
	return gate;
}

static void trap_page_fault_masks_events(struct kunit *test)
{
	gate_desc gate = xenpv_gate(asm_exc_page_fault, GATE_INTERRUPT, 0);
	struct trap_info trap;

	KUNIT_ASSERT_TRUE(test, xenpv_gate_to_trap(X86_TRAP_PF, &gate, &trap));
	KUNIT_EXPECT_EQ(test, trap.vector, X86_TRAP_PF);
	KUNIT_EXPECT_EQ(test, trap.address, (unsigned long)xen_asm_exc_page_fault);
	KUNIT_EXPECT_EQ(test, trap.flags, 4);
}

static void trap_int3_reachable_from_user(struct kunit *test)
{
	gate_desc gate = xenpv_gate(asm_exc_int3, GATE_TRAP, 3);
	struct trap_info trap;

	KUNIT_ASSERT_TRUE(test, xenpv_gate_to_trap(X86_TRAP_BP, &gate, &trap));
	KUNIT_EXPECT_EQ(test, trap.flags, 3);
}

/* #NMI and #DF use an IST natively; under Xen they run on the kernel stack. */
static void trap_ist_vectors_rerouted(struct kunit *test)
{
	gate_desc nmi = xenpv_gate(asm_exc_nmi, GATE_INTERRUPT, 0);
	gate_desc df = xenpv_gate(asm_exc_double_fault, GATE_INTERRUPT, 0);
	struct trap_info trap;

	KUNIT_ASSERT_TRUE(test, xenpv_gate_to_trap(X86_TRAP_NMI, &nmi, &trap));
	KUNIT_EXPECT_EQ(test, trap.address, (unsigned long)xen_asm_xenpv_exc_nmi);
	KUNIT_ASSERT_TRUE(test, xenpv_gate_to_trap(X86_TRAP_DF, &df, &trap));
	KUNIT_EXPECT_EQ(test, trap.address, (unsigned long)xen_asm_xenpv_exc_double_fault);
}

static void trap_unknown_exception_and_irq(struct kunit *test)
{
	gate_desc odd = xenpv_gate(asm_exc_int3, GATE_INTERRUPT, 0);
	gate_desc absent = { };
	struct trap_info trap;

	/* An exception vector with a handler Xen has no stub for. */
	odd = xenpv_gate((void (*)(void))xenpv_kunit_init, GATE_INTERRUPT, 0);
	KUNIT_ASSERT_TRUE(test, xenpv_gate_to_trap(X86_TRAP_OLD_MF, &odd, &trap));
	KUNIT_EXPECT_EQ(test, trap.address, (unsigned long)xen_asm_exc_xen_unknown_trap);
	/* A device interrupt vector: delivered as an event, not a trap. */
	KUNIT_EXPECT_FALSE(test, xenpv_gate_to_trap(0x40, &odd, &trap));
	KUNIT_EXPECT_FALSE(test, xenpv_gate_to_trap(X86_TRAP_PF, &absent, &trap));
}

/* A TLS slot is rewritten only when it holds another descriptor. */
static void descriptor_tls_slot_compare(struct kunit *test)
{
	struct desc_struct none = { };
	struct desc_struct tls = GDT_ENTRY_INIT((DESC_DATA32 & ~_DESC_ACCESSED) | DESC_USER,
						0x1000, 0xfffff);
	struct desc_struct used = tls, other = tls;

	used.type |= 1;		/* accessed, as the CPU marks it */
	other.base0 = 0x2000;
	KUNIT_EXPECT_TRUE(test, xenpv_descriptor_current(&none, &none));
	KUNIT_EXPECT_TRUE(test, xenpv_descriptor_current(&tls, &tls));
	KUNIT_EXPECT_TRUE(test, xenpv_descriptor_current(&used, &tls));
	KUNIT_EXPECT_FALSE(test, xenpv_descriptor_current(&none, &tls));
	KUNIT_EXPECT_FALSE(test, xenpv_descriptor_current(&tls, &none));
	KUNIT_EXPECT_FALSE(test, xenpv_descriptor_current(&other, &tls));
}

/*
 * An LDT page Xen still holds for a vCPU is handed back all the same: the
 * free hook makes every vCPU reload its mm's LDT, then retries.
 */
static void descriptor_ldt_freed_while_loaded(struct kunit *test)
{
	u16 sel = SEGMENT_LDT | 3, saved;
	struct desc_struct *ldt;

	if (!xen_pv_domain())
		kunit_skip(test, "not a Xen PV guest");
	ldt = (void *)get_zeroed_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ldt);
	ldt[0] = (struct desc_struct)GDT_ENTRY_INIT(DESC_DATA32 | DESC_USER, 0, 0xfffff);
	preempt_disable();
	xenpv_alloc_ldt(ldt, 1);
	xenpv_set_ldt(ldt, 1);
	/* Xen maps the page into this vCPU's LDT on the first selector load. */
	savesegment(es, saved);
	loadsegment(es, sel);
	loadsegment(es, saved);
	KUNIT_EXPECT_NE(test, xenpv_set_page_ro(PFN_DOWN(__pa(ldt)), false), 0);
	xenpv_free_ldt(ldt, 1);
	KUNIT_EXPECT_TRUE(test, xenpv_va_writable(ldt));
	preempt_enable();
	free_page((unsigned long)ldt);
}

static struct kunit_case xenpv_trap_cases[] = {
	KUNIT_CASE(trap_page_fault_masks_events),
	KUNIT_CASE(trap_int3_reachable_from_user),
	KUNIT_CASE(trap_ist_vectors_rerouted),
	KUNIT_CASE(trap_unknown_exception_and_irq),
	KUNIT_CASE(descriptor_tls_slot_compare),
	KUNIT_CASE(descriptor_ldt_freed_while_loaded),
	{}
};

static struct kunit_suite xenpv_trap_suite = {
	.name = "xenpv_traps",
	.test_cases = xenpv_trap_cases,
};

/* What CPUID shows the kernel. */

static void cpuid_hides_unusable_features(struct kunit *test)
{
	unsigned int eax = 1, ebx = 0, ecx = 0, edx = 0;

	cpuid(1, &eax, &ebx, &ecx, &edx);
	KUNIT_EXPECT_FALSE(test, ecx & BIT(X86_FEATURE_MWAIT % 32));
	KUNIT_EXPECT_FALSE(test, ecx & BIT(X86_FEATURE_X2APIC % 32));
	KUNIT_EXPECT_FALSE(test, ecx & BIT(X86_FEATURE_PCID % 32));
	KUNIT_EXPECT_FALSE(test, edx & BIT(X86_FEATURE_MTRR % 32));
	KUNIT_EXPECT_TRUE(test, boot_cpu_has(X86_FEATURE_XENPV));
}

static struct kunit_case xenpv_cpuid_cases[] = {
	KUNIT_CASE(cpuid_hides_unusable_features),
	{}
};

static struct kunit_suite xenpv_cpuid_suite = {
	.name = "xenpv_cpuid",
	.init = xenpv_kunit_init,
	.test_cases = xenpv_cpuid_cases,
};

/* Multicall batches: calls run in order, callbacks after them. */

struct xenpv_mc_probe {
	struct multicall_entry *call[2];
	long seen[2];
	int runs;
};

static void xenpv_mc_probe_after(void *data)
{
	struct xenpv_mc_probe *probe = data;

	probe->seen[0] = probe->call[0]->result;
	probe->seen[1] = probe->call[1]->result;
	probe->runs++;
}

static void multicall_batch_then_callback(struct kunit *test)
{
	struct xenpv_mc_probe probe = { };
	unsigned long flags;
	int i;

	local_irq_save(flags);
	xenpv_mc_flush();
	for (i = 0; i < 2; i++) {
		probe.call[i] = xenpv_mc_add(__HYPERVISOR_xen_version, 0, NULL);
		probe.call[i]->args[0] = XENVER_version;
		probe.call[i]->args[1] = 0;
	}
	xenpv_mc_after(xenpv_mc_probe_after, &probe);
	KUNIT_EXPECT_EQ(test, probe.runs, 0);
	xenpv_mc_flush();
	local_irq_restore(flags);

	KUNIT_EXPECT_EQ(test, probe.runs, 1);
	/* Both calls ran, and answered what a direct hypercall does. */
	KUNIT_EXPECT_EQ(test, probe.seen[0], (long)HYPERVISOR_xen_version(XENVER_version, NULL));
	KUNIT_EXPECT_EQ(test, probe.seen[1], probe.seen[0]);
}

static struct kunit_case xenpv_multicall_cases[] = {
	KUNIT_CASE(multicall_batch_then_callback),
	{}
};

static struct kunit_suite xenpv_multicall_suite = {
	.name = "xenpv_multicall",
	.init = xenpv_kunit_init,
	.test_cases = xenpv_multicall_cases,
};

/* The memory map: what of Xen's map the kernel may use as RAM. */

#define XENPV_GIB	(1ULL << 30)

static void memmap_ram_below_end_kept(struct kunit *test)
{
	struct e820_entry ram = { 0x100000, XENPV_GIB, E820_TYPE_RAM }, out[2];

	KUNIT_ASSERT_EQ(test, xenpv_clip_ram(&ram, 4 * XENPV_GIB, false, out), 1U);
	KUNIT_EXPECT_EQ(test, out[0].addr, ram.addr);
	KUNIT_EXPECT_EQ(test, out[0].size, ram.size);
	KUNIT_EXPECT_EQ(test, out[0].type, E820_TYPE_RAM);
}

static void memmap_straddling_ram_split(struct kunit *test)
{
	struct e820_entry ram = { XENPV_GIB, 2 * XENPV_GIB, E820_TYPE_RAM }, out[2];

	/* A domU keeps what lies below its end, and nothing above it. */
	KUNIT_ASSERT_EQ(test, xenpv_clip_ram(&ram, 2 * XENPV_GIB, false, out), 1U);
	KUNIT_EXPECT_EQ(test, out[0].size, XENPV_GIB);
	/* dom0 marks the machine's RAM above its end unusable. */
	KUNIT_ASSERT_EQ(test, xenpv_clip_ram(&ram, 2 * XENPV_GIB, true, out), 2U);
	KUNIT_EXPECT_EQ(test, out[0].addr + out[0].size, 2 * XENPV_GIB);
	KUNIT_EXPECT_EQ(test, out[1].addr, 2 * XENPV_GIB);
	KUNIT_EXPECT_EQ(test, out[1].size, XENPV_GIB);
	KUNIT_EXPECT_EQ(test, out[1].type, E820_TYPE_UNUSABLE);
}

static void memmap_ram_above_end(struct kunit *test)
{
	struct e820_entry ram = { 8 * XENPV_GIB, XENPV_GIB, E820_TYPE_RAM }, out[2];

	KUNIT_EXPECT_EQ(test, xenpv_clip_ram(&ram, 4 * XENPV_GIB, false, out), 0U);
	KUNIT_ASSERT_EQ(test, xenpv_clip_ram(&ram, 4 * XENPV_GIB, true, out), 1U);
	KUNIT_EXPECT_EQ(test, out[0].addr, 8 * XENPV_GIB);
	KUNIT_EXPECT_EQ(test, out[0].type, E820_TYPE_UNUSABLE);
}

static void memmap_other_types_unchanged(struct kunit *test)
{
	struct e820_entry acpi = { 0xfee00000, 0x1000, E820_TYPE_ACPI }, out[2];

	KUNIT_ASSERT_EQ(test, xenpv_clip_ram(&acpi, 0x1000, false, out), 1U);
	KUNIT_EXPECT_EQ(test, out[0].addr, acpi.addr);
	KUNIT_EXPECT_EQ(test, out[0].type, E820_TYPE_ACPI);
}

/* A map of RAM below 640 KiB, firmware up to 1 MiB, then RAM to 64 MiB. */
static struct e820_table *memmap_pc_layout(struct kunit *test)
{
	struct e820_table *map = kunit_kzalloc(test, sizeof(*map), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, map);
	map->entries[0] = (struct e820_entry){ 0, 0x9f000, E820_TYPE_RAM };
	map->entries[1] = (struct e820_entry){ 0x9f000, 0x61000, E820_TYPE_RESERVED };
	map->entries[2] = (struct e820_entry){ 0x100000, 63 << 20, E820_TYPE_RAM };
	map->nr_entries = 3;
	return map;
}

/* The search from @pfn below @end finds the hole [@first, @last). */
static void expect_hole(struct kunit *test, const struct e820_table *map,
			unsigned long pfn, unsigned long end,
			unsigned long first, unsigned long last)
{
	unsigned long hole_end = 0;

	KUNIT_EXPECT_EQ(test, xenpv_next_hole(map, pfn, end, &hole_end), first);
	if (first < end)
		KUNIT_EXPECT_EQ(test, hole_end, last);
}

static void memmap_hole_between_ram(struct kunit *test)
{
	struct e820_table *map = memmap_pc_layout(test);

	expect_hole(test, map, 0, 0x4000, 0x9f, 0x100);
	/* Past the hole, RAM reaches the end: no more holes. */
	expect_hole(test, map, 0x100, 0x4000, 0x4000, 0);
	/* A search that starts inside the hole finds its rest. */
	expect_hole(test, map, 0xc0, 0x4000, 0xc0, 0x100);
}

static void memmap_hole_partial_pages(struct kunit *test)
{
	struct e820_table *map = memmap_pc_layout(test);

	/* Frames RAM covers only in part are holes as well. */
	map->entries[0].size = 0x9fc00;
	map->entries[2].addr = 0x100800;
	expect_hole(test, map, 0, 0x4000, 0x9f, 0x101);
}

static void memmap_hole_beyond_map_and_end(struct kunit *test)
{
	struct e820_table *map = memmap_pc_layout(test);

	/* Frames past the last RAM entry are a hole up to the end. */
	expect_hole(test, map, 0x100, 0x5000, 0x4000, 0x5000);
	/* A hole is cut at the end, and none starts at or past it. */
	expect_hole(test, map, 0, 0xa0, 0x9f, 0xa0);
	expect_hole(test, map, 0x20, 0x20, 0x20, 0);
	map->nr_entries = 0;
	expect_hole(test, map, 0, 0x10, 0, 0x10);
}

/* The room the balloon fills later: where it goes in Xen's map. */

static struct xen_memory_region *room_regions(struct kunit *test)
{
	return kunit_kcalloc(test, XEN_EXTRA_MEM_MAX_REGIONS, sizeof(struct xen_memory_region),
			     GFP_KERNEL);
}

#define EXPECT_REGION(test, r, first, n) do {				\
	KUNIT_EXPECT_EQ(test, (r).start_pfn, (unsigned long)(first));	\
	KUNIT_EXPECT_EQ(test, (r).n_pfns, (unsigned long)(n));		\
} while (0)

static void room_domu_after_its_ram(struct kunit *test)
{
	struct e820_entry map[] = { { 0, 256 << 20, E820_TYPE_RAM } };
	struct xen_memory_region *r = room_regions(test);

	/* A domU's room continues right after its RAM, to the limit. */
	KUNIT_ASSERT_EQ(test, xenpv_place_room(map, 1, E820_TYPE_RAM, 0x10000, 0x80000,
					       0x30000, true, r), 1U);
	EXPECT_REGION(test, r[0], 0x10000, 0x30000);
	KUNIT_ASSERT_EQ(test, xenpv_place_room(map, 1, E820_TYPE_RAM, 0x10000, 0x20000,
					       0x30000, true, r), 1U);
	EXPECT_REGION(test, r[0], 0x10000, 0x10000);
	KUNIT_EXPECT_EQ(test, xenpv_place_room(map, 1, E820_TYPE_RAM, 0x10000, 0x20000,
					       0, true, r), 0U);
}

static void room_trimmed_to_sections(struct kunit *test)
{
	struct xen_memory_region *r = room_regions(test);

	/* RAM ends on a section: a 0x100-frame spill into the next is dropped. */
	r[0] = (struct xen_memory_region){ 0x20000, 0x100 };
	KUNIT_EXPECT_EQ(test, xenpv_trim_room(r, 1, 0x20000, 0x8000), 0U);
	/* RAM ends inside a section: the room may fill that section. */
	r[0] = (struct xen_memory_region){ 0x1f000, 0x1100 };
	KUNIT_ASSERT_EQ(test, xenpv_trim_room(r, 1, 0x1f000, 0x8000), 1U);
	EXPECT_REGION(test, r[0], 0x1f000, 0x1000);
	/* maxmem above memory: whole sections kept, the 0x100-frame slack not. */
	r[0] = (struct xen_memory_region){ 0x10000, 0x30100 };
	KUNIT_ASSERT_EQ(test, xenpv_trim_room(r, 1, 0x10000, 0x8000), 1U);
	EXPECT_REGION(test, r[0], 0x10000, 0x30000);
	/* A tail longer than its section's struct pages (0x200 frames) stays. */
	r[0] = (struct xen_memory_region){ 0x10000, 0x11000 };
	KUNIT_ASSERT_EQ(test, xenpv_trim_room(r, 1, 0x10000, 0x8000), 1U);
	EXPECT_REGION(test, r[0], 0x10000, 0x11000);
	/* A region wholly past the last whole section goes. */
	r[0] = (struct xen_memory_region){ 0x10000, 0x8000 };
	r[1] = (struct xen_memory_region){ 0x20000, 0x10 };
	KUNIT_ASSERT_EQ(test, xenpv_trim_room(r, 2, 0x10000, 0x8000), 1U);
	EXPECT_REGION(test, r[0], 0x10000, 0x8000);
}

static void room_pvh_dom0_in_unusable(struct kunit *test)
{
	/* A PVH dom0's map: the machine's RAM Xen left unpopulated is UNUSABLE. */
	struct e820_entry map[] = {
		{ 0, 0x9f000, E820_TYPE_RAM },
		{ 0x100000, (512 << 20) - 0x100000, E820_TYPE_RAM },
		{ 512 << 20, (1536 << 20) - 0x800, E820_TYPE_UNUSABLE },
		{ (2048ULL << 20) - 0x800, 0x800, E820_TYPE_ACPI },
		{ 4096ULL << 20, 1024 << 20, E820_TYPE_UNUSABLE },
	};
	struct xen_memory_region *r = room_regions(test);

	/* Whole frames of UNUSABLE ranges only, never past the map. */
	KUNIT_ASSERT_EQ(test, xenpv_place_room(map, ARRAY_SIZE(map), E820_TYPE_UNUSABLE,
					       0, ULONG_MAX, 0x100000, false, r), 2U);
	EXPECT_REGION(test, r[0], 0x20000, 0x5ffff);
	EXPECT_REGION(test, r[1], 0x100000, 0x40000);
	/* Fewer frames asked for: the first of them. */
	KUNIT_ASSERT_EQ(test, xenpv_place_room(map, ARRAY_SIZE(map), E820_TYPE_UNUSABLE,
					       0, ULONG_MAX, 0x1000, false, r), 1U);
	EXPECT_REGION(test, r[0], 0x20000, 0x1000);
}

static void room_dom0_only_in_machine_ram(struct kunit *test)
{
	/* Holes at the start, in the middle and at the end of RAM. */
	struct e820_entry map[] = {
		{ 0, 0x9f000, E820_TYPE_RAM },
		{ 0x9f000, 0x61000, E820_TYPE_RESERVED },
		{ 0x100000, (768 << 20) - 0x100000, E820_TYPE_RAM },
		{ 768 << 20, 0x1000800, E820_TYPE_RAM },
		{ (784 << 20) + 0x800, 0xff800, E820_TYPE_ACPI },
		{ 785 << 20, 15 << 20, E820_TYPE_RAM },
		{ 0xfec00000, 0x1000, E820_TYPE_RESERVED },
	};
	struct xen_memory_region *r = room_regions(test);

	/* Frames RAM covers in part are no room; the room stops where RAM does. */
	KUNIT_ASSERT_EQ(test, xenpv_place_room(map, ARRAY_SIZE(map), E820_TYPE_RAM,
					       0x30000, 0x8000000, 0x100000, false, r), 2U);
	EXPECT_REGION(test, r[0], 0x30000, 0x1000);
	EXPECT_REGION(test, r[1], 0x31100, 0xf00);
	/* Fewer frames than RAM: the first of it. */
	KUNIT_ASSERT_EQ(test, xenpv_place_room(map, ARRAY_SIZE(map), E820_TYPE_RAM,
					       0x30000, 0x8000000, 0x61, false, r), 1U);
	EXPECT_REGION(test, r[0], 0x30000, 0x61);
	/* No RAM left above the start: no room, for dom0. */
	KUNIT_EXPECT_EQ(test, xenpv_place_room(map, ARRAY_SIZE(map), E820_TYPE_RAM,
					       0x32000, 0x8000000, 0x61, false, r), 0U);
	/* A domU's goes past the map's last entry. */
	KUNIT_ASSERT_EQ(test, xenpv_place_room(map, ARRAY_SIZE(map), E820_TYPE_RAM,
					       0x32000, 0x8000000, 0x61, true, r), 1U);
	EXPECT_REGION(test, r[0], 0xfec01, 0x61);
}

static struct kunit_case xenpv_memmap_cases[] = {
	KUNIT_CASE(memmap_ram_below_end_kept),
	KUNIT_CASE(memmap_straddling_ram_split),
	KUNIT_CASE(memmap_ram_above_end),
	KUNIT_CASE(memmap_other_types_unchanged),
	KUNIT_CASE(memmap_hole_between_ram),
	KUNIT_CASE(memmap_hole_partial_pages),
	KUNIT_CASE(memmap_hole_beyond_map_and_end),
	KUNIT_CASE(room_domu_after_its_ram),
	KUNIT_CASE(room_trimmed_to_sections),
	KUNIT_CASE(room_dom0_only_in_machine_ram),
	KUNIT_CASE(room_pvh_dom0_in_unusable),
	{}
};

static struct kunit_suite xenpv_memmap_suite = {
	.name = "xenpv_memmap",
	.test_cases = xenpv_memmap_cases,
};

/* Boot parameters, malformed ones included. */

static void param_512gb_absent_or_bare(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, xenpv_parse_512gb_limit("console=hvc0", true));
	KUNIT_EXPECT_FALSE(test, xenpv_parse_512gb_limit("console=hvc0", false));
	KUNIT_EXPECT_TRUE(test, xenpv_parse_512gb_limit("xen_512gb_limit", false));
	KUNIT_EXPECT_TRUE(test, xenpv_parse_512gb_limit("a xen_512gb_limit b", false));
}

static void param_512gb_values(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, xenpv_parse_512gb_limit("xen_512gb_limit=0", true));
	KUNIT_EXPECT_FALSE(test, xenpv_parse_512gb_limit("x xen_512gb_limit=off y", true));
	KUNIT_EXPECT_TRUE(test, xenpv_parse_512gb_limit("xen_512gb_limit=yes", false));
}

static void param_512gb_malformed_keeps_default(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, xenpv_parse_512gb_limit("xen_512gb_limit=maybe", true));
	KUNIT_EXPECT_FALSE(test, xenpv_parse_512gb_limit("xen_512gb_limit=maybe", false));
	KUNIT_EXPECT_FALSE(test, xenpv_parse_512gb_limit("xen_512gb_limit=", false));
	KUNIT_EXPECT_FALSE(test, xenpv_parse_512gb_limit("xen_512gb_limitless", false));
}

/* Only the option itself counts, not a longer name ending in it. */
static void param_512gb_whole_word(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, xenpv_parse_512gb_limit("noxen_512gb_limit", false));
	KUNIT_EXPECT_TRUE(test,
			  xenpv_parse_512gb_limit("noxen_512gb_limit=0 xen_512gb_limit", false));
}

static struct kunit_case xenpv_param_cases[] = {
	KUNIT_CASE(param_512gb_absent_or_bare),
	KUNIT_CASE(param_512gb_values),
	KUNIT_CASE(param_512gb_malformed_keeps_default),
	KUNIT_CASE(param_512gb_whole_word),
	{}
};

static struct kunit_suite xenpv_param_suite = {
	.name = "xenpv_params",
	.test_cases = xenpv_param_cases,
};

/* TLB shootdowns: which mmuext ops a flush becomes. */

static void tlb_small_range_page_by_page(struct kunit *test)
{
	struct flush_tlb_info info = {
		.start = 0x400000, .end = 0x403000, .stride_shift = PAGE_SHIFT,
	};
	struct mmuext_op ops[XENPV_INVLPG_BATCH];
	unsigned long vcpus = 0x6;

	KUNIT_ASSERT_EQ(test, xenpv_flush_ops(ops, &vcpus, &info), 3U);
	KUNIT_EXPECT_EQ(test, ops[0].cmd, MMUEXT_INVLPG_MULTI);
	KUNIT_EXPECT_EQ(test, ops[2].arg1.linear_addr, 0x402000UL);
	KUNIT_EXPECT_PTR_EQ(test, ops[2].arg2.vcpumask, (void *)&vcpus);
}

static void tlb_huge_pages_by_stride(struct kunit *test)
{
	struct flush_tlb_info info = {
		.start = 0x40000000, .end = 0x40400000, .stride_shift = PMD_SHIFT,
	};
	struct mmuext_op ops[XENPV_INVLPG_BATCH];
	unsigned long vcpus = 0x3;

	KUNIT_ASSERT_EQ(test, xenpv_flush_ops(ops, &vcpus, &info), 2U);
	KUNIT_EXPECT_EQ(test, ops[1].arg1.linear_addr, 0x40200000UL);
}

static void tlb_large_or_full_flush_whole(struct kunit *test)
{
	struct flush_tlb_info big = {
		.start = 0, .end = (XENPV_INVLPG_BATCH + 1) * PAGE_SIZE, .stride_shift = PAGE_SHIFT,
	};
	struct flush_tlb_info all = { .start = 0, .end = TLB_FLUSH_ALL };
	struct mmuext_op ops[XENPV_INVLPG_BATCH];
	unsigned long vcpus = 0x3;

	KUNIT_ASSERT_EQ(test, xenpv_flush_ops(ops, &vcpus, &big), 1U);
	KUNIT_EXPECT_EQ(test, ops[0].cmd, MMUEXT_TLB_FLUSH_MULTI);
	KUNIT_ASSERT_EQ(test, xenpv_flush_ops(ops, &vcpus, &all), 1U);
	KUNIT_EXPECT_EQ(test, ops[0].cmd, MMUEXT_TLB_FLUSH_MULTI);
}

static struct kunit_case xenpv_tlb_cases[] = {
	KUNIT_CASE(tlb_small_range_page_by_page),
	KUNIT_CASE(tlb_huge_pages_by_stride),
	KUNIT_CASE(tlb_large_or_full_flush_whole),
	{}
};

static struct kunit_suite xenpv_tlb_suite = {
	.name = "xenpv_tlb",
	.test_cases = xenpv_tlb_cases,
};

/* vCPUs: Xen's numbers are the CPU numbers, each with its own vcpu_info. */

static void vcpus_numbered_and_placed(struct kunit *test)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		KUNIT_EXPECT_EQ(test, xen_vcpu_nr(cpu), cpu);
	for_each_online_cpu(cpu)
		KUNIT_EXPECT_PTR_EQ(test, per_cpu(xen_vcpu, cpu), per_cpu_ptr(&xen_vcpu_info, cpu));
}

static struct kunit_case xenpv_vcpu_cases[] = {
	KUNIT_CASE(vcpus_numbered_and_placed),
	{}
};

static struct kunit_suite xenpv_vcpu_suite = {
	.name = "xenpv_vcpus",
	.init = xenpv_kunit_init,
	.test_cases = xenpv_vcpu_cases,
};

/* p2m growth beyond the frames the domain started with. */

/* A frame a few pages of entries past the end of the p2m as it is now. */
static unsigned long xenpv_kunit_far_pfn(void)
{
	return xen_p2m_size + 2 * (PAGE_SIZE / sizeof(unsigned long)) + 7;
}

static void p2m_growth_keeps_defaults(struct kunit *test)
{
	unsigned long pfn = xenpv_kunit_far_pfn();
	unsigned long was = __pfn_to_mfn(pfn), before = __pfn_to_mfn(pfn - 1);

	/* Beyond the list: the balloon's room reads invalid, the rest identity. */
	KUNIT_EXPECT_TRUE(test, was == IDENTITY_FRAME(pfn) || was == INVALID_P2M_ENTRY);
	KUNIT_ASSERT_EQ(test, xen_alloc_p2m_entry(pfn), 0);
	KUNIT_EXPECT_GT(test, xen_p2m_size, pfn);
	KUNIT_EXPECT_EQ(test, __pfn_to_mfn(pfn), was);
	KUNIT_EXPECT_EQ(test, __pfn_to_mfn(pfn - 1), before);
}

static void p2m_growth_store_alone(struct kunit *test)
{
	unsigned long pfn = xenpv_kunit_far_pfn() + 1;
	unsigned long was = __pfn_to_mfn(pfn), next = __pfn_to_mfn(pfn + 1);

	KUNIT_ASSERT_TRUE(test, set_phys_to_machine(pfn, FOREIGN_FRAME(0x1234)));
	KUNIT_EXPECT_EQ(test, __pfn_to_mfn(pfn), FOREIGN_FRAME(0x1234));
	KUNIT_EXPECT_EQ(test, __pfn_to_mfn(pfn + 1), next);
	KUNIT_EXPECT_TRUE(test, set_phys_to_machine(pfn, was));
	KUNIT_EXPECT_EQ(test, __pfn_to_mfn(pfn), was);
}

/* Two entries either side of the boundary of two pages of entries. */
static void p2m_growth_across_leaves(struct kunit *test)
{
	unsigned long per_page = PAGE_SIZE / sizeof(unsigned long);
	unsigned long pfn = round_up(xenpv_kunit_far_pfn() + 8 * per_page, per_page) - 1;
	unsigned long was = __pfn_to_mfn(pfn), next = __pfn_to_mfn(pfn + 1);

	KUNIT_ASSERT_TRUE(test, set_phys_to_machine(pfn, FOREIGN_FRAME(0x1111)));
	KUNIT_ASSERT_TRUE(test, set_phys_to_machine(pfn + 1, FOREIGN_FRAME(0x2222)));
	KUNIT_EXPECT_EQ(test, __pfn_to_mfn(pfn), FOREIGN_FRAME(0x1111));
	KUNIT_EXPECT_EQ(test, __pfn_to_mfn(pfn + 1), FOREIGN_FRAME(0x2222));
	KUNIT_EXPECT_TRUE(test, set_phys_to_machine(pfn, was));
	KUNIT_EXPECT_TRUE(test, set_phys_to_machine(pfn + 1, next));
	KUNIT_EXPECT_EQ(test, __pfn_to_mfn(pfn), was);
	KUNIT_EXPECT_EQ(test, __pfn_to_mfn(pfn + 1), next);
}

static void p2m_growth_refused_past_limit(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, xen_alloc_p2m_entry(1UL << 40), -ENOMEM);
	KUNIT_EXPECT_FALSE(test, set_phys_to_machine(1UL << 40, INVALID_P2M_ENTRY));
}

static struct kunit_case xenpv_p2m_cases[] = {
	KUNIT_CASE(p2m_growth_keeps_defaults),
	KUNIT_CASE(p2m_growth_store_alone),
	KUNIT_CASE(p2m_growth_across_leaves),
	KUNIT_CASE(p2m_growth_refused_past_limit),
	{}
};

static struct kunit_suite xenpv_p2m_suite = {
	.name = "xenpv_p2m",
	.init = xenpv_kunit_init,
	.test_cases = xenpv_p2m_cases,
};

kunit_test_suites(&xenpv_entry_suite, &xenpv_trap_suite, &xenpv_cpuid_suite,
		  &xenpv_multicall_suite, &xenpv_memmap_suite, &xenpv_param_suite,
		  &xenpv_tlb_suite, &xenpv_vcpu_suite, &xenpv_p2m_suite);

MODULE_DESCRIPTION("KUnit tests of the Xen PV port");
MODULE_LICENSE("GPL");
