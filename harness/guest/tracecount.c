// SPDX-License-Identifier: GPL-2.0
/*
 * tracecount FILE: what Xen traced between microbench's markers, per
 * benchmark, from a file written by xentrace with the PV class enabled
 * (records of one physical CPU, the one the domU runs on).
 *
 * Xen's trace format (xen/include/public/trace.h): each record starts
 * with a word holding the event (bits 0-27), the number of extra words
 * (28-30) and whether a 64-bit TSC follows (31); xentrace puts a CPU
 * change record before each window of records it copied.  A PV
 * hypercall record (TRC_PV_HYPERCALL_V2) carries the op and, for some
 * ops, an argument: the number of entries of mmu_update, mmuext_op and
 * multicall, the command of sched_op; each multicall entry has a
 * TRC_PV_HYPERCALL_SUBCALL record of its own.  Xen emulating a write
 * to a page table (TRC_PV_PTWR_EMULATION) is the cost a batched update
 * avoids.  The other PV entry records say where else the guest entered
 * Xen without a hypercall: an exception Xen passed on to it (a page
 * fault or another trap), an instruction Xen emulated for it (a
 * privileged one, or one it forced to fault), and a fault Xen fixed
 * itself without telling the guest (a paging or descriptor-table
 * fix-up, lazy FPU state).
 *
 * Prints "xenpv-trace: read N records, M markers", then, per benchmark
 * index K (marker 0x7e00 + 2K .. + 1):
 *   xenpv-trace: K hypercalls=N mmu_update=N mmu_update_entries=N
 *     mmuext_op=N mmuext_entries=N multicall=N multicall_entries=N
 *     update_va_mapping=N iret=N ptwr=N other=N continuations=N lost=N
 *     bounced=N emulated=N fixup=N
 * where hypercalls counts every hypercall the guest made (a multicall
 * once, its entries in multicall_entries), the marker's excepted, and
 * continuations the times Xen entered a preempted one again; then
 *   xenpv-trace-ops: K direct OP:N ... subcall OP:N ...
 * the same calls by hypercall number (xen/include/public/xen.h), made
 * directly and as multicall entries, to tell where a difference lies.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRC_LOST_RECORDS	0x0001f001
#define TRC_TRACE_CPU_CHANGE	0x0001f003
#define TRC_PV_TRAP		0x00201003
#define TRC_PV_PAGE_FAULT	0x00201004
#define TRC_PV_FORCED_INVALID_OP 0x00201005
#define TRC_PV_EMULATE_PRIVOP	0x00201006
#define TRC_PV_EMULATE_4GB	0x00201007
#define TRC_PV_MATH_STATE_RESTORE 0x00201008
#define TRC_PV_PAGING_FIXUP	0x00201009
#define TRC_PV_GDT_LDT_MAPPING_FAULT 0x0020100a
#define TRC_PV_PTWR_EMULATION	0x0020100b
#define TRC_PV_PTWR_EMULATION_PAE 0x0020100c
#define TRC_PV_HYPERCALL_V2	0x0020100d
#define TRC_PV_HYPERCALL_SUBCALL 0x0020200e
#define TRC_64_FLAG		0x100
#define ARG_MASK		0xfff00000u

#define HC_MMU_UPDATE		1
#define HC_MULTICALL		13
#define HC_UPDATE_VA_MAPPING	14
#define HC_IRET			23
#define HC_MMUEXT_OP		26
#define HC_SCHED_OP		29

#define PREEMPTED		0x80000000u	/* MMU_UPDATE_PREEMPTED */

#define MARKER_BASE		0x7e00
#define MAX_BENCH		64
#define MAX_OP			64

struct counts {
	unsigned long hypercalls, mmu_update, mmu_update_entries, mmuext_op, mmuext_entries;
	unsigned long multicall, multicall_entries, update_va_mapping, iret, ptwr, other, lost;
	unsigned long continuations, bounced, emulated, fixup;
	unsigned long direct_op[MAX_OP], subcall_op[MAX_OP];
	int started, ended;
};

static struct counts bench[MAX_BENCH];
static struct counts *current;
static unsigned long records, markers;
/* Entries of the last multicall that Xen has not traced yet. */
static unsigned long mc_left;

/*
 * Xen may stop a multicall between two entries, or inside one that is
 * itself preemptible, and enter it again for the rest: a multicall
 * record for as many entries as were left (one more when the entry it
 * stopped in runs again, with MMU_UPDATE_PREEMPTED in its count).  It
 * is one hypercall of the guest's.
 */
static int multicall_resumed(uint32_t count)
{
	int resumed = mc_left && (count == mc_left || count == mc_left + 1);

	mc_left = count;
	return resumed;
}

