# SPDX-License-Identifier: GPL-2.0
#
# The Xen PV guest port.  xen-head.S is not listed: head_64.S includes it.
# The files are listed bottom-up, by layer (Documentation/architecture.rst).

# The boot path moves the per-cpu base, and with it the stack canary,
# under functions that are still running.
CFLAGS_enlighten.o		:= -fno-stack-protector
CFLAGS_pgtable_boot.o		:= -fno-stack-protector

# hypervisor
obj-$(CONFIG_XEN_PV)		+= hypercall.o hypercall_stub.o early_console.o multicalls.o trace.o
# p2m
obj-$(CONFIG_XEN_PV)		+= p2m.o
# memory
obj-$(CONFIG_XEN_PV)		+= mmu.o entry_frames.o pgd.o pgtable_boot.o setup.o machine_mem.o grant.o
# cpu and events
obj-$(CONFIG_XEN_PV)		+= cpu.o desc.o irq.o irqflags_direct.o apic.o traps.o xen-asm.o
obj-$(CONFIG_XEN_PV)		+= vcpu.o upcall.o time.o power.o suspend.o
obj-$(CONFIG_XEN_PV_SMP)	+= smp.o ipi.o
obj-$(CONFIG_XEN_PV_SMP)	+= $(if $(CONFIG_PARAVIRT_SPINLOCKS),spinlock.o)
obj-$(CONFIG_XEN_PVHVM)		+= hvm.o
obj-$(CONFIG_XEN_HVM_CONTAINER)	+= hvm_guest.o
obj-$(CONFIG_XEN_PVH)		+= pvh.o
# boot
obj-$(CONFIG_XEN_PV)		+= enlighten.o
# tests
obj-$(CONFIG_XEN_PV_KUNIT_TEST)	+= xenpv_kunit.o
