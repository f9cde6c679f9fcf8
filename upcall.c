// SPDX-License-Identifier: GPL-2.0
/*
 * Events: Xen delivers them through a callback the guest registers, not
 * through an interrupt vector, and the guest masks them with a byte in its
 * vcpu_info instead of EFLAGS.IF (irq.c).
 *
 * The callbacks registered here are all the ways Xen enters the kernel
 * besides exceptions: the event upcall, the failsafe callback (Xen could
 * not return to the guest with the segments it asked for) and the system
 * call entries.
 */
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/irq.h>
#include <linux/percpu.h>
#include <linux/sched/task_stack.h>

#include <asm/entry-common.h>
#include <asm/idtentry.h>
#include <asm/irq_regs.h>
#include <asm/irq_stack.h>
#include <asm/xen/events.h>
#include <asm/xen/hypercall.h>
#include <xen/events.h>
#include <xen/interface/callback.h>
#include <xen/xen.h>
#include <xen/xen-ops.h>

#include "xen-ops.h"

/* A PV guest never gets events through an IDT vector. */
bool xen_have_vector_callback;
EXPORT_SYMBOL_GPL(xen_have_vector_callback);

/**
 * xenpv_handle_events() - run every pending event's handler, as one interrupt
 * @regs: the interrupted context
 *
 * For the PV upcall (on the IRQ stack) and for the vector Xen raises in a
 * PVH or HVM guest (hvm.c).  Interrupts (events) are off.
 */
void xenpv_handle_events(struct pt_regs *regs)
{
	struct pt_regs *interrupted;

	interrupted = set_irq_regs(regs);
	xen_evtchn_do_upcall();
	set_irq_regs(interrupted);
	/* Counted as "HYP" in /proc/interrupts. */
	inc_irq_stat(irq_hv_callback_count);
}

/* Called by the entry code for each event upcall. */
__visible noinstr void xen_pv_evtchn_do_upcall(struct pt_regs *regs)
{
	irqentry_state_t state;

	state = irqentry_enter(regs);
	instrumentation_begin();
	run_sysvec_on_irqstack_cond(xenpv_handle_events, regs);
	instrumentation_end();
	irqentry_exit(regs, state);
}

static void xenpv_register_callback(unsigned int type, void (*entry)(void))
{
	struct callback_register cb = {
		.type = type,
		.address = XEN_CALLBACK(__KERNEL_CS, entry),
		/* Entered with events masked, as an interrupt gate would. */
		.flags = CALLBACKF_mask_events,
	};
	int rc = HYPERVISOR_callback_op(CALLBACKOP_register, &cb);

	if (rc)
		xenpv_die("Xen refused callback type %u: %d\n", type, rc);
}

/**
 * xenpv_register_callbacks() - tell Xen every way into the kernel other
 * than exceptions; each vCPU has its own
 */
void xenpv_register_callbacks(void)
{
	xenpv_register_callback(CALLBACKTYPE_event, xen_asm_exc_xen_hypervisor_callback);
	xenpv_register_callback(CALLBACKTYPE_failsafe, xenpv_failsafe_callback);
	xenpv_register_callback(CALLBACKTYPE_syscall, xen_entry_SYSCALL_64);
#ifdef CONFIG_IA32_EMULATION
	xenpv_register_callback(CALLBACKTYPE_syscall32, xen_entry_SYSCALL_compat);
	xenpv_register_callback(CALLBACKTYPE_sysenter, xen_entry_SYSENTER_compat);
#else
	xenpv_register_callback(CALLBACKTYPE_syscall32, xen_entry_compat_enosys);
	xenpv_register_callback(CALLBACKTYPE_sysenter, xen_entry_compat_enosys);
#endif
}
