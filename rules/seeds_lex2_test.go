package rules

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/lint/linttest"
)

// lex2Expected lists, per rule, the seed lines DEFECTS.md says it must
// report: the metadata lines of family 5. The seeds have no markup leak.
var lex2Expected = map[string]map[string][]int{
	"metadata-line": {"000": {3}, "001": {6}, "003": {3}},
	"markup-leak":   {},
}

// TestSeedsLex2 checks markup-leak and metadata-line on the seeds: every
// line DEFECTS.md lists is reported, and nothing else is, at any severity
// (a metadata line is info, but a wrong one would still be deleted by
// --unsafe-fixes).
func TestSeedsLex2(t *testing.T) {
	dir := linttest.Seeds(t)
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(paths)
	for _, r := range []*lint.Rule{MarkupLeak, MetadataLine} {
		rs := ruleSetFor(t, r, "vi")
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
			want := map[int]bool{}
			for _, l := range lex2Expected[r.ID][seed] {
				want[l] = true
			}
			got := map[int]bool{}
			for _, f := range findings {
				line, _ := d.Position(f.Start)
				got[line] = true
				if !want[line] {
					t.Errorf("seed %s line %d: %s reports where DEFECTS.md lists nothing for it: %s", seed, line, r.ID, f.Message)
				}
			}
			for l := range want {
				if !got[l] {
					t.Errorf("seed %s line %d: %s did not report it (DEFECTS.md lists it)", seed, l, r.ID)
				}
			}
		}
		t.Logf("%-14s %3d findings on the seeds", r.ID, count)
	}
}
