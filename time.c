// SPDX-License-Identifier: GPL-2.0
/*
 * Time for a PV guest.
 *
 * Xen keeps, in each vCPU's vcpu_info, the parameters that turn the TSC
 * into its system time (nanoseconds since Xen booted): the pvclock.  That
 * is the clocksource and sched_clock.  Timer interrupts are one-shot
 * timers set by hypercall at an absolute system time, delivered as the
 * per-vCPU VIRQ_TIMER event.  The wallclock is the boot time Xen keeps in
 * shared_info plus the system time; dom0 keeps Xen's up to date.
 */
#define pr_fmt(fmt) "xenpv: " fmt

#include <linux/clockchips.h>
#include <linux/clocksource.h>
#include <linux/interrupt.h>
#include <linux/percpu.h>
#include <linux/pvclock_gtod.h>
#include <linux/sched/clock.h>
#include <linux/static_call.h>
#include <linux/timekeeper_internal.h>

#include <asm/cpufeature.h>
#include <asm/paravirt.h>
#include <asm/pvclock.h>
#include <asm/time.h>
#include <asm/x86_init.h>
#include <asm/xen/hypercall.h>
#include <xen/events.h>
#include <xen/interface/platform.h>
#include <xen/interface/vcpu.h>
#include <xen/xen.h>
#include <xen/xen-ops.h>

#include "xen-ops.h"

/* Xen's system time, in ns, from this vCPU's pvclock parameters. */
static notrace u64 xenpv_system_time(void)
{
	struct pvclock_vcpu_time_info *pvclock;
	u64 now;

	preempt_disable_notrace();
	pvclock = (struct pvclock_vcpu_time_info *)&this_cpu_read(xen_vcpu)->time;
	now = pvclock_clocksource_read_nowd(pvclock);
	preempt_enable_notrace();
	return now;
}

static u64 xenpv_clocksource_read(struct clocksource *cs)
{
	return xenpv_system_time();
}

/* Preferred over the TSC: Xen's time stays right across migration. */
static struct clocksource xenpv_clocksource __read_mostly = {
	.name = "xen", .rating = 400, .read = xenpv_clocksource_read,
	.mask = CLOCKSOURCE_MASK(64), .flags = CLOCK_SOURCE_IS_CONTINUOUS,
};

/* sched_clock counts from the kernel's own start, not Xen's. */
static u64 xenpv_sched_clock_base __read_mostly;

static notrace u64 xenpv_sched_clock(void)
{
	return xenpv_system_time() - xenpv_sched_clock_base;
}

/* Xen measured the TSC: its rate needs no refining against another clock. */
static unsigned long xenpv_tsc_khz(void)
{
	setup_force_cpu_cap(X86_FEATURE_TSC_KNOWN_FREQ);
	return pvclock_tsc_khz((struct pvclock_vcpu_time_info *)
			       &HYPERVISOR_shared_info->vcpu_info[0].time);
}

static void xenpv_get_wallclock(struct timespec64 *now)
{
	struct shared_info *si = HYPERVISOR_shared_info;

	preempt_disable();
	pvclock_read_wallclock(&si->wc,
			       (struct pvclock_vcpu_time_info *)&this_cpu_read(xen_vcpu)->time,
			       now);
	preempt_enable();
}

/* Only dom0 may set the host's clock; a domU's follows Xen's. */
static int xenpv_set_wallclock(const struct timespec64 *now)
{
	struct xen_platform_op op = {
		.cmd = XENPF_settime64,
		.interface_version = XENPF_INTERFACE_VERSION,
		.u.settime64.secs = now->tv_sec,
		.u.settime64.nsecs = now->tv_nsec,
		.u.settime64.system_time = xenpv_system_time(),
	};

	if (!xen_initial_domain())
		return -ENODEV;
	return HYPERVISOR_platform_op(&op);
}

/*
 * dom0's clock is the host's: Xen hands its wallclock to every domain it
 * starts, and dom0 is where the administrator and NTP set the time.  Each
 * timekeeping update reaches this notifier (timekeeper locked, interrupts
 * off): a step of the clock (date -s, hwclock -s, settimeofday) goes to
 * Xen at once, NTP's gradual corrections every XENPV_WALLCLOCK_SYNC_S.
 */
#define XENPV_WALLCLOCK_SYNC_S	(11 * 60)

