package rules

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/internal/corpusgen"
	"github.com/scrapelint/scrapelint/lint"
)

// recallFloors are the recalls the rules must reach on a generated corpus,
// per rule or per rule and kind of injected defect. An entry counts only
// once its rule exists (ByID != nil); a rule with no entry is measured and
// logged but not held to a figure. The floors of rules still being written
// are set low, to be raised once their recall on the generator is known.
var recallFloors = []struct {
	rule, kind string
	floor      float64
}{
	{"glued-date", "year-range", 0.95},
	{"glued-date", "day-month-year", 0.95},
	{"repeated-line", "", 0.95},
	{"empty-document", "", 0.95},
	{"doubled-headline", "", 0.95},
	// The generator's edited copy swaps a whole sentence of a paragraph of
	// two to six, so a short paragraph keeps a third of its word runs: below
	// any threshold that keeps synthetic captions apart.
	{"near-duplicate-paragraph", "", 0.3},
	{"truncated-range", "", 0.95},
	{"cms-tag", "seo-tag", 0.95},
	{"cms-tag", "editor-tag", 0.95},
	{"cms-tag", "image-file", 0.95},
	{"cms-tag", "", 0.95},
	{"non-nfc-text", "", 0.5},
	{"missing-dash", "", 0.95},
	{"missing-space", "", 0.5},
	{"markup-leak", "", 0.95},
	{"metadata-line", "", 0.95},
	{"page-furniture", "", 0.95},
	{"duplicate-document", "", 0.5},
}

// recallSeed and recallDocs make a corpus of about 2.5 MB that holds every
// kind of defect several times.
const (
	recallSeed = 42
	recallDocs = 400
)

type docKey struct {
	record int
	line   int
}

// TestRecallOnGeneratedCorpus generates a JSON Lines corpus, runs every rule
// on it as `check` does (corpus rules in two passes) and compares the
// findings with the generator's manifest of what it injected where.
func TestRecallOnGeneratedCorpus(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpusgen.Write(dir, corpusgen.Options{Seed: recallSeed, Docs: recallDocs, Format: corpusgen.JSONL}); err != nil {
		t.Fatal(err)
	}
	manifest, err := corpusgen.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	found := checkGenerated(t, dir)

	type tally struct{ injected, hit int }
	perRule := map[string]*tally{}
	perKind := map[string]*tally{}
	expected := map[string]map[docKey]bool{}
	for _, e := range manifest {
		if ByID(e.Rule) == nil {
			continue
		}
		if expected[e.Rule] == nil {
			expected[e.Rule] = map[docKey]bool{}
		}
		expected[e.Rule][docKey{e.Record, e.Line}] = true
		hit := found[e.Rule][docKey{e.Record, e.Line}]
		if e.Line == 0 {
			hit = found[e.Rule][docKey{e.Record, -1}]
		}
		for _, key := range []string{e.Rule, e.Rule + "/" + e.Kind} {
			m := perRule
			if strings.Contains(key, "/") {
				m = perKind
			}
			if m[key] == nil {
				m[key] = &tally{}
			}
			m[key].injected++
			if hit {
				m[key].hit++
			}
		}
	}
	for _, key := range sortedKeys(perKind) {
		c := perKind[key]
		t.Logf("recall %-45s %4d/%-4d = %.3f", key, c.hit, c.injected, float64(c.hit)/float64(c.injected))
	}
	for _, r := range All {
		c := perRule[r.ID]
		if c == nil {
			t.Logf("recall %-45s (the generator injects nothing for it)", r.ID)
			continue
		}
		extra := 0
		for k := range found[r.ID] {
			if k.line >= 0 && !expected[r.ID][k] && !expected[r.ID][docKey{k.record, 0}] {
				extra++
			}
		}
		t.Logf("recall %-45s %4d/%-4d = %.3f; %d findings on lines with nothing injected", r.ID, c.hit, c.injected, float64(c.hit)/float64(c.injected), extra)
	}
	for _, f := range recallFloors {
		if ByID(f.rule) == nil {
			continue
		}
		key, m := f.rule, perRule
		if f.kind != "" {
			key, m = f.rule+"/"+f.kind, perKind
		}
		c := m[key]
		if c == nil || c.injected == 0 {
			t.Errorf("%s: the generator injected no defect", key)
			continue
		}
		if got := float64(c.hit) / float64(c.injected); got < f.floor {
			t.Errorf("%s: recall %.3f (%d of %d injected defects found), want at least %.2f", key, got, c.hit, c.injected, f.floor)
		}
	}
}

// checkGenerated runs every rule on the generated corpus under dir and
// returns, per rule, the record and line of every finding. Each document is
// checked with the profile of its language; a whole-document finding is
// also recorded at line -1.
func checkGenerated(t *testing.T, dir string) map[string]map[docKey]bool {
	t.Helper()
	langs := map[string]string{}
	g := corpusgen.New(recallSeed)
	for range recallDocs {
		d := g.Next()
		langs[d.ID] = d.Lang
	}
	sets := map[string]*lint.RuleSet{}
	for _, lang := range []string{"vi", "en"} {
		var ids []string
		for _, r := range All {
			ids = append(ids, r.ID)
		}
		rs, err := lint.Configure(All, Profiles(), nil, lint.Selection{Lang: lang, Enable: ids})
		if err != nil {
			t.Fatal(err)
		}
		rs.Hints = true // as check asks
		rs.StartCorpus()
		sets[lang] = rs
	}
	inputs, errs := lint.Expand([]string{filepath.Join(dir, corpusgen.CorpusDir)}, lint.DefaultInputOptions())
	if len(errs) > 0 || len(inputs) != 1 {
		t.Fatalf("inputs %v, errors %v", inputs, errs)
	}
	corpus := &lint.Corpus{Inputs: inputs, Options: lint.DefaultInputOptions(), Problem: func(err error) { t.Error(err) }}
	ctx := context.Background()
	err := lint.Stream(ctx, corpus, 2, func(d *lint.Document) error { return sets[langs[d.ID]].Observe(d) },
		func(_ *lint.Document, err error) error { return err })
	if err != nil {
		t.Fatal(err)
	}
	for _, rs := range sets {
		rs.FinishCorpus()
	}
	found := map[string]map[docKey]bool{}
	err = lint.Stream(ctx, corpus, 2, func(d *lint.Document) []lint.Located {
		fs, err := sets[langs[d.ID]].Check(d)
		if err != nil {
			t.Error(err)
		}
		located := make([]lint.Located, len(fs))
		for i, f := range fs {
			located[i] = lint.Locate(d, f)
		}
		return located
	}, func(d *lint.Document, fs []lint.Located) error {
		for _, f := range fs {
			if found[f.Rule] == nil {
				found[f.Rule] = map[docKey]bool{}
			}
			found[f.Rule][docKey{d.Record, f.Line}] = true
			found[f.Rule][docKey{d.Record, -1}] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
