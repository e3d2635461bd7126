package rules

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/lint/linttest"
)

// defectLines are the lines ../shared/DEFECTS.md lists for each seed, by the
// seed's number: every defect, and the lines it names as references or as
// content to keep (a caption, "Theo TTXVN", a byline). Every other non-blank
// line is real article body, where no rule may report at warning or error.
var defectLines = map[string][]int{
	"000": {3, 5, 6, 7, 8, 9, 10, 11, 13, 23, 33, 37, 38, 48, 49, 50, 51, 53, 55, 57},
	"001": {1, 2, 4, 6, 8, 12, 15, 19, 26, 31, 33, 40, 47, 49, 51, 52, 53, 54, 55, 56, 57, 58},
	"002": {1, 13, 31},
	"003": {3, 10, 11, 22, 23, 32, 33, 38, 39, 56, 57, 58, 59},
	"004": {1, 2, 10, 11, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37},
}

// seedExpectation is one defect DEFECTS.md lists: the rule that must report
// it at that line of that seed.
type seedExpectation struct {
	seed string
	line int
	rule string
}

// seedExpectations are the DEFECTS.md lines each rule must report. Rules
// add their rows here as they are written.
var seedExpectations = []seedExpectation{
	// Family 2: exact copies.
	{"001", 8, "repeated-line"}, {"001", 58, "repeated-line"},
	{"003", 11, "repeated-line"}, {"003", 23, "repeated-line"}, {"003", 33, "repeated-line"}, {"003", 39, "repeated-line"},
	{"004", 37, "repeated-line"},
	// Family 3: glued year ranges.
	{"000", 33, "glued-date"},
	// Family 5: page furniture.
	{"000", 55, "page-furniture"}, {"000", 57, "page-furniture"},
	{"001", 2, "page-furniture"}, {"001", 49, "page-furniture"}, {"001", 51, "page-furniture"}, {"001", 52, "page-furniture"},
	{"001", 55, "page-furniture"}, {"001", 56, "page-furniture"}, {"001", 57, "page-furniture"},
	{"003", 57, "page-furniture"}, {"003", 58, "page-furniture"}, {"003", 59, "page-furniture"},
	// Family 5: CMS tags.
	{"004", 1, "cms-tag"}, {"004", 17, "cms-tag"}, {"002", 1, "cms-tag"},
	{"001", 12, "cms-tag"}, {"001", 19, "cms-tag"}, {"001", 26, "cms-tag"}, {"001", 33, "cms-tag"}, {"001", 40, "cms-tag"}, {"001", 47, "cms-tag"},
	{"000", 10, "cms-tag"}, {"000", 37, "cms-tag"}, {"004", 2, "cms-tag"}, {"004", 11, "cms-tag"},
}

type seedFindings struct {
	// byLine maps seed -> line -> rules reporting there (at any severity).
	byLine map[string]map[int][]lint.Finding
	counts map[string]int
}

// lintSeeds runs every default rule (corpus rules included) over the seeds
// as one corpus.
func lintSeeds(t *testing.T) seedFindings {
	t.Helper()
	dir := linttest.Seeds(t)
	rs, err := lint.Configure(All, Profiles(), nil, lint.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(paths)
	var docs []*lint.Document
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d := lint.NewDocument(p, string(data))
		d.Seq = i
		docs = append(docs, d)
	}
	if rs.HasCorpusRules() {
		rs.StartCorpus()
		for _, d := range docs {
			if err := rs.Observe(d); err != nil {
				t.Fatal(err)
			}
		}
		rs.FinishCorpus()
	}
	res := seedFindings{byLine: map[string]map[int][]lint.Finding{}, counts: map[string]int{}}
	for _, d := range docs {
		seed := filepath.Base(d.Path)[:3]
		res.byLine[seed] = map[int][]lint.Finding{}
		fs, err := rs.Check(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			line, _ := d.Position(f.Start)
			res.byLine[seed][line] = append(res.byLine[seed][line], f)
			res.counts[f.Rule]++
		}
	}
	return res
}

// TestSeedsAcceptance: every listed defect is reported by its rule at its
// line, and no real body line gets a warning or an error.
func TestSeedsAcceptance(t *testing.T) {
	res := lintSeeds(t)
	for _, id := range sortedRuleIDs(res.counts) {
		t.Logf("%-26s %3d findings on the seeds", id, res.counts[id])
	}
	for _, want := range seedExpectations {
		if ByID(want.rule) == nil {
			t.Errorf("expectation names unknown rule %s", want.rule)
			continue
		}
		found := false
		for _, f := range res.byLine[want.seed][want.line] {
			found = found || f.Rule == want.rule
		}
		if !found {
			t.Errorf("seed %s line %d: %s did not report (DEFECTS.md lists it)", want.seed, want.line, want.rule)
		}
	}
	for seed, lines := range res.byLine {
		listed := map[int]bool{}
		for _, l := range defectLines[seed] {
			listed[l] = true
		}
		for line, fs := range lines {
			if listed[line] {
				continue
			}
			for _, f := range fs {
				if f.Severity >= lint.Warning {
					t.Errorf("seed %s line %d is article body, but %s reports %s: %s", seed, line, f.Rule, f.Severity, f.Message)
				}
			}
		}
	}
}

func sortedRuleIDs(m map[string]int) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// checkRulesOnSeeds holds each rule alone to the seeds: every line expected
// lists for it is reported, and every line of every finding is one that
// expected or allowed lists for it (any severity; a rule that is off by
// default runs at warning). Both maps go rule -> seed -> lines.
func checkRulesOnSeeds(t *testing.T, rules []*lint.Rule, expected, allowed map[string]map[string][]int) {
	t.Helper()
	dir := linttest.Seeds(t)
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(paths)
	for _, r := range rules {
		s := lint.NewSettings(r, Profiles()["vi"])
		if s.Severity == lint.Off {
			s.Severity = lint.Warning
		}
		rs := &lint.RuleSet{Settings: []*lint.Settings{s}}
		count := 0
		for _, path := range paths {
			seed := filepath.Base(path)[:3]
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d := lint.NewDocument(path, string(data))
			findings, err := rs.Check(d)
			if err != nil {
				t.Fatal(err)
			}
			count += len(findings)
			ok := map[int]bool{}
			for _, l := range append(append([]int(nil), expected[r.ID][seed]...), allowed[r.ID][seed]...) {
				ok[l] = true
			}
			reported := map[int]bool{}
			for _, f := range findings {
				first, _ := d.Position(f.Start)
				last, _ := d.Position(f.End)
				for l := first; l <= last; l++ {
					reported[l] = true
					if !ok[l] {
						t.Errorf("seed %s line %d: %s reports %s where DEFECTS.md lists nothing for it: %s", seed, l, r.ID, f.Severity, f.Message)
						break
					}
				}
			}
			for _, line := range expected[r.ID][seed] {
				if !reported[line] {
					t.Errorf("seed %s line %d: %s did not report it (DEFECTS.md lists it)", seed, line, r.ID)
				}
			}
		}
		t.Logf("%-26s %3d findings on the seeds", r.ID, count)
	}
}
