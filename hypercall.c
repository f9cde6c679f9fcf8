// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercalls and questions to the hypervisor.
 *
 * Every HYPERVISOR_* wrapper in asm/xen/hypercall.h calls through the
 * xen_hypercall static call.  One kernel image has three ways in: the PV
 * entry points it at the syscall stub first thing, a PVH or HVM start at
 * vmcall or vmmcall (hvm_guest.c).  Until then it fails every call with
 * -ENOSYS: a kernel that has not found Xen yet, or runs on something
 * else, may still try one (the "earlyprintk=xen" console does, and falls
 * back to Xen's debug port).
 */
#include <linux/export.h>
#include <linux/percpu.h>
#include <linux/static_call.h>

#include <asm/xen/hypercall.h>
#include <xen/interface/version.h>
#include <xen/xen-ops.h>

#include "xen-ops.h"

DEFINE_STATIC_CALL(xen_hypercall, xen_hypercall_unchosen);
EXPORT_STATIC_CALL_TRAMP(xen_hypercall);

#ifndef CONFIG_PREEMPTION
/*
 * Set while privcmd runs a hypercall on the toolstack's behalf that may
 * take long; the kernel may then reschedule inside it.
 */
DEFINE_PER_CPU(bool, xen_in_preemptible_hcall);
EXPORT_PER_CPU_SYMBOL_GPL(xen_in_preemptible_hcall);
#endif

/**
 * xen_running_on_version_or_later() - is Xen at least MAJOR.MINOR?
 * @major: major version
 * @minor: minor version
 */
bool xen_running_on_version_or_later(unsigned int major, unsigned int minor)
{
	int version = HYPERVISOR_xen_version(XENVER_version, NULL);
	unsigned int have_major = (unsigned int)version >> 16;
	unsigned int have_minor = version & 0xffff;

	if (version < 0)
		return false;
	return have_major > major || (have_major == major && have_minor >= minor);
}
