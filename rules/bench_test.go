package rules

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/internal/corpusgen"
	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/lint/linttest"
)

// benchDocs generates, in memory, a seeds-like corpus of about 2 MB (or
// SCRAPELINT_BENCH_MB): small enough for `-benchtime=1x` in CI.
func benchDocs(b *testing.B) ([]*lint.Document, int64) {
	b.Helper()
	size := int64(2e6)
	if mb, err := strconv.Atoi(os.Getenv("SCRAPELINT_BENCH_MB")); err == nil && mb > 0 {
		size = int64(mb) * 1e6
	}
	g := corpusgen.New(1)
	var docs []*lint.Document
	var total int64
	for total < size {
		d := g.Next()
		doc := lint.NewDocument(d.ID+".txt", d.Text)
		doc.Seq = len(docs)
		docs = append(docs, doc)
		total += int64(len(d.Text))
	}
	return docs, total
}

// freshDocs copies docs so that each iteration splits lines again, as a run
// does for every document it reads.
func freshDocs(docs []*lint.Document) []*lint.Document {
	out := make([]*lint.Document, len(docs))
	for i, d := range docs {
		c := lint.NewDocument(d.Path, d.Text)
		c.Seq = d.Seq
		out[i] = c
	}
	return out
}

func ruleSet(b *testing.B, rs ...*lint.Rule) *lint.RuleSet {
	b.Helper()
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	set, err := lint.Configure(rs, Profiles(), nil, lint.Selection{Enable: ids})
	if err != nil {
		b.Fatal(err)
	}
	return set
}

// checkAll runs a rule set over docs the way check does: the corpus pass
// first when the set has corpus rules, then every document read again, each
// released once done with. What the first pass memoized of a document is
// gone in the second, as it is in a run, which reads every file twice.
func checkAll(b *testing.B, rs *lint.RuleSet, docs []*lint.Document) {
	if rs.HasCorpusRules() {
		rs.Hints = true
		rs.StartCorpus()
		for _, d := range docs {
			if err := rs.Observe(d); err != nil {
				b.Fatal(err)
			}
			d.Release()
		}
		rs.FinishCorpus()
		docs = freshDocs(docs)
	}
	for _, d := range docs {
		if _, err := rs.Check(d); err != nil {
			b.Fatal(err)
		}
		d.Release()
	}
}

// BenchmarkRule measures each rule of All alone, so a new rule is measured
// as soon as it is listed.
func BenchmarkRule(b *testing.B) {
	docs, size := benchDocs(b)
	for _, r := range All {
		b.Run(r.ID, func(b *testing.B) {
			rs := ruleSet(b, r)
			b.SetBytes(size)
			for b.Loop() {
				checkAll(b, rs, freshDocs(docs))
			}
		})
	}
}

// BenchmarkCorpusObserve measures the first pass of each corpus rule alone
// (for the dedup rules, computing the signatures).
func BenchmarkCorpusObserve(b *testing.B) {
	docs, size := benchDocs(b)
	for _, r := range All {
		if r.NewCorpus == nil {
			continue
		}
		b.Run(r.ID, func(b *testing.B) {
			rs := ruleSet(b, r)
			b.SetBytes(size)
			for b.Loop() {
				rs.StartCorpus()
				for _, d := range freshDocs(docs) {
					if err := rs.Observe(d); err != nil {
						b.Fatal(err)
					}
				}
				rs.FinishCorpus()
			}
		})
	}
}

// BenchmarkCheck measures the default rule set, as `check` runs it, on one
// goroutine.
func BenchmarkCheck(b *testing.B) {
	docs, size := benchDocs(b)
	benchDefaultRules(b, docs, size)
}

// benchDefaultRules times the default rule set over docs, size bytes.
func benchDefaultRules(b *testing.B, docs []*lint.Document, size int64) {
	rs, err := lint.Configure(All, Profiles(), nil, lint.Selection{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	for b.Loop() {
		checkAll(b, rs, freshDocs(docs))
	}
}

// BenchmarkFix measures the fix path: every document linted, its safe fixes
// applied and linted again until it settles.
func BenchmarkFix(b *testing.B) {
	docs, size := benchDocs(b)
	rs, err := lint.Configure(All, Profiles(), nil, lint.Selection{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	for b.Loop() {
		fresh := freshDocs(docs)
		if rs.HasCorpusRules() {
			rs.StartCorpus()
			for _, d := range fresh {
				if err := rs.Observe(d); err != nil {
					b.Fatal(err)
				}
			}
			rs.FinishCorpus()
		}
		for _, d := range fresh {
			if _, err := rs.FixDocument(d, false); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCheckSeeds measures the default rule set on one goroutine over
// the seed articles themselves, read as one five-document corpus (the
// corpus rules included); it skips when the seeds are absent.
func BenchmarkCheckSeeds(b *testing.B) {
	dir := linttest.Seeds(b)
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var docs []*lint.Document
	var size int64
	for i, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		d := lint.NewDocument(filepath.Base(p), string(text))
		d.Seq = i
		docs = append(docs, d)
		size += int64(len(text))
	}
	benchDefaultRules(b, docs, size)
}

// BenchmarkCaseShapes measures the scan every document goes through before
// missing-dash and missing-space decide whether to look at its words.
func BenchmarkCaseShapes(b *testing.B) {
	docs, size := benchDocs(b)
	b.SetBytes(size)
	shapes := 0
	for b.Loop() {
		for _, d := range docs {
			if cs := scanTextShape(d.Text); cs.lowerUpper || cs.upperUpperLower {
				shapes++
			}
		}
	}
	if shapes == 0 {
		b.Fatal("no document of the corpus has either shape; the generator changed")
	}
}

// BenchmarkCheckLongLine runs the default rules over a document written as
// one line of a megabyte with a defect every few words: work done per
// finding over the whole line (lower-casing it, searching it) makes this
// quadratic, as it once was in glued-date and missing-dash.
func BenchmarkCheckLongLine(b *testing.B) {
	const sentence = "Giai đoạn 20142020 châu ÁThái Bình Dương tăng trưởng, ông nói “tốt\" và Hà&nbsp;Nội 【bxh】 phát triển. "
	docs := []*lint.Document{lint.NewDocument("one.txt", strings.Repeat(sentence, 1<<20/len(sentence)))}
	benchDefaultRules(b, docs, int64(len(docs[0].Text)))
}
