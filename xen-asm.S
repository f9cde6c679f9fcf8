/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Assembly paths between Xen and the kernel's entry code: exceptions,
 * system calls, and the return through HYPERVISOR_iret.
 *
 * Xen delivers every exception like the hardware would, plus the guest's
 * %rcx and %r11 on top of the frame (its own return path through sysret
 * clobbered them).  The stubs below take them back and continue in the
 * kernel's native entry code, which then sees the frame it expects.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/linkage.h>
#include <linux/objtool.h>
#include <asm/asm.h>
#include <asm/segment.h>
#include <asm/unwind_hints.h>
#include <xen/interface/xen.h>

#include "../entry/calling.h"

/* Take back the %rcx and %r11 that Xen left on top of the frame. */
.macro xenpv_take_rcx_r11
	movq	(%rsp), %rcx
	movq	8(%rsp), %r11
	leaq	16(%rsp), %rsp
.endm

/* xenpv_exception NAME: the Xen-facing entry of asm_NAME. */
.macro xenpv_exception name
SYM_CODE_START(xen_asm_\name)
	UNWIND_HINT_ENTRY
	ENDBR
	xenpv_take_rcx_r11
	jmp	asm_\name
SYM_CODE_END(xen_asm_\name)
.endm

	.text
xenpv_exception exc_divide_error
xenpv_exception xenpv_exc_debug
xenpv_exception xenpv_exc_nmi
xenpv_exception exc_int3
xenpv_exception exc_overflow
xenpv_exception exc_bounds
xenpv_exception exc_invalid_op
xenpv_exception exc_device_not_available
xenpv_exception xenpv_exc_double_fault
xenpv_exception exc_coproc_segment_overrun
xenpv_exception exc_invalid_tss
xenpv_exception exc_segment_not_present
xenpv_exception exc_stack_segment
xenpv_exception exc_general_protection
xenpv_exception exc_page_fault
xenpv_exception exc_spurious_interrupt_bug
xenpv_exception exc_coprocessor_error
xenpv_exception exc_alignment_check
#ifdef CONFIG_X86_MCE
xenpv_exception xenpv_exc_machine_check
#endif
xenpv_exception exc_simd_coprocessor_error
#ifdef CONFIG_IA32_EMULATION
xenpv_exception int80_emulation
#endif
xenpv_exception exc_xen_unknown_trap
xenpv_exception exc_xen_hypervisor_callback

/*
 * System calls from user mode.  Xen switched to the kernel stack and left
 * the frame the CPU would have built, except that its selectors are Xen's
 * and %rcx/%r11 (the user's return address and flags) sit on top; the
 * entry code wants the kernel's own user selectors.
 */
.macro xenpv_syscall name, target, user_cs
SYM_CODE_START(xen_\name)
	UNWIND_HINT_ENTRY
	ENDBR
	xenpv_take_rcx_r11
	movq	$\user_cs, 8(%rsp)
	movq	$__USER_DS, 32(%rsp)
	jmp	\target
SYM_CODE_END(xen_\name)
.endm

xenpv_syscall entry_SYSCALL_64, entry_SYSCALL_64_after_hwframe, __USER_CS
#ifdef CONFIG_IA32_EMULATION
xenpv_syscall entry_SYSCALL_compat, entry_SYSCALL_compat_after_hwframe, __USER32_CS
xenpv_syscall entry_SYSENTER_compat, entry_SYSENTER_compat_after_hwframe, __USER32_CS
#else
/*
 * A kernel without 32-bit support: a SYSCALL or SYSENTER from 32-bit code
 * fails with -ENOSYS, as on native Linux.  Without a callback of its own,
 * Xen would enter the 64-bit system call entry with 32-bit arguments.
 */
SYM_CODE_START(xen_entry_compat_enosys)
	UNWIND_HINT_ENTRY
	ENDBR
	xenpv_take_rcx_r11
	movq	$-ENOSYS, %rax
	jmp	xenpv_iret
SYM_CODE_END(xen_entry_compat_enosys)
#endif

/*
 * Xen's failsafe callback: Xen could not load a selector the guest had,
 * either one in an iret frame or, after descheduling the vCPU, one whose
 * GDT or LDT slot the guest changed in the meantime (set_thread_area()
 * clears a TLS slot before it reloads the register).  In the second case
 * Xen nulls the register but then writes back the FS or GS base it had
 * saved with the old selector.  Hardware without X86_BUG_NULL_SEG gives a
 * null selector a zero base, and do_set_thread_area() reloads only a
 * register that still holds the slot's selector, so the stale base would
 * reach user space: it is cleared here.  The kernel's own failsafe code
 * (entry_64.S) then tells the two cases apart.
 *
 * Xen builds this frame before it delivers an exception it already had
 * pending for the vCPU, which then reports this entry as where it
 * happened.  The exception table sends it back here: once this frame is
 * unwound, the instruction that raised it runs again.
 *
 * Frame: %rcx, %r11, %ds, %es, %fs, %gs, then the hardware frame.
 * Events are masked (CALLBACKF_mask_events); %rcx and %r11 are free.
 */
