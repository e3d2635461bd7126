// Package linttest runs a rule against golden fixtures, in the manner of
// golang.org/x/tools/go/analysis/analysistest.
//
// A fixture is a txtar archive. Its sections named *.txt are the input
// documents (a corpus rule sees them all as one corpus); want.findings holds
// the findings the rule must report, one per line with its fix indented
// below; NAME.fixed holds the text of NAME.txt after fixing, and is absent
// when fixing leaves the document unchanged. The archive's comment may set:
//
//	option NAME VALUE   a rule option (VALUE is read as YAML: 3, 0.5, true, text)
//	lang CODE           the language profile (default vi)
//	unsafe-fixes        apply unsafe fixes as well when computing NAME.fixed
//	no-final-newline    drop the final line break of every input (txtar
//	                    always ends a section with one), and of NAME.fixed
//
// Any other line of the comment is a description of the fixture.
//
// Run with -update to rewrite want.findings and the .fixed sections from what
// the rule does now; the diff of the fixtures then shows exactly what changed.
//
// Every test package of the module imports linttest, because `go test ./...
// -update` hands -update to every test binary and a binary that does not
// define the flag refuses to start.
package linttest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/txtar"

	"github.com/scrapelint/scrapelint/lint"
)

// Update is the -update flag: rewrite golden files instead of comparing.
var Update = flag.Bool("update", false, "rewrite golden files from the current output")

// Fixture is one parsed fixture archive.
type Fixture struct {
	Path    string
	Archive *txtar.Archive
	Options map[string]any
	Lang    string
	Unsafe  bool
	// NoFinalNewline strips the line break txtar puts at the end of every
	// section, to test texts that do not end with one.
	NoFinalNewline bool
	Inputs         []*lint.Document
	Findings       string
	Fixed          map[string]string
}

// Load parses a fixture archive.
func Load(path string) (*Fixture, error) {
	a, err := txtar.ParseFile(path)
	if err != nil {
		return nil, err
	}
	fx := &Fixture{Path: path, Archive: a, Options: map[string]any{}, Lang: "vi", Fixed: map[string]string{}}
	for i, line := range strings.Split(string(a.Comment), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		switch fields[0] {
		case "option":
			if len(fields) < 3 {
				return nil, fmt.Errorf("%s:%d: want: option NAME VALUE", path, i+1)
			}
			var v any
			if err := yaml.Unmarshal([]byte(strings.Join(fields[2:], " ")), &v); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, i+1, err)
			}
			if list, ok := v.([]any); ok {
				ss := make([]string, len(list))
				for j, x := range list {
					ss[j] = fmt.Sprint(x)
				}
				v = ss
			}
			fx.Options[fields[1]] = v
		case "lang":
			if len(fields) != 2 {
				return nil, fmt.Errorf("%s:%d: want: lang CODE", path, i+1)
			}
			fx.Lang = fields[1]
		case "unsafe-fixes":
			fx.Unsafe = true
		case "no-final-newline":
			fx.NoFinalNewline = true
		}
	}
	trim := func(data []byte) string {
		if fx.NoFinalNewline {
			return strings.TrimSuffix(string(data), "\n")
		}
		return string(data)
	}
	for _, f := range a.Files {
		switch {
		case strings.HasSuffix(f.Name, ".txt"):
			fx.Inputs = append(fx.Inputs, lint.NewDocument(f.Name, trim(f.Data)))
		case f.Name == "want.findings":
			fx.Findings = string(f.Data)
		case strings.HasSuffix(f.Name, ".fixed"):
			fx.Fixed[strings.TrimSuffix(f.Name, ".fixed")+".txt"] = trim(f.Data)
		default:
			return nil, fmt.Errorf("%s: unknown section %q", path, f.Name)
		}
	}
	if len(fx.Inputs) == 0 {
		return nil, fmt.Errorf("%s: no input section (name it input.txt)", path)
	}
	for i, d := range fx.Inputs {
		d.Seq = i
	}
	return fx, nil
}

// RuleSet configures rule for the fixture: its options and language.
func (fx *Fixture) RuleSet(rule *lint.Rule, profiles map[string]*lint.Profile) (*lint.RuleSet, error) {
	s := lint.NewSettings(rule, profiles[fx.Lang])
	if s.Severity == lint.Off {
		// Rules that are off by default are tested as if enabled.
		s.Severity = lint.Warning
	}
	names := make([]string, 0, len(fx.Options))
	for name := range fx.Options {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := s.SetOption(name, fx.Options[name]); err != nil {
			return nil, fmt.Errorf("%s: %w", fx.Path, err)
		}
	}
	return &lint.RuleSet{Settings: []*lint.Settings{s}}, nil
}

// Result is what a rule did with a fixture's inputs.
type Result struct {
	Findings string
	Fixed    map[string]string
}

