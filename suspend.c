// SPDX-License-Identifier: GPL-2.0
/*
 * Save, restore and migration: what the guest tears down before the
 * suspend hypercall and rebuilds after it returns.
 */
#include <xen/xen-ops.h>

#include "xen-ops.h"

void xen_arch_pre_suspend(void)
{
	xenpv_missing("suspend");
}

void xen_arch_post_suspend(int cancelled)
{
	xenpv_missing("suspend");
}

void xen_arch_suspend(void)
{
	xenpv_missing("suspend");
}

void xen_arch_resume(void)
{
	xenpv_missing("suspend");
}
