// SPDX-License-Identifier: GPL-2.0
/*
 * shared_info and the per-vCPU vcpu_info: the memory through which Xen
 * tells the guest about pending events, time and its own state.
 */
#include <linux/export.h>
#include <linux/percpu.h>

#include <asm/xen/hypervisor.h>
#include <xen/interface/xen.h>
#include <xen/xen-ops.h>

#include "xenpv.h"

struct shared_info *HYPERVISOR_shared_info;

/* Where each vCPU's vcpu_info lives, and Xen's number for the vCPU. */
DEFINE_PER_CPU(struct vcpu_info *, xen_vcpu);
DEFINE_PER_CPU(uint32_t, xen_vcpu_id);
EXPORT_PER_CPU_SYMBOL(xen_vcpu_id);
