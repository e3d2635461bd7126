package lint_test

import (
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
)

var (
	testRule = &lint.Rule{
		ID: "test-rule", Severity: lint.Warning, Run: func(*lint.Pass) {},
		Options:  []lint.Option{{Name: "min-length", Default: 20}, {Name: "ratio", Default: 0.5}, {Name: "words", Default: []string{"a"}}},
		Lexicons: []string{"furniture"},
	}
	offRule  = &lint.Rule{ID: "off-rule", Severity: lint.Off, Run: func(*lint.Pass) {}}
	profiles = map[string]*lint.Profile{
		"vi": {Lang: "vi", Lexicons: map[string]*lint.Lexicon{"furniture": {Name: "furniture", Literals: []string{"In bài viết"}}}},
		"en": {Lang: "en", Lexicons: map[string]*lint.Lexicon{"furniture": {Name: "furniture", Literals: []string{"Advertisement"}}}},
	}
)

func configure(t *testing.T, yaml string, sel lint.Selection) (*lint.RuleSet, error) {
	t.Helper()
	cfg, err := lint.ParseConfig(".scrapelint.yaml", []byte(yaml))
	if err != nil {
		return nil, err
	}
	return lint.Configure([]*lint.Rule{testRule, offRule}, profiles, cfg, sel)
}

func TestConfigErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "language: vi\ncolour: red\n", ".scrapelint.yaml:2: unknown key \"colour\""},
		{"unknown rule", "rules:\n  test-rule:\n    severity: error\n  no-such-rule: off\n", ".scrapelint.yaml:4: unknown rule \"no-such-rule\""},
		{"unknown option", "rules:\n  test-rule:\n    min-length-x: 3\n", ".scrapelint.yaml:3: rule test-rule has no option \"min-length-x\""},
		{"bad option type", "rules:\n  test-rule:\n    min-length: long\n", ".scrapelint.yaml:3: option min-length of rule test-rule wants a whole number"},
		{"bad severity", "rules:\n  test-rule: loud\n", ".scrapelint.yaml:2: unknown severity \"loud\""},
		{"bad pattern", "lexicons:\n  furniture:\n    patterns:\n      - '^ok$'\n      - '(unclosed'\n", ".scrapelint.yaml:5: lexicon furniture: invalid RE2 pattern"},
		{"unknown lexicon", "lexicons:\n  nope:\n    literals: [x]\n", ".scrapelint.yaml:2: no rule reads a lexicon \"nope\""},
		{"bad yaml", "language: vi\nrules: [\n", ".scrapelint.yaml:2: not valid YAML: did not find expected node content"},
		{"unknown language", "language: fr\n", ".scrapelint.yaml:1: unknown language \"fr\""},
		{"bad glob", "exclude: ['[']\n", ".scrapelint.yaml:1: invalid glob"},
		{"ignore of unknown rule", "ignore:\n  - path: a/*\n    rules: [nope]\n", ".scrapelint.yaml:2: unknown rule \"nope\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := configure(t, tt.yaml, lint.Selection{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestConfigApplies(t *testing.T) {
	rs, err := configure(t, `
language: en
enable: [off-rule]
rules:
  test-rule:
    severity: error
    min-length: 5
    ratio: 1
    words: [x, y]
lexicons:
  furniture:
    literals: ["Share this"]
    patterns: ['^Photo: .*$']
ignore:
  - path: "drafts/**"
    rules: [test-rule]
`, lint.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Settings) != 2 {
		t.Fatalf("want both rules enabled, got %d", len(rs.Settings))
	}
	s := rs.Settings[0]
	if s.Severity != lint.Error || s.Int("min-length") != 5 || s.Float("ratio") != 1 || strings.Join(s.Strings("words"), ",") != "x,y" {
		t.Errorf("settings not applied: %v %d %v %v", s.Severity, s.Int("min-length"), s.Float("ratio"), s.Strings("words"))
	}
	lex := s.Lexicon("furniture")
	if strings.Join(lex.Literals, "|") != "Advertisement|Share this" || len(lex.Patterns) != 1 {
		t.Errorf("lexicon = %v %v, want the en profile plus the config's entries", lex.Literals, lex.Patterns)
	}
	if profiles["en"].Lexicons["furniture"].Literals[0] != "Advertisement" || len(profiles["en"].Lexicons["furniture"].Literals) != 1 {
		t.Error("configuring a run modified the shared profile")
	}
	if !rs.Ignore("drafts/a/b.txt", "test-rule") || rs.Ignore("drafts/a/b.txt", "off-rule") || rs.Ignore("final/b.txt", "test-rule") {
		t.Error("ignore entries not applied as configured")
	}
}

func TestFlagsOverrideConfig(t *testing.T) {
	rs, err := configure(t, "disable: [test-rule]\n", lint.Selection{Enable: []string{"test-rule"}, Disable: []string{"off-rule"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Settings) != 1 || rs.Settings[0].Rule != testRule {
		t.Errorf("want only test-rule enabled by the flag, got %d rules", len(rs.Settings))
	}
	if _, err := configure(t, "", lint.Selection{Enable: []string{"nope"}}); err == nil || !strings.Contains(err.Error(), "--enable: unknown rule") {
		t.Errorf("unknown rule in --enable: error %v", err)
	}
}
