#!/usr/bin/env python3
"""bench_report.py OUTDIR STOCK_LOG... -- PORT_LOG...: the table and plot
of harness/xenpv bench.

Reads the serial logs of bench boots (domU lines "xenpv-result:
bench_NAME_ns=N", "bench_NAME_ops=N" and "xenpv-bench: K NAME"; dom0 lines
"xenpv-trace: K hypercalls=N ...", see harness/guest/tracecount.c) and
writes OUTDIR/bench.txt (per benchmark: virtual ns per operation and Xen's
trace counts per operation, stock and port, and port/stock) and
OUTDIR/bench.png (port/stock of time and of hypercalls, with gnuplot).
Times are the median over the rounds; trace counts come from every round.
"""
import re
import statistics
import subprocess
import sys
from pathlib import Path

COUNTS = ("hypercalls", "iret", "mmu_update_entries", "mmuext_entries",
          "multicall_entries", "ptwr")
LABELS = {"iret": "iret", "mmu_update_entries": "mmu_upd", "mmuext_entries": "mmuext",
          "multicall_entries": "mc_entry", "ptwr": "ptwr"}


def read_log(path):
    """{name: {"ns": int, "ops": int, counts...}} of one boot."""
    names, out = {}, {}
    text = Path(path).read_text(errors="replace")
    for line in text.splitlines():
        line = line.rstrip("\r")
        m = re.match(r"^\[domU\] xenpv-bench: (\d+) (\w+)$", line)
        if m:
            names[m.group(1)] = m.group(2)
        m = re.match(r"^\[domU\] xenpv-result: bench_(\w+)_(ns|ops)=(\d+)$", line)
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
        for c in COUNTS + ("lost",):
            have = [r[c] / r["ops"] for r in runs if c in r]
            row[c] = statistics.median(have) if have else None
        summary[name] = row
    return summary


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
    head = (f"{'benchmark':<14}{'stock ns':>10}{'port ns':>10}{'ratio':>10}"
            f"{'stock hc':>10}{'port hc':>10}{'ratio':>10}"
            + "".join(f"{'s ' + LABELS[c]:>11}{'p ' + LABELS[c]:>11}" for c in COUNTS[1:]))
    lines = ["Per operation (one call, or one fork, exec, page or round trip),",
             "median over rounds; ratio = port / stock (below 1: the port does better);",
             "ns in virtual time (QEMU -icount),",
             "hc = hypercalls Xen traced (a multicall once), iret = of them the",
             "returns to user or interrupted code, mmu_upd / mmuext / mc_entry =",
             "entries of mmu_update, mmuext_op and multicalls, ptwr = page-table",
             "writes Xen trapped and emulated; s = stock, p = this port.", "", head]
    plot = []
    for name in stock:
        if name not in port:
            continue
        s, p = stock[name], port[name]
        r_ns, r_hc = ratio(p["ns"], s["ns"]), ratio(p["hypercalls"], s["hypercalls"])
        row = (f"{name:<14}{fmt(s['ns'])}{fmt(p['ns'])}{fmt(r_ns)}"
               f"{fmt(s['hypercalls'])}{fmt(p['hypercalls'])}{fmt(r_hc)}"
               + "".join(f"{fmt(s[c], 11)}{fmt(p[c], 11)}" for c in COUNTS[1:]))
        lines.append(row)
        plot.append(f"{name} {r_ns if r_ns is not None else 'NaN'} "
                    f"{r_hc if r_hc is not None else 'NaN'}")
    lost = [n for n in stock if (stock[n].get("lost") or 0) + (port.get(n, {}).get("lost") or 0)]
    if lost:
        lines.append("")
        lines.append("trace records were lost (counts are low) in: " + " ".join(lost))
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
