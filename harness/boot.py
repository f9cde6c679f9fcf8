#!/usr/bin/env python3
"""Boot Xen under QEMU with a dom0 kernel, watch the serial console and
print a stage report.

Each stage has a pattern on the console and a time budget counted from the
stage before it; a budget that runs out is reported as a hang at that stage.
A guest crash is reported with the stage it happened in and, where Xen or
Linux printed an instruction pointer, the function it points into (looked up
in the System.map of the kernel that was booted).

Exit status: 0 when every expected stage was reached and no problem was seen
on either console, 1 otherwise, 2 on bad usage.
"""

import argparse
import bisect
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time

# dom0's /init prints its markers at the start of a line, but a kernel
# warning written at the same moment can cut in front of one (the console
# takes the kernel's lines in pieces): anywhere in a line that is not the
# domU's.
DOM0 = r"(?:^|(?<!\[domU\] ))xenpv-harness: "

# (key, title, pattern for the port, pattern for stock or None if the same)
STAGES = [
    ("xen", "Xen up", r"\(XEN\) Xen version 4\.17", None),
    # The stock port prints nothing of its own at entry: its first console
    # line (the Linux banner, through earlyprintk=xen) stands for it.
    ("dom0-entry", "dom0 entered the port",
     r"^xenpv: Xen PV port entered", r"^Linux version 6\.12"),
    ("dom0-banner", "dom0 banner", r"^Linux version 6\.12", None),
    ("dom0-init", "dom0 /init", DOM0 + r"dom0 /init", None),
    ("toolstack", "toolstack up", DOM0 + r"toolstack up", None),
    ("domu-created", "domU created", DOM0 + r"domU created", None),
    ("domu-entry", "domU entered the port",
     # A PVH or HVM domU says so through Xen's debug port, before its console.
     r"^(?:\[domU\] |\(d[1-9][0-9]*\) )xenpv: Xen PV port entered as "
     r"(?:a PVH |an HVM )?domU",
     # Stock: any domU console output, its first sign of life.
     r"^\(XEN\) \(d[1-9][0-9]*\) |^\[domU\] "),
    ("domu-init", "domU /init", r"^\[domU\] xenpv-harness: domU /init", None),
    ("scenario", "scenario done", DOM0 + r"scenario done", None),
    # dom0's poweroff reaches the platform: Xen enters ACPI S5 (QEMU exits).
    ("host-off", "host powered off", r"^\(XEN\) Entering ACPI S5 state", None),
]

# Debian 12 on its own disks (harness/debian.sh): Debian's initramfs and
# systemd in dom0, the toolstack services, then a Debian domU booted through
# pygrub whose console dom0 relays with a "[domU]" prefix.  The
# "xenpv-debian:" lines come from harness/debian/xenpv-report.
DEBIAN_STAGES = [
    STAGES[0],
    # Debian's kernel prints timestamps before its lines.
    ("dom0-entry", "dom0 entered the port",
     r"^xenpv: Xen PV port entered", r"Linux version 6\.12"),
    ("dom0-banner", "dom0 banner", r"Linux version 6\.12", None),
    ("dom0-initramfs", "dom0 Debian initramfs", r"Loading, please wait", None),
    ("dom0-systemd", "dom0 systemd", r"Welcome to .*Debian GNU/Linux 12", None),
    ("dom0-running", "dom0 multi-user",
     r"xenpv-debian: dom0 state=(running|degraded)", None),
    ("toolstack", "xenstored and xenconsoled",
     r"xenpv-debian: dom0 xenconsoled running", None),
    ("domu-created", "domU created by xl",
     r"xenpv-debian: dom0 created debian-domu", None),
    ("domu-banner", "domU banner (pygrub)",
     r"\[domU\] .*Linux version 6\.12", None),
    ("domu-systemd", "domU systemd",
     r"\[domU\] .*Welcome to .*Debian GNU/Linux 12", None),
    ("domu-running", "domU multi-user",
     r"\[domU\] .*xenpv-debian: domU state=(running|degraded)", None),
    ("domu-modules", "domU blkfront, netfront",
     r"\[domU\] .*xenpv-debian: domU kernel=.*xen_blkfront.*xen_netfront", None),
    ("domu-net", "domU pings dom0",
     r"\[domU\] .*xenpv-debian: domU ping \S+ over \S+ ok", None),
    ("domu-login", "domU login prompt", r"\[domU\] .*debian-domu login:", None),
    ("domu-off", "domU shut down by xl",
     r"xenpv-debian: dom0 debian-domu shut down cleanly", None),
    STAGES[-1],
]

