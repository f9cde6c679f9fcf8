#!/usr/bin/env python3
"""Read a boot's JSON report (LOG.report.json, written by boot.py).

  report.py FILE reached STAGE       exit 0 when the stage (its key or its
                                     title) was reached
  report.py FILE result GUEST NAME   the value GUEST (dom0, domU, domU2) printed
                                     as "xenpv-result: NAME=VALUE"
  report.py FILE problems            one "NAME: CONSOLE LINE" per problem
"""

import json
import sys


def main(argv):
    if len(argv) == 2 and argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0
    if len(argv) < 3:
        sys.exit(__doc__)
    try:
        with open(argv[1]) as f:
            rep = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit("report.py: cannot read the report %s: %s" % (argv[1], e))
    what, args = argv[2], argv[3:]
    if what == "reached" and len(args) == 1:
        return 0 if any(st["reached"] and args[0] in (st["key"], st["title"])
                        for st in rep["stages"]) else 1
    if what == "result" and len(args) == 2:
        value = rep["results"].get(args[0], {}).get(args[1])
        if value is None:
            return 1
        print(value)
        return 0
    if what == "problems" and not args:
        for p in rep["problems"]:
            print("%s: %s" % (p["name"], p["line"]))
        return 0
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
