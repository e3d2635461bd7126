package lint_test

import (
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
)

func TestApplyFixesSkipsOverlaps(t *testing.T) {
	text := "abcdef"
	fs := []lint.Finding{
		{Rule: "a", Start: 0, End: 2, Fix: &lint.Fix{Edits: []lint.Edit{{Start: 0, End: 2, NewText: "X"}}}},
		{Rule: "b", Start: 1, End: 3, Fix: &lint.Fix{Edits: []lint.Edit{{Start: 1, End: 3, NewText: "Y"}}}},
		{Rule: "c", Start: 2, End: 4, Fix: &lint.Fix{Edits: []lint.Edit{{Start: 2, End: 4, NewText: ""}}}},
		{Rule: "d", Start: 5, End: 5, Fix: &lint.Fix{Safety: lint.Unsafe, Edits: []lint.Edit{{Start: 5, End: 5, NewText: "!"}}}},
	}
	got, applied := lint.ApplyFixes(text, fs, false)
	if got != "Xef" || len(applied) != 2 {
		t.Errorf("ApplyFixes = %q with %d applied, want \"Xef\" with 2 (b overlaps a; d is unsafe)", got, len(applied))
	}
	got, _ = lint.ApplyFixes(text, fs, true)
	if got != "Xe!f" {
		t.Errorf("with unsafe fixes: %q, want \"Xe!f\"", got)
	}
}

// pairRule deletes every "()"; deleting one can close another pair around
// it, so fixing "((()))" needs three passes to settle.
var pairRule = &lint.Rule{ID: "pair", Severity: lint.Warning, Fix: lint.SafeFix, Run: func(p *lint.Pass) {
	text := p.Doc.Text
	for i := 0; i+1 < len(text); i++ {
		if text[i] == '(' && text[i+1] == ')' {
			p.ReportFix(i, i+2, lint.Safe, []lint.Edit{{Start: i, End: i + 2}}, "pair")
		}
	}
}}

// growRule never settles: it always finds something to insert.
var growRule = &lint.Rule{ID: "grow", Severity: lint.Warning, Fix: lint.SafeFix, Run: func(p *lint.Pass) {
	p.ReportFix(0, 0, lint.Safe, []lint.Edit{{Start: 0, End: 0, NewText: "+"}}, "grow")
}}

