// SPDX-License-Identifier: GPL-2.0
/*
 * Time for a PV guest: the pvclock Xen keeps per vCPU, one-shot timers set
 * by hypercall, and the wallclock in shared_info.
 */
#include <xen/xen-ops.h>

#include "xenpv.h"

void xen_timer_resume(void)
{
	xenpv_missing("time");
}
