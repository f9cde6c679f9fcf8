// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's xen: trace events (include/trace/events/xen.h) are
 * instantiated here.  The multicall queue, the PV MMU and the descriptor
 * ops report through them (and the MULTI_*() helpers of
 * asm/xen/hypercall.h report each queued entry), so perf trace,
 * trace-cmd and BPF tools see this port's batching as they see any Xen
 * PV kernel's.
 */
#include <linux/kernel.h>
#include <linux/types.h>

#include <asm/xen/interface.h>
#include <xen/interface/xen.h>
#include <xen/interface/xen-mca.h>

/* The xen_mc_entry and xen_mc_extend_args events name the hypercall. */
/* Both unused in a kernel without tracing, where nothing prints events. */
static const struct {
	unsigned int op;
	const char *name;
} xenpv_hypercalls[] __maybe_unused = {
#define HYPERCALL(name) { __HYPERVISOR_##name, " (" #name ")" },
#include <asm/xen-hypercalls.h>
#undef HYPERCALL
};

static __maybe_unused const char *xen_hypercall_name(unsigned int op)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xenpv_hypercalls); i++)
		if (xenpv_hypercalls[i].op == op)
			return xenpv_hypercalls[i].name;
	return "";
}

#define CREATE_TRACE_POINTS
#include <trace/events/xen.h>
