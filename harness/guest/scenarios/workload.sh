#!/bin/sh
# workload: fork, exec, memory, pipe and time checks (harness/guest/workload.c).
/bin/workload
