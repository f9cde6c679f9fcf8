#!/usr/bin/env python3
"""Audit the interface that the rest of Linux 6.12 takes from arch/x86/xen.

Every list is derived from the two trees, none is kept by hand: the stock
tree (its arch/x86/xen untouched) says what the rest of the kernel may
expect, and the port's tree says what this repository provides.

  kconfig   every option of the stock arch/x86/xen/Kconfig exists in the
            port's, with a prompt where stock has one
  exports   every symbol stock exports from arch/x86/xen that a file
            outside the directory names is exported by the port too
  symbols   for each built configuration given with --built: every global
            symbol the stock objects define that a file outside
            arch/x86/xen names is defined by the port's objects too
  pv_ops    every pv_ops member stock fills is filled by the port

Prints one line per finding and exits 1 when anything is missing.
"""
import argparse
import os
import re
import subprocess
import sys

SOURCE_EXT = (".c", ".h", ".S")


def read(path):
    with open(path, errors="replace") as f:
        return f.read()


def xen_sources(tree):
    d = os.path.join(tree, "arch/x86/xen")
    return {n: read(os.path.join(d, n)) for n in sorted(os.listdir(d))
            if n.endswith(SOURCE_EXT)}


def kconfig_options(text):
    """{name: has_prompt} for each 'config NAME' entry."""
    opts, name = {}, None
    for line in text.splitlines():
        m = re.match(r"(?:menu)?config\s+(\w+)", line)
        if m:
            name = m.group(1)
            opts[name] = False
            continue
        if name and re.match(r'\s+(bool|tristate|prompt|int|string)\s+"', line):
            opts[name] = True
        elif not line.strip() or not line[0].isspace():
            name = None
    return opts


def audit_kconfig(stock, port):
    s = kconfig_options(read(os.path.join(stock, "arch/x86/xen/Kconfig")))
    p = kconfig_options(read(os.path.join(port, "arch/x86/xen/Kconfig")))
    bad = []
    for name, prompt in sorted(s.items()):
        if name not in p:
            bad.append(f"kconfig: {name} is missing")
        elif prompt and not p[name]:
            bad.append(f"kconfig: {name} has no prompt (stock offers it to users)")
    return bad, len(s)


COMMENT_RE = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def is_declaration(code, start):
    """Whether the statement around code[start] is a bare declaration: it
    ends with ';' before any '{' and assigns nothing."""
    begin = max(code.rfind(";", 0, start), code.rfind("}", 0, start),
                code.rfind("{", 0, start), code.rfind("#", 0, start)) + 1
    semi, brace = code.find(";", start), code.find("{", start)
    if semi < 0 or (0 <= brace < semi):
        return False
    stmt = code[begin:semi]
    return "=" not in stmt and "return" not in stmt


def uses_in(path, text, names):
    """The names a kernel source really uses.  Not a use: a comment, a
    struct member of the same name (.name, ->name, (*name)), an enum,
    struct or union tag, a trace event of the same name, a static of the
    file's own, a header's bare declaration (a prototype or an extern needs
    no definition unless something calls it)."""
    code = COMMENT_RE.sub(" ", text)
    used = set()
    for name in names:
        # A file with a static of its own by that name uses that one.
        if re.search(r"\bstatic\b[^;{=]*\b%s\s*[(\[;=]" % name, code):
            continue
        for m in re.finditer(r"\b%s\b" % name, code):
            before = code[max(0, m.start() - 7):m.start()]
            if before.endswith((".", "->", "(*")) or re.search(r"\b(enum|struct|union)\s+$", before):
                continue
            line_start = code.rfind("\n", 0, m.start()) + 1
            if re.match(r"\s*(TRACE|DEFINE|DECLARE)_EVENT", code[line_start:m.start()]):
                continue
            if path.endswith(".h") and is_declaration(code, m.start()):
                continue
            used.add(name)
            break
    return used


def weak_defaults(tree, names):
    """The names that have a __weak definition outside arch/x86/xen: the
    kernel works without an override, so stock's is optional."""
    if not names:
        return set()
    pattern = r"__weak.*\b(" + "|".join(sorted(names)) + r")\b"
    out = subprocess.run(["grep", "-rhoE", "--include=*.c", pattern, "kernel",
                          "drivers", "mm", "arch/x86/kernel", "arch/x86/mm",
                          "arch/x86/platform"],
                         cwd=tree, capture_output=True, text=True).stdout
    return {n for n in names if re.search(r"\b%s\b" % n, out)}


