// SPDX-License-Identifier: GPL-2.0
/*
 * Events: Xen delivers them through the callback the guest registers, not
 * through an interrupt vector, and the guest masks them with a byte in its
 * vcpu_info instead of EFLAGS.IF.
 */
#include <linux/export.h>
#include <linux/percpu.h>

#include <asm/xen/events.h>
#include <xen/xen.h>
#include <xen/xen-ops.h>

#include "xenpv.h"

/* A PV guest never gets events through an IDT vector. */
bool xen_have_vector_callback;
EXPORT_SYMBOL_GPL(xen_have_vector_callback);

#ifndef CONFIG_PREEMPTION
/* Set while privcmd runs a long hypercall that may be preempted. */
DEFINE_PER_CPU(bool, xen_in_preemptible_hcall);
EXPORT_PER_CPU_SYMBOL_GPL(xen_in_preemptible_hcall);
#endif

__visible noinstr void xen_pv_evtchn_do_upcall(struct pt_regs *regs)
{
	instrumentation_begin();
	xenpv_missing("upcall");
	instrumentation_end();
}
