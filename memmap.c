// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's memory map: which pseudo-physical ranges are RAM, which
 * frames were given back to Xen, and what the balloon driver may fill.
 */
#include <xen/page.h>

#include "xenpv.h"

/* RAM beyond the initial allocation, handed to the balloon driver. */
struct xen_memory_region xen_extra_mem[XEN_EXTRA_MEM_MAX_REGIONS] __initdata;

/* Frames returned to Xen at boot; the balloon may claim them back. */
unsigned long xen_released_pages;
