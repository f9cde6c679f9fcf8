// SPDX-License-Identifier: GPL-2.0
/*
 * Multicalls: many hypercalls for the price of one.
 *
 * Each CPU has a queue of hypercalls that Xen runs in order, on one
 * HYPERVISOR_multicall, when the queue is flushed.  The queue belongs to
 * the CPU, so it is filled and flushed with interrupts disabled; code that
 * depends on the effect of queued calls flushes first.  Functions queued
 * next to the calls run once the batch is done.
 *
 * The paravirt lazy modes decide when calls are queued rather than made:
 * in lazy MMU mode, page-table writes (consecutive ones merged into one
 * mmu_update); in lazy CPU mode, the context switch's change of page
 * tables, kernel stack and TLS descriptors, so that a switch costs one
 * hypercall instead of five.
 */
#include <linux/debugfs.h>
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/sched.h>
#include <linux/string.h>

#include <asm/paravirt.h>
#include <asm/xen/hypercall.h>
#include <asm/xen/hypervisor.h>
#include <xen/xen.h>

#include "xen-ops.h"

/* Read by the lazy-mode inlines of asm/xen/hypervisor.h. */
DEFINE_PER_CPU(enum xen_lazy_mode, xen_lazy_mode) = XEN_LAZY_NONE;
DEFINE_PER_CPU(unsigned int, xen_lazy_nesting);

#define XENPV_MC_CALLS		64
#define XENPV_MC_ARG_WORDS	256
#define XENPV_MC_AFTER		8

struct xenpv_mc_after {
	void (*fn)(void *data);
	void *data;
};

struct xenpv_mc_queue {
	struct multicall_entry call[XENPV_MC_CALLS];
	u64 arg[XENPV_MC_ARG_WORDS];
	struct xenpv_mc_after after[XENPV_MC_AFTER];
	/* Who queued each call: a failure is reported long after. */
	unsigned long caller[XENPV_MC_CALLS];
	unsigned int calls, words, afters;
};

static DEFINE_PER_CPU(struct xenpv_mc_queue, xenpv_mc_queue);

/*
 * What batching achieved: multicalls made versus calls they carried, and
 * queues of a single call, which were made as that call.
 */
struct xenpv_mc_stats {
	unsigned long batches, calls, singles, pte_writes, merged_pte_writes, switches;
	unsigned long seg_bases;
};

static DEFINE_PER_CPU(struct xenpv_mc_stats, xenpv_mc_stats);

/*
 * A call that failed inside a batch has no caller left to tell: the
 * report names the call, its arguments and the code that queued it.
 */
static void xenpv_mc_check(const struct xenpv_mc_queue *q, int rc)
{
	const struct multicall_entry *c;
	unsigned int i;

	if (rc)
		xenpv_die("Xen refused a batch of %u calls: %d\n", q->calls, rc);
	for (i = 0; i < q->calls; i++) {
		c = &q->call[i];
		if ((long)c->result >= 0)
			continue;
		xenpv_die("call %u of %u in a batch failed: %ld: hypercall %lu (%#lx, %#lx, %#lx, %#lx), queued by %pS\n",
			  i, q->calls, (long)c->result, c->op, c->args[0], c->args[1],
			  c->args[2], c->args[3], (void *)q->caller[i]);
	}
}

/**
 * xenpv_mc_flush() - make this CPU's queued calls, then run what waits
 * for them; interrupts must be disabled
 */
void xenpv_mc_flush(void)
{
	struct xenpv_mc_queue *q = this_cpu_ptr(&xenpv_mc_queue);
	struct xenpv_mc_after after[XENPV_MC_AFTER];
	struct multicall_entry *c;
	unsigned int i, n;

	lockdep_assert_irqs_disabled();
	if (q->calls || q->afters)
		trace_xen_mc_flush(q->calls, q->words * sizeof(u64), q->afters);
	if (q->calls == 1) {
		/* A multicall of one costs more than the call itself. */
		c = &q->call[0];
		c->result = xen_single_call(c->op, c->args[0], c->args[1], c->args[2],
					    c->args[3], c->args[4]);
		xenpv_mc_check(q, 0);
		this_cpu_inc(xenpv_mc_stats.singles);
	} else if (q->calls) {
		xenpv_mc_check(q, HYPERVISOR_multicall(q->call, q->calls));
		this_cpu_inc(xenpv_mc_stats.batches);
		this_cpu_add(xenpv_mc_stats.calls, q->calls);
	}
	n = q->afters;
	memcpy(after, q->after, n * sizeof(after[0]));
	q->calls = q->words = q->afters = 0;
	for (i = 0; i < n; i++)
		after[i].fn(after[i].data);
}

