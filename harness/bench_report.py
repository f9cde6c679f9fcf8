#!/usr/bin/env python3
"""bench_report.py OUTDIR STOCK_LOG... -- PORT_LOG...: the table and plot
of harness/xenpv bench.

Reads the serial logs of bench boots (domU lines "xenpv-result:
bench_NAME_ns=N", "bench_NAME_ops=N" and "xenpv-bench: K NAME"; dom0 lines
"xenpv-trace: K hypercalls=N ...", see harness/guest/tracecount.c; the
uptime each /init reports, the memory each domain has left and the free
pages on its per-CPU lists, the CPU bugs the domU's kernel lists) and
writes OUTDIR/bench.txt (per benchmark: virtual ns per operation with its
spread over the rounds, and Xen's trace counts per operation, stock and
port, and port/stock; then the boot and memory figures) and
OUTDIR/bench.png (port/stock of time and of hypercalls, with gnuplot).
Times are the median over the rounds; trace counts come from every round.
"""
import re
import statistics
import subprocess
import sys
from pathlib import Path

COUNTS = ("hypercalls", "iret", "mmu_update_entries", "mmuext_entries",
          "multicall_entries", "ptwr", "bounced", "emulated", "fixup")
LABELS = {"iret": "iret", "mmu_update_entries": "mmu_upd", "mmuext_entries": "mmuext",
          "multicall_entries": "mc_entry", "ptwr": "ptwr", "bounced": "bounce",
          "emulated": "emul", "fixup": "fixup"}


# Figures of the whole boot: (key, what it is, pattern of its line).
BOOT = (
    ("dom0_init_s", "dom0 /init, virtual s",
     r"^xenpv-harness: dom0 /init \(uptime ([\d.]+) s\)"),
    ("domu_init_s", "domU /init, virtual s",
     r"^\[domU\] xenpv-harness: domU /init \(uptime ([\d.]+) s\)"),
    ("dom0_mem_total_kb", "dom0 MemTotal, kB", r"^xenpv-result: dom0_mem_total_kb=(\d+)"),
    ("dom0_mem_available_kb", "dom0 MemAvailable, kB",
     r"^xenpv-result: dom0_mem_available_kb=(\d+)"),
    ("dom0_pcp_free_kb", "dom0 free on per-CPU lists, kB",
     r"^xenpv-result: dom0_pcp_free_kb=(\d+)"),
    ("domu_mem_total_kb", "domU MemTotal, kB",
     r"^\[domU\] xenpv-result: domu_mem_total_kb=(\d+)"),
    ("domu_mem_available_kb", "domU MemAvailable, kB",
     r"^\[domU\] xenpv-result: domu_mem_available_kb=(\d+)"),
    ("domu_pcp_free_kb", "domU free on per-CPU lists, kB",
     r"^\[domU\] xenpv-result: domu_pcp_free_kb=(\d+)"),
)


def read_boot(path):
    """{key: float} of BOOT, and the domU's CPU bugs, of one boot."""
    out, bugs = {}, None
    for line in Path(path).read_text(errors="replace").splitlines():
        line = line.rstrip("\r")
        for key, _, pattern in BOOT:
            m = re.match(pattern, line)
            if m:
                out[key] = float(m.group(1))
        m = re.match(r"^\[domU\] xenpv-result: cpu_bugs=(.*)$", line)
        if m:
            bugs = m.group(1)
    return out, bugs


def read_log(path):
    """{name: {"ns": int, "ops": int, counts...}} of one boot."""
    names, out = {}, {}
    text = Path(path).read_text(errors="replace")
    for line in text.splitlines():
        line = line.rstrip("\r")
        m = re.match(r"^\[domU\] xenpv-bench: (\d+) (\w+)$", line)
        if m:
            names[m.group(1)] = m.group(2)
        m = re.match(r"^\[domU\] xenpv-result: bench_(\w+?)_(median_ns|slow_batches|ns|ops)"
                     r"=(\d+)$", line)
        if m:
            out.setdefault(m.group(1), {})[m.group(2)] = int(m.group(3))
    for line in text.splitlines():
        m = re.match(r"^xenpv-trace: (\d+) (.*)$", line.rstrip("\r"))
        if not m or m.group(1) not in names:
            continue
        fields = dict(f.split("=") for f in m.group(2).split() if "=" in f)
        out.setdefault(names[m.group(1)], {}).update(
            {k: int(v) for k, v in fields.items()})
    return out


def summarize(logs):
    """{name: {"ns": median ns/op, count: per op}} over the rounds."""
    rounds = [read_log(p) for p in logs]
    names = [n for n in rounds[0] if "ns" in rounds[0][n]] if rounds else []
    summary = {}
    for name in names:
        runs = [r[name] for r in rounds if name in r and "ns" in r[name]]
        row = {"ns": statistics.median(r["ns"] for r in runs)}
        for key in ("median_ns", "slow_batches"):
            have = [r[key] for r in runs if key in r]
            row[key] = statistics.median(have) if have else None
        # max - min over the rounds, in percent of the median
        row["spread"] = (100 * (max(r["ns"] for r in runs) - min(r["ns"] for r in runs))
                         / row["ns"] if row["ns"] else None)
        for c in COUNTS + ("lost",):
            have = [r[c] / r["ops"] for r in runs if c in r]
            row[c] = statistics.median(have) if have else None
        summary[name] = row
    return summary


