package rules

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/lint/linttest"
)

// shape1Rules are the rules this acceptance test holds to the seeds.
var shape1Rules = []*lint.Rule{DoubledHeadline, NearDuplicateParagraph, TruncatedRange}

// shape1Expected lists, per rule, the seed lines DEFECTS.md says it must
// report: the doubled related titles (family 1), the lead restated without
// a name (family 2) and the ranges cut at their dash (family 4).
var shape1Expected = map[string]map[string][]int{
	"doubled-headline":         {"000": {6, 8, 48, 50}},
	"near-duplicate-paragraph": {"000": {23}},
	"truncated-range":          {"004": {19, 28, 30}},
}

// shape1Allowed lists the other seed lines where a rule may report: the
// page title of 000 (a cms-tag defect) is also a near copy of the headline.
var shape1Allowed = map[string]map[string][]int{
	"near-duplicate-paragraph": {"000": {10}},
}

// TestSeedsShape1 checks that every line DEFECTS.md lists for these rules
// is reported at that line, and that they report nothing anywhere else, at
// any severity.
func TestSeedsShape1(t *testing.T) {
	dir := linttest.Seeds(t)
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(paths)
	profiles := Profiles()
	for _, r := range shape1Rules {
		rs := &lint.RuleSet{Settings: []*lint.Settings{lint.NewSettings(r, profiles["vi"])}}
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
			reported := map[int]bool{}
			for _, f := range findings {
				first, _ := d.Position(f.Start)
				last, _ := d.Position(f.End)
				reported[first] = true
				if first != last || !shape1Listed(r.ID, seed, first) {
					t.Errorf("seed %s lines %d-%d: %s reports where DEFECTS.md lists nothing for it: %s", seed, first, last, r.ID, f.Message)
				}
			}
			for _, line := range shape1Expected[r.ID][seed] {
				if !reported[line] {
					t.Errorf("seed %s line %d: %s did not report it (DEFECTS.md lists it)", seed, line, r.ID)
				}
			}
		}
		t.Logf("%-26s %3d findings on the seeds", r.ID, count)
	}
}

func shape1Listed(rule, seed string, line int) bool {
	for _, m := range []map[string]map[string][]int{shape1Expected, shape1Allowed} {
		for _, l := range m[rule][seed] {
			if l == line {
				return true
			}
		}
	}
	return false
}
