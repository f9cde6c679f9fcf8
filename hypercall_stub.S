/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The way into Xen for a PV guest kernel.
 *
 * The kernel runs in ring 3 next to user space; Xen tells a hypercall from
 * a system call by the guest mode the syscall instruction comes from.  The
 * HYPERVISOR_* wrappers expect every register except %rax and the
 * argument registers to survive, but syscall overwrites %rcx (return
 * address) and %r11 (flags), so those two are kept on the stack.
 */
#include <linux/linkage.h>
#include <linux/objtool.h>
#include <asm/asm.h>
#include <asm/unwind_hints.h>

	.pushsection .noinstr.text, "ax"
SYM_FUNC_START(xenpv_hypercall_syscall)
	ANNOTATE_NOENDBR
	pushq	%r11
	pushq	%rcx
	UNWIND_HINT_SAVE
	syscall
	UNWIND_HINT_RESTORE
	popq	%rcx
	popq	%r11
	RET
SYM_FUNC_END(xenpv_hypercall_syscall)
	.popsection
