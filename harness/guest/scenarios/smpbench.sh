#!/bin/sh
# smpbench: each kind of smpstress work alone, one after the other, for
# harness/measure-smp.sh; each runs "smp_seconds=N" seconds (from the
# domU command line, default 10).
ok=done
for part in tlb locks pipes; do
	/bin/smpstress "${smp_seconds:-10}" $part || ok=FAIL
done
echo "xenpv-result: smpbench=$ok"
