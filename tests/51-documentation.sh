#!/usr/bin/env bash
# Documentation/: every .rst file parses with docutils without a warning or
# an error (directives and roles that only Sphinx knows are accepted, any
# other markup problem fails), and every boot parameter the port's C files
# define is described in Documentation/boot-parameters.rst.
. "$(dirname "$0")/lib.sh"
docs=$XENPV_REPO/Documentation
[ -d "$docs" ] || fail "no Documentation/ directory"
python3 -c 'import docutils' 2>/dev/null ||
	fail "python3 cannot import docutils; install it with:" \
		"apt-get install python3-docutils (or run: harness/xenpv setup)"

# (a) reStructuredText: each system message of level 2 (warning) or above is
# printed as FILE:LINE: LEVEL: text, and fails the test.
python3 - "$docs" <<'PY' || fail "Documentation/ has reStructuredText problems (above)"
import io
import pathlib
import sys

import docutils.core
import docutils.nodes
import docutils.utils
from docutils.parsers.rst import Directive, directives, roles


class AnyOption:
    """An option_spec that accepts every option name, with any value."""

    def __bool__(self):
        return True

    def __contains__(self, name):
        return True

    def __getitem__(self, name):
        return directives.unchanged


class SphinxOnly(Directive):
    """Stands in for a directive that only Sphinx (or the kernel's Sphinx
    extensions) provides: accepted, and produces nothing."""

    has_content = True
    optional_arguments = 10
    final_argument_whitespace = True
    option_spec = AnyOption()

    def run(self):
        return []


def sphinx_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [docutils.nodes.literal(rawtext, text)], []


for name in ("toctree", "kernel-doc", "only", "seealso", "versionadded",
             "versionchanged", "deprecated", "glossary", "highlight",
             "literalinclude", "index", "tabularcolumns", "c:function",
             "c:macro", "c:struct", "c:type", "c:member", "c:var", "c:enum"):
    directives.register_directive(name, SphinxOnly)
for name in ("doc", "ref", "term", "file", "samp", "command", "program",
             "envvar", "option", "kbd", "manpage", "abbr", "c:func",
             "c:type", "c:macro", "c:data", "c:member", "c:struct"):
    roles.register_local_role(name, sphinx_role)

bad = 0
files = sorted(pathlib.Path(sys.argv[1]).rglob("*.rst"))
if not files:
    print("no .rst files under %s" % sys.argv[1])
    sys.exit(1)
for path in files:
    stream = io.StringIO()
    doctree = docutils.core.publish_doctree(
        path.read_text(encoding="utf-8"), source_path=str(path),
        settings_overrides={"report_level": 2, "halt_level": 5,
                            "warning_stream": stream, "input_encoding": "utf-8"})
    walk = getattr(doctree, "findall", None) or doctree.traverse
    problems = [m for m in walk(docutils.nodes.system_message)
                if m["level"] >= 2]
    text = stream.getvalue().strip()
    if problems or text:
        print(text or "\n".join(m.astext() for m in problems))
    long_lines = [n for n, line in enumerate(path.read_text().splitlines(), 1)
                  if len(line) > 100]
    for n in long_lines:
        print("%s:%d: line longer than 100 characters" % (path, n))
    bad += bool(problems or text or long_lines)
print("%d .rst files checked, %d with problems" % (len(files), bad))
sys.exit(1 if bad else 0)
PY

# (b) Boot parameters: the names the port's C files register (early_param,
# __setup, core_param, module_param*) or look up on the raw command line
# (strstr on start_info's cmd_line, cmdline_find_option*, or a parser that
# names its option in "static const char name[]"); each must appear
# as a word in Documentation/boot-parameters.rst.
registered='(early_param|__setup) *\( *"[^"]+"'
by_symbol='(core_param|module_param(_named|_cb|_array)?) *\( *[A-Za-z0-9_]+'
looked_up='cmd_line, *"[^"]+"|cmdline_find_option(_bool)? *\([^,]*, *"[^"]+"|const char name\[\] = "[^"]+"'
params=$(cat "$XENPV_REPO"/*.c | grep -oE "$registered|$by_symbol|$looked_up" |
	sed -E 's/.*name\[\] = //; s/.*[(,] *//; s/"//g; s/=$//' | sort -u)
[ -n "$params" ] || fail "found no boot parameters in the port's C files; the search is broken"
doc=$docs/boot-parameters.rst
[ -f "$doc" ] || fail "no Documentation/boot-parameters.rst"
missing=()
for p in $params; do
	grep -qwF -- "$p" "$doc" || missing+=("$p")
done
echo "boot parameters defined by the port:" $params
[ ${#missing[@]} = 0 ] ||
	fail "Documentation/boot-parameters.rst does not describe: ${missing[*]}"
exit 0