PROFILES = {"harness": STAGES, "debian": DEBIAN_STAGES}

# A PVH dom0 powers the machine off through its ACPI tables itself, stock
# and port alike (the Xen sleep hooks of drivers/xen are a PV dom0's), so
# Xen prints nothing; QEMU exits after dom0's last word.
PVH_DOM0_HOST_OFF = ("host-off", "host powered off", r"^reboot: Power down", None)

# Console lines that mean something went wrong, with a short name.
PROBLEMS = [
    (r"Panic on CPU", "Xen panic"),
    (r"Hardware Dom0 crashed|Domain 0 crashed", "dom0 crashed"),
    (r"Kernel panic - not syncing", "kernel panic"),
    (r"\bBUG: |\bOops\b|general protection fault", "kernel BUG/Oops"),
    # Xen says so of every PVH dom0 it builds (--dom0-type pvh).
    (r"WARNING: (?!PVH is an experimental mode with limited functionality)",
     "kernel WARNING"),
    (r"soft lockup|rcu_.*stall|RCU stall", "lockup or RCU stall"),
    (r"possible (circular|recursive) locking|inconsistent lock state|"
     r"suspicious RCU usage|DEBUG_LOCKS_WARN_ON|lockdep is turned off|"
     r"Found insecure W\+X mapping|FAILED, [0-9]+ W\+X pages found",
     "lock or memory debugging splat"),
    (r"xenpv: not implemented", "port piece not written yet"),
    (r"xenpv-harness: FAIL", "harness step failed"),
    (r"domU shut down: crash", "domU crashed"),
    # An HVM container's (PVH, HVM) triple fault: Xen reboots it by default,
    # so it would pass for a reboot the scenario asked for.
    (r"\(XEN\) d[0-9]+v[0-9]+ Triple fault", "domU triple fault"),
]

# "xenpv-result: NAME=VALUE" from dom0, or from a domU through dom0's
# "[domU] " (or, for a second domU, "[domU2] ") relay; the first value of
# each name counts.  The head of a kernel message that a console cut in
# chunks (Linux's hvc console writes 16 bytes at a time) may come before
# the result: dom0's before the relay's prefix, or the domU's own after it.
RESULT = re.compile(r"^(?:\[(domU2?)\] )?(?:.*?(?:\[(domU2?)\] )?)?"
                    r"xenpv-result: ([A-Za-z0-9_]+)=(.*)$")
GUEST_RIP = re.compile(r"RIP:\s+e0[0-9a-f]{2}:\[<([0-9a-f]{16})>\]")
GRACE = 15
LINUX_RIP = re.compile(r"RIP: [0-9a-f]{4}:(\S+)")


class SymbolTable:
    """Address to function lookups in a System.map."""

    def __init__(self, path):
        self.addrs, self.names = [], []
        if not path or not os.path.exists(path):
            return
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3 and parts[1] in "tTwW":
                    self.addrs.append(int(parts[0], 16))
                    self.names.append(parts[2])

    def lookup(self, addr):
        i = bisect.bisect_right(self.addrs, addr) - 1
        if i < 0 or addr - self.addrs[i] > 0x100000:
            return None
        return "%s+0x%x" % (self.names[i], addr - self.addrs[i])


