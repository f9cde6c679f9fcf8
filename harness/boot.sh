#!/usr/bin/env bash
# boot.sh [--stock] [--config test|debug|up] [boot.py options]: boot Xen under
# QEMU with a built kernel (test config by default) as dom0, start a domU
# (PV unless --domu-type says otherwise) from it with xl, and print the
# stage report.
# The serial log and the report are kept under $XENPV_CACHE/logs/.
. "$(dirname "$0")/lib.sh"

parse_variant "$@"
parse_test_config "${REST[@]+"${REST[@]}"}"
need_cmd qemu-system-x86_64 qemu-system-x86
need_cmd python3 python3
# Bad options fail now, not after the initramfs is built.
case " ${REST[*]-} " in
*" -h "* | *" --help "*) exec python3 "$XENPV_REPO/harness/boot.py" --help ;;
esac
python3 "$XENPV_REPO/harness/boot.py" --check-args "${REST[@]+"${REST[@]}"}" || exit
need_file "$XENPV_XEN_GZ" xen-hypervisor-4.17-amd64
VDIR=$(variant_dir "$VARIANT")
OUT=$VDIR/out-$TEST_CONFIG
INITRAMFS=$VDIR/initramfs-$TEST_CONFIG

"$XENPV_REPO/harness/mkinitramfs.sh" $(variant_flag "$VARIANT") --config "$TEST_CONFIG"

# QEMU loads Xen's 32-bit multiboot ELF directly, not the gzip Debian ships.
XEN=$XENPV_CACHE/xen-4.17.elf
if [ ! -f "$XEN" ] || [ "$XENPV_XEN_GZ" -nt "$XEN" ]; then
	gzip -dc "$XENPV_XEN_GZ" >"$XEN.tmp" && mv "$XEN.tmp" "$XEN"
fi

# An HVM domU needs Xen's device model in dom0 (mkinitramfs.sh).
DOM0_IMAGE=dom0.cpio.gz
case " ${REST[*]-} " in
*" --domu-type hvm "* | *" --domu-type=hvm "*) DOM0_IMAGE=dom0-hvm.cpio.gz ;;
esac

mkdir -p "$XENPV_CACHE/logs"
LOG=${XENPV_LOG:-$XENPV_CACHE/logs/$VARIANT-$(date -u +%Y%m%d-%H%M%S).log}
exec python3 "$XENPV_REPO/harness/boot.py" --variant "$VARIANT" \
	--xen "$XEN" --kernel "$OUT/arch/x86/boot/bzImage" \
	--initrd "$INITRAMFS/$DOM0_IMAGE" --system-map "$OUT/System.map" \
	--log "$LOG" "${REST[@]+"${REST[@]}"}"
