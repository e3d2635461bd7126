package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/lint/linttest"
)

// shape2Expected lists, per rule, the seed lines DEFECTS.md says it must
// report (families 3 and 4) and the text its fixes must leave there.
var shape2Expected = map[string]map[string]map[int][]string{
	"glued-date": {"000": {33: {"từ 2020-2024", "giai đoạn 2014-2020"}}},
	"missing-dash": {
		"000": {13: {"châu Á-Thái Bình Dương"}},
		"001": {31: {"Tuyên bố chung Việt Nam - Trung Quốc và"}},
	},
	// The seeds glue no words where a space was dropped.
	"missing-space": {},
}

// TestSeedsShape2 checks glued-date, missing-dash and missing-space on the
// seeds: each reports every line DEFECTS.md lists for it, with the fix
// DEFECTS.md asks for, and nothing anywhere else at any severity.
func TestSeedsShape2(t *testing.T) {
	res := lintSeeds(t)
	for rule, seeds := range shape2Expected {
		t.Logf("%-14s %d findings on the seeds", rule, res.counts[rule])
		for seed, lines := range res.byLine {
			for line, fs := range lines {
				for _, f := range fs {
					if f.Rule == rule && seeds[seed][line] == nil {
						t.Errorf("seed %s line %d: %s reports where DEFECTS.md lists nothing: %s", seed, line, rule, f.Message)
					}
				}
			}
		}
		for seed, lines := range seeds {
			for line, wants := range lines {
				fixed := fixedSeedLine(t, res, seed, line, rule)
				for _, want := range wants {
					if !strings.Contains(fixed, want) {
						t.Errorf("seed %s line %d: after %s's fixes the line lacks %q", seed, line, rule, want)
					}
				}
			}
		}
	}
}

// fixedSeedLine applies the fixes of rule's findings on one seed line to
// that line's text and returns it.
func fixedSeedLine(t *testing.T, res seedFindings, seed string, line int, rule string) string {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(linttest.Seeds(t), seed+"_*.txt"))
	if len(paths) != 1 {
		t.Fatalf("seed %s: %d files", seed, len(paths))
	}
	data, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	d := lint.NewDocument(paths[0], string(data))
	l := d.Lines()[line-1]
	text := d.Text[l.Start:l.End]
	type insert struct {
		start, end int
		text       string
	}
	var edits []insert
	for _, f := range res.byLine[seed][line] {
		if f.Rule != rule || f.Fix == nil {
			continue
		}
		for _, e := range f.Fix.Edits {
			edits = append(edits, insert{e.Start - l.Start, e.End - l.Start, e.NewText})
		}
	}
	if len(edits) == 0 {
		t.Errorf("seed %s line %d: %s reports nothing with a fix", seed, line, rule)
	}
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		text = text[:e.start] + e.text + text[e.end:]
	}
	return text
}