def outside_users(tree, names):
    """The subset of names that some x86 or generic kernel source outside
    arch/x86/xen uses (other architectures, tools/ and Documentation/ are
    not this kernel)."""
    if not names:
        return set()
    pattern = r"\b(" + "|".join(sorted(names)) + r")\b"
    dirs = [d for d in sorted(os.listdir(tree))
            if os.path.isdir(os.path.join(tree, d))
            and d not in ("tools", "Documentation", "scripts", "samples", "usr")
            and not d.startswith(".")]
    out = subprocess.run(
        ["grep", "-rlE", "--include=*.c", "--include=*.h", "--include=*.S",
         pattern] + dirs, cwd=tree, capture_output=True, text=True).stdout
    used = set()
    for path in out.splitlines():
        if path.startswith("arch/x86/xen/"):
            continue
        if path.startswith("arch/") and not path.startswith(("arch/x86/", "arch/Kconfig")):
            continue
        used |= uses_in(path, read(os.path.join(tree, path)), names - used)
    return used


EXPORT_RE = re.compile(r"EXPORT_(?:SYMBOL|SYMBOL_GPL|STATIC_CALL\w*)\((\w+)\)")


def audit_exports(stock, port):
    s = set()
    for text in xen_sources(stock).values():
        s.update(EXPORT_RE.findall(text))
    p = set()
    for text in xen_sources(port).values():
        p.update(EXPORT_RE.findall(text))
    needed = outside_users(stock, s)
    bad = [f"exports: {n} is exported by stock and used outside arch/x86/xen, "
           "not exported by the port" for n in sorted(needed - p)]
    return bad, len(needed)


def defined_symbols(objdir):
    syms = set()
    for root, _, files in os.walk(objdir):
        for f in files:
            if not f.endswith(".o"):
                continue
            out = subprocess.run(["nm", "-g", "--defined-only", os.path.join(root, f)],
                                 capture_output=True, text=True).stdout
            for line in out.splitlines():
                parts = line.split()
                if len(parts) == 3 and parts[1] not in "wWvV":
                    syms.add(parts[2])
    return syms


def audit_symbols(stock, port, stock_out, port_out, label):
    s = defined_symbols(os.path.join(stock_out, "arch/x86/xen"))
    p = defined_symbols(os.path.join(port_out, "arch/x86/xen"))
    if not s:
        return [f"symbols[{label}]: no stock objects in {stock_out}"], 0
    if not p:
        return [f"symbols[{label}]: no port objects in {port_out}"], 0
    missing = s - p
    # Exported symbols' CRC and string entries are not names to look up.
    missing = {n for n in missing if not n.startswith(("__ksymtab", "__kstrtab",
                                                       "__crc_", "__pfx_", "__cfi_"))}
    needed = outside_users(stock, missing)
    optional = weak_defaults(stock, needed)
    for n in sorted(optional):
        print(f"audit: symbols[{label}]: note: {n} overrides a __weak default "
              "in stock; the port keeps the default")
    bad = [f"symbols[{label}]: {n} is defined by stock and used outside "
           "arch/x86/xen, not defined by the port" for n in sorted(needed - optional)]
    return bad, len(outside_users(stock, s))


def pv_ops_members(tree):
    text = read(os.path.join(tree, "arch/x86/include/asm/paravirt_types.h"))
    members = {}
    for struct in ("pv_cpu_ops", "pv_irq_ops", "pv_mmu_ops", "pv_lock_ops"):
        m = re.search(r"struct %s \{(.*?)\n\} __no_randomize_layout;" % struct, text, re.S)
        if not m:
            continue
        body = m.group(1)
        names = re.findall(r"\(\*(\w+)\)\(", body)
        names += re.findall(r"struct paravirt_callee_save (\w+);", body)
        for n in names:
            members[n] = struct
    return members


def audit_pv_ops(stock, port):
    members = pv_ops_members(stock)
    stock_text = "\n".join(xen_sources(stock).values())
    port_text = "\n".join(xen_sources(port).values())
    bad, filled = [], 0
    for name, struct in sorted(members.items()):
        pat = re.compile(r"(\.|->)%s\s*=[^=]" % name)
        if not pat.search(stock_text):
            continue
        filled += 1
        if not pat.search(port_text):
            bad.append(f"pv_ops: {struct}.{name} is filled by stock, not by the port")
    return bad, filled


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stock-tree", required=True)
    ap.add_argument("--port-tree", required=True)
    ap.add_argument("--built", action="append", default=[], metavar="LABEL:STOCK_OUT:PORT_OUT",
                    help="a configuration built for both (arch/x86/xen objects)")
    a = ap.parse_args()
    findings = []
    for name, (bad, n) in (("kconfig", audit_kconfig(a.stock_tree, a.port_tree)),
                           ("exports", audit_exports(a.stock_tree, a.port_tree)),
                           ("pv_ops", audit_pv_ops(a.stock_tree, a.port_tree))):
        print(f"audit: {name}: {n} checked, {len(bad)} missing")
        findings += bad
    for spec in a.built:
        label, stock_out, port_out = spec.split(":")
        bad, n = audit_symbols(a.stock_tree, a.port_tree, stock_out, port_out, label)
        print(f"audit: symbols[{label}]: {n} used outside, {len(bad)} missing")
        findings += bad
    for f in findings:
        print(f)
    print("audit: %s" % ("clean" if not findings else f"{len(findings)} missing"))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
