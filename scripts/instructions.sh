#!/usr/bin/env bash
# instructions.sh counts the instructions one iteration of a Go benchmark
# executes, under valgrind's cachegrind, for each of one or more git
# revisions. On a shared VM the wall time of the same build moves by 10-20%
# from one minute to the next; the instruction count of a benchmark moves by
# under 1% for a single-threaded one (the garbage collector's share varies a
# little), so a change of a few per cent is seen in one run of each build.
# Instructions are not time: check a change that moves them against the wall
# clock too (scripts/bench.sh, go test -bench with -count).
#
#   scripts/instructions.sh ./rules 'CheckSeeds$' HEAD~1 HEAD
#   LO=2 HI=6 scripts/instructions.sh ./rules 'Check$' main   # 2 MB an iteration
#
# It builds the package's test binary at each revision (in a temporary
# worktree), runs the benchmark for LO and HI iterations (default 100 and
# 300), and prints (instructions at HI - instructions at LO) / (HI - LO):
# the setup of the benchmark cancels out. valgrind is installed from the
# system packages when missing.
set -euo pipefail

if [ $# -lt 3 ]; then
	echo "usage: $0 PACKAGE BENCH_REGEX REV..." >&2
	exit 2
fi
PKG=$1
BENCH=$2
shift 2
LO=${LO:-100}
HI=${HI:-300}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v valgrind >/dev/null 2>&1; then
	echo "instructions: installing valgrind" >&2
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	$sudo apt-get install -y valgrind >/dev/null 2>&1 || { $sudo apt-get update >/dev/null && $sudo apt-get install -y valgrind >/dev/null; }
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/scrapelint-instructions.XXXXXX")
cleanup() {
	git -C "$ROOT" worktree remove --force "$WORK/tree" >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT
# The tests find the seed articles beside the repository (../shared/seeds):
# the worktree gets the same neighbour.
[ -d "$ROOT/../shared" ] && ln -s "$(cd "$ROOT/../shared" && pwd)" "$WORK/shared"

# refs runs the benchmark for $2 iterations and prints valgrind's count.
refs() {
	# The test binary runs in its package's directory, as go test runs it.
	# Asynchronous preemption is off: its signals are not the program's
	# work.
	(cd "$WORK/tree/$PKG" && GODEBUG=asyncpreemptoff=1 valgrind --tool=cachegrind --cache-sim=no \
		--cachegrind-out-file=/dev/null --log-file="$WORK/valgrind.log" "$1" -test.run '^$' \
		-test.bench "$BENCH" -test.benchtime "${2}x" -test.cpu 1 >"$WORK/bench.out" 2>&1)
	if ! grep -q '^Benchmark' "$WORK/bench.out"; then
		echo "instructions: no benchmark matching $BENCH ran in $PKG:" >&2
		cat "$WORK/bench.out" >&2
		exit 1
	fi
	awk '/I *refs/ { gsub(",", "", $NF); print $NF }' "$WORK/valgrind.log"
}

for rev in "$@"; do
	if ! git -C "$ROOT" rev-parse --verify --quiet "$rev^{commit}" >/dev/null; then
		echo "instructions: $rev is not a revision of $ROOT" >&2
		exit 2
	fi
	git -C "$ROOT" worktree add --detach --force "$WORK/tree" "$rev" >/dev/null 2>&1
	(cd "$WORK/tree" && go test -c -o "$WORK/bench.test" "$PKG")
	lo=$(refs "$WORK/bench.test" "$LO")
	hi=$(refs "$WORK/bench.test" "$HI")
	printf '%-12s %s %14d instructions/op\n' "$rev" "$(git -C "$ROOT" rev-parse --short "$rev")" $(((hi - lo) / (HI - LO)))
	git -C "$ROOT" worktree remove --force "$WORK/tree" >/dev/null
done