class Watch:
    """State of one boot: which stages were seen, and when."""

    def __init__(self, variant, budgets, until, stages):
        self.stages = []
        for key, title, port_re, stock_re in stages:
            pattern = stock_re if (variant == "stock" and stock_re) else port_re
            self.stages.append((key, title, re.compile(pattern)))
        self.budgets = budgets
        self.expected = [s[0] for s in self.stages]
        self.expected = self.expected[: self.expected.index(until) + 1]
        self.seen = {}
        self.problems = []
        self.rips = []
        self.results = {"dom0": {}, "domU": {}, "domU2": {}}
        self.start = time.monotonic()
        self.last_progress = self.start
        self.outcome = None

    def feed(self, line):
        now = time.monotonic() - self.start
        for key, _title, rx in self.stages:
            if key not in self.seen and rx.search(line):
                self.seen[key] = now
                self.last_progress = time.monotonic()
        for pattern, name in PROBLEMS:
            if re.search(pattern, line):
                self.problems.append((name, line.strip(), self.stage_now()))
        m = RESULT.match(line.rstrip("\r\n"))
        if m:
            guest = m.group(1) or m.group(2) or "dom0"
            self.results[guest].setdefault(m.group(3), m.group(4).strip("\r"))
        m = GUEST_RIP.search(line)
        if m:
            self.rips.append(("xen", int(m.group(1), 16), line.strip()))
        m = LINUX_RIP.search(line)
        if m and not GUEST_RIP.search(line):
            self.rips.append(("linux", m.group(1), line.strip()))

    def next_stage(self):
        for key in self.expected:
            if key not in self.seen:
                return key
        return None

    def stage_now(self):
        """The stage the boot is in: the first expected one not reached."""
        return self.next_stage() or self.expected[-1]

    def budget_left(self):
        key = self.next_stage()
        if key is None:
            return None
        return self.budgets.get(key, self.budgets["default"]) - (
            time.monotonic() - self.last_progress)

    def title(self, key):
        return next(t for k, t, _ in self.stages if k == key)


# QEMU 7.2's TCG adds the DS base to an access with a DS prefix in 64-bit
# mode, where a real CPU takes the base as zero.  A kernel that finds a
# single CPU turns its lock prefixes into DS prefixes (SMP alternatives),
# so under QEMU each of those accesses misses its target while a 32-bit
# task's based selector is still in DS, as Linux's ldt_gdt selftest
# leaves it on every system call.  Keeping the lock prefixes avoids it;
# every guest kernel booted under QEMU gets this.
TCG_GUEST_ARGS = "noreplace-smp"


def domu_args(text):
    """The domU's extra options, as one word of dom0's command line."""
    words = TCG_GUEST_ARGS.split() + text.split()
    if any("+" in w for w in words):
        sys.exit("boot.py: a domU option cannot hold a '+': %r" % text)
    return "harness_domu_args=" + "+".join(words) if words else ""


def dom0_cmdline_harness(args):
    return ("console=hvc0 earlyprintk=xen %s harness_mode=%s "
            "harness_scenario=%s harness_domu_type=%s harness_domu_vcpus=%d "
            "harness_domu_maxvcpus=%d "
            "harness_domu_mem=%d harness_domu_timeout=%d %s %s" %
            (TCG_GUEST_ARGS, args.mode, args.scenario, args.domu_type,
             args.domu_vcpus,
             max(args.domu_maxvcpus, args.domu_vcpus), args.domu_mem,
             args.domu_timeout, domu_args(args.domu_args),
             args.dom0_args)).strip()


def dom0_cmdline_debian(args):
    # Root on the first virtio disk, as harness/debian.sh partitions it.
    return ("root=/dev/vda1 ro console=hvc0 earlyprintk=xen %s %s" %
            (TCG_GUEST_ARGS, args.dom0_args)).strip()