func TestFixDocumentReachesFixpoint(t *testing.T) {
	rs := &lint.RuleSet{Settings: []*lint.Settings{lint.NewSettings(pairRule, nil)}}
	res, err := rs.FixDocument(lint.NewDocument("a.txt", "a((()))b()"), false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "ab" || !res.Settled || res.Applied["pair"] != 4 || res.Passes != 4 {
		t.Errorf("FixDocument = %q settled=%v applied=%v passes=%d, want \"ab\" settled after 4 fixes in 3 passes plus the check", res.Text, res.Settled, res.Applied, res.Passes)
	}
}

// TestFixDocumentRunsOtherRulesOnce: a rule whose fixes the run does not
// apply runs once, on the settled text, and its findings are among the
// remaining ones in position order; with unsafe fixes asked for, it takes
// part in the passes.
func TestFixDocumentRunsOtherRulesOnce(t *testing.T) {
	var runs []string
	// parens reports every "(" with an unsafe fix deleting it.
	parens := &lint.Rule{ID: "parens", Severity: lint.Warning, Fix: lint.UnsafeFix, Run: func(p *lint.Pass) {
		runs = append(runs, p.Doc.Text)
		for i, c := range p.Doc.Text {
			if c == '(' {
				p.ReportFix(i, i+1, lint.Unsafe, []lint.Edit{{Start: i, End: i + 1}}, "paren")
			}
		}
	}}
	rs := &lint.RuleSet{Settings: []*lint.Settings{lint.NewSettings(parens, nil), lint.NewSettings(pairRule, nil)}}
	res, err := rs.FixDocument(lint.NewDocument("a.txt", "a(()b()c(d"), false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "a(bc(d" || len(runs) != 1 || runs[0] != res.Text {
		t.Errorf("FixDocument = %q, the unsafe rule ran on %q; want \"a(bc(d\" and one run on it", res.Text, runs)
	}
	var got []int
	for _, f := range res.Remaining {
		got = append(got, f.Start)
	}
	if len(got) != 2 || got[0] != 1 || got[1] != 4 {
		t.Errorf("remaining findings at %v, want the two parens of the fixed text at [1 4]", got)
	}
	runs = nil
	res, err = rs.FixDocument(lint.NewDocument("a.txt", "a(()b"), true)
	if err != nil {
		t.Fatal(err)
	}
	// The parens go first (position order), and the pair they overlap waits
	// for a pass that no longer finds it.
	if res.Text != "a)b" || len(runs) != 2 {
		t.Errorf("with unsafe fixes: %q after %d runs of the unsafe rule, want \"a)b\" after 2", res.Text, len(runs))
	}
}

// TestCheckHoldsRulesToTheirFixKind: a fix a rule does not declare is a
// rule failure, since fix runs leave out rules by their declaration.
func TestCheckHoldsRulesToTheirFixKind(t *testing.T) {
	for _, kind := range []lint.FixKind{lint.NoFix, lint.UnsafeFix} {
		r := &lint.Rule{ID: "liar", Severity: lint.Warning, Fix: kind, Run: func(p *lint.Pass) {
			p.ReportFix(0, 1, lint.Safe, []lint.Edit{{Start: 0, End: 1}}, "x")
		}}
		rs := &lint.RuleSet{Settings: []*lint.Settings{lint.NewSettings(r, nil)}}
		fs, err := rs.Check(lint.NewDocument("a.txt", "x"))
		if err == nil || !strings.Contains(err.Error(), "safe fix from a rule declaring "+kind.String()) || len(fs) != 0 {
			t.Errorf("%s rule with a safe fix: findings %v, error %v; want the finding refused", kind, fs, err)
		}
	}
	mixed := &lint.Rule{ID: "mixed", Severity: lint.Warning, Fix: lint.MixedFix, Run: func(p *lint.Pass) {
		p.ReportFix(0, 1, lint.Safe, []lint.Edit{{Start: 0, End: 1}}, "x")
		p.ReportFix(0, 1, lint.Unsafe, []lint.Edit{{Start: 0, End: 1}}, "y")
	}}
	rs := &lint.RuleSet{Settings: []*lint.Settings{lint.NewSettings(mixed, nil)}}
	if fs, err := rs.Check(lint.NewDocument("a.txt", "x")); err != nil || len(fs) != 2 {
		t.Errorf("mixed rule: findings %v, error %v; want both", fs, err)
	}
}

func TestFixDocumentReportsNoSettle(t *testing.T) {
	rs := &lint.RuleSet{Settings: []*lint.Settings{lint.NewSettings(growRule, nil)}}
	res, err := rs.FixDocument(lint.NewDocument("a.txt", "x"), false)
	if res.Settled || err == nil || !strings.Contains(err.Error(), "did not settle") {
		t.Errorf("settled=%v err=%v, want an error saying the fixes did not settle", res.Settled, err)
	}
	if res.Passes != lint.MaxFixPasses {
		t.Errorf("ran %d passes, want the bound %d", res.Passes, lint.MaxFixPasses)
	}
}

func TestCheckRecoversFromBrokenRules(t *testing.T) {
	panics := &lint.Rule{ID: "panics", Severity: lint.Error, Run: func(p *lint.Pass) { panic("boom") }}
	badSpan := &lint.Rule{ID: "bad-span", Severity: lint.Error, Run: func(p *lint.Pass) {
		p.Reportf(0, 2, "splits é") // é is 2 bytes; offset 2 is inside "é" of "xé"
	}}
	good := &lint.Rule{ID: "good", Severity: lint.Error, Run: func(p *lint.Pass) { p.Reportf(0, 1, "fine") }}
	rs := &lint.RuleSet{Settings: []*lint.Settings{lint.NewSettings(panics, nil), lint.NewSettings(badSpan, nil), lint.NewSettings(good, nil)}}
	fs, err := rs.Check(lint.NewDocument("a.txt", "xé"))
	if err == nil || !strings.Contains(err.Error(), "a.txt: rule panics failed: panic: boom") {
		t.Errorf("error = %v, want the panic reported with file and rule", err)
	}
	if len(fs) != 1 || fs[0].Rule != "good" {
		t.Errorf("findings = %v, want only the good rule's", fs)
	}
}
