// SPDX-License-Identifier: GPL-2.0
/*
 * Console output that works from the guest's first instruction.
 *
 * For dom0, HYPERVISOR_console_io: it needs no memory shared with Xen
 * and no event channel, so it works before anything is set up, and Xen
 * prints what it gets on its own console.
 */
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/sprintf.h>
#include <linux/stdarg.h>
#include <linux/string.h>

#include <asm/xen/hypercall.h>
#include <asm/xen/page.h>
#include <xen/interface/event_channel.h>
#include <xen/interface/io/console.h>
#include <xen/interface/sched.h>
#include <xen/xen.h>

#include "xen-ops.h"

/*
 * A domU may not write to Xen's console (a non-debug Xen refuses): its
 * early output goes into its own console ring instead, which xenconsoled
 * copies out.  The ring is found by frame number, through the kernel
 * image's mapping until the direct map exists.
 */
static unsigned long xenpv_ring_pfn;
static evtchn_port_t xenpv_ring_port;
static bool xenpv_ring_direct;

/* Nobody drains the ring before xenconsoled attaches: do not wait forever. */
#define XENPV_RING_PATIENCE	1000

static struct xencons_interface *xenpv_ring(void)
{
	phys_addr_t pa = PFN_PHYS(xenpv_ring_pfn);

	return xenpv_ring_direct ? __va(pa) : (void *)(pa + __START_KERNEL_map);
}

static void xenpv_ring_kick(void)
{
	struct evtchn_send send = { .port = xenpv_ring_port };

	HYPERVISOR_event_channel_op(EVTCHNOP_send, &send);
}

static void xenpv_ring_write(const char *text, size_t len)
{
	struct xencons_interface *ring = xenpv_ring();
	XENCONS_RING_IDX prod = ring->out_prod;
	int patience = XENPV_RING_PATIENCE;
	size_t i;

	for (i = 0; i < len; i++) {
		while (prod - READ_ONCE(ring->out_cons) >= sizeof(ring->out)) {
			if (!patience--)
				goto publish;
			xenpv_ring_kick();
			HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
		}
		ring->out[MASK_XENCONS_IDX(prod++, ring->out)] = text[i];
	}
publish:
	/* The bytes must be there before the consumer sees the index move. */
	wmb();
	ring->out_prod = prod;
	xenpv_ring_kick();
}

/**
 * xenpv_early_console_init() - find where early output goes
 * @si: start_info; the p2m and m2p must already be usable
 */
void __init xenpv_early_console_init(const struct start_info *si)
{
	if (si->flags & SIF_INITDOMAIN)
		return;
	xenpv_ring_pfn = mfn_to_pfn(si->console.domU.mfn);
	xenpv_ring_port = si->console.domU.evtchn;
}

/**
 * xenpv_early_console_direct() - reach the ring through the direct map
 * from now on
 */
void __init xenpv_early_console_direct(void)
{
	xenpv_ring_direct = true;
}

/**
 * xenpv_early_write() - write bytes to the console the domain has from
 * its first instruction: Xen's for dom0, its own ring for a domU
 * @text: the bytes
 * @len: how many
 */
void xenpv_early_write(const char *text, size_t len)
{
	if (xenpv_ring_pfn)
		xenpv_ring_write(text, len);
	else
		HYPERVISOR_console_io(CONSOLEIO_write, len, (char *)text);
}

/**
 * xenpv_early_printf() - printf to Xen's console
 * @fmt: format, as for printk
 *
 * Lines longer than 255 bytes are cut (keeping their newline).  Outside
 * Xen (the port's KUnit suites under kunit.py) there is no such console,
 * and a hypercall would be a system call from kernel mode: nothing is
 * written.
 */
void xenpv_early_printf(const char *fmt, ...)
{
	char line[256];
	va_list args;
	int len;

	if (!xen_pv_domain())
		return;
	va_start(args, fmt);
	len = vscnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	/* A cut line still ends its line: the next one must start fresh. */
	if (len == sizeof(line) - 1 && fmt[strlen(fmt) - 1] == '\n')
		line[len - 1] = '\n';
	xenpv_early_write(line, len);
}

/**
 * xenpv_not_implemented() - stop the guest in a part of the port that is
 * not written yet
 * @part: which part of the port ("p2m", "boot", ...)
 * @what: what in it, in words a reader of the console understands
 *
 * Names the missing part on Xen's console and asks Xen to treat the domain
 * as crashed, so that the toolstack (or, for dom0, Xen itself) reports it.
 * A crashed domain never runs again, so this returns only when Xen refused
 * the shutdown; callers then go on with the error they would give anyway.
 * It must stay a function the compiler sees returning: objtool keeps its
 * list of functions that never return outside this directory, and a
 * caller ending in a call to an unlisted one is an error to it.
 */
void xenpv_not_implemented(const char *part, const char *what)
{
	struct sched_shutdown crash = { .reason = SHUTDOWN_crash };
	int rc;

	xenpv_early_printf("xenpv: not implemented: %s: %s\n", part, what);
	rc = HYPERVISOR_sched_op(SCHEDOP_shutdown, &crash);
	xenpv_early_printf("xenpv: Xen refused to crash the domain: %d\n", rc);
}