def qemu_command(args):
    xen_cmdline = ("console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all "
                   "dom0_mem=%dM,max:%dM dom0_max_vcpus=%d %s" %
                   (args.dom0_mem, max(args.dom0_maxmem, args.dom0_mem),
                    args.dom0_vcpus, args.xen_args)).strip()
    if args.profile == "debian":
        dom0_cmdline = dom0_cmdline_debian(args)
    else:
        dom0_cmdline = dom0_cmdline_harness(args)
    if "," in dom0_cmdline:
        # QEMU's -initrd separates the multiboot modules with commas.
        sys.exit("boot.py: the dom0 command line cannot hold a comma: %r"
                 % dom0_cmdline)
    machine = []
    if args.dom0_type == "pvh":
        # Xen 4.17 builds a PVH dom0 only behind an IOMMU ("Presently,
        # iommu must be enabled for PVH hardware domain"); QEMU emulates
        # VT-d, with interrupt remapping, on its q35 machine.
        xen_cmdline += " dom0=pvh"
        machine = ["-machine", "q35", "-device", "intel-iommu,intremap=on"]
    accel = ["-accel", "tcg,thread=multi"]
    if args.icount:
        # Guest time counts instructions: repeatable virtual timings.
        accel = ["-accel", "tcg", "-icount", "shift=0,align=off,sleep=off"]
    accel += [w for spec in args.qemu_plugin for w in ("-plugin", spec)]
    return (["qemu-system-x86_64"] + machine + accel +
            ["-cpu", args.cpu_model, "-smp", str(args.cpus),
             "-m", str(args.memory), "-nographic", "-no-reboot",
             "-kernel", args.xen, "-append", xen_cmdline,
             "-initrd", "%s %s,%s" % (args.kernel, dom0_cmdline, args.initrd)] +
            [w for d in args.disk
             for w in ("-drive", "file=%s,if=virtio,format=raw" % d)])


def reader(stream, q):
    for raw in iter(stream.readline, b""):
        q.put(raw.decode("utf-8", "replace"))
    q.put(None)


def run_watched(cmd, watch, log, total):
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    q = queue.Queue()
    threading.Thread(target=reader, args=(proc.stdout, q), daemon=True).start()
    deadline = time.monotonic() + total
    while True:
        left = watch.budget_left()
        if watch.next_stage() is None and watch.outcome is None:
            watch.outcome = "done"
            # Past the last expected stage, keep reading a little for late
            # problems unless the machine powers off by itself.
            deadline = min(deadline, time.monotonic() + GRACE)
        if left is not None and left <= 0:
            watch.outcome = "hang"
            break
        if time.monotonic() > deadline:
            if watch.outcome != "done":
                watch.outcome = "timeout"
            break
        try:
            line = q.get(timeout=1.0)
        except queue.Empty:
            continue
        if line is None:
            break
        log.write(line)
        log.flush()
        watch.feed(line)
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    if watch.outcome is None:
        watch.outcome = "exited"


def crashes(watch, symbols):
    """The instruction pointers printed around a problem, as functions."""
    out = []
    # A RIP line alone is no crash (sysrq-l backtraces print them too).
    for kind, where, line in (watch.rips[:4] if watch.problems else []):
        if kind == "xen":
            sym = symbols.lookup(where) or "no symbol"
            out.append("%#x = %s   (%s)" % (where, sym, line))
        else:
            out.append("%s   (%s)" % (where, line))
    return out


def summary(watch, symbols, log_path):
    """Everything the boot showed, as the dict the JSON report holds."""
    nxt = watch.next_stage()
    problems, seen = [], set()
    for name, line, stage in watch.problems:
        if (name, line) not in seen:
            seen.add((name, line))
            problems.append({"name": name, "line": line,
                             "stage": watch.title(stage)})
    return {
        "result": "PASS" if nxt is None and not problems else "FAIL",
        "outcome": "every stage" if nxt is None else watch.outcome,
        "stopped_at": watch.title(nxt) if nxt else None,
        "stages": [{"key": k, "title": watch.title(k),
                    "reached": k in watch.seen,
                    "time_s": round(watch.seen[k], 1) if k in watch.seen else None}
                   for k in watch.expected],
        "problems": problems,
        "crashes": crashes(watch, symbols),
        "results": watch.results,
        "serial_log": log_path,
    }


