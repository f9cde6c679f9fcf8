/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The paravirt ops that translate the frame of a page-table entry, in
 * assembly for the common case.  pte_val(), __pte() and the other levels'
 * run several times for every PTE that mprotect, fork or exit touch, and
 * the callee-save convention makes the C versions (mmu.c) save and restore
 * every caller-clobbered register around each call.  These keep every
 * register but %rax with pushes of the two or three they use, and hand
 * anything unusual to the C versions, unchanged: a frame outside the p2m
 * array, a foreign, identity or missing frame, an m2p entry that cannot be
 * read (Xen maps the m2p sparsely) or that belongs to another domain.
 */
#include <linux/linkage.h>
#include <asm/asm.h>
#include <asm/page_types.h>
#include <asm/pgtable_types.h>

/* \frame = the frame of entry %rdi, \flags = the rest of it. */
.macro split_entry frame, flags
#ifdef CONFIG_DYNAMIC_PHYSICAL_MASK
	movq	physical_mask(%rip), \flags
	andq	$PAGE_MASK, \flags
#else
	movabsq	$(((1 << __PHYSICAL_MASK_SHIFT) - 1) & PAGE_MASK), \flags
#endif
	movq	%rdi, \frame
	andq	\flags, \frame
	shrq	$PAGE_SHIFT, \frame
	notq	\flags
	andq	%rdi, \flags
.endm

/* u64 xenpv_entry_to_machine_fast(u64 val): pfn to mfn. */
SYM_FUNC_START(xenpv_entry_to_machine_fast)
	movq	%rdi, %rax
	testb	$_PAGE_PRESENT, %al
	jz	.Lto_done
	pushq	%rdx
	pushq	%rcx
	split_entry %rcx, %rdx
	cmpq	xen_p2m_size(%rip), %rcx
	jae	.Lto_slow
	movq	xen_p2m_addr(%rip), %rax
	movq	(%rax, %rcx, 8), %rax
	/* The foreign and identity bits, and an invalid entry, have bit 62 or 63. */
	movq	%rax, %rcx
	shrq	$62, %rcx
	jnz	.Lto_slow
	shlq	$PAGE_SHIFT, %rax
	orq	%rdx, %rax
	popq	%rcx
	popq	%rdx
.Lto_done:
	RET
.Lto_slow:
	popq	%rcx
	popq	%rdx
	jmp	__raw_callee_save_xenpv_entry_to_machine
SYM_FUNC_END(xenpv_entry_to_machine_fast)

/*
 * u64 xenpv_entry_from_machine_fast(u64 val): mfn to pfn, by the m2p,
 * trusted only when the p2m maps the pfn back to the same mfn.
 */
SYM_FUNC_START(xenpv_entry_from_machine_fast)
	movq	%rdi, %rax
	testb	$_PAGE_PRESENT, %al
	jz	.Lfrom_done
	pushq	%rdx
	pushq	%rcx
	pushq	%rsi
	split_entry %rcx, %rdx
	cmpq	machine_to_phys_nr(%rip), %rcx
	jae	.Lfrom_slow
	movq	machine_to_phys_mapping(%rip), %rax
.Lfrom_m2p:
	movq	(%rax, %rcx, 8), %rax
	cmpq	xen_p2m_size(%rip), %rax
	jae	.Lfrom_slow
	movq	xen_p2m_addr(%rip), %rsi
	cmpq	(%rsi, %rax, 8), %rcx
	jne	.Lfrom_slow
	shlq	$PAGE_SHIFT, %rax
	orq	%rdx, %rax
	popq	%rsi
	popq	%rcx
	popq	%rdx
.Lfrom_done:
	RET
.Lfrom_slow:
	popq	%rsi
	popq	%rcx
	popq	%rdx
	jmp	__raw_callee_save_xenpv_entry_from_machine
	_ASM_EXTABLE(.Lfrom_m2p, .Lfrom_slow)
SYM_FUNC_END(xenpv_entry_from_machine_fast)
