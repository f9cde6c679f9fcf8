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
#include <asm/idtentry.h>
#include <asm/processor.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/interface.h>
#include <asm/xen/page.h>
#include <xen/interface/version.h>
#include <xen/xen.h>

#include "xenpv.h"

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

static struct kunit_case xenpv_entry_cases[] = {
	KUNIT_CASE(entry_round_trip),
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

static struct kunit_case xenpv_trap_cases[] = {
	KUNIT_CASE(trap_page_fault_masks_events),
	KUNIT_CASE(trap_int3_reachable_from_user),
	KUNIT_CASE(trap_ist_vectors_rerouted),
	KUNIT_CASE(trap_unknown_exception_and_irq),
	{}
};

static struct kunit_suite xenpv_trap_suite = {
	.name = "xenpv_traps",
	.init = xenpv_kunit_init,
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

kunit_test_suites(&xenpv_entry_suite, &xenpv_trap_suite, &xenpv_cpuid_suite,
		  &xenpv_multicall_suite);

MODULE_DESCRIPTION("KUnit tests of the Xen PV port");
MODULE_LICENSE("GPL");
