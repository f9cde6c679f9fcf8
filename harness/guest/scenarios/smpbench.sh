#!/bin/sh
# smpbench: smpstress alone, for harness/measure-smp.sh; its length comes
# from "smp_seconds=N" on the domU command line (default 20).
/bin/smpstress "${smp_seconds:-20}"
