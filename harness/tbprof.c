// SPDX-License-Identifier: GPL-2.0
/*
 * tbprof: a QEMU TCG plugin that counts, for each benchmark of the
 * domU's microbench and each QEMU CPU (one of Xen's physical CPUs), the
 * guest instructions executed per translation block, by the block's
 * start address.  Under -icount those instructions are the virtual time
 * the benchmark measures, on both CPUs: the benchmark's own, Xen's, and
 * whatever dom0 or the domU's other vCPU ran meanwhile.
 *
 * Windows: the microbench makes a marker hypercall before and after each
 * timed part, a sched_op that Xen does not know.  trig= names the block
 * where Xen's do_sched_op starts its -ENOSYS return; its executions are
 * counted, and benchmark K's window runs from execution 2K+1 to 2K+2.
 *
 *   -plugin tbprof.so,trig=HEX,out=FILE
 *
 * FILE: "window K cpu C insns N" per window and CPU, then "K C PC N" per
 * block (the most executed first, 20000 at most per window and CPU).
 * Only for single-threaded TCG (-icount): the counters take no lock.
 * The plugin API's declarations are written out below: Debian packages
 * no qemu-plugin.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
typedef void (*tb_trans_cb)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*exec_cb)(unsigned int cpu, void *udata);
typedef void (*exit_cb)(qemu_plugin_id_t id, void *udata);
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, tb_trans_cb cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
/* The 0 passed for flags is QEMU_PLUGIN_CB_NO_REGS. */
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, exec_cb cb,
					  int flags, void *udata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, exit_cb cb, void *udata);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

#define MAX_CPUS	2
#define MAX_WINDOWS	16
#define SLOT_BITS	17
#define SLOTS		(1u << SLOT_BITS)
#define MAX_LINES	20000

struct block {
	uint64_t pc;
	unsigned int insns;
};

struct slot {
	uint64_t pc, insns;
};

static struct slot *table[MAX_WINDOWS][MAX_CPUS];
static uint64_t total[MAX_WINDOWS][MAX_CPUS], lost;
static uint64_t trigger, markers;
static char out_path[512];

static struct slot *find_slot(struct slot *t, uint64_t pc)
{
	uint32_t i = (uint32_t)((pc * 0x9e3779b97f4a7c15ull) >> (64 - SLOT_BITS));
	unsigned int probes;

	for (probes = 0; probes < SLOTS; probes++, i = (i + 1) & (SLOTS - 1))
		if (t[i].pc == pc || !t[i].pc)
			return &t[i];
	return NULL;
}

static void on_exec(unsigned int cpu, void *udata)
{
	const struct block *b = udata;
	unsigned int w;
	struct slot *s;

	if (b->pc == trigger)
		markers++;
	/* Inside window w once markers is 2w + 1. */
	if (!(markers & 1) || cpu >= MAX_CPUS)
		return;
	w = markers / 2;
	if (w >= MAX_WINDOWS)
		return;
	if (!table[w][cpu]) {
		table[w][cpu] = calloc(SLOTS, sizeof(struct slot));
		if (!table[w][cpu]) {
			lost += b->insns;
			return;
		}
	}
	total[w][cpu] += b->insns;
	s = find_slot(table[w][cpu], b->pc);
	if (!s) {
		lost += b->insns;
		return;
	}
	s->pc = b->pc;
	s->insns += b->insns;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	struct block *b = malloc(sizeof(*b));

	if (!b)
		return;
	b->pc = qemu_plugin_tb_vaddr(tb);
	b->insns = qemu_plugin_tb_n_insns(tb);
	qemu_plugin_register_vcpu_tb_exec_cb(tb, on_exec, 0, b);
}

static int most_first(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	return x->insns < y->insns ? 1 : x->insns > y->insns ? -1 : 0;
}

static void write_window(FILE *f, unsigned int w, unsigned int cpu)
{
	struct slot *t = table[w][cpu];
	unsigned int i;

	fprintf(f, "window %u cpu %u insns %llu\n", w, cpu,
		(unsigned long long)total[w][cpu]);
	qsort(t, SLOTS, sizeof(*t), most_first);
	for (i = 0; i < SLOTS && i < MAX_LINES && t[i].insns; i++)
		fprintf(f, "%u %u %llx %llu\n", w, cpu, (unsigned long long)t[i].pc,
			(unsigned long long)t[i].insns);
}

static void on_exit_write(qemu_plugin_id_t id, void *udata)
{
	FILE *f = fopen(out_path, "w");
	unsigned int w, cpu;

	if (!f) {
		perror(out_path);
		return;
	}
	fprintf(f, "markers %llu lost %llu\n", (unsigned long long)markers,
		(unsigned long long)lost);
	for (w = 0; w < MAX_WINDOWS; w++)
		for (cpu = 0; cpu < MAX_CPUS; cpu++)
			if (table[w][cpu])
				write_window(f, w, cpu);
	fclose(f);
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const void *info, int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "trig=", 5))
			trigger = strtoull(argv[i] + 5, NULL, 16);
		else if (!strncmp(argv[i], "out=", 4))
			snprintf(out_path, sizeof(out_path), "%s", argv[i] + 4);
	}
	if (!trigger || !out_path[0]) {
		fprintf(stderr, "tbprof: trig=HEX and out=FILE are both needed\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, on_exit_write, NULL);
	return 0;
}