static int xenpv_dom0_clock_update(struct notifier_block *nb, unsigned long was_set,
				   void *priv)
{
	static time64_t next_sync;
	struct timekeeper *tk = priv;
	struct timespec64 now = {
		.tv_sec = tk->xtime_sec,
		.tv_nsec = tk->tkr_mono.xtime_nsec >> tk->tkr_mono.shift,
	};

	if (!was_set && now.tv_sec < next_sync)
		return NOTIFY_OK;
	if (xenpv_set_wallclock(&now))
		pr_warn_ratelimited("Xen refused the wallclock\n");
	next_sync = now.tv_sec + XENPV_WALLCLOCK_SYNC_S;
	return NOTIFY_OK;
}

static struct notifier_block xenpv_dom0_clock_nb = {
	.notifier_call = xenpv_dom0_clock_update,
};

/*
 * The per-vCPU timer: one-shot, at an absolute Xen system time.  The
 * vCPU is the device's, not the caller's: the clockevents core shuts down
 * the device of a vCPU that went offline from another one.
 */
static int xenpv_timer_vcpu(struct clock_event_device *evt)
{
	return xen_vcpu_nr(cpumask_first(evt->cpumask));
}

static int xenpv_timer_next(unsigned long delta_ns, struct clock_event_device *evt)
{
	struct vcpu_set_singleshot_timer at = {
		.timeout_abs_ns = xenpv_system_time() + delta_ns,
	};

	return HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, xenpv_timer_vcpu(evt), &at);
}

static int xenpv_timer_stop(struct clock_event_device *evt)
{
	return HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, xenpv_timer_vcpu(evt), NULL);
}

static DEFINE_PER_CPU(struct clock_event_device, xenpv_timer);
static DEFINE_PER_CPU(char[16], xenpv_timer_name);

static irqreturn_t xenpv_timer_interrupt(int irq, void *dev)
{
	struct clock_event_device *evt = this_cpu_ptr(&xenpv_timer);

	if (evt->event_handler)
		evt->event_handler(evt);
	return IRQ_HANDLED;
}

/**
 * xenpv_timer_bind() - bind a vCPU's timer event, from any vCPU
 * @cpu: the vCPU
 *
 * Return: 0 or the binding's error.
 */
int xenpv_timer_bind(int cpu)
{
	struct clock_event_device *evt = per_cpu_ptr(&xenpv_timer, cpu);
	char *name = per_cpu(xenpv_timer_name, cpu);
	int irq;

	/* Xen gives every vCPU a 100 Hz tick nobody asked for. */
	HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, xen_vcpu_nr(cpu), NULL);
	snprintf(name, sizeof(per_cpu(xenpv_timer_name, cpu)), "timer%d", cpu);
	irq = bind_virq_to_irqhandler(VIRQ_TIMER, cpu, xenpv_timer_interrupt,
				      IRQF_PERCPU | IRQF_NOBALANCING | IRQF_TIMER |
				      IRQF_EARLY_RESUME | IRQF_FORCE_RESUME,
				      name, NULL);
	if (irq < 0)
		return irq;
	evt->irq = irq;
	return 0;
}

/**
 * xenpv_timer_unbind() - close the timer event of a vCPU that stopped
 * @cpu: the vCPU
 */
void xenpv_timer_unbind(int cpu)
{
	struct clock_event_device *evt = per_cpu_ptr(&xenpv_timer, cpu);

	if (evt->irq > 0)
		unbind_from_irqhandler(evt->irq, NULL);
	evt->irq = 0;
}

/**
 * xenpv_timer_register() - make the bound timer this vCPU's tick device
 *
 * The clockevents core takes a per-CPU device only on its own CPU.
 */
void xenpv_timer_register(void)
{
	int cpu = smp_processor_id();
	struct clock_event_device *evt = per_cpu_ptr(&xenpv_timer, cpu);

	evt->name = "xen";
	evt->features = CLOCK_EVT_FEAT_ONESHOT;
	evt->rating = 500;
	evt->cpumask = cpumask_of(cpu);
	evt->set_next_event = xenpv_timer_next;
	evt->set_state_shutdown = xenpv_timer_stop;
	evt->set_state_oneshot_stopped = xenpv_timer_stop;
	/* The hypercall takes nanoseconds: a 1:1 "frequency" of 1 GHz. */
	clockevents_config_and_register(evt, NSEC_PER_SEC, 100000, ULONG_MAX);
}

