#!/bin/sh
# memory, before the domU is created: it starts with 256 MiB (memory) and
# may grow to 1024 (maxmem).
echo "maxmem = 1024"
