#!/bin/sh
# saverestore, before the domU is created: the disks and the bridge of
# the devices scenario, which the domU keeps across its saves.
exec sh /dom0-scenarios/devices-prepare.sh
