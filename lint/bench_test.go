package lint_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/scrapelint/scrapelint/internal/corpusgen"
	"github.com/scrapelint/scrapelint/lint"
	_ "github.com/scrapelint/scrapelint/lint/linttest" // defines -update
)

// benchCorpusSize is the size of the generated corpus the engine benchmarks
// read: small by default so that `go test -bench=. -benchtime=1x` stays
// quick in CI; SCRAPELINT_BENCH_MB makes it larger for real measurements.
func benchCorpusSize() int64 {
	if mb, err := strconv.Atoi(os.Getenv("SCRAPELINT_BENCH_MB")); err == nil && mb > 0 {
		return int64(mb) * 1e6
	}
	return 4e6
}

var (
	benchDirs    = map[corpusgen.Format]string{}
	benchDirsMu  sync.Mutex
	benchTempDir string
)

// benchCorpus generates (once per test binary) a corpus in format f and
// returns it ready to read, with the bytes of text it holds.
func benchCorpus(b *testing.B, f corpusgen.Format) (*lint.Corpus, int64) {
	b.Helper()
	benchDirsMu.Lock()
	defer benchDirsMu.Unlock()
	dir, ok := benchDirs[f]
	if !ok {
		if benchTempDir == "" {
			d, err := os.MkdirTemp("", "scrapelint-bench-*")
			if err != nil {
				b.Fatal(err)
			}
			benchTempDir = d
		}
		dir = filepath.Join(benchTempDir, string(f))
		if _, err := corpusgen.Write(dir, corpusgen.Options{Seed: 1, Size: benchCorpusSize(), Format: f}); err != nil {
			b.Fatal(err)
		}
		benchDirs[f] = dir
	}
	opt := lint.DefaultInputOptions()
	inputs, errs := lint.Expand([]string{filepath.Join(dir, corpusgen.CorpusDir)}, opt)
	if len(errs) > 0 {
		b.Fatal(errs[0])
	}
	c := &lint.Corpus{Inputs: inputs, Options: opt, Problem: func(err error) { b.Error(err) }}
	var text int64
	err := c.Each(context.Background(), func(d *lint.Document) error { text += int64(len(d.Text)); return nil })
	if err != nil {
		b.Fatal(err)
	}
	return c, text
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchTempDir != "" {
		os.RemoveAll(benchTempDir)
	}
	os.Exit(code)
}

// BenchmarkEngine measures the engine with no rules: read the corpus, split
// every document into lines, report nothing. Its MB/s (of text) is the
// ceiling of any check.
func BenchmarkEngine(b *testing.B) {
	for _, f := range []corpusgen.Format{corpusgen.Text, corpusgen.JSONL, corpusgen.JSONLZstd} {
		for _, jobs := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/jobs=%d", f, jobs), func(b *testing.B) {
				c, size := benchCorpus(b, f)
				b.SetBytes(size)
				b.ResetTimer()
				for b.Loop() {
					err := lint.Stream(context.Background(), c, jobs, func(d *lint.Document) int {
						return len(d.Lines())
					}, func(*lint.Document, int) error { return nil })
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkRead measures reading alone, in corpus order on one goroutine.
func BenchmarkRead(b *testing.B) {
	for _, f := range []corpusgen.Format{corpusgen.Text, corpusgen.JSONL, corpusgen.JSONLZstd} {
		b.Run(string(f), func(b *testing.B) {
			c, size := benchCorpus(b, f)
			b.SetBytes(size)
			b.ResetTimer()
			for b.Loop() {
				if err := c.Each(context.Background(), func(*lint.Document) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReportLongLine measures locating and writing, as text, the
// findings of a document written as one line of a megabyte: each finding's
// column, fingerprint and excerpt once cost a walk over the whole line.
func BenchmarkReportLongLine(b *testing.B) {
	const sentence = "Hà Nội&nbsp;đang phát triển nhanh trong năm 2024. "
	d := lint.NewDocument("one.txt", strings.Repeat(sentence, 20000))
	var findings []lint.Finding
	for at := 0; at < len(d.Text); at += len(sentence) {
		start := at + strings.Index(sentence, "&nbsp;")
		findings = append(findings, lint.Finding{Rule: "markup-leak", Severity: lint.Error, Start: start, End: start + len("&nbsp;"), Message: "entity"})
	}
	b.SetBytes(int64(len(d.Text)))
	for b.Loop() {
		rep := lint.Formats["text"](lint.ReportContext{W: io.Discard})
		for _, f := range findings {
			if err := rep.Report(lint.Locate(d, f)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkInputs walks a tree of 2,000 files in 40 directories, the way a
// run lists or streams its corpus, per file listed.
func BenchmarkInputs(b *testing.B) {
	dir := b.TempDir()
	for d := range 40 {
		for f := range 50 {
			p := filepath.Join(dir, fmt.Sprintf("d%02d", d), fmt.Sprintf("bai-%03d.txt", f))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("x\n"), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for range lint.Inputs([]string{dir}, lint.DefaultInputOptions(), func(err error) { b.Error(err) }) {
			n++
		}
		if n != 2000 {
			b.Fatalf("%d inputs, want 2000", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*2000), "ns/file")
}

// BenchmarkUnifiedDiff measures the whole-text diff fix --diff shows for an
// ordinary document: 2 MB of generated documents, each with a line in
// seven deleted, as boilerplate and page-furniture fixes delete them.
func BenchmarkUnifiedDiff(b *testing.B) {
	g := corpusgen.New(1)
	var olds, news []string
	var size int64
	for size < 2e6 {
		old := g.Next().Text
		lines := strings.SplitAfter(old, "\n")
		var kept strings.Builder
		for i, l := range lines {
			if i%7 != 3 {
				kept.WriteString(l)
			}
		}
		olds, news = append(olds, old), append(news, kept.String())
		size += int64(len(old))
	}
	b.SetBytes(size)
	for b.Loop() {
		for i := range olds {
			if diff, _ := lint.UnifiedDiff("a", "b", olds[i], news[i]); diff == "" && olds[i] != news[i] {
				b.Fatal("no diff of two different texts")
			}
		}
	}
}
