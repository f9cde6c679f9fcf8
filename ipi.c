// SPDX-License-Identifier: GPL-2.0
/*
 * Inter-processor interrupts as event channels.
 *
 * A PV guest has no APIC to send IPIs with: each vCPU binds one event
 * channel per kind of IPI, and sending an IPI notifies the target's
 * channel.  The x86 code sends IPIs by APIC vector through the APIC
 * driver (apic.c), which lands here.
 */
#include <linux/interrupt.h>
#include <linux/irq_work.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/smp.h>

#include <asm/hardirq.h>
#include <asm/irq_vectors.h>
#include <asm/xen/events.h>
#include <asm/xen/hypercall.h>
#include <xen/interface/vcpu.h>
#include <xen/xen-ops.h>
#include <xen/events.h>

#include "xen-ops.h"

/* One handler for every kind; bind_ipi_to_irqhandler() passes the kind. */
static irqreturn_t xenpv_ipi_arrived(int irq, void *kind)
{
	switch ((enum ipi_vector)(unsigned long)kind) {
	case XEN_RESCHEDULE_VECTOR:
		inc_irq_stat(irq_resched_count);
		scheduler_ipi();
		break;
	case XEN_CALL_FUNCTION_VECTOR:
		inc_irq_stat(irq_call_count);
		generic_smp_call_function_interrupt();
		break;
	case XEN_CALL_FUNCTION_SINGLE_VECTOR:
		inc_irq_stat(irq_call_count);
		generic_smp_call_function_single_interrupt();
		break;
	case XEN_IRQ_WORK_VECTOR:
		inc_irq_stat(apic_irq_work_irqs);
		irq_work_run();
		break;
	default:
		return IRQ_NONE;
	}
	return IRQ_HANDLED;
}

/* The IPIs a vCPU binds, and the APIC vector the x86 code names each by. */
static const struct {
	enum ipi_vector ipi;
	int vector;
	const char *name;
} xenpv_ipis[] = {
	{ XEN_RESCHEDULE_VECTOR, RESCHEDULE_VECTOR, "resched" },
	{ XEN_CALL_FUNCTION_VECTOR, CALL_FUNCTION_VECTOR, "callfunc" },
	{ XEN_CALL_FUNCTION_SINGLE_VECTOR, CALL_FUNCTION_SINGLE_VECTOR, "callfuncsingle" },
	{ XEN_IRQ_WORK_VECTOR, IRQ_WORK_VECTOR, "irqwork" },
};

static DEFINE_PER_CPU(char[ARRAY_SIZE(xenpv_ipis)][24], xenpv_ipi_names);
/* The irq of each binding, 0 while unbound (irq 0 is never an event). */
static DEFINE_PER_CPU(int[ARRAY_SIZE(xenpv_ipis)], xenpv_ipi_irqs);

/**
 * xenpv_unbind_ipis() - close a vCPU's IPI event channels
 * @cpu: the vCPU, no longer running
 */
void xenpv_unbind_ipis(unsigned int cpu)
{
	int *irqs = per_cpu(xenpv_ipi_irqs, cpu);
	int i;

	for (i = 0; i < ARRAY_SIZE(xenpv_ipis); i++) {
		if (irqs[i] > 0)
			unbind_from_irqhandler(irqs[i], (void *)(unsigned long)xenpv_ipis[i].ipi);
		irqs[i] = 0;
	}
}

/**
 * xenpv_bind_ipis() - give a vCPU its IPI event channels
 * @cpu: the vCPU
 *
 * Return: 0, or the error of the first binding that failed, with the
 * bindings made before it undone.
 */
int xenpv_bind_ipis(unsigned int cpu)
{
	char (*names)[24] = per_cpu(xenpv_ipi_names, cpu);
	int *irqs = per_cpu(xenpv_ipi_irqs, cpu);
	int i, irq;

	for (i = 0; i < ARRAY_SIZE(xenpv_ipis); i++) {
		snprintf(names[i], sizeof(names[i]), "%s%u", xenpv_ipis[i].name, cpu);
		irq = bind_ipi_to_irqhandler(xenpv_ipis[i].ipi, cpu, xenpv_ipi_arrived,
					     IRQF_PERCPU | IRQF_NOBALANCING, names[i],
					     (void *)(unsigned long)xenpv_ipis[i].ipi);
		if (irq < 0) {
			xenpv_unbind_ipis(cpu);
			return irq;
		}
		irqs[i] = irq;
	}
	return 0;
}

/**
 * xenpv_send_ipi() - send the IPI the x86 code names by APIC vector
 * @cpu: the target vCPU
 * @vector: RESCHEDULE_VECTOR, CALL_FUNCTION_VECTOR, ..., or NMI_VECTOR
 *
 * An NMI cannot wait for the target to unmask events, so it is no event
 * channel: Xen raises it on the vCPU itself, through the trap table's
 * NMI entry (NMI backtraces of sysrq, RCU stall and hung-task reports).
 */
void xenpv_send_ipi(unsigned int cpu, int vector)
{
	int i, rc;

	if (vector == NMI_VECTOR) {
		rc = HYPERVISOR_vcpu_op(VCPUOP_send_nmi, xen_vcpu_nr(cpu), NULL);
		WARN_ONCE(rc, "xenpv: Xen refused an NMI for vCPU %u: %d\n", cpu, rc);
		return;
	}

	for (i = 0; i < ARRAY_SIZE(xenpv_ipis); i++) {
		if (xenpv_ipis[i].vector == vector) {
			xen_send_IPI_one(cpu, xenpv_ipis[i].ipi);
			return;
		}
	}
	WARN_ONCE(1, "xenpv: IPI vector %#x has no event channel\n", vector);
}
