// SPDX-License-Identifier: GPL-2.0
/*
 * The local APIC of a PV guest: there is none.
 *
 * Interrupts and IPIs are event channels (IPIs sent by vector land in
 * ipi.c), and the timer is a hypercall, so otherwise this driver only
 * answers the questions the x86 code asks of an APIC:
 * which CPU it is, which version, and (for dom0) what the IO-APICs hold,
 * which Xen reads on the guest's behalf.
 */
#include <linux/init.h>
#include <linux/smp.h>

#include <asm/apic.h>
#include <asm/io_apic.h>
#include <asm/xen/hypercall.h>
#include <xen/interface/physdev.h>
#include <xen/interface/platform.h>
#include <xen/xen.h>

#include "xen-ops.h"

/* An integrated APIC of the Pentium 4 era: what the x86 code expects. */
#define XENPV_APIC_VERSION	0x14

/* The physical APIC ID of the CPU dom0 runs on, as Xen knows it. */
static u32 xenpv_dom0_apic_id(int cpu)
{
	struct xen_platform_op op = {
		.cmd = XENPF_get_cpuinfo,
		.interface_version = XENPF_INTERFACE_VERSION,
		.u.pcpu_info.xen_cpuid = cpu,
	};

	return HYPERVISOR_platform_op(&op) ? BAD_APICID : op.u.pcpu_info.apic_id;
}

/**
 * xenpv_apic_id() - the APIC ID this CPU reports, in CPUID as in APIC_ID
 *
 * dom0's CPUs are the machine's (its MADT lists them); a domU's APIC IDs
 * are the ones smp.c registered, its CPU numbers.
 *
 * Return: the APIC ID.
 */
u32 xenpv_apic_id(void)
{
	/*
	 * CPUID runs preemptible too; natively the answer then names the CPU
	 * the task ran on a moment ago, and the same holds here.
	 */
	int cpu = raw_smp_processor_id();

	if (xen_initial_domain())
		return xenpv_dom0_apic_id(cpu);
	return cpu ? cpuid_to_apicid[cpu] : 0;
}

static u32 xenpv_apic_read(u32 reg)
{
	switch (reg) {
	case APIC_LVR:
		return XENPV_APIC_VERSION;
	case APIC_ID:
		return xenpv_apic_id() << 24;
	}
	return 0;
}

/* Nothing may be written: a write means some code believes in an APIC. */
static void xenpv_apic_write(u32 reg, u32 val)
{
	WARN(1, "xenpv: write of %#x to APIC register %#x\n", val, reg);
}

static void xenpv_apic_eoi(void)
{
	WARN_ONCE(1, "xenpv: APIC EOI on a PV guest\n");
}

static u64 xenpv_apic_icr_read(void)
{
	return 0;
}

static void xenpv_apic_icr_write(u32 low, u32 id)
{
	WARN(1, "xenpv: APIC ICR write %#x to %#x\n", low, id);
}

static u32 xenpv_apic_id_field(u32 reg)
{
	return reg >> 24;
}

static u32 xenpv_cpu_apicid(int cpu)
{
	return cpu_present(cpu) ? cpu_data(cpu).topo.apicid : BAD_APICID;
}

static int xenpv_apic_probe(void)
{
	return xen_pv_domain();
}

static int xenpv_apic_madt_check(char *oem_id, char *oem_table_id)
{
	return xen_pv_domain();
}

#ifdef CONFIG_SMP
static void xenpv_send_ipi_one(int cpu, int vector)
{
	xenpv_send_ipi(cpu, vector);
}

static void xenpv_send_ipi_mask(const struct cpumask *mask, int vector)
{
	unsigned int cpu;

	for_each_cpu_and(cpu, mask, cpu_online_mask)
		xenpv_send_ipi(cpu, vector);
}

static void xenpv_send_ipi_mask_others(const struct cpumask *mask, int vector)
{
	unsigned int cpu, self = get_cpu();

	for_each_cpu_and(cpu, mask, cpu_online_mask)
		if (cpu != self)
			xenpv_send_ipi(cpu, vector);
	put_cpu();
}

static void xenpv_send_ipi_others(int vector)
{
	xenpv_send_ipi_mask_others(cpu_online_mask, vector);
}

static void xenpv_send_ipi_all(int vector)
{
	xenpv_send_ipi_mask(cpu_online_mask, vector);
}

static void xenpv_send_ipi_self(int vector)
{
	xenpv_send_ipi(smp_processor_id(), vector);
}
#endif

static struct apic xenpv_apic __ro_after_init = {
	.name = "Xen PV",
	.probe = xenpv_apic_probe, .acpi_madt_oem_check = xenpv_apic_madt_check,
	.max_apic_id = UINT_MAX,
	.get_apic_id = xenpv_apic_id_field, .cpu_present_to_apicid = xenpv_cpu_apicid,
	.calc_dest_apicid = apic_flat_calc_apicid,
	.read = xenpv_apic_read, .write = xenpv_apic_write, .eoi = xenpv_apic_eoi,
	.icr_read = xenpv_apic_icr_read, .icr_write = xenpv_apic_icr_write,
#ifdef CONFIG_SMP
	.send_IPI = xenpv_send_ipi_one,
	.send_IPI_mask = xenpv_send_ipi_mask, .send_IPI_mask_allbutself = xenpv_send_ipi_mask_others,
	.send_IPI_allbutself = xenpv_send_ipi_others, .send_IPI_all = xenpv_send_ipi_all,
	.send_IPI_self = xenpv_send_ipi_self,
#endif
};
apic_driver(xenpv_apic);

/* Xen owns the IO-APICs; dom0 reads them through it. */
static unsigned int xenpv_io_apic_read(unsigned int ioapic, unsigned int reg)
{
	struct physdev_apic op = {
		.apic_physbase = mpc_ioapic_addr(ioapic),
		.reg = reg,
	};

	if (HYPERVISOR_physdev_op(PHYSDEVOP_apic_read, &op))
		xenpv_die("Xen refused to read IO-APIC %u register %#x\n", ioapic, reg);
	return op.value;
}

/**
 * xenpv_install_apic_hooks() - no APIC probing beyond this driver
 */
void __init xenpv_install_apic_hooks(void)
{
	x86_init.irqs.intr_mode_init = x86_64_probe_apic;
	x86_apic_ops.io_apic_read = xenpv_io_apic_read;
}