def boot_lines(stock_logs, port_logs):
    """The boot and memory figures, median over the rounds, as lines."""
    figures, bugs = {}, {}
    for side, logs in (("stock", stock_logs), ("port", port_logs)):
        reads = [read_boot(p) for p in logs]
        figures[side] = {k: statistics.median(r[0][k] for r in reads if k in r[0])
                         for k, _, _ in BOOT if any(k in r[0] for r in reads)}
        bugs[side] = {r[1] for r in reads if r[1] is not None}
    lines = ["", f"{'boot and memory':<32}{'stock':>12}{'port':>12}{'ratio':>10}"]
    for key, title, _ in BOOT:
        s, p = figures["stock"].get(key), figures["port"].get(key)
        lines.append(f"{title:<32}{fmt(s, 12)}{fmt(p, 12)}{fmt(ratio(p, s))}")
    if bugs["stock"] == bugs["port"]:
        lines.append("CPU bugs the domU kernels list (the same): "
                     + (" ".join(sorted(bugs["stock"])) or "-"))
    else:
        lines.append("CPU bugs differ: stock " + " ".join(sorted(bugs["stock"]))
                     + "; port " + " ".join(sorted(bugs["port"])))
    return lines


def ratio(port, stock):
    if port is None or stock is None or stock == 0:
        return None
    return port / stock


def fmt(v, width=10):
    if v is None:
        return f"{'-':>{width}}"
    if isinstance(v, float) and v < 100:
        return f"{v:>{width}.2f}"
    return f"{v:>{width}.0f}"


def main():
    args = sys.argv[1:]
    if len(args) < 4 or "--" not in args:
        sys.exit(__doc__)
    outdir = Path(args[0])
    cut = args.index("--")
    stock, port = summarize(args[1:cut]), summarize(args[cut + 1:])
    if not stock or not port:
        sys.exit("bench_report: no benchmark results in the logs")
    outdir.mkdir(parents=True, exist_ok=True)
    head = (f"{'benchmark':<17}{'stock ns':>10}{'spr%':>6}{'port ns':>10}{'spr%':>6}"
            f"{'ratio':>10}{'s med ns':>10}{'p med ns':>10}{'ratio':>7}{'s slow':>7}{'p slow':>7}"
            f"{'stock hc':>10}{'port hc':>10}{'ratio':>10}"
            + "".join(f"{'s ' + LABELS[c]:>11}{'p ' + LABELS[c]:>11}" for c in COUNTS[1:]))
    lines = ["Per operation (one call, or one fork, exec, page or round trip),",
             "median over rounds; spr% = (slowest - fastest round) / median;",
             "ratio = port / stock (below 1: the port does better);",
             "med ns = the median of the (up to ten) batches each timed part",
             "runs in, slow = batches over 1.5 times that median: work of dom0,",
             "Xen or the other vCPU that fell in the benchmark's virtual time;",
             "ns in virtual time (QEMU -icount),",
             "hc = hypercalls Xen traced (a multicall once), iret = of them the",
             "returns to user or interrupted code, mmu_upd / mmuext / mc_entry =",
             "entries of mmu_update, mmuext_op and multicalls, ptwr = page-table",
             "writes Xen trapped and emulated, bounce = exceptions Xen passed on",
             "(page faults and other traps), emul = instructions Xen emulated",
             "(privileged ones), fixup = faults Xen fixed without the guest;",
             "s = stock, p = this port."]
    if all(row["hypercalls"] is None for row in list(stock.values()) + list(port.values())):
        lines.append("Untraced run (bench --untraced): no counts, times without xentrace.")
    lines += ["", head]
    plot = []
    for name in stock:
        if name not in port:
            continue
        s, p = stock[name], port[name]
        r_ns, r_hc = ratio(p["ns"], s["ns"]), ratio(p["hypercalls"], s["hypercalls"])
        row = (f"{name:<17}{fmt(s['ns'])}{fmt(s['spread'], 6)}{fmt(p['ns'])}"
               f"{fmt(p['spread'], 6)}{fmt(r_ns)}"
               f"{fmt(s['median_ns'])}{fmt(p['median_ns'])}"
               f"{fmt(ratio(p['median_ns'], s['median_ns']), 7)}"
               f"{fmt(s['slow_batches'], 7)}{fmt(p['slow_batches'], 7)}"
               f"{fmt(s['hypercalls'])}{fmt(p['hypercalls'])}{fmt(r_hc)}"
               + "".join(f"{fmt(s[c], 11)}{fmt(p[c], 11)}" for c in COUNTS[1:]))
        lines.append(row)
        plot.append(f"{name} {r_ns if r_ns is not None else 'NaN'} "
                    f"{r_hc if r_hc is not None else 'NaN'}")
    lost = [n for n in stock if (stock[n].get("lost") or 0) + (port.get(n, {}).get("lost") or 0)]
    if lost:
        lines.append("")
        lines.append("trace records were lost (counts are low) in: " + " ".join(lost))
    lines += boot_lines(args[1:cut], args[cut + 1:])
    table = "\n".join(lines) + "\n"
    (outdir / "bench.txt").write_text(table)
    (outdir / "bench.dat").write_text("\n".join(plot) + "\n")
    script = f"""set terminal pngcairo size 900,480 noenhanced
set output '{outdir / "bench.png"}'
set title 'this port / stock (below 1: better)'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set yrange [0:*]
set xtics rotate by -30
set grid ytics
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2
plot '{outdir / "bench.dat"}' using 2:xtic(1) title 'virtual time', \\
     '' using 3 title 'hypercalls (xentrace)'
"""
    (outdir / "bench.gp").write_text(script)
    try:
        subprocess.run(["gnuplot", str(outdir / "bench.gp")], check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"bench_report: no plot ({e}); install gnuplot-nox", file=sys.stderr)
    sys.stdout.write(table)


if __name__ == "__main__":
    main()
