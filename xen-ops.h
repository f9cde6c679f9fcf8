/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared between the files of the Xen PV port, grouped by
 * the layer of the file that defines them.  The layers, and which way
 * calls go between them, are described in Documentation/architecture.rst.
 *
 * Interfaces that the rest of Linux calls are declared in the shared
 * headers (asm/xen/, include/xen/); this file holds only what the port's
 * own files share.
 */
#ifndef _ARCH_X86_XEN_XEN_OPS_H
#define _ARCH_X86_XEN_XEN_OPS_H

#include <linux/compiler.h>
#include <linux/init.h>
#include <linux/panic.h>
#include <linux/percpu-defs.h>
#include <linux/types.h>

#include <asm/desc_defs.h>
#include <asm/e820/types.h>
#include <asm/pgtable_types.h>
#include <asm/xen/hypervisor.h>
#include <xen/interface/xen.h>

struct pv_cpu_ops;
struct pv_mmu_ops;
struct start_info;

/* hypervisor layer: hypercall_stub.S, early_console.c */

/*
 * The target of the xen_hypercall static call: enters Xen with the
 * syscall instruction, hypercall number in %rax, arguments in %rdi, %rsi,
 * %rdx, %r10 and %r8.
 */
void xenpv_hypercall_syscall(void);
/* Its target before the kernel knows how it runs on Xen: -ENOSYS. */
void xen_hypercall_unchosen(void);
/* Its counterparts in an HVM container (PVH, HVM): vmcall and vmmcall. */
void xenhvm_hypercall_vmcall(void);
void xenhvm_hypercall_vmmcall(void);

void xenpv_early_write(const char *text, size_t len);
void __init xenpv_early_console_init(const struct start_info *si);
void __init xenpv_early_console_direct(void);
__printf(1, 2) void xenpv_early_printf(const char *fmt, ...);
void xenpv_not_implemented(const char *part, const char *what);

/*
 * A fatal error, told on Xen's console too: early in boot printk has no
 * console yet, and the report must still say what went wrong.
 */
