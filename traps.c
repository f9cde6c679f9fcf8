// SPDX-License-Identifier: GPL-2.0
/*
 * Exceptions under Xen PV.
 *
 * Natively, NMI, #DB, #DF and #MC run on interrupt stacks of their own.
 * Xen has no interrupt stack table for PV guests and delivers them on the
 * kernel stack, so these entries hand them to the kernel's handlers for
 * that case: the user-mode ("noist") variants where the kernel has them,
 * and the others, which do not depend on the stack they run on.
 */
#include <linux/printk.h>

#include <asm/idtentry.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

#include "xenpv.h"

DEFINE_IDTENTRY_RAW(xenpv_exc_nmi)
{
	exc_nmi(regs);
}

DEFINE_IDTENTRY_RAW_ERRORCODE(xenpv_exc_double_fault)
{
	exc_double_fault(regs, error_code);
}

/* Direct calls: objtool follows them, an indirect one leaves noinstr. */
DEFINE_IDTENTRY_RAW(xenpv_exc_debug)
{
	if (user_mode(regs))
		noist_exc_debug(regs);
	else
		exc_debug(regs);
}

#ifdef CONFIG_X86_MCE
DEFINE_IDTENTRY_RAW(xenpv_exc_machine_check)
{
	if (user_mode(regs))
		noist_exc_machine_check(regs);
	else
		exc_machine_check(regs);
}
#endif

/* Only vectors the trap table names reach the kernel: this is a Xen bug. */
DEFINE_IDTENTRY_RAW(exc_xen_unknown_trap)
{
	instrumentation_begin();
	pr_emerg("xenpv: Xen delivered an exception the trap table does not name, at %pS\n",
		 (void *)regs->ip);
	BUG();
	instrumentation_end();
}
