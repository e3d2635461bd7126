package rules

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/lint/linttest"
)

// TestSeedsFixAcceptance applies the default rules' safe fixes to the seeds,
// as `scrapelint fix` does, and checks DEFECTS.md's promises: the glued
// ranges and the dropped dash are restored in 000, the image file names
// and the SEO tag are gone, 003 no longer repeats its captions, and every
// line of real article body is still there, unchanged.
func TestSeedsFixAcceptance(t *testing.T) {
	dir := linttest.Seeds(t)
	rs, err := lint.Configure(All, Profiles(), nil, lint.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(paths)
	docs := make([]*lint.Document, len(paths))
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs[i] = lint.NewDocument(p, string(data))
		docs[i].Seq = i
	}
	if rs.HasCorpusRules() {
		rs.StartCorpus()
		for _, d := range docs {
			rs.Observe(d)
		}
		rs.FinishCorpus()
	}
	fixed := map[string]string{}
	for _, d := range docs {
		res, err := rs.FixDocument(d, false)
		if err != nil || !res.Settled {
			t.Fatalf("%s: %v (settled %v)", d.Path, err, res.Settled)
		}
		fixed[filepath.Base(d.Path)[:3]] = res.Text
		t.Logf("%s: %v", filepath.Base(d.Path)[:3], res.Applied)
	}
	contains := func(seed, s string, want bool, why string) {
		t.Helper()
		if strings.Contains(fixed[seed], s) != want {
			t.Errorf("seed %s after fix: contains %q is %v, want %v (%s)", seed, s, !want, want, why)
		}
	}
	contains("000", "2020-2024", true, "glued range restored")
	contains("000", "2014-2020", true, "glued range restored")
	contains("000", "châu Á-Thái Bình Dương", true, "dropped dash restored")
	for _, name := range []string{"k1.jpg", "k2.jpg", "k3.jpg", "k4.jpg", "k5.jpg", "k6.jpg"} {
		contains("001", name, false, "image file name removed")
	}
	contains("004", "【bxh bd uc】", false, "SEO tag removed")
	_, lines003 := linttest.SeedLines(t, dir, "003")
	for _, pair := range [][2]int{{10, 11}, {22, 23}, {32, 33}, {38, 39}} {
		caption := strings.TrimSpace(lines003[pair[0]])
		if n := strings.Count(fixed["003"], caption); n != 1 {
			t.Errorf("seed 003: caption of line %d appears %d times after fix, want 1", pair[0], n)
		}
	}
	for seed, listed := range defectLines {
		_, lines := linttest.SeedLines(t, dir, seed)
		skip := map[int]bool{}
		for _, l := range listed {
			skip[l] = true
		}
		after := map[string]bool{}
		for _, l := range strings.Split(fixed[seed], "\n") {
			after[strings.TrimRight(l, "\r")] = true
		}
		for n := 1; n < len(lines); n++ {
			line := strings.TrimRight(lines[n], "\r")
			if skip[n] || strings.TrimSpace(line) == "" {
				continue
			}
			if !after[line] {
				t.Errorf("seed %s line %d, real article body, is not in the fixed text unchanged: %q", seed, n, line)
			}
		}
	}
}
