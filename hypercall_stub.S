/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ways into Xen: the PV guest kernel's, and those of a PVH or HVM one.
 *
 * The kernel runs in ring 3 next to user space; Xen tells a hypercall from
 * a system call by the guest mode the syscall instruction comes from.  The
 * HYPERVISOR_* wrappers expect every register except %rax and the
 * argument registers to survive, but syscall overwrites %rcx (return
 * address) and %r11 (flags), so those two are kept on the stack.
 */
#include <linux/errno.h>
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

/*
 * The static call's target until the kernel knows how it entered Xen, if
 * it did at all: no way in yet.
 */
	.pushsection .noinstr.text, "ax"
SYM_FUNC_START(xen_hypercall_unchosen)
	ANNOTATE_NOENDBR
	movq	$-ENOSYS, %rax
	RET
SYM_FUNC_END(xen_hypercall_unchosen)
	.popsection

#ifdef CONFIG_XEN_HVM_CONTAINER
/*
 * The ways into Xen for a guest in an HVM container (PVH, HVM): the
 * kernel runs in ring 0, and the instruction that exits to the hypervisor
 * is the vendor's own, vmcall on Intel and vmmcall on AMD.  Xen keeps
 * every register but %rax; hvm_guest.c points the static call at one of
 * these before the first hypercall.
 */
	.pushsection .noinstr.text, "ax"
SYM_FUNC_START(xenhvm_hypercall_vmcall)
	ANNOTATE_NOENDBR
	vmcall
	RET
SYM_FUNC_END(xenhvm_hypercall_vmcall)

SYM_FUNC_START(xenhvm_hypercall_vmmcall)
	ANNOTATE_NOENDBR
	vmmcall
	RET
SYM_FUNC_END(xenhvm_hypercall_vmmcall)
	.popsection
#endif
