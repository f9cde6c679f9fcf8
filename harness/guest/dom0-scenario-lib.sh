# Sourced by the dom0 scenarios (harness/guest/dom0-scenarios), whose one
# argument is the domU's console log: "$log" below.
log=$1

# wait_for TEST SECONDS: poll the shell test until it succeeds; fails
# once SECONDS have passed.
wait_for() {
	n=0
	until eval "$1"; do
		n=$((n + 1))
		[ $n -gt $(($2 * 5)) ] && return 1
		sleep 0.2
	done
}

# console_has PATTERN: the domU printed PATTERN (grep's syntax).
console_has() { grep -q "$1" "$log"; }

say() { echo "xenpv-harness: $*"; }
