/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared between the files of the Xen PV port.
 *
 * The port is layered; a file calls only into its own layer or the layers
 * below it:
 *
 *   boot            xen-head.S, boot.c: entry from Xen, ops installation
 *   cpu and events  traps.c, upcall.c, vcpu.c, time.c, smp.c, suspend.c
 *   memory          memmap.c (memory map), pgtable.c (PV MMU ops),
 *                   machine_mem.c (machine memory for drivers), grant.c
 *   p2m             p2m.c: the pseudo-physical to machine frame table
 *   hypervisor      hypercall.c, hypercall_stub.S, early_console.c
 *
 * Interfaces that the rest of Linux calls are declared in the shared
 * headers (asm/xen/, include/xen/); this file holds only what the port's
 * own files share.
 */
#ifndef _XENPV_H
#define _XENPV_H

#include <linux/compiler.h>
#include <linux/init.h>
#include <linux/types.h>

struct start_info;

/* hypervisor layer: hypercall_stub.S, early_console.c */

/*
 * The target of the xen_hypercall static call: enters Xen with the
 * syscall instruction, hypercall number in %rax, arguments in %rdi, %rsi,
 * %rdx, %r10 and %r8.
 */
void xenpv_hypercall_syscall(void);

void xenpv_early_write(const char *text, size_t len);
__printf(1, 2) void xenpv_early_printf(const char *fmt, ...);
void xenpv_not_implemented(const char *part, const char *what);

/* Stop in a function of PART ("p2m", "grant", ...) that is not written yet. */
#define xenpv_missing(part)	xenpv_not_implemented(part, __func__)

/* p2m layer: p2m.c */
void __init xenpv_m2p_init(void);

/* boot layer: boot.c */
asmlinkage __visible void __init xenpv_start(struct start_info *si);

#endif /* _XENPV_H */
