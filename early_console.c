// SPDX-License-Identifier: GPL-2.0
/*
 * Console output that works from the guest's first instruction.
 *
 * HYPERVISOR_console_io needs no memory shared with Xen and no event
 * channel, so it works before anything is set up.  Xen prints what dom0
 * writes on its own console; for a domU it prints it prefixed with the
 * domain id, and only when booted with guest_loglvl=all.
 */
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/sprintf.h>
#include <linux/stdarg.h>

#include <asm/xen/hypercall.h>
#include <xen/interface/sched.h>

#include "xenpv.h"

/**
 * xenpv_early_write() - write bytes to Xen's console
 * @text: the bytes
 * @len: how many
 */
void xenpv_early_write(const char *text, size_t len)
{
	HYPERVISOR_console_io(CONSOLEIO_write, len, (char *)text);
}

/**
 * xenpv_early_printf() - printf to Xen's console
 * @fmt: format, as for printk
 *
 * Lines longer than 255 bytes are cut.
 */
void xenpv_early_printf(const char *fmt, ...)
{
	char line[256];
	va_list args;
	int len;

	va_start(args, fmt);
	len = vscnprintf(line, sizeof(line), fmt, args);
	va_end(args);
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
 * Never returns in practice; it is declared as returning so that callers
 * can follow it with the error they would give if it did.
 */
void xenpv_not_implemented(const char *part, const char *what)
{
	struct sched_shutdown crash = { .reason = SHUTDOWN_crash };

	xenpv_early_printf("xenpv: not implemented: %s: %s\n", part, what);
	for (;;)
		HYPERVISOR_sched_op(SCHEDOP_shutdown, &crash);
}
