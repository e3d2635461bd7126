#!/usr/bin/env bash
# bench.sh times scrapelint on a generated corpus against ripgrep reading the
# same files, and prints a table of wall time, MB/s, peak RSS and the ratio
# to ripgrep's rate.
#
#   scripts/bench.sh                 # 1 GB corpus
#   SIZE=200MB scripts/bench.sh      # smaller
#
# Environment: SIZE (default 1GB), SEED (default 1), JOBS (default: all
# cores), KEEP=1 to keep the corpus (its directory is printed). ripgrep and
# GNU time are installed from the system packages when missing.
set -euo pipefail

SIZE=${SIZE:-1GB}
SEED=${SEED:-1}
CORES=$(nproc)
JOBS=${JOBS:-$CORES}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

install_pkg() { # install_pkg COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 && return
	echo "bench: installing $2" >&2
	local sudo=""
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	$sudo apt-get install -y "$2" >/dev/null 2>&1 || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "$2" >/dev/null; }
}
install_pkg rg ripgrep
[ -x /usr/bin/time ] || install_pkg /usr/bin/time time

WORK=$(mktemp -d "${TMPDIR:-/tmp}/scrapelint-bench.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then
	echo "bench: keeping $WORK" >&2
else
	trap 'rm -rf "$WORK"' EXIT
fi

cd "$ROOT"
go build -o "$WORK/scrapelint" ./cmd/scrapelint
go build -o "$WORK/corpusgen" ./cmd/corpusgen
SL="$WORK/scrapelint"

echo "bench: generating $SIZE (seed $SEED) as text files and as one .jsonl.zst" >&2
gen_out=$("$WORK/corpusgen" -out "$WORK/txt" -seed "$SEED" -size "$SIZE" -format txt 2>&1)
"$WORK/corpusgen" -q -out "$WORK/zst" -seed "$SEED" -size "$SIZE" -format jsonl.zst
DOCS=$(echo "$gen_out" | awk '{print $2}')
TXT="$WORK/txt/corpus"
ZST="$WORK/zst/corpus"
BYTES=$(du -sb "$TXT" | cut -f1) # the text files hold exactly the documents' text
ZBYTES=$(du -sb "$ZST" | cut -f1)
# Write the new corpus out before timing: otherwise the kernel flushes 2 GB
# of dirty pages during the first timed run (it ran a fifth slower than the
# same command later in the table).
sync

# The reference reads the corpus for the page-furniture lexicon's literals.
LEXICON="$WORK/lexicon.txt"
if [ -f rules/data/vi/page-furniture.txt ]; then
	grep -v -e '^#' -e '^re:' -e '^[[:space:]]*$' rules/data/vi/page-furniture.txt >"$LEXICON"
else
	printf '%s\n' "In bài viết" "(0) Bình luận" "Đừng bỏ lỡ" "Mới nhất" "Tìm kiếm" "Bài liên quan" \
		"Theo dòng thời sự" "Chia sẻ bài viết" "Advertisement" "Continue reading the main story" >"$LEXICON"
fi

has_cmd() { "$SL" "$1" -h >/dev/null 2>&1; }
has_rule() { "$SL" explain "$1" >/dev/null 2>&1; }

# measure LABEL UNITS COMMAND...: runs COMMAND under GNU time with its output
# discarded; exit statuses 0 and 1 (findings) count as success.
RESULTS="$WORK/results"
: >"$RESULTS"
measure() {
	local label=$1 units=$2
	shift 2
	warm
	local status=0
	/usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || status=$?
	if [ "$status" -gt 1 ]; then
		echo "bench: $label failed (exit $status):" >&2
		tail -3 "$WORK/stderr.txt" >&2
		return
	fi
	local wall rss
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$WORK/time.txt")
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
	echo "$label|$units|$wall|$rss" >>"$RESULTS"
}

# warm reads both corpora so that every run reads from memory, ripgrep
# first. Before each run, not once: a machine may reclaim page cache left
# idle for a minute (the workplace's VMs run DAMON's reclaim: a check of
# 200 MB after a pause spent 15% of its CPU time in system calls, 7% with
# the files read just before), and the later runs come minutes after.
#
# It also writes out what earlier runs left dirty, so that a run does not
# pay for the previous run's writes: fix --diff of 1 GB, timed after the
# cache rows had written their cache, took 20.1 s where it took 15.3-16.2 s
# alone.
warm() {
	sync
	cat "$ZST"/* >/dev/null
	find "$TXT" -type f -print0 | xargs -0 cat >/dev/null
}

measure "rg -c -F -f LEXICON (reference)" bytes rg -c -F -f "$LEXICON" "$TXT"
measure "check (default rules), --jobs $JOBS" bytes "$SL" check --no-config --no-cache -q --jobs "$JOBS" "$TXT"
measure "check, one .jsonl.zst, --jobs $JOBS" bytes "$SL" check --no-config --no-cache -q --jobs "$JOBS" "$ZST"
measure "check --jobs 1" bytes "$SL" check --no-config --no-cache -q --jobs 1 "$TXT"
measure "check --jobs 2" bytes "$SL" check --no-config --no-cache -q --jobs 2 "$TXT"
# --jobs 1 still reads, reports and collects garbage beside its worker; held
# to one core it shows what a second core buys.
if command -v taskset >/dev/null 2>&1; then
	measure "check --jobs 1 on one core (taskset)" bytes taskset -c 0 "$SL" check --no-config --no-cache -q --jobs 1 "$TXT"
fi
# The cache: a first run fills it, a second on the unchanged corpus replays it.
measure "check, first run filling the cache" bytes "$SL" check --no-config -q --jobs "$JOBS" --cache-dir "$WORK/cache" "$TXT"
measure "check, re-run from the cache" bytes "$SL" check --no-config -q --jobs "$JOBS" --cache-dir "$WORK/cache" "$TXT"
corpus_rules=""
for r in duplicate-document near-duplicate-document boilerplate-line; do
	if has_rule "$r"; then corpus_rules="$corpus_rules,$r"; fi
done
if [ -n "$corpus_rules" ]; then
	measure "check without corpus rules" bytes "$SL" check --no-config --no-cache -q --jobs "$JOBS" --disable "${corpus_rules#,}" "$TXT"
fi
if has_cmd fix; then
	measure "fix --diff" bytes "$SL" fix --no-config -q --diff --jobs "$JOBS" "$TXT"
else
	echo "bench: scrapelint has no fix command yet; skipped" >&2
fi
if has_cmd dedup; then
	measure "dedup" docs "$SL" dedup --no-config -q --jobs "$JOBS" "$TXT"
else
	echo "bench: scrapelint has no dedup command yet; skipped" >&2
fi

# One small file, start to exit: the best of ten runs, in milliseconds;
# without a cache, and with the cache the whole corpus filled above.
SMALL=$(find "$TXT" -type f -size -8k -size +1k -print -quit)
best_of_ten() {
	local best=999999 t0 t1 ms
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		t0=$(date +%s%N)
		"$SL" check --no-config -q "$@" "$SMALL" >/dev/null 2>&1 || true
		t1=$(date +%s%N)
		ms=$(((t1 - t0) / 1000000))
		if [ "$ms" -lt "$best" ]; then best=$ms; fi
	done
	echo "$best"
}
best=$(best_of_ten --no-cache)
best_cached=$(best_of_ten --cache-dir "$WORK/cache")

RG_WALL=$(awk -F'|' 'NR==1 {print $3}' "$RESULTS")
echo
# GOAMD64 (v1 unless set) changes the instructions the build may use.
level=""
[ "$(go env GOARCH)" = amd64 ] && level=" GOAMD64=$(go env GOAMD64)"
echo "$("$SL" version 2>/dev/null | head -1 || true), $(go env GOOS)/$(go env GOARCH)$level, $CORES cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))"
echo "corpus: $DOCS documents, $((BYTES / 1000000)) MB of text in $(find "$TXT" -type f | wc -l) files; the same as one .jsonl.zst of $((ZBYTES / 1000000)) MB"
echo
printf '| %-40s | %8s | %12s | %13s | %10s |\n' "what" "wall s" "rate" "peak RSS MB" "vs ripgrep"
printf '|%s|%s|%s|%s|%s|\n' "------------------------------------------" "---------:" "-------------:" "--------------:" "-----------:"
while IFS='|' read -r label units wall rss; do
	awk -v l="$label" -v u="$units" -v w="$wall" -v r="$rss" -v b="$BYTES" -v d="$DOCS" -v rg="$RG_WALL" 'BEGIN {
		if (w <= 0) w = 0.01
		rate = (u == "docs") ? sprintf("%.0f docs/s", d / w) : sprintf("%.1f MB/s", b / 1e6 / w)
		vs = (u == "docs") ? "" : sprintf("%.2f", rg / w)
		printf "| %-40s | %8.2f | %12s | %13.0f | %10s |\n", l, w, rate, r / 1024, vs
	}'
done <"$RESULTS"
printf '| %-40s | %8s | %12s | %13s | %10s |\n' "check, one small file, start to exit" "" "${best} ms" "" ""
printf '| %-40s | %8s | %12s | %13s | %10s |\n' "the same, with the corpus's cache" "" "${best_cached} ms" "" ""
J1=$(awk -F'|' '$1 == "check --jobs 1" {print $3}' "$RESULTS")
J2=$(awk -F'|' '$1 == "check --jobs 2" {print $3}' "$RESULTS")
if [ -n "$J1" ] && [ -n "$J2" ]; then
	awk -v a="$J1" -v b="$J2" 'BEGIN { printf "\n--jobs 2 is %.2f times as fast as --jobs 1\n", a / b }'
fi
C1=$(awk -F'|' '$1 == "check --jobs 1 on one core (taskset)" {print $3}' "$RESULTS")
if [ -n "$C1" ] && [ -n "$J2" ]; then
	awk -v a="$C1" -v b="$J2" 'BEGIN { printf "--jobs 2 is %.2f times as fast as --jobs 1 held to one core\n", a / b }'
fi