// Apply runs the rule set over the fixture's inputs as one corpus and
// formats the findings and fixed texts as the golden sections hold them.
func (fx *Fixture) Apply(rs *lint.RuleSet) (Result, error) {
	if rs.HasCorpusRules() {
		rs.StartCorpus()
		for _, d := range fx.Inputs {
			if err := rs.Observe(d); err != nil {
				return Result{}, err
			}
		}
		rs.FinishCorpus()
	}
	var b strings.Builder
	res := Result{Fixed: map[string]string{}}
	for _, d := range fx.Inputs {
		findings, err := rs.Check(d)
		if err != nil {
			return Result{}, err
		}
		for _, f := range findings {
			b.WriteString(FormatFinding(d, f))
		}
		fixed, err := rs.FixDocument(d, fx.Unsafe)
		if err != nil {
			return Result{}, err
		}
		if fixed.Text != d.Text {
			res.Fixed[d.Path] = fixed.Text
		}
	}
	res.Findings = b.String()
	return res, nil
}

// FormatFinding formats one finding as want.findings holds it.
func FormatFinding(d *lint.Document, f lint.Finding) string {
	l := lint.Locate(d, f)
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d-%d:%d: %s %s: %s\n", d.Path, l.Line, l.Column, l.EndLine, l.EndColumn, f.Severity, f.Rule, f.Message)
	if f.Fix != nil {
		for _, e := range f.Fix.Edits {
			sl, sc := d.Position(e.Start)
			el, ec := d.Position(e.End)
			fmt.Fprintf(&b, "\tfix (%s): %d:%d-%d:%d %q -> %q\n", f.Fix.Safety, sl, sc, el, ec, d.Text[e.Start:e.End], e.NewText)
		}
	}
	return b.String()
}

// Format writes the fixture back with the given result as its goldens.
func (fx *Fixture) Format(res Result) []byte {
	a := &txtar.Archive{Comment: fx.Archive.Comment}
	for _, f := range fx.Archive.Files {
		// Inputs are copied as they are: the harness never rewrites what a
		// person wrote.
		if strings.HasSuffix(f.Name, ".txt") {
			a.Files = append(a.Files, f)
		}
	}
	a.Files = append(a.Files, txtar.File{Name: "want.findings", Data: []byte(res.Findings)})
	for _, d := range fx.Inputs {
		if text, ok := res.Fixed[d.Path]; ok {
			if fx.NoFinalNewline {
				// Load strips one line break from every section; add it
				// back so that a fixed text ending with a line break of its
				// own (a fix that adds one) keeps it.
				text += "\n"
			}
			a.Files = append(a.Files, txtar.File{Name: strings.TrimSuffix(d.Path, ".txt") + ".fixed", Data: []byte(text)})
		}
	}
	return txtar.Format(a)
}

// Run checks rule against every fixture archive (*.txtar) in dir, or rewrites
// them with -update. It fails when dir has no fixture that makes the rule
// report something, or none where it must stay silent: every rule needs
// both positive and negative fixtures.
func Run(t *testing.T, dir string, rule *lint.Rule, profiles map[string]*lint.Profile) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no fixtures in %s: every rule needs positive and negative fixtures", dir)
	}
	positive, negative := 0, 0
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			fx, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := fx.RuleSet(rule, profiles)
			if err != nil {
				t.Fatal(err)
			}
			res, err := fx.Apply(rs)
			if err != nil {
				t.Fatal(err)
			}
			if res.Findings == "" {
				negative++
			} else {
				positive++
			}
			if *Update {
				if err := os.WriteFile(path, fx.Format(res), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if res.Findings != fx.Findings {
				t.Errorf("findings differ (run go test -update to accept):\n--- want\n%s--- got\n%s", fx.Findings, res.Findings)
			}
			for _, d := range fx.Inputs {
				want, wantOK := fx.Fixed[d.Path]
				got, gotOK := res.Fixed[d.Path]
				if wantOK != gotOK || want != got {
					t.Errorf("%s: fixed text differs (run go test -update to accept):\n--- want (present=%v)\n%q\n--- got (present=%v)\n%q", d.Path, wantOK, want, gotOK, got)
				}
			}
		})
	}
	if positive == 0 {
		t.Errorf("%s: no fixture where %s reports a finding", dir, rule.ID)
	}
	if negative == 0 {
		t.Errorf("%s: no negative fixture (look-alikes %s must not flag)", dir, rule.ID)
	}
}

// ModuleRoot returns the directory holding go.mod, found from the test's
// working directory upwards.
func ModuleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's directory")
		}
		dir = parent
	}
}

// Seeds returns the acceptance corpus ../shared/seeds beside the module
// root, or skips the test with a message saying why when it is not there.
func Seeds(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(ModuleRoot(t), "..", "shared", "seeds")
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		t.Skipf("acceptance corpus %s not found: the seed articles live outside the repository; skipping", dir)
	}
	return dir
}

// SeedLines reads seed file name (its prefix, such as "000", is enough) and
// returns its lines, 1-based: lines[0] is empty.
func SeedLines(t testing.TB, dir, prefix string) (path string, lines []string) {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(dir, prefix+"*.txt"))
	if len(matches) != 1 {
		t.Fatalf("want one seed file %s* in %s, found %d", prefix, dir, len(matches))
	}
	data, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	return matches[0], append([]string{""}, strings.Split(string(data), "\n")...)
}
