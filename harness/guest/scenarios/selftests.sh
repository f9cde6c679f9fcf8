#!/bin/sh
# selftests: Linux's own x86 selftests (tools/testing/selftests/x86 of the
# kernel's tree), 64- and 32-bit, one after the other; this domU boots
# from an image that holds them (domU-selftests, see mkinitramfs.sh).
# harness_selftests="NAME ..." (names joined by ":") runs only those.
run-selftests domU /selftests $(echo "${harness_selftests:-}" | tr : " ")