static void __init xenpv_time_init(void)
{
	clocksource_register_khz(&xenpv_clocksource, NSEC_PER_SEC / 1000);
	if (xenpv_timer_bind(0))
		xenpv_die("cannot bind the timer of vCPU 0\n");
	xenpv_timer_register();
	xen_setup_runstate_info(0);
	xen_time_setup_guest();
	if (xen_initial_domain())
		pvclock_gtod_register_notifier(&xenpv_dom0_clock_nb);
}

/**
 * xenpv_start_sched_clock() - count sched_clock from now
 *
 * Needs the real shared_info: the placeholder's clock stands still.
 */
void __init xenpv_start_sched_clock(void)
{
	xenpv_sched_clock_base = xenpv_system_time();
	paravirt_set_sched_clock(xenpv_sched_clock);
	static_call_update(pv_steal_clock, xen_steal_clock);
}

static void xenpv_no_percpu_clockev(void)
{
}

/**
 * xenpv_install_time_hooks() - the pvclock as clock, sched_clock and
 * calibration source
 */
void __init xenpv_install_time_hooks(void)
{
	x86_init.timers.timer_init = xenpv_time_init;
	x86_init.timers.setup_percpu_clockev = xenpv_no_percpu_clockev;
	x86_cpuinit.setup_percpu_clockev = xenpv_no_percpu_clockev;
	x86_platform.calibrate_tsc = xenpv_tsc_khz;
	x86_platform.get_wallclock = xenpv_get_wallclock;
	x86_platform.set_wallclock = xenpv_set_wallclock;
}

#ifdef CONFIG_XEN_HVM_CONTAINER
/* A vCPU the native SMP code started: its timer event was bound for it. */
static void xenpv_hvm_ap_clockev(void)
{
	xen_setup_runstate_info(smp_processor_id());
	xenpv_timer_register();
}

/**
 * xenpv_install_hvm_time_hooks() - the pvclock and Xen's timers for a
 * guest in an HVM container
 *
 * Its platform has no PIT or HPET to calibrate against, and a local APIC
 * timer would need calibrating too.  The boot vCPU's timer is bound where
 * the local APIC timer would be set up: events work by then.
 */
void __init xenpv_install_hvm_time_hooks(void)
{
	x86_init.timers.setup_percpu_clockev = xenpv_time_init;
	x86_cpuinit.setup_percpu_clockev = xenpv_hvm_ap_clockev;
	x86_platform.calibrate_tsc = xenpv_tsc_khz;
	x86_platform.calibrate_cpu = xenpv_tsc_khz;
	x86_platform.get_wallclock = xenpv_get_wallclock;
	x86_platform.set_wallclock = xenpv_set_wallclock;
}
#endif

static u64 xenpv_sched_clock_at_suspend;

/**
 * xenpv_sched_clock_suspend() - note sched_clock before a save
 *
 * In stop_machine(), on the vCPU that suspends.
 */
void xenpv_sched_clock_suspend(void)
{
	xenpv_sched_clock_at_suspend = xenpv_sched_clock();
}

/**
 * xenpv_sched_clock_resume() - continue sched_clock where it stopped
 * @restored: the domain was restored, not resumed after a cancelled save
 *
 * Xen's system time on the new host (or after a reboot of the same) has
 * nothing to do with the old one, and may even be smaller: the pvclock
 * forgets the largest value it returned, and sched_clock, which must
 * never go back, goes on from the value it had.  The clocksource need not
 * be continuous: timekeeping's resume takes the step from the wallclock.
 * After a cancelled save the system time went on, and sched_clock too.
 */
void xenpv_sched_clock_resume(bool restored)
{
	if (!restored)
		return;
	pvclock_resume();
	xenpv_sched_clock_base = xenpv_system_time() - xenpv_sched_clock_at_suspend;
}

/**
 * xen_timer_resume() - the timer state a restored domain lacks
 *
 * Called by drivers/xen/manage.c after a restore, with the event channels
 * bound again; each vCPU's tick is set again by its own tick_resume_local().
 * A new vCPU comes with Xen's 100 Hz periodic timer running.
 */
void xen_timer_resume(void)
{
	int cpu;

	for_each_online_cpu(cpu)
		HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, xen_vcpu_nr(cpu), NULL);
}
