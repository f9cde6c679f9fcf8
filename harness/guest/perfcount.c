// SPDX-License-Identifier: GPL-2.0
/*
 * perfcount: what "perf stat" and "perf record" ask of the kernel, on a
 * workload of known size, through perf_event_open() directly.
 *
 * Counts task-clock, context-switches and page-faults over the workload
 * (PAGES pages touched for the first time, SWITCHES pipe round trips with
 * a child on the same CPU), samples cpu-clock every millisecond into a
 * ring buffer, and tries a hardware event (instructions), which needs a
 * vPMU from Xen.  Prints "xenpv-result: perf_NAME=VALUE" lines:
 * task_clock_ms, context_switches, page_faults, samples, and hw_instructions
 * (a count, or "unsupported" when the kernel refused the event).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGES		4096
#define SWITCHES	1000
#define RING_PAGES	8

static int open_event(__u32 type, __u64 config, __u64 period)
{
	struct perf_event_attr attr = {
		.size = sizeof(attr), .type = type, .config = config,
		.disabled = 1, .exclude_hv = 1, .inherit = 0,
	};

	if (period) {
		attr.sample_period = period;
		attr.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_TID;
		attr.wakeup_events = 1;
	}
	return syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
}

static void workload(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *mem = mmap(NULL, PAGES * page, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int to_child[2], to_parent[2], i;
	volatile unsigned long spin = 0;
	pid_t child;
	char c = 0;

	if (mem != MAP_FAILED)
		for (i = 0; i < PAGES; i++)
			mem[i * page] = 1;
	if (pipe(to_child) || pipe(to_parent))
		return;
	child = fork();
	if (child == 0) {
		for (i = 0; i < SWITCHES; i++)
			if (read(to_child[0], &c, 1) != 1 || write(to_parent[1], &c, 1) != 1)
				break;
		_exit(0);
	}
	for (i = 0; i < SWITCHES; i++)
		if (write(to_child[1], &c, 1) != 1 || read(to_parent[0], &c, 1) != 1)
			break;
	waitpid(child, NULL, 0);
	for (i = 0; i < 50000000; i++)
		spin += i;
}

/* PERF_RECORD_SAMPLE records the kernel wrote into the ring. */
static long count_samples(struct perf_event_mmap_page *meta)
{
	char *data = (char *)meta + meta->data_offset;
	__u64 head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
	__u64 pos = meta->data_tail;
	long n = 0;

	while (pos < head) {
		struct perf_event_header *h = (void *)(data + pos % meta->data_size);

		if (!h->size)
			break;
		if (h->type == PERF_RECORD_SAMPLE)
			n++;
		pos += h->size;
	}
	return n;
}

int main(void)
{
	cpu_set_t one;
	int fd[3], hw, clk, i;
	__u64 v[3], hwv = 0;
	void *ring;

	CPU_ZERO(&one);
	CPU_SET(0, &one);
	sched_setaffinity(0, sizeof(one), &one);
	fd[0] = open_event(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK, 0);
	fd[1] = open_event(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES, 0);
	fd[2] = open_event(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS, 0);
	clk = open_event(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK, 1000000);
	hw = open_event(PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS, 0);
	for (i = 0; i < 3; i++)
		if (fd[i] < 0) {
			printf("xenpv-result: perf_open=FAIL (%s)\n", strerror(errno));
			return 1;
		}
	ring = clk < 0 ? MAP_FAILED :
	       mmap(NULL, (RING_PAGES + 1) * sysconf(_SC_PAGESIZE),
		    PROT_READ | PROT_WRITE, MAP_SHARED, clk, 0);
	for (i = 0; i < 3; i++)
		ioctl(fd[i], PERF_EVENT_IOC_ENABLE, 0);
	if (clk >= 0)
		ioctl(clk, PERF_EVENT_IOC_ENABLE, 0);
	if (hw >= 0)
		ioctl(hw, PERF_EVENT_IOC_ENABLE, 0);
	workload();
	for (i = 0; i < 3; i++) {
		ioctl(fd[i], PERF_EVENT_IOC_DISABLE, 0);
		if (read(fd[i], &v[i], sizeof(v[i])) != sizeof(v[i]))
			v[i] = 0;
	}
	if (hw >= 0 && read(hw, &hwv, sizeof(hwv)) != sizeof(hwv))
		hwv = 0;
	printf("xenpv-result: perf_task_clock_ms=%llu\n", v[0] / 1000000);
	printf("xenpv-result: perf_context_switches=%llu\n", v[1]);
	printf("xenpv-result: perf_page_faults=%llu\n", v[2]);
	printf("xenpv-result: perf_samples=%ld\n",
	       ring == MAP_FAILED ? -1 : count_samples(ring));
	if (hw >= 0)
		printf("xenpv-result: perf_hw_instructions=%llu\n", hwv);
	else
		printf("xenpv-result: perf_hw_instructions=unsupported\n");
	return 0;
}
