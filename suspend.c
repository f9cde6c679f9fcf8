// SPDX-License-Identifier: GPL-2.0
/*
 * Save, restore and migration: the guest's part.
 *
 * drivers/xen/manage.c drives the sequence.  xen_arch_suspend() runs
 * with every vCPU still scheduling; xen_arch_pre_suspend(), the suspend
 * hypercall and xen_arch_post_suspend() run inside stop_machine() on one
 * vCPU, the others spinning with events masked; event channels, grant
 * tables and timers come back through their own resume calls, and
 * xen_arch_resume() runs once every vCPU schedules again.
 *
 * The toolstack translates the machine frames it knows to be machine
 * frames: those in page tables, in the p2m list, in the vCPU state and
 * vCPU 0's %rdx (start_info).  Two more live in start_info, the xenstore
 * and console rings; the guest turns them into pseudo-physical frames
 * before a save, and back when the save is cancelled (a restore writes
 * the new ones itself).
 *
 * A restored domain is a new one to Xen: its shared_info is another
 * page, no vcpu_info or runstate area is registered, no event channel is
 * bound and no timer is set, and Xen's system time may have started
 * anew on another host.
 */
#define pr_fmt(fmt) "xenpv: " fmt

#include <linux/smp.h>
#include <linux/tick.h>

#include <asm/xen/page.h>
#include <xen/xen.h>
#include <xen/xen-ops.h>

#include "xen-ops.h"

static void xenpv_rings_to_pfn(struct start_info *si)
{
	si->store_mfn = mfn_to_pfn(si->store_mfn);
	si->console.domU.mfn = mfn_to_pfn(si->console.domU.mfn);
}

static void xenpv_rings_to_mfn(struct start_info *si)
{
	si->store_mfn = pfn_to_mfn(si->store_mfn);
	si->console.domU.mfn = pfn_to_mfn(si->console.domU.mfn);
}

/*
 * In stop_machine(), events masked, the other vCPUs spinning.  A PVH or
 * HVM guest has no machine frames to translate: its shared_info is a
 * page of its own, and it has no start_info of Xen's.
 */
void xen_arch_pre_suspend(void)
{
	xenpv_sched_clock_suspend();
	if (xen_hvm_domain())
		return;
	/* dom0's start_info has no rings there: the union holds its console. */
	if (!xen_initial_domain())
		xenpv_rings_to_pfn(xen_start_info);
	xenpv_shared_info_detach();
}

static void xenpv_post_suspend(bool cancelled)
{
	xenpv_shared_info_attach();
	if (cancelled) {
		if (!xen_initial_domain())
			xenpv_rings_to_mfn(xen_start_info);
	} else {
		xenpv_vcpus_replace();
		xenpv_vcpus_restored();
	}
}

void xen_arch_post_suspend(int cancelled)
{
	if (xen_hvm_domain()) {
		xenhvm_post_suspend(cancelled);
		/* The restored domain's device model plugs them in again. */
		if (!cancelled && !xen_pvh_domain())
			xenhvm_unplug_after_restore();
		xenpv_sched_clock_resume(!cancelled);
		return;
	}
	xenpv_post_suspend(cancelled);
	xenpv_sched_clock_resume(!cancelled);
	xenpv_p2m_publish();
}

/*
 * Each vCPU's tick stops before the save and is set again after it: Xen
 * keeps no timer across a restore.  The vCPU that runs the suspend gets
 * its own through timekeeping's syscore calls, which manage.c makes.
 */
static void xenpv_tick_stop(void *unused)
{
	tick_suspend_local();
}

static void xenpv_tick_restart(void *unused)
{
	/* manage.c suspends on CPU 0, whose tick timekeeping restarted. */
	if (smp_processor_id())
		tick_resume_local();
}

void xen_arch_suspend(void)
{
	on_each_cpu(xenpv_tick_stop, NULL, 1);
}

void xen_arch_resume(void)
{
	on_each_cpu(xenpv_tick_restart, NULL, 1);
}
