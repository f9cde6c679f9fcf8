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
#define pr_fmt(fmt) "xenpv: " fmt

#include <linux/printk.h>

#include <asm/idtentry.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

#include "xen-ops.h"

DEFINE_IDTENTRY_RAW(xenpv_exc_nmi)
{
	exc_nmi(regs);
}

DEFINE_IDTENTRY_RAW_ERRORCODE(xenpv_exc_double_fault)
{
	exc_double_fault(regs, error_code);
}

/*
 * The handler for the mode the exception came from.  Inlined with
 * constant handlers, so that each call is direct: objtool follows those
 * through noinstr code, where an indirect call would be an error.
 */
static __always_inline void xenpv_exc_by_mode(struct pt_regs *regs,
					      void (*user)(struct pt_regs *),
					      void (*kernel)(struct pt_regs *))
{
	if (user_mode(regs))
		user(regs);
	else
		kernel(regs);
}

DEFINE_IDTENTRY_RAW(xenpv_exc_debug)
{
	xenpv_exc_by_mode(regs, noist_exc_debug, exc_debug);
}

#ifdef CONFIG_X86_MCE
DEFINE_IDTENTRY_RAW(xenpv_exc_machine_check)
{
	xenpv_exc_by_mode(regs, noist_exc_machine_check, exc_machine_check);
}
#endif

/* Only vectors the trap table names reach the kernel: this is a Xen bug. */
DEFINE_IDTENTRY_RAW(exc_xen_unknown_trap)
{
	instrumentation_begin();
	pr_emerg("Xen delivered an exception the trap table does not name, at %pS\n",
		 (void *)regs->ip);
	BUG();
	instrumentation_end();
}