/**
 * xenpv_mc_flush_pending() - flush this CPU's queue if anything is in it;
 * for code about to act on the state the queued calls will change
 */
void xenpv_mc_flush_pending(void)
{
	unsigned long flags;

	local_irq_save(flags);
	if (this_cpu_ptr(&xenpv_mc_queue)->calls)
		xenpv_mc_flush();
	local_irq_restore(flags);
}

/**
 * xenpv_mc_add() - queue one hypercall; interrupts must be disabled
 * @op: the hypercall number
 * @words: how many 64-bit words of memory its arguments point into
 * @mem: where to return that memory, or NULL when @words is 0
 *
 * Return: the entry (whose args the caller fills), with *@mem set to
 * the argument memory, valid until the queue is flushed.
 */
struct multicall_entry *xenpv_mc_add(unsigned long op, unsigned int words, void **mem)
{
	struct xenpv_mc_queue *q = this_cpu_ptr(&xenpv_mc_queue);
	struct multicall_entry *call;

	lockdep_assert_irqs_disabled();
	BUG_ON(words > XENPV_MC_ARG_WORDS);
	if (q->calls == XENPV_MC_CALLS || q->words + words > XENPV_MC_ARG_WORDS) {
		trace_xen_mc_flush_reason(q->calls == XENPV_MC_CALLS ?
					  XEN_MC_FL_BATCH : XEN_MC_FL_ARGS);
		xenpv_mc_flush();
	}
	q->caller[q->calls] = _RET_IP_;
	call = &q->call[q->calls++];
	memset(call, 0, sizeof(*call));
	call->op = op;
	if (mem)
		*mem = words ? &q->arg[q->words] : NULL;
	q->words += words;
	return call;
}

/**
 * xenpv_mc_after() - run @fn(@data) once the calls queued so far are done
 * @fn: the function
 * @data: its argument
 */
void xenpv_mc_after(void (*fn)(void *data), void *data)
{
	struct xenpv_mc_queue *q = this_cpu_ptr(&xenpv_mc_queue);

	trace_xen_mc_callback(fn, data);
	if (q->afters == XENPV_MC_AFTER) {
		trace_xen_mc_flush_reason(XEN_MC_FL_CALLBACK);
		xenpv_mc_flush();
	}
	q->after[q->afters++] = (struct xenpv_mc_after){ fn, data };
}

#define XENPV_MMU_UPDATE_WORDS	(sizeof(struct mmu_update) / sizeof(u64))

/*
 * Queue one page-table write.  When the last queued call is an
 * mmu_update whose requests end where free argument memory starts, the
 * request joins it: one call for a whole run of PTEs.
 */
static void xenpv_mc_queue_pte_write(u64 ptr, u64 val)
{
	struct xenpv_mc_queue *q = this_cpu_ptr(&xenpv_mc_queue);
	struct multicall_entry *last = q->calls ? &q->call[q->calls - 1] : NULL;
	struct mmu_update *req;

	if (last && last->op == __HYPERVISOR_mmu_update &&
	    (u64 *)last->args[0] + last->args[1] * XENPV_MMU_UPDATE_WORDS == &q->arg[q->words] &&
	    q->words + XENPV_MMU_UPDATE_WORDS <= XENPV_MC_ARG_WORDS) {
		req = (struct mmu_update *)&q->arg[q->words];
		q->words += XENPV_MMU_UPDATE_WORDS;
		last->args[1]++;
		trace_xen_mc_extend_args(last->op, sizeof(*req), XEN_MC_XE_OK);
		this_cpu_inc(xenpv_mc_stats.merged_pte_writes);
	} else {
		last = xenpv_mc_add(__HYPERVISOR_mmu_update, XENPV_MMU_UPDATE_WORDS,
				    (void **)&req);
		MULTI_mmu_update(last, req, 1, NULL, DOMID_SELF);
	}
	req->ptr = ptr;
	req->val = val;
	this_cpu_inc(xenpv_mc_stats.pte_writes);
}

/**
 * xenpv_mc_batching() - is this CPU collecting calls of this lazy mode?
 * @mode: XEN_LAZY_MMU or XEN_LAZY_CPU
 *
 * Interrupt handlers never batch: their calls must not wait for the code
 * they interrupted.
 */