def report_text(s):
    out = ["== stage report =="]
    for st in s["stages"]:
        if st["reached"]:
            out.append("  [ok]   %-24s at %6.1f s" % (st["title"], st["time_s"]))
        else:
            out.append("  [--]   %s" % st["title"])
    if s["stopped_at"] is None:
        out.append("reached: every stage")
    elif s["outcome"] == "hang":
        out.append("HANG at stage '%s': no progress within its time budget" % s["stopped_at"])
    elif s["outcome"] == "timeout":
        out.append("TIMEOUT: the whole boot ran past its limit in stage '%s'" % s["stopped_at"])
    else:
        out.append("STOPPED at stage '%s' (QEMU exited)" % s["stopped_at"])
    for p in s["problems"]:
        out.append("PROBLEM in stage '%s': %s: %s" % (p["stage"], p["name"], p["line"]))
    for c in s["crashes"]:
        out.append("CRASH at %s" % c)
    out.append("serial log: %s" % s["serial_log"])
    out.append("result: %s" % s["result"])
    return "\n".join(out)


def whole_number(least):
    """An argparse type: a decimal number no smaller than least."""
    def parse(text):
        if not text.isdigit() or int(text) < least:
            raise argparse.ArgumentTypeError(
                "a whole number from %d up, not %r" % (least, text))
        return int(text)
    return parse


SCENARIOS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "guest", "scenarios")


def scenario_names():
    return sorted(n[:-3] for n in os.listdir(SCENARIOS) if n.endswith(".sh"))


def parse_args():
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    positive, count = whole_number(1), whole_number(0)
    p.add_argument("--check-args", action="store_true",
                   help="only check the options, then exit (boot.sh does "
                        "this before it builds the initramfs)")
    p.add_argument("--variant", choices=["port", "stock"], default="port",
                   help="which kernel is booted (boot.sh sets it from --stock)")
    p.add_argument("--xen", help="the Xen ELF image (boot.sh supplies it)")
    p.add_argument("--kernel", help="the dom0 bzImage (boot.sh supplies it)")
    p.add_argument("--initrd", help="the dom0 initramfs (boot.sh supplies it)")
    p.add_argument("--system-map", help="System.map of the booted kernel")
    p.add_argument("--log", help="where to write the serial log (boot.sh "
                                 "supplies it; XENPV_LOG overrides)")
    p.add_argument("--mode", choices=["boot", "shell"], default="boot",
                   help="boot: run the stages and report; shell: stop at a "
                        "dom0 shell on this terminal (harness/xenpv shell)")
    p.add_argument("--scenario", default="boot",
                   help="what the domU runs: one of %s (harness/guest/"
                        "scenarios; dom0's part in dom0-scenarios)" %
                        ", ".join(scenario_names()))
    p.add_argument("--profile", choices=sorted(PROFILES), default="harness",
                   help="what dom0 boots: the harness's initramfs, or Debian "
                        "from the first --disk (harness/debian.sh)")
    p.add_argument("--disk", action="append", default=[],
                   help="a raw disk image, as a virtio disk (repeatable)")
    p.add_argument("--until", default="host-off",
                   help="the last stage this boot is expected to reach")
    p.add_argument("--cpus", type=positive, default=2, help="QEMU CPUs")
    p.add_argument("--cpu-model", default="Haswell-noTSX",
                   help="QEMU CPU model (an Intel one by default; qemu64,+svm,+npt "
                        "is an AMD-vendor one Xen runs on)")
    p.add_argument("--memory", type=positive, default=2048, help="QEMU MiB")
    p.add_argument("--dom0-vcpus", type=positive, default=1,
                   help="dom0's vCPUs (dom0_max_vcpus)")
    p.add_argument("--dom0-mem", type=positive, default=768,
                   help="dom0's MiB at boot")
    p.add_argument("--dom0-maxmem", type=count, default=0,
                   help="MiB dom0 may balloon up to (default: --dom0-mem)")
    p.add_argument("--dom0-type", choices=["pv", "pvh"], default="pv",
                   help="how Xen builds dom0 (Xen's dom0=); pvh needs a CPU "
                        "model with SVM and an IOMMU, so the machine becomes "
                        "a q35 with QEMU's emulated VT-d")
    p.add_argument("--domu-type", choices=["pv", "pvh", "hvm"], default="pv",
                   help="how xl starts the domU (xl.cfg's type); pvh and "
                        "hvm need a CPU model with SVM, e.g. --cpu-model "
                        "qemu64,+svm,+npt, and hvm Xen's device model in "
                        "dom0 (boot.sh adds it)")
    p.add_argument("--domu-vcpus", type=positive, default=1,
                   help="the domU's vCPUs at boot")
    p.add_argument("--domu-maxvcpus", type=count, default=0,
                   help="vCPUs the domU may have (xl's maxvcpus); the rest "
                        "start offline (default: --domu-vcpus)")
    p.add_argument("--domu-mem", type=positive, default=256,
                   help="the domU's MiB")
    p.add_argument("--domu-timeout", type=positive, default=300,
                   help="seconds dom0 waits for the domU to finish its "
                        "scenario before it reports a failure")
    p.add_argument("--stage-budget", type=positive, default=120,
                   help="seconds allowed per stage")
    p.add_argument("--scenario-budget", type=positive, default=600,
                   help="seconds allowed for the stage 'scenario done'")
    p.add_argument("--total", type=positive, default=1200,
                   help="seconds allowed for the whole boot")
    p.add_argument("--icount", action="store_true",
                   help="QEMU -icount shift=0,align=off,sleep=off: guest time "
                        "counts instructions, so timings repeat (benchmarks)")
    p.add_argument("--qemu-plugin", action="append", default=[],
                   help="a TCG plugin for QEMU's -plugin: FILE.so,ARG=VALUE,... "
                        "(may be repeated; harness/profile.sh uses it)")
    p.add_argument("--xen-args", default="", help="more Xen options")
    p.add_argument("--dom0-args", action="append", default=[],
                   help="more dom0 kernel options (may be repeated)")
    p.add_argument("--domu-args", action="append", default=[],
                   help="more domU kernel options (may be repeated)")
    args = p.parse_args()
    if args.profile == "harness" and args.scenario not in scenario_names():
        p.error("--scenario must be one of: %s, not %r" %
                (" ".join(scenario_names()), args.scenario))
    if not args.check_args:
        for opt in ("xen", "kernel", "initrd", "log"):
            if not getattr(args, opt):
                p.error("--%s is required (harness/boot.sh supplies it)" % opt)
    for opt, kind in (("--domu-type", args.domu_type),
                      ("--dom0-type", args.dom0_type)):
        if kind != "pv" and "svm" not in args.cpu_model:
            # QEMU's TCG emulates no VMX: Xen has HVM support only with SVM.
            p.error("%s %s needs a CPU model with SVM, e.g. "
                    "--cpu-model qemu64,+svm,+npt" % (opt, kind))
    args.dom0_args = " ".join(args.dom0_args)
    args.domu_args = " ".join(args.domu_args)
    return args


