/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ELF notes that Xen's domain builder reads from the kernel image, and
 * the instruction where Xen starts a PV guest.  head_64.S includes this
 * file, so it is assembled as part of head_64.o.
 */
#ifdef CONFIG_XEN

#include <linux/init.h>
#include <linux/linkage.h>
#include <asm/asm.h>
#include <asm/page_types.h>
#include <asm/percpu.h>
#include <asm/pgtable_types.h>
#include <asm/unwind_hints.h>
#include <xen/interface/elfnote.h>
#include <xen/interface/features.h>
#include <xen/interface/xen.h>
#include <asm/xen/interface.h>

/*
 * xen_note TYPE, DATA...: one note named "Xen".  The descriptor size
 * covers DATA only; the padding that follows it is not part of it.
 */
.macro xen_note type:req, data:vararg
	.pushsection .note.Xen, "a", @note
	.balign 4
	.long	.Lname_end\@ - .Lname\@
	.long	.Ldesc_end\@ - .Ldesc\@
	.long	\type
.Lname\@:
	.asciz	"Xen"
.Lname_end\@:
	.balign 4
.Ldesc\@:
	\data
.Ldesc_end\@:
	.balign 4
	.popsection
.endm

/* Who we are, for Xen's logs and for its compatibility checks. */
	xen_note XEN_ELFNOTE_GUEST_OS,		.asciz "linux"
	xen_note XEN_ELFNOTE_GUEST_VERSION,	.asciz "2.6"
	xen_note XEN_ELFNOTE_XEN_VERSION,	.asciz "xen-3.0"
	xen_note XEN_ELFNOTE_LOADER,		.asciz "generic"
	/* The suspend hypercall may return "cancelled" and resume us. */
	xen_note XEN_ELFNOTE_SUSPEND_CANCEL,	.long 1

#ifdef CONFIG_XEN_PV
#ifdef CONFIG_XEN_DOM0
#define XENPV_DOM0_FEATURE	(1 << XENFEAT_dom0)
#else
#define XENPV_DOM0_FEATURE	0
#endif
	/*
	 * How Xen must lay the guest out: 64-bit with PAE page tables, the
	 * image linked at __START_KERNEL_map with physical offset 0, the
	 * initrd given as a frame number.
	 */
	xen_note XEN_ELFNOTE_PAE_MODE,		.asciz "yes"
	xen_note XEN_ELFNOTE_VIRT_BASE,		.quad __START_KERNEL_map
	xen_note XEN_ELFNOTE_PADDR_OFFSET,	.quad 0
	xen_note XEN_ELFNOTE_ENTRY,		.quad xen_pv_entry
	xen_note XEN_ELFNOTE_MOD_START_PFN,	.long 1
	/*
	 * The p2m list goes outside the initial mapping, which the port takes
	 * over as one 1 GiB L2 (pgtable_boot.c): inside it, the list would
	 * limit a guest to about 475 GiB.  The address is the L4 slot after
	 * the cpu_entry_area, a hole of the 4-level kernel layout that no
	 * kernel region reaches (KASLR stops below the cpu_entry_area), below
	 * the image as the domU builder requires; p2m.c empties it again.
	 */
	xen_note XEN_ELFNOTE_INIT_P2M,		.quad CPU_ENTRY_AREA_BASE + P4D_SIZE
	/*
	 * Page tables are never writable by the guest: every update is a
	 * hypercall or a trapped write that Xen validates.  A present L1
	 * entry always holds a machine frame (save/restore relies on it).
	 */
	xen_note XEN_ELFNOTE_FEATURES,		.asciz "!writable_page_tables"
	xen_note XEN_ELFNOTE_SUPPORTED_FEATURES, \
		.long (1 << XENFEAT_writable_page_tables) | XENPV_DOM0_FEATURE
	xen_note XEN_ELFNOTE_L1_MFN_VALID,	.quad _PAGE_PRESENT, _PAGE_PRESENT

	__INIT
/*
 * Xen enters here on vCPU 0 with %rsi = the virtual address of start_info,
 * event delivery masked, and a stack inside its own bootstrap mapping.
 */
SYM_CODE_START(xen_pv_entry)
	UNWIND_HINT_END_OF_STACK
	ANNOTATE_NOENDBR
	cld
	movq	%rsi, %rbx
	leaq	__top_init_kernel_stack(%rip), %rsp

	/*
	 * C code built with the stack protector reads its canary at %gs:40,
	 * so %gs must point at the boot CPU's fixed per-cpu data first.  The
	 * kernel runs in ring 3 and cannot load the base itself: ask Xen.
	 */
	movl	$__HYPERVISOR_set_segment_base, %eax
	movl	$SEGBASE_GS_KERNEL, %edi
	movq	$INIT_PER_CPU_VAR(fixed_percpu_data), %rsi
	call	xenpv_hypercall_syscall
	testq	%rax, %rax
	jnz	.Lno_gs_base

	movq	%rbx, %rdi
	call	xenpv_start
.Lno_gs_base:
	ud2
SYM_CODE_END(xen_pv_entry)
	__FINIT
#endif /* CONFIG_XEN_PV */

#endif /* CONFIG_XEN */