bool xenpv_mc_batching(enum xen_lazy_mode mode)
{
	return !in_interrupt() && this_cpu_read(xen_lazy_mode) == mode;
}

/**
 * xenpv_mc_pte_write() - write a page-table entry now, or in the batch
 * when the CPU is in lazy MMU mode
 * @ptr: the entry's machine address ORed with the kind of update
 * @val: the new value
 *
 * Return: true when queued, false when the caller must write it now.
 */
bool xenpv_mc_pte_write(u64 ptr, u64 val)
{
	unsigned long flags;

	if (!xenpv_mc_batching(XEN_LAZY_MMU))
		return false;
	local_irq_save(flags);
	xenpv_mc_queue_pte_write(ptr, val);
	local_irq_restore(flags);
	return true;
}

/* Lazy MMU mode. */

void xenpv_lazy_mmu_enter(void)
{
	enter_lazy(XEN_LAZY_MMU);
	trace_xen_mc_batch(XEN_LAZY_MMU);
}

void xenpv_lazy_mmu_leave(void)
{
	preempt_disable();
	trace_xen_mc_issue(XEN_LAZY_MMU);
	xenpv_mc_flush_pending();
	leave_lazy(XEN_LAZY_MMU);
	preempt_enable();
}

void xenpv_lazy_mmu_flush(void)
{
	preempt_disable();
	if (xenpv_mc_batching(XEN_LAZY_MMU))
		xenpv_mc_flush_pending();
	preempt_enable();
}

/* Lazy CPU mode: the context switch.  Interrupts are off throughout. */

/*
 * A task preempted inside a lazy MMU section leaves it here, with its
 * updates made, and takes it up again when it next runs.
 */
void xenpv_start_context_switch(struct task_struct *prev)
{
	if (this_cpu_read(xen_lazy_mode) == XEN_LAZY_MMU) {
		xenpv_lazy_mmu_leave();
		set_ti_thread_flag(task_thread_info(prev), TIF_LAZY_MMU_UPDATES);
	}
	enter_lazy(XEN_LAZY_CPU);
	trace_xen_mc_batch(XEN_LAZY_CPU);
}

void xenpv_end_context_switch(struct task_struct *next)
{
	this_cpu_inc(xenpv_mc_stats.switches);
	trace_xen_mc_issue(XEN_LAZY_CPU);
	xenpv_mc_flush();
	leave_lazy(XEN_LAZY_CPU);
	if (test_and_clear_ti_thread_flag(task_thread_info(next), TIF_LAZY_MMU_UPDATES))
		enter_lazy(XEN_LAZY_MMU);
}

/* A context switch's batch gave Xen the next task's user segment base. */
void xenpv_mc_count_seg_base(void)
{
	this_cpu_inc(xenpv_mc_stats.seg_bases);
}

#ifdef CONFIG_XEN_DEBUG_FS
static int xenpv_mc_stats_show(struct seq_file *m, void *unused)
{
	struct xenpv_mc_stats sum = { };
	int cpu;

	for_each_possible_cpu(cpu) {
		struct xenpv_mc_stats *s = per_cpu_ptr(&xenpv_mc_stats, cpu);

		sum.batches += s->batches;
		sum.calls += s->calls;
		sum.singles += s->singles;
		sum.pte_writes += s->pte_writes;
		sum.merged_pte_writes += s->merged_pte_writes;
		sum.switches += s->switches;
		sum.seg_bases += s->seg_bases;
	}
	seq_printf(m, "batches %lu\ncalls %lu\nsingle_calls %lu\nbatched_pte_writes %lu\nmerged_pte_writes %lu\nbatched_context_switches %lu\nswitch_seg_bases %lu\n",
		   sum.batches, sum.calls, sum.singles, sum.pte_writes,
		   sum.merged_pte_writes, sum.switches, sum.seg_bases);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(xenpv_mc_stats);

/* <debugfs>/xen/multicall: what batching saved since boot. */
static int __init xenpv_mc_debugfs(void)
{
	struct dentry *dir;

	if (!xen_pv_domain())
		return 0;
	dir = debugfs_lookup("xen", NULL);
	if (!dir) {
		dir = debugfs_create_dir("xen", NULL);
		debugfs_create_file("multicall", 0444, dir, NULL, &xenpv_mc_stats_fops);
		return 0;
	}
	debugfs_create_file("multicall", 0444, dir, NULL, &xenpv_mc_stats_fops);
	dput(dir);
	return 0;
}
late_initcall(xenpv_mc_debugfs);
#endif
