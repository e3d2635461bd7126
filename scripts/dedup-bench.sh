#!/usr/bin/env bash
# dedup-bench.sh times `scrapelint dedup` on a generated corpus of many
# short documents (default 1 million, about 1 GB) and prints documents/s,
# MB/s and peak RSS (from GNU time), with RSS per document.
#
#   scripts/dedup-bench.sh               # 1,000,000 documents
#   DOCS=200000 scripts/dedup-bench.sh   # fewer
#
# Environment: DOCS, DOC_SIZE (mean document size given to corpusgen,
# default 300B, which makes documents of about 1 KB with their headline,
# metadata and ending), FORMAT (jsonl or jsonl.zst, default jsonl),
# JOBS (default: all cores), KEEP=1 to keep the corpus.
set -euo pipefail

DOCS=${DOCS:-1000000}
DOC_SIZE=${DOC_SIZE:-300B}
FORMAT=${FORMAT:-jsonl}
JOBS=${JOBS:-$(nproc)}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -x /usr/bin/time ]; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	$sudo apt-get install -y time >/dev/null 2>&1 || { $sudo apt-get update >/dev/null && $sudo apt-get install -y time >/dev/null; }
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scrapelint-dedup-bench.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then echo "dedup-bench: keeping $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi

cd "$ROOT"
go build -o "$WORK/scrapelint" ./cmd/scrapelint
go build -o "$WORK/corpusgen" ./cmd/corpusgen
echo "dedup-bench: generating $DOCS documents" >&2
gen=$("$WORK/corpusgen" -out "$WORK/gen" -seed 3 -docs "$DOCS" -doc-size "$DOC_SIZE" -format "$FORMAT" 2>&1)
BYTES=$(echo "$gen" | awk '{print $4}')
cat "$WORK"/gen/corpus/* >/dev/null # warm the page cache

status=0
/usr/bin/time -v -o "$WORK/time.txt" "$WORK/scrapelint" dedup --no-config -q --jobs "$JOBS" "$WORK/gen/corpus" >"$WORK/out.txt" 2>"$WORK/err.txt" || status=$?
if [ "$status" -gt 1 ]; then
	echo "dedup-bench: dedup failed (exit $status)" >&2
	tail -5 "$WORK/err.txt" >&2
	exit 1
fi
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$WORK/time.txt")
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), --jobs $JOBS"
echo "corpus: $DOCS documents, $((BYTES / 1000000)) MB of text, one .$FORMAT file"
tail -1 "$WORK/out.txt"
awk -v w="$wall" -v r="$rss" -v d="$DOCS" -v b="$BYTES" 'BEGIN {
	printf "dedup: %.1f s, %.0f documents/s, %.1f MB/s, peak RSS %.0f MB (%.0f bytes per document)\n", w, d / w, b / 1e6 / w, r / 1024, r * 1024 / d
}'
