# SPDX-License-Identifier: GPL-2.0
#
# The Xen PV guest port.  xen-head.S is not listed: head_64.S includes it.
# The files are listed bottom-up, by layer (see xenpv.h).

# Warnings in this directory are errors.
ccflags-y			+= -Werror

# The boot path moves the per-cpu base, and with it the stack canary,
# under functions that are still running.
CFLAGS_boot.o			:= -fno-stack-protector
CFLAGS_pgtable_boot.o		:= -fno-stack-protector

# hypervisor
obj-$(CONFIG_XEN_PV)		+= hypercall.o hypercall_stub.o early_console.o multicall.o
# p2m
obj-$(CONFIG_XEN_PV)		+= p2m.o
# memory
obj-$(CONFIG_XEN_PV)		+= pgtable.o pgd.o pgtable_boot.o memmap.o machine_mem.o grant.o
# cpu and events
obj-$(CONFIG_XEN_PV)		+= cpu.o desc.o irqflags.o irqflags_direct.o apic.o traps.o entry.o
obj-$(CONFIG_XEN_PV)		+= vcpu.o upcall.o time.o power.o suspend.o
obj-$(CONFIG_XEN_PV_SMP)	+= smp.o ipi.o
obj-$(CONFIG_XEN_PV_SMP)	+= $(if $(CONFIG_PARAVIRT_SPINLOCKS),spinlock.o)
obj-$(CONFIG_XEN_PVHVM)		+= hvm.o
# boot
obj-$(CONFIG_XEN_PV)		+= boot.o
# tests
obj-$(CONFIG_XEN_PV_KUNIT_TEST)	+= xenpv_kunit.o
