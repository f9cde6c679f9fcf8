#!/usr/bin/env python3
"""profile.py: the two host-side steps of harness/profile.sh.

  profile.py trigger XEN_EFI
      prints the address tbprof.c counts markers at: the block of Xen's
      do_sched_op that returns -ENOSYS (the microbench's markers are
      sched_ops Xen does not know).  XEN_EFI is Debian's EFI build of
      the Xen we boot, which has a symbol table and the same .text
      layout as the multiboot image.

  profile.py report COUNTS LOG SYSTEM_MAP XEN_EFI [TOP]
      COUNTS is what tbprof.c wrote, LOG the boot's serial log (its
      "xenpv-bench: I NAME" lines name the windows, in order).  Prints,
      per benchmark and physical CPU, the instructions per operation by
      kind (Xen, guest kernel, user) and the TOP (default 12) functions
      that ran most of them.  Dom0 and the domU run the same kernel, so a
      guest-kernel function may be either's; the benchmarks run on
      physical CPU 1 (the domU's vCPU 0), dom0 and the domU's vCPU 1 on
      physical CPU 0 (harness/guest/dom0-scenarios/bench-prepare.sh).
"""
import bisect
import collections
import re
import subprocess
import sys

XEN_TEXT = (0xffff82d040000000, 0xffff82d080000000)
KERNEL_TEXT = 0xffffffff80000000
USER_TOP = 0x800000000000
ENOSYS_LOAD = "mov    $0xffffffffffffffda,%rax"


def xen_symbols(efi):
    out = subprocess.run(["nm", "-n", efi], capture_output=True, text=True,
                         check=True).stdout
    return sorted((int(f[0], 16), f[2]) for f in (l.split() for l in out.splitlines())
                  if len(f) == 3 and f[1] in "tT")


def trigger(efi):
    syms = xen_symbols(efi)
    names = [n for _, n in syms]
    if "do_sched_op" not in names:
        sys.exit("profile.py: %s has no do_sched_op symbol" % efi)
    i = names.index("do_sched_op")
    start, end = syms[i][0], syms[i + 1][0]
    dis = subprocess.run(["objdump", "-d", "--no-show-raw-insn",
                          "--start-address=%#x" % start, "--stop-address=%#x" % end, efi],
                         capture_output=True, text=True, check=True).stdout
    hits = [l.split(":")[0].strip() for l in dis.splitlines() if ENOSYS_LOAD in l]
    if len(hits) != 1:
        sys.exit("profile.py: expected one -ENOSYS return in do_sched_op, found %d"
                 % len(hits))
    print(hits[0])


def kernel_symbols(system_map):
    syms = []
    with open(system_map) as f:
        for line in f:
            addr, kind, name = line.split()[:3]
            if kind in "tTwW":
                syms.append((int(addr, 16), name))
    return sorted(syms)


class Namer:
    def __init__(self, kernel, xen):
        self.tables = {"kernel": kernel, "xen": xen}
        self.starts = {k: [a for a, _ in v] for k, v in self.tables.items()}

    def name(self, pc):
        if pc < USER_TOP:
            return "user", "user"
        if XEN_TEXT[0] <= pc < XEN_TEXT[1]:
            kind = "xen"
        elif pc >= KERNEL_TEXT:
            kind = "kernel"
        else:
            return "other", "other"
        i = bisect.bisect_right(self.starts[kind], pc) - 1
        return kind, "%s:%s" % (kind, self.tables[kind][i][1] if i >= 0 else "?")


def read_counts(path):
    totals, blocks = {}, collections.defaultdict(list)
    with open(path) as f:
        for line in f:
            fields = line.split()
            if fields[0] == "markers":
                continue
            if fields[0] == "window":
                totals[(int(fields[1]), int(fields[3]))] = int(fields[5])
            else:
                blocks[(int(fields[0]), int(fields[1]))].append(
                    (int(fields[2], 16), int(fields[3])))
    return totals, blocks


def bench_names(log):
    names, ops = [], {}
    with open(log, errors="replace") as f:
        for line in f:
            m = re.search(r"xenpv-bench: \d+ (\w+)", line)
            if m:
                names.append(m.group(1))
            m = re.search(r"xenpv-result: bench_(\w+)_ops=(\d+)", line)
            if m:
                ops[m.group(1)] = int(m.group(2))
    return names, ops


def report(counts, log, system_map, efi, top=12):
    namer = Namer(kernel_symbols(system_map), xen_symbols(efi))
    totals, blocks = read_counts(counts)
    names, ops = bench_names(log)
    if not totals:
        sys.exit("profile.py: %s holds no window (no markers seen?)" % counts)
    for w in sorted({w for w, _ in totals}):
        name = names[w] if w < len(names) else "window %d" % w
        n_ops = ops.get(name, 1)
        print("== %s (%d operations): instructions per operation" % (name, n_ops))
        for cpu in sorted(c for ww, c in totals if ww == w):
            kinds, funcs = collections.Counter(), collections.Counter()
            for pc, n in blocks[(w, cpu)]:
                kind, func = namer.name(pc)
                kinds[kind] += n
                funcs[func] += n
            total = totals[(w, cpu)]
            print("  physical CPU %d: %d (%s)" % (cpu, total // n_ops, ", ".join(
                "%s %d" % (k, v // n_ops) for k, v in kinds.most_common())))
            for func, n in funcs.most_common(top):
                print("    %12d %5.1f%%  %s" % (n // n_ops, 100.0 * n / max(total, 1), func))
        print()


def main(argv):
    if len(argv) == 3 and argv[1] == "trigger":
        trigger(argv[2])
    elif len(argv) in (6, 7) and argv[1] == "report":
        report(*argv[2:6], top=int(argv[6]) if len(argv) == 7 else 12)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
