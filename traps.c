// SPDX-License-Identifier: GPL-2.0
/*
 * Exceptions under Xen PV: there is no interrupt stack table, so the
 * exceptions that use one natively arrive on the normal kernel stack
 * through these entries.
 */
#include <asm/idtentry.h>

#include "xenpv.h"

static noinstr void xenpv_trap_missing(const char *what)
{
	instrumentation_begin();
	xenpv_not_implemented("traps", what);
	instrumentation_end();
}

DEFINE_IDTENTRY_RAW(xenpv_exc_nmi)
{
	xenpv_trap_missing("NMI");
}

DEFINE_IDTENTRY_RAW(xenpv_exc_debug)
{
	xenpv_trap_missing("debug exception");
}

DEFINE_IDTENTRY_RAW_ERRORCODE(xenpv_exc_double_fault)
{
	xenpv_trap_missing("double fault");
}

#ifdef CONFIG_X86_MCE
DEFINE_IDTENTRY_RAW(xenpv_exc_machine_check)
{
	xenpv_trap_missing("machine check");
}
#endif

DEFINE_IDTENTRY_RAW(exc_xen_unknown_trap)
{
	xenpv_trap_missing("a vector Xen should never deliver");
}
