// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupt flags of a PV guest.
 *
 * The kernel runs in ring 3 and cannot touch EFLAGS.IF.  Xen gives each
 * vCPU a mask byte in its vcpu_info instead: while it is set, Xen queues
 * events (the guest's interrupts) rather than calling the guest's event
 * callback.  The paravirt irq ops translate between the two; they follow
 * the callee-save convention because the kernel calls them from inline
 * code that expects no registers to be clobbered.
 */
#include <linux/preempt.h>

#include <asm/paravirt.h>
#include <asm/xen/hypercall.h>
#include <xen/interface/sched.h>
#include <xen/interface/vcpu.h>
#include <xen/xen-ops.h>

#include "xen-ops.h"

/*
 * Entry code and the idle loop call these ops with instrumentation off
 * (noinstr), so they and their callee-save thunks live in .noinstr.text,
 * where objtool checks that nothing traceable is reached.
 *
 * Xen checks for pending events when it returns to the guest; any
 * hypercall is such a return, and this one has no side effect.
 */
__visible noinstr void xenpv_deliver_pending_events(void)
{
	HYPERVISOR_xen_version(0, NULL);
}
/* For the assembly ops (irqflags_direct.S), which must keep every register. */
__PV_CALLEE_SAVE_REGS_THUNK(xenpv_deliver_pending_events, ".noinstr.text");

__visible noinstr unsigned long xenpv_save_fl(void)
{
	return this_cpu_read(xen_vcpu)->evtchn_upcall_mask ? 0 : X86_EFLAGS_IF;
}
__PV_CALLEE_SAVE_REGS_THUNK(xenpv_save_fl, ".noinstr.text");

/*
 * Without preemption disabled, the task could move to another CPU between
 * finding this CPU's vcpu_info and writing to it.
 */
__visible noinstr void xenpv_irq_disable(void)
{
	preempt_disable_notrace();
	this_cpu_read(xen_vcpu)->evtchn_upcall_mask = 1;
	preempt_enable_no_resched_notrace();
}
__PV_CALLEE_SAVE_REGS_THUNK(xenpv_irq_disable, ".noinstr.text");

__visible noinstr void xenpv_irq_enable(void)
{
	struct vcpu_info *vcpu;

	preempt_disable_notrace();
	vcpu = this_cpu_read(xen_vcpu);
	vcpu->evtchn_upcall_mask = 0;
	/* Unmask first, then look: an event arriving in between is seen. */
	barrier();
	if (unlikely(vcpu->evtchn_upcall_pending))
		xenpv_deliver_pending_events();
	preempt_enable_no_resched_notrace();
}
__PV_CALLEE_SAVE_REGS_THUNK(xenpv_irq_enable, ".noinstr.text");

/* Blocking unmasks events atomically: no wake-up is lost in between. */
static noinstr void xenpv_safe_halt(void)
{
	HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

/* With events masked nothing could wake the vCPU: take it down instead. */
static noinstr void xenpv_halt(void)
{
	if (irqs_disabled())
		HYPERVISOR_vcpu_op(VCPUOP_down, xen_vcpu_nr(raw_smp_processor_id()), NULL);
	else
		xenpv_safe_halt();
}

/* pv_ops-shaped, under the name objtool reads (see xen_cpu_ops in cpu.c). */
static const typeof(pv_ops) xen_irq_ops __initconst = { .irq = {
	.save_fl = PV_CALLEE_SAVE(xenpv_save_fl),
	.irq_disable = PV_CALLEE_SAVE(xenpv_irq_disable), .irq_enable = PV_CALLEE_SAVE(xenpv_irq_enable),
	.safe_halt = xenpv_safe_halt, .halt = xenpv_halt,
} };

/**
 * xenpv_install_irq_ops() - make the kernel's interrupt flag the event mask
 */
void __init xenpv_install_irq_ops(void)
{
	pv_ops.irq = xen_irq_ops.irq;
}

/**
 * xenpv_install_direct_irq_ops() - switch to the assembly ops
 *
 * Only once this CPU's vcpu_info is the per-cpu xen_vcpu_info, and
 * before the kernel patches its call sites.
 */
void __init xenpv_install_direct_irq_ops(void)
{
	pv_ops.irq.save_fl = __PV_IS_CALLEE_SAVE(xenpv_save_fl_direct);
	pv_ops.irq.irq_disable = __PV_IS_CALLEE_SAVE(xenpv_irq_disable_direct);
	pv_ops.irq.irq_enable = __PV_IS_CALLEE_SAVE(xenpv_irq_enable_direct);
	pv_ops.mmu.read_cr2 = __PV_IS_CALLEE_SAVE(xenpv_read_cr2_direct);
}