#define xenpv_die(fmt, ...)						\
	do {								\
		xenpv_early_printf("xenpv: fatal: " fmt, ##__VA_ARGS__); \
		panic("xenpv: " fmt, ##__VA_ARGS__);			\
	} while (0)

/* Stop in a function of PART ("p2m", "grant", ...) that is not written yet. */
#define xenpv_missing(part)	xenpv_not_implemented(part, __func__)

/* batching: multicalls.c */
void xenpv_mc_flush(void);
void xenpv_mc_flush_pending(void);
struct multicall_entry;
struct multicall_entry *xenpv_mc_add(unsigned long op, unsigned int words, void **mem);
void xenpv_mc_after(void (*fn)(void *data), void *data);
bool xenpv_mc_batching(enum xen_lazy_mode mode);
bool xenpv_mc_pte_write(u64 ptr, u64 val);
/* The lazy MMU and lazy CPU (context switch) ops, batching their calls. */
void xenpv_lazy_mmu_enter(void);
void xenpv_lazy_mmu_leave(void);
void xenpv_lazy_mmu_flush(void);
struct task_struct;
void xenpv_start_context_switch(struct task_struct *prev);
void xenpv_mc_count_seg_base(void);
void xenpv_end_context_switch(struct task_struct *next);

/* p2m layer: p2m.c */
/* Xen put the p2m list outside its initial mapping (XEN_ELFNOTE_INIT_P2M). */
static inline bool xenpv_p2m_outside_image(const struct start_info *si)
{
	return si->mfn_list < __START_KERNEL_map;
}
void __init xenpv_m2p_init(void);
void __init xenpv_p2m_use_xen_list(const struct start_info *si);
void xenpv_p2m_publish(void);
void __init xenpv_p2m_add_unpopulated(unsigned long pfn, unsigned long n);

/* memory layer: mmu.c, pgd.c, pgtable_boot.c, setup.c */
/*
 * Room for the balloon (or, in a PVH dom0, for grant and foreign
 * mappings), as a ratio to the boot allocation: each frame of room costs
 * a struct page (1/64 of it) and a page-table entry even while Xen has
 * nothing behind it.  Growth past the room is memory hotplug's.
 */
#define XENPV_ROOM_RATIO	8
struct xen_memory_region;
unsigned int xenpv_place_room(const struct e820_entry *map, unsigned int entries,
			      enum e820_type type, unsigned long from,
			      unsigned long limit, unsigned long pages, bool past_map,
			      struct xen_memory_region *out);
void __init xenpv_direct_map_ro(unsigned long pfn, unsigned long n);
u64 xenpv_entry_to_machine(u64 val);
u64 xenpv_entry_from_machine(u64 val);
u64 xenpv_entry_to_machine_fast(u64 val);
u64 xenpv_entry_from_machine_fast(u64 val);
unsigned long xenpv_read_cr2(void);
void xenpv_mmu_update(void *entry, u64 val, unsigned int how);
int xenpv_set_page_ro(unsigned long pfn, bool ro);
void xenpv_pin_table(unsigned int level_cmd, unsigned long pfn);
void xenpv_unpin_table(unsigned long pfn);
void xenpv_load_cr3(unsigned long cr3);
unsigned long xenpv_start_on_kernel_tables(unsigned int cpu);
void __init xenpv_install_mmu_ops(void);
void __init xenpv_direct_map_done(void);
/* The top-level table ops (pgd.c), in the MMU ops table of mmu.c. */
struct mm_struct;
void xenpv_pin_l1(void *table);
int xenpv_pgd_alloc(struct mm_struct *mm);
void xenpv_pgd_free(struct mm_struct *mm, pgd_t *pgd);
void xenpv_enter_mmap(struct mm_struct *mm);
void xenpv_exit_mmap(struct mm_struct *mm);
unsigned long xenpv_read_cr3(void);
void xenpv_write_cr3(unsigned long cr3);
p4d_t *xenpv_user_l4_entry(p4d_t *p4dp);
void __init xenpv_take_over_pagetables(struct start_info *si);
void __init xenpv_nx_beyond_image(void);
void __init xenpv_install_memory_hooks(void);
/* A shootdown of up to this many pages flushes them one by one. */
#define XENPV_INVLPG_BATCH	8

/* cpu and events layer */
unsigned long xenpv_save_fl(void);
void xenpv_irq_disable(void);
void xenpv_irq_enable(void);
void xenpv_deliver_pending_events(void);
unsigned long xenpv_save_fl_direct(void);
void xenpv_irq_disable_direct(void);
void xenpv_irq_enable_direct(void);
unsigned long xenpv_read_cr2_direct(void);
void __init xenpv_install_direct_irq_ops(void);
bool xenpv_vcpu_place(int cpu);
void xenpv_vcpu_unplace(int cpu);
void __init xenpv_place_boot_vcpu(void);
/* Each vCPU's own vcpu_info, which irqflags_direct.S reaches by name. */
DECLARE_PER_CPU_ALIGNED(struct vcpu_info, xen_vcpu_info);
void __init xenpv_install_irq_ops(void);
void __init xenpv_vcpu_boot_init(void);
void __init xenpv_map_shared_info(void);
void xenpv_shared_info_detach(void);
void xenpv_shared_info_attach(void);
void xenpv_vcpus_replace(void);
void __init xenpv_install_cpu_ops(void);
struct trap_info;
struct desc_struct;
struct desc_ptr;
struct thread_struct;
/* The descriptor table ops (desc.c), in the CPU ops table of cpu.c. */
void xenpv_load_gdt(const struct desc_ptr *desc);
void xenpv_write_gdt_entry(struct desc_struct *gdt, int entry, const void *desc, int type);
void xenpv_load_idt(const struct desc_ptr *desc);
void xenpv_write_idt_entry(gate_desc *idt, int vector, const gate_desc *gate);
void xenpv_load_tls(struct thread_struct *t, unsigned int cpu);
void xenpv_set_ldt(const void *addr, unsigned int entries);
void xenpv_alloc_ldt(struct desc_struct *ldt, unsigned int entries);
void xenpv_free_ldt(struct desc_struct *ldt, unsigned int entries);
void xenpv_write_ldt_entry(struct desc_struct *ldt, int entry, const void *desc);
void xenpv_copy_trap_table(struct trap_info *traps);
unsigned long xenpv_gdt_ro_of(unsigned int cpu);
void __init xenpv_cpu_boot_init(void);
void __init xenpv_install_apic_hooks(void);
u32 xenpv_apic_id(void);
void xenpv_register_callbacks(void);
int xenpv_bind_ipis(unsigned int cpu);
void xenpv_send_ipi(unsigned int cpu, int vector);
void __init xenpv_install_time_hooks(void);
void __init xenpv_install_smp_ops(void);
#ifdef CONFIG_XEN_PV_SMP
void xenpv_vcpus_restored(void);
#else
static inline void xenpv_vcpus_restored(void) { }
#endif
#ifdef CONFIG_PARAVIRT_SPINLOCKS
void __init xenpv_spinlocks_init(void);
int xenpv_lock_bind(unsigned int cpu);
void xenpv_lock_unbind(unsigned int cpu);
#else
static inline void xenpv_spinlocks_init(void) { }
static inline int xenpv_lock_bind(unsigned int cpu) { return 0; }
static inline void xenpv_lock_unbind(unsigned int cpu) { }
#endif
void __init xenpv_install_power_ops(void);
void __init xenpv_install_hvm_power_ops(void);
void __init xenpv_install_hvm_time_hooks(void);
void xenpv_handle_events(struct pt_regs *regs);

/* An HVM start's emulated devices: hvm.c */
void xenhvm_unplug_after_restore(void);

/* What only a PVH start needs: pvh.c */
#ifdef CONFIG_XEN_PVH
void __init xenpvh_dom0_init(void);
#else
static inline void xenpvh_dom0_init(void) { }
#endif

/* A PVH or HVM start once Xen is found: hvm_guest.c */
struct x86_hyper_init;
#ifdef CONFIG_XEN_HVM_CONTAINER
void __init xenhvm_choose_hypercall(void);
void __init xenhvm_init_platform(void);
void __init xenhvm_platform_hooks(struct x86_hyper_init *init);
void xenhvm_post_suspend(bool cancelled);
#else
static inline void xenhvm_choose_hypercall(void) { }
static inline void xenhvm_init_platform(void) { }
static inline void xenhvm_platform_hooks(struct x86_hyper_init *init) { }
static inline void xenhvm_post_suspend(bool cancelled) { }
#endif
void __init xenpv_start_sched_clock(void);
void xenpv_sched_clock_suspend(void);
void xenpv_sched_clock_resume(bool restored);
int xenpv_timer_bind(int cpu);
void xenpv_timer_unbind(int cpu);
void xenpv_timer_register(void);
void xenpv_unbind_ipis(unsigned int cpu);

/* xen-asm.S, and the entry code's own labels it works with */
void xenpv_iret(void);
void xen_entry_SYSCALL_64(void);
void xen_entry_SYSCALL_compat(void);
void xen_entry_SYSENTER_compat(void);
void xen_entry_compat_enosys(void);
void xenpv_failsafe_callback(void);
extern char early_xen_iret_patch[];
void xenpv_ap_entry(void);
/* Does not return, but objtool cannot see that through the assembly. */
void xenpv_ap_restart(unsigned long sp);
asmlinkage __visible void __noreturn xenpv_ap_start(void);

/* boot layer: enlighten.c */
asmlinkage __visible void __init xenpv_start(struct start_info *si);

#if IS_ENABLED(CONFIG_KUNIT)
/*
 * The pure logic the KUnit suite (xenpv_kunit.c) checks; static in a
 * kernel without KUnit (VISIBLE_IF_KUNIT).  The suite is built in, so
 * nothing is exported for it.
 */
bool xenpv_va_writable(const void *va);
struct e820_entry;
unsigned int xenpv_clip_ram(const struct e820_entry *e, u64 ram_end, bool dom0,
			    struct e820_entry *out);
struct e820_table;
unsigned long xenpv_next_hole(const struct e820_table *map, unsigned long pfn,
			      unsigned long end, unsigned long *hole_end);
bool xenpv_parse_512gb_limit(const char *cmdline, bool fallback);
struct xen_memory_region;
unsigned int xenpv_trim_room(struct xen_memory_region *r, unsigned int n,
			     unsigned long ram_end, unsigned long section);
struct mmuext_op;
struct flush_tlb_info;
unsigned int xenpv_flush_ops(struct mmuext_op *ops, unsigned long *vcpus,
			     const struct flush_tlb_info *info);
bool xenpv_descriptor_current(const struct desc_struct *slot,
			      const struct desc_struct *want);
bool xenpv_gate_to_trap(unsigned int vector, const gate_desc *gate,
			struct trap_info *trap);
#endif

#endif /* _ARCH_X86_XEN_XEN_OPS_H */