/* A marker starts or ends a benchmark; any other hypercall counts. */
static void hypercall(uint32_t op, const uint32_t *arg, unsigned int nargs)
{
	uint32_t cmd = nargs ? arg[0] : 0;

	if (op == HC_SCHED_OP && nargs && cmd >= MARKER_BASE && cmd < MARKER_BASE + 2 * MAX_BENCH) {
		struct counts *c = &bench[(cmd - MARKER_BASE) / 2];

		markers++;
		if ((cmd - MARKER_BASE) % 2 == 0) {
			memset(c, 0, sizeof(*c));
			c->started = 1;
			current = c;
		} else if (current == c) {
			c->ended = 1;
			current = NULL;
		}
		return;
	}
	if (op == HC_MULTICALL && nargs && multicall_resumed(arg[0])) {
		if (current)
			current->continuations++;
		return;
	}
	if (!current)
		return;
	/*
	 * Xen may stop a long mmu_update or mmuext_op half way and enter it
	 * again for the rest (MMU_UPDATE_PREEMPTED in the count): one
	 * hypercall of the guest's, whose entries were counted already.
	 */
	if ((op == HC_MMU_UPDATE || op == HC_MMUEXT_OP) && nargs && (arg[0] & PREEMPTED)) {
		current->continuations++;
		return;
	}
	current->hypercalls++;
	if (op < MAX_OP)
		current->direct_op[op]++;
	switch (op) {
	case HC_MMU_UPDATE:
		current->mmu_update++;
		current->mmu_update_entries += nargs ? arg[0] : 1;
		break;
	case HC_MMUEXT_OP:
		current->mmuext_op++;
		current->mmuext_entries += nargs ? arg[0] : 1;
		break;
	case HC_MULTICALL:
		current->multicall++;
		break;
	case HC_UPDATE_VA_MAPPING:
		current->update_va_mapping++;
		break;
	case HC_IRET:
		current->iret++;
		break;
	default:
		current->other++;
	}
}

static void record(uint32_t event, const uint32_t *extra, unsigned int n)
{
	unsigned int nargs;
	uint32_t op;

	if (event == TRC_LOST_RECORDS) {
		if (current)
			current->lost++;
		return;
	}
	if ((event & ~TRC_64_FLAG) == TRC_PV_HYPERCALL_SUBCALL && mc_left)
		mc_left--;
	if (!current && event != TRC_PV_HYPERCALL_V2)
		return;
	switch (event & ~TRC_64_FLAG) {
	case TRC_PV_HYPERCALL_V2:
		/* Only 32-bit arguments are asked for by the ops counted here. */
		nargs = n > 1 ? n - 1 : 0;
		if (n)
			hypercall(extra[0] & ~ARG_MASK, extra + 1, nargs);
		break;
	case TRC_PV_HYPERCALL_SUBCALL:
		if (!n)
			break;
		op = extra[0] & ~ARG_MASK;
		/* An entry entered again after a preemption was counted already. */
		if ((op == HC_MMU_UPDATE || op == HC_MMUEXT_OP) && n > 1 && (extra[1] & PREEMPTED))
			break;
		current->multicall_entries++;
		if (op < MAX_OP)
			current->subcall_op[op]++;
		break;
	case TRC_PV_PTWR_EMULATION:
	case TRC_PV_PTWR_EMULATION_PAE:
		current->ptwr++;
		break;
	case TRC_PV_TRAP:
	case TRC_PV_PAGE_FAULT:
		current->bounced++;
		break;
	case TRC_PV_FORCED_INVALID_OP:
	case TRC_PV_EMULATE_PRIVOP:
	case TRC_PV_EMULATE_4GB:
		current->emulated++;
		break;
	case TRC_PV_MATH_STATE_RESTORE:
	case TRC_PV_PAGING_FIXUP:
	case TRC_PV_GDT_LDT_MAPPING_FAULT:
		current->fixup++;
		break;
	}
}

static void print_ops(unsigned int k, const struct counts *c)
{
	unsigned int op;

	printf("xenpv-trace-ops: %u direct", k);
	for (op = 0; op < MAX_OP; op++)
		if (c->direct_op[op])
			printf(" %u:%lu", op, c->direct_op[op]);
	printf(" subcall");
	for (op = 0; op < MAX_OP; op++)
		if (c->subcall_op[op])
			printf(" %u:%lu", op, c->subcall_op[op]);
	printf("\n");
}

int main(int argc, char **argv)
{
	uint32_t header, words[9];
	unsigned int n, i;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: tracecount FILE (written by xentrace)\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	while (fread(&header, sizeof(header), 1, f) == 1) {
		n = (header >> 28) & 7;
		if (header >> 31)
			n += 2;
		if (fread(words, sizeof(uint32_t), n, f) != n) {
			fprintf(stderr, "tracecount: the last record is cut short\n");
			break;
		}
		if ((header & 0x0fffffff) == TRC_TRACE_CPU_CHANGE)
			continue;
		records++;
		/* The TSC, when present, comes before the extra words. */
		if (header >> 31)
			record(header & 0x0fffffff, words + 2, n - 2);
		else
			record(header & 0x0fffffff, words, n);
	}
	fclose(f);
	printf("xenpv-trace: read %lu records, %lu markers\n", records, markers);
	for (i = 0; i < MAX_BENCH; i++) {
		const struct counts *c = &bench[i];

		if (!c->started)
			continue;
		printf("xenpv-trace: %u%s hypercalls=%lu mmu_update=%lu mmu_update_entries=%lu mmuext_op=%lu mmuext_entries=%lu multicall=%lu multicall_entries=%lu update_va_mapping=%lu iret=%lu ptwr=%lu other=%lu continuations=%lu lost=%lu bounced=%lu emulated=%lu fixup=%lu\n",
		       i, c->ended ? "" : " (no end marker)", c->hypercalls, c->mmu_update,
		       c->mmu_update_entries, c->mmuext_op, c->mmuext_entries, c->multicall,
		       c->multicall_entries, c->update_va_mapping, c->iret, c->ptwr, c->other,
		       c->continuations, c->lost, c->bounced, c->emulated, c->fixup);
		print_ops(i, c);
	}
	return 0;
}
