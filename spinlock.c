// SPDX-License-Identifier: GPL-2.0
/*
 * Paravirtual spinlocks.
 *
 * A vCPU that spins on a lock whose holder's vCPU Xen has descheduled
 * burns its whole time slice for nothing.  The kernel's paravirt qspinlock
 * slow path lets a waiter sleep instead: it asks for wait(ptr, val),
 * "block while *ptr still holds val", and the unlocker calls kick(cpu).
 *
 * Here a waiting vCPU blocks in SCHEDOP_poll on an event channel of its
 * own, and a kick notifies that channel.  The channel never raises an
 * interrupt: it is bound disabled (masked), and poll wakes on its pending
 * bit alone.
 *
 * The slow-path hooks are notrace: a tracer callback that takes a
 * spinlock would re-enter the slow path it was called from.
 */
#define pr_fmt(fmt) "xenpv: " fmt

#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <linux/smp.h>
#include <linux/spinlock.h>

#include <asm/paravirt.h>
#include <asm/qspinlock.h>
#include <asm/xen/events.h>
#include <xen/events.h>
#include <xen/xen.h>
#include <xen/xen-ops.h>

#include "xen-ops.h"

/* The kick channel's irq, 0 while the vCPU has none (irq 0 is no event). */
static DEFINE_PER_CPU(int, xenpv_kick_irq);
static DEFINE_PER_CPU(char[16], xenpv_kick_name);
/* How many lock waits this vCPU is inside: an interrupt can nest one. */
static DEFINE_PER_CPU(int, xenpv_lock_waits);

static bool xenpv_pv_locks __ro_after_init;

static notrace void xenpv_lock_kick(int cpu)
{
	if (per_cpu(xenpv_kick_irq, cpu) > 0)
		xen_send_IPI_one(cpu, XEN_SPIN_UNLOCK_VECTOR);
}

/*
 * A kick may arrive before its waiter blocks, so a pending bit can be
 * stale when a wait starts.  Only the outermost wait clears it: a wait in
 * an interrupt handler must not eat the kick meant for the wait it
 * interrupted.  Clearing before looking at *ptr means a kick sent after
 * the look is still pending when poll starts, and poll returns at once.
 * Spurious returns are fine: the slow path looks again.
 */
static notrace void xenpv_lock_wait(u8 *ptr, u8 val)
{
	int irq = this_cpu_read(xenpv_kick_irq);

	if (irq <= 0 || in_nmi())
		return;
	if (this_cpu_inc_return(xenpv_lock_waits) == 1)
		xen_clear_irq_pending(irq);
	if (READ_ONCE(*ptr) == val)
		xen_poll_irq(irq);
	this_cpu_dec(xenpv_lock_waits);
}

/* Never called: the channel stays disabled. */
static irqreturn_t xenpv_kick_delivered(int irq, void *unused)
{
	WARN_ONCE(1, "xenpv: a lock kick was delivered as an interrupt\n");
	return IRQ_HANDLED;
}

/**
 * xenpv_lock_bind() - give a vCPU its kick channel
 * @cpu: the vCPU
 *
 * Return: 0, or the binding's error.
 */
int xenpv_lock_bind(unsigned int cpu)
{
	char *name = per_cpu(xenpv_kick_name, cpu);
	int irq;

	if (!xenpv_pv_locks)
		return 0;
	snprintf(name, sizeof(per_cpu(xenpv_kick_name, cpu)), "lockkick%u", cpu);
	irq = bind_ipi_to_irqhandler(XEN_SPIN_UNLOCK_VECTOR, cpu, xenpv_kick_delivered,
				     IRQF_PERCPU | IRQF_NOBALANCING | IRQF_NO_AUTOEN,
				     name, NULL);
	if (irq < 0)
		return irq;
	per_cpu(xenpv_kick_irq, cpu) = irq;
	return 0;
}

/**
 * xenpv_lock_unbind() - close the kick channel of a vCPU that stopped
 * @cpu: the vCPU
 */
void xenpv_lock_unbind(unsigned int cpu)
{
	int irq = per_cpu(xenpv_kick_irq, cpu);

	per_cpu(xenpv_kick_irq, cpu) = 0;
	if (irq > 0)
		unbind_from_irqhandler(irq, NULL);
}

/* Called from the register-saving thunk below, so not static. */
__visible notrace bool xenpv_vcpu_preempted(long cpu);
__visible notrace bool xenpv_vcpu_preempted(long cpu)
{
	return xen_vcpu_stolen(cpu);
}
PV_CALLEE_SAVE_REGS_THUNK(xenpv_vcpu_preempted);

/**
 * xenpv_spinlocks_init() - choose the lock slow path
 *
 * Must run before the kernel patches its paravirt call sites.  With one
 * vCPU, or with "nopvspin", locks are plain queued spinlocks.
 */
void __init xenpv_spinlocks_init(void)
{
	/* An HVM guest without the event vector could kick no other vCPU. */
	bool no_kick = xen_hvm_domain() && !xen_have_vector_callback;

	if (nopvspin || no_kick || num_possible_cpus() == 1) {
		pr_info("PV spinlocks off%s\n",
			nopvspin ? " (nopvspin)" : no_kick ? " (no event vector)" : "");
		static_branch_disable(&virt_spin_lock_key);
		return;
	}
	__pv_init_lock_hash();
	pv_ops.lock.queued_spin_lock_slowpath = __pv_queued_spin_lock_slowpath;
	pv_ops.lock.queued_spin_unlock = PV_CALLEE_SAVE(__pv_queued_spin_unlock);
	pv_ops.lock.wait = xenpv_lock_wait;
	pv_ops.lock.kick = xenpv_lock_kick;
	pv_ops.lock.vcpu_is_preempted = PV_CALLEE_SAVE(xenpv_vcpu_preempted);
	xenpv_pv_locks = true;
	pr_info("PV spinlocks on: waiters block in SCHEDOP_poll\n");
}
