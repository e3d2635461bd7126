// Command corpusgen writes a deterministic synthetic corpus of news-like
// documents with scraping defects injected at set rates, for benchmarks and
// recall tests:
//
//	corpusgen -out DIR [-seed N] [-docs N | -size 1GB] [-format txt|jsonl|jsonl.zst]
//
// The documents go under DIR/corpus, the manifest of injected defects (one
// JSON object a line: file, record, id, line, family, rule, kind, text) to
// DIR/manifest.jsonl. The same seed gives the same bytes.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/scrapelint/scrapelint/internal/corpusgen"
)

func main() {
	out := flag.String("out", "", "output directory (required)")
	seed := flag.Uint64("seed", 1, "random seed")
	docs := flag.Int("docs", 0, "number of documents (default 1000 unless -size is set)")
	size := flag.String("size", "", "generate documents until their texts reach this size (e.g. 1GB, 200MB)")
	format := flag.String("format", "txt", "output format: txt, jsonl or jsonl.zst")
	docSize := flag.String("doc-size", "", "make every document about this size (e.g. 1KB) instead of the news-like spread")
	quiet := flag.Bool("q", false, "print nothing on success")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: corpusgen -out DIR [-seed N] [-docs N | -size 1GB] [-format txt|jsonl|jsonl.zst] [-doc-size 1KB]")
		os.Exit(2)
	}
	opt := corpusgen.Options{Seed: *seed, Docs: *docs, Format: corpusgen.Format(*format)}
	if *size != "" {
		n, err := corpusgen.ParseSize(*size)
		if err != nil {
			fmt.Fprintln(os.Stderr, "corpusgen:", err)
			os.Exit(2)
		}
		opt.Size = n
	} else if opt.Docs == 0 {
		opt.Docs = 1000
	}
	if *docSize != "" {
		n, err := corpusgen.ParseSize(*docSize)
		if err != nil {
			fmt.Fprintln(os.Stderr, "corpusgen:", err)
			os.Exit(2)
		}
		opt.DocSize = int(n)
	}
	start := time.Now()
	st, err := corpusgen.Write(*out, opt)
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
	if !*quiet {
		fmt.Fprintf(os.Stderr, "corpusgen: %d documents, %d bytes of text, %d defects in %s (%.1fs)\n",
			st.Docs, st.TextBytes, st.Defects, *out, time.Since(start).Seconds())
	}
}
