/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interrupt flag ops in assembly, for once each vCPU's vcpu_info is
 * a per-cpu variable (vcpu.c): a %gs-relative access is one instruction,
 * so no preemption can come between finding the vcpu_info and using it.
 * They follow the callee-save convention: only %rax may change.
 */
#include <linux/linkage.h>
#include <asm/asm-offsets.h>
#include <asm/percpu.h>
#include <asm/processor-flags.h>

#define XENPV_MASK	PER_CPU_VAR(xen_vcpu_info + XEN_vcpu_info_mask)
#define XENPV_PENDING	PER_CPU_VAR(xen_vcpu_info + XEN_vcpu_info_pending)
#define XENPV_CR2	PER_CPU_VAR(xen_vcpu_info + XEN_vcpu_info_arch_cr2)

	.pushsection .noinstr.text, "ax"

SYM_FUNC_START(xenpv_save_fl_direct)
	xorl	%eax, %eax
	cmpb	$0, XENPV_MASK
	jne	1f
	movl	$X86_EFLAGS_IF, %eax
1:	RET
SYM_FUNC_END(xenpv_save_fl_direct)

SYM_FUNC_START(xenpv_irq_disable_direct)
	movb	$1, XENPV_MASK
	RET
SYM_FUNC_END(xenpv_irq_disable_direct)

/*
 * Unmask, then look for an event that came while masked: Xen delivers it
 * on the next return from a hypercall.  Moving to another CPU in between
 * does no harm: that CPU delivers its own pending events the same way.
 */
SYM_FUNC_START(xenpv_irq_enable_direct)
	movb	$0, XENPV_MASK
	cmpb	$0, XENPV_PENDING
	je	1f
	call	__raw_callee_save_xenpv_deliver_pending_events
1:	RET
SYM_FUNC_END(xenpv_irq_enable_direct)

SYM_FUNC_START(xenpv_read_cr2_direct)
	movq	XENPV_CR2, %rax
	RET
SYM_FUNC_END(xenpv_read_cr2_direct)

	.popsection