#define XENPV_FAILSAFE_FS	0x20
#define XENPV_FAILSAFE_GS	0x28
/* %rax and every register Xen may clobber as a hypercall argument. */
#define XENPV_FAILSAFE_PUSHED	(7 * 8)

.macro xenpv_clear_stale_base seg, slot, base
	movl	%\seg, %eax
	testw	%ax, %ax
	jnz	.Lxenpv_\seg\()_base_ok
	cmpw	$0, XENPV_FAILSAFE_PUSHED + \slot(%rsp)
	je	.Lxenpv_\seg\()_base_ok
	movl	$__HYPERVISOR_set_segment_base, %eax
	movl	$\base, %edi
	xorl	%esi, %esi
	syscall
.Lxenpv_\seg\()_base_ok:
.endm

SYM_CODE_START(xenpv_failsafe_callback)
	UNWIND_HINT_UNDEFINED
	ENDBR
	pushq	%rax
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%r8
	pushq	%r9
	pushq	%r10
	xenpv_clear_stale_base fs, XENPV_FAILSAFE_FS, SEGBASE_FS
	xenpv_clear_stale_base gs, XENPV_FAILSAFE_GS, SEGBASE_GS_USER
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rdx
	popq	%rsi
	popq	%rdi
	popq	%rax
	jmp	xen_failsafe_callback
SYM_CODE_END(xenpv_failsafe_callback)
	_ASM_EXTABLE(xenpv_failsafe_callback, xenpv_failsafe_callback)

/*
 * Every return from the kernel goes through Xen: only HYPERVISOR_iret
 * restores the event mask (the guest's interrupt flag) from the saved
 * RFLAGS.IF.  It takes the hardware frame with a flags word, %rcx, %r11
 * and %rax on top; flags 0 asks Xen to restore all of them.
 */
SYM_CODE_START(xenpv_iret)
	UNWIND_HINT_IRET_REGS
	ANNOTATE_NOENDBR
	pushq	$0
	pushq	%rcx
	pushq	%r11
	pushq	%rax
	movl	$__HYPERVISOR_iret, %eax
	syscall
SYM_CODE_END(xenpv_iret)

/*
 * The same for the kernel's early exception handlers.  asm/segment.h
 * fixes the size of each slot, which leaves room for two pops and the
 * jump into native slot N.
 */
.macro xenpv_early_exception n
	UNWIND_HINT_UNDEFINED
	ENDBR
	pop	%rcx
	pop	%r11
	jmp	early_idt_handler_array + \n * EARLY_IDT_HANDLER_SIZE
	.org	xen_early_idt_handler_array + (\n + 1) * XEN_EARLY_IDT_HANDLER_SIZE, 0xcc
.endm

	__INIT
SYM_CODE_START(xen_early_idt_handler_array)
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, \
		16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	xenpv_early_exception \n
	.endr
SYM_CODE_END(xen_early_idt_handler_array)
	__FINIT

/*
 * The entry code jumps here instead of its native return to user mode,
 * before the stack erasing it does there (GCC_PLUGIN_STACKLEAK), so that
 * comes first, while pt_regs still hold every register.
 */
SYM_CODE_START(xenpv_restore_regs_and_return_to_usermode)
	UNWIND_HINT_REGS
	ANNOTATE_NOENDBR
	STACKLEAK_ERASE
	POP_REGS
	addq	$8, %rsp
	UNWIND_HINT_IRET_REGS
	jmp	xenpv_iret
SYM_CODE_END(xenpv_restore_regs_and_return_to_usermode)

#ifdef CONFIG_XEN_PV_SMP
/*
 * A secondary vCPU starts here, on its idle task's stack, with the
 * context smp.c gave Xen.  One coming back from VCPUOP_down starts over
 * at xenpv_ap_restart, with the stack pointer to reset in %rdi.
 */
SYM_CODE_START(xenpv_ap_entry)
	UNWIND_HINT_END_OF_STACK
	ANNOTATE_NOENDBR
	call	xenpv_ap_start
	/*
	 * Not reached.  int3 rather than ud2: objtool takes an instruction
	 * after a call that never returns for a missing __noreturn, except
	 * a trap.
	 */
	int3
SYM_CODE_END(xenpv_ap_entry)

SYM_CODE_START(xenpv_ap_restart)
	UNWIND_HINT_FUNC
	ANNOTATE_NOENDBR
	movq	%rdi, %rsp
	UNWIND_HINT_END_OF_STACK
	call	xenpv_ap_start
	int3
SYM_CODE_END(xenpv_ap_restart)
#endif
