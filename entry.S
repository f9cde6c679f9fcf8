/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Assembly paths between Xen and the kernel's entry code: system call
 * entry, the return to user mode through HYPERVISOR_iret, and the
 * exception stubs that drop the %rcx/%r11 pair Xen pushes.
 */
#include <linux/linkage.h>
#include <linux/objtool.h>
#include <asm/asm.h>
#include <asm/unwind_hints.h>

	.section .rodata.str1.1, "aMS", @progbits, 1
.Lentry_part:
	.asciz "entry"
.Lreturn_to_user:
	.asciz "return to user mode through HYPERVISOR_iret"
	.text

/* The entry code jumps here instead of its native return to user mode. */
SYM_CODE_START(xenpv_restore_regs_and_return_to_usermode)
	UNWIND_HINT_REGS
	ANNOTATE_NOENDBR
	leaq	.Lentry_part(%rip), %rdi
	leaq	.Lreturn_to_user(%rip), %rsi
	call	xenpv_not_implemented
	ud2
SYM_CODE_END(xenpv_restore_regs_and_return_to_usermode)