def main():
    args = parse_args()
    stages = PROFILES[args.profile]
    if args.dom0_type == "pvh":
        stages = [PVH_DOM0_HOST_OFF if st[0] == "host-off" else st for st in stages]
    if args.until not in [st[0] for st in stages]:
        sys.exit("boot.py: --until must be one of: %s, not '%s'" %
                 (" ".join(st[0] for st in stages), args.until))
    if args.check_args:
        return
    if not shutil.which("qemu-system-x86_64"):
        sys.exit("boot.py: qemu-system-x86_64 is missing; "
                 "apt-get install qemu-system-x86 (or harness/xenpv setup)")
    for path in [args.xen, args.kernel, args.initrd] + args.disk:
        if not os.path.exists(path):
            sys.exit("boot.py: %s does not exist" % path)
    cmd = qemu_command(args)
    if args.mode == "shell":
        os.execvp(cmd[0], cmd)
    budgets = {"default": args.stage_budget, "scenario": args.scenario_budget}
    watch = Watch(args.variant, budgets, args.until, stages)
    os.makedirs(os.path.dirname(os.path.abspath(args.log)), exist_ok=True)
    with open(args.log, "w") as log:
        log.write("# %s\n" % " ".join(cmd))
        run_watched(cmd, watch, log, args.total)
    s = summary(watch, SymbolTable(args.system_map), args.log)
    text = report_text(s)
    with open(args.log + ".report", "w") as f:
        f.write(text + "\n")
    with open(args.log + ".report.json", "w") as f:
        json.dump(s, f, indent=1)
    print(text)
    return 0 if s["result"] == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
