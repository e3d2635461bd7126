package rules

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/lint/linttest"
)

// TestFixtures runs every rule against its golden fixtures in
// fixtures/<rule-id>/.
func TestFixtures(t *testing.T) {
	root := linttest.ModuleRoot(t)
	profiles := Profiles()
	for _, r := range All {
		t.Run(r.ID, func(t *testing.T) {
			linttest.Run(t, filepath.Join(root, "fixtures", r.ID), r, profiles)
		})
	}
}

var kebab = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)

// TestRuleMetadata holds every rule to the metadata users and `explain` rely
// on.
func TestRuleMetadata(t *testing.T) {
	seen := map[string]bool{}
	profiles := Profiles()
	for _, r := range All {
		if !kebab.MatchString(r.ID) {
			t.Errorf("rule id %q is not kebab-case", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("rule id %q listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.Family == "" || r.Summary == "" || r.Doc == "" || r.Before == "" || r.After == "" || r.FixDoc == "" || r.Run == nil {
			t.Errorf("rule %s lacks metadata (family, summary, doc, before/after example, fix doc or run)", r.ID)
		}
		for _, name := range r.Lexicons {
			for lang, p := range profiles {
				if _, ok := p.Lexicons[name]; !ok {
					t.Errorf("rule %s reads lexicon %q, missing from profile %s", r.ID, name, lang)
				}
			}
		}
		for _, o := range r.Options {
			switch o.Default.(type) {
			case int, float64, bool, string, []string:
			default:
				t.Errorf("rule %s option %s has a default of unsupported type %T", r.ID, o.Name, o.Default)
			}
		}
	}
	for _, lang := range []string{"vi", "en"} {
		if profiles[lang] == nil {
			t.Errorf("no %s profile", lang)
		}
	}
}

// TestExamples checks that each rule finds its own Before example and, when
// it has a safe fix, turns it into its After example.
func TestExamples(t *testing.T) {
	profiles := Profiles()
	for _, r := range All {
		if r.NewCorpus != nil {
			continue
		}
		s := lint.NewSettings(r, profiles["vi"])
		if s.Severity == lint.Off {
			s.Severity = lint.Warning
		}
		rs := &lint.RuleSet{Settings: []*lint.Settings{s}}
		d := lint.NewDocument("example.txt", r.Before)
		findings, err := rs.Check(d)
		if err != nil {
			t.Errorf("%s: %v", r.ID, err)
		}
		if len(findings) == 0 {
			t.Errorf("%s: finds nothing in its own example %q", r.ID, r.Before)
			continue
		}
		if r.Fix == lint.SafeFix {
			res, err := rs.FixDocument(d, false)
			if err != nil {
				t.Errorf("%s: %v", r.ID, err)
			}
			if res.Text != r.After {
				t.Errorf("%s: fixing the example gives %q, the docs say %q", r.ID, res.Text, r.After)
			}
		}
	}
}
