// SPDX-License-Identifier: GPL-2.0
/*
 * Power off, reboot, halt and crash of a PV guest: all of them ask Xen to
 * shut the domain down, giving the reason, which the toolstack acts on.
 *
 * dom0 powers the machine off through the platform first: Xen owns the
 * CPUs and only enters ACPI S5 when dom0, which owns the ACPI tables and
 * their AML, hands it the sleep registers' values (XENPF_enter_acpi_sleep,
 * through the ACPI core's prepare-sleep hook).  A plain shutdown request
 * from dom0 only makes Xen halt, leaving the machine on.
 */
#define pr_fmt(fmt) "xenpv: " fmt

#include <linux/console.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kexec.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/reboot.h>

#include <asm/reboot.h>
#include <asm/xen/hypercall.h>
#include <xen/acpi.h>
#include <xen/interface/sched.h>
#include <xen/xen-ops.h>
#include <xen/xen.h>

#include "xen-ops.h"

/**
 * xen_reboot() - shut this domain down
 * @reason: SHUTDOWN_poweroff, SHUTDOWN_reboot or SHUTDOWN_crash
 */
void xen_reboot(int reason)
{
	struct sched_shutdown why = { .reason = reason };

	if (HYPERVISOR_sched_op(SCHEDOP_shutdown, &why))
		BUG();
}

static void xenpv_restart(char *cmd)
{
	xen_reboot(SHUTDOWN_reboot);
}

static void xenpv_halt(void)
{
	xen_reboot(SHUTDOWN_poweroff);
}

/* The platform's handlers (ACPI S5 in dom0) run first; Xen's is the last. */
static void xenpv_power_off(void)
{
	do_kernel_power_off();
	xen_reboot(SHUTDOWN_poweroff);
}

static void xenpv_emergency_restart(void)
{
	xen_reboot(SHUTDOWN_reboot);
}

/* The other vCPUs are Xen's to stop: nothing to do before shutting down. */
static void xenpv_prepare_shutdown(void)
{
}

static void xenpv_crash_shutdown(struct pt_regs *regs)
{
}

static int xenpv_power_off_handler(struct sys_off_data *data)
{
	xen_reboot(SHUTDOWN_poweroff);
	return NOTIFY_DONE;
}

/*
 * A panic is a crash for the toolstack, which then keeps or restarts it.
 * panic() flushes the consoles only after its notifiers: without the
 * flush here the panic message, and often the oops before it, would die
 * with the domain (another vCPU may have held the console lock).  With
 * a crash kernel loaded (crash_kexec_post_notifiers runs the notifiers
 * first) the domain must live on for it.
 */
static int xenpv_panic(struct notifier_block *nb, unsigned long event, void *msg)
{
	if (kexec_crash_loaded())
		return NOTIFY_DONE;
	console_flush_on_panic(CONSOLE_FLUSH_PENDING);
	xen_reboot(SHUTDOWN_crash);
	return NOTIFY_DONE;
}

static struct notifier_block xenpv_panic_block = {
	.notifier_call = xenpv_panic,
	/* Last, after every other notifier had its say. */
	.priority = INT_MIN,
};

/**
 * xenpv_install_power_ops() - route every way of stopping the kernel
 * through Xen
 */
void __init xenpv_install_power_ops(void)
{
	machine_ops = (struct machine_ops) {
		.restart = xenpv_restart, .emergency_restart = xenpv_emergency_restart,
		.halt = xenpv_halt, .power_off = xenpv_power_off,
		.shutdown = xenpv_prepare_shutdown, .crash_shutdown = xenpv_crash_shutdown,
	};
	atomic_notifier_chain_register(&panic_notifier_list, &xenpv_panic_block);
	/* Sleep states, S5 included, are entered by Xen at dom0's request. */
	xen_acpi_sleep_register();
}

#ifdef CONFIG_XEN_HVM_CONTAINER
/*
 * A kernel that kexec starts in this domain would find it as this one
 * left it: event channels bound, vcpu_info registered, shared_info and
 * grant frames in its memory map, none of which it can take over or
 * register again.  SHUTDOWN_soft_reset has the toolstack make Xen return
 * the domain to its state at creation (XEN_DOMCTL_soft_reset) while this
 * vCPU waits in the hypercall.  A refusal leaves the next kernel to find
 * the domain as it is.
 */
static void xenhvm_soft_reset(void)
{
	struct sched_shutdown why = { .reason = SHUTDOWN_soft_reset };
	int rc = HYPERVISOR_sched_op(SCHEDOP_shutdown, &why);

	if (rc)
		pr_emerg("Xen refused the soft reset before the next kernel: %d\n", rc);
}

/* Only kexec goes on to another kernel; a restart goes to the toolstack. */
static void xenhvm_machine_shutdown(void)
{
	native_machine_shutdown();
	if (kexec_in_progress)
		xenhvm_soft_reset();
}

/* The crash kernel (kdump) needs a fresh domain as much as kexec's. */
static void xenhvm_crash_shutdown(struct pt_regs *regs)
{
	native_machine_crash_shutdown(regs);
	xenhvm_soft_reset();
}

/**
 * xenpv_install_hvm_power_ops() - the parts of Xen's power handling a
 * guest in an HVM container needs
 *
 * Its firmware tables describe no way to power off or reset it: the
 * toolstack does both, and a panic must reach it as a crash.  A domU's
 * kernel started by kexec or kdump gets a domain reset by Xen; a PVH
 * dom0 keeps the native paths, as Xen answers a soft reset of the
 * hardware domain by rebooting the machine.
 */
void __init xenpv_install_hvm_power_ops(void)
{
	machine_ops.restart = xenpv_restart;
	machine_ops.emergency_restart = xenpv_emergency_restart;
	if (IS_ENABLED(CONFIG_KEXEC_CORE) && !xen_initial_domain())
		machine_ops.shutdown = xenhvm_machine_shutdown;
	if (IS_ENABLED(CONFIG_CRASH_DUMP) && !xen_initial_domain())
		machine_ops.crash_shutdown = xenhvm_crash_shutdown;
	atomic_notifier_chain_register(&panic_notifier_list, &xenpv_panic_block);
}
#endif

/*
 * Lets the reboot system call know that powering off works, and stands
 * last in the chain: ACPI's handler (SYS_OFF_PRIO_FIRMWARE) goes first.
 */
static int __init xenpv_register_power_off(void)
{
	if (!xen_domain())
		return 0;
	return PTR_ERR_OR_ZERO(register_sys_off_handler(SYS_OFF_MODE_POWER_OFF,
							SYS_OFF_PRIO_PLATFORM,
							xenpv_power_off_handler, NULL));
}
device_initcall(xenpv_register_power_off);
