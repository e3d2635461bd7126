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
var pairRule = &lint.Rule{ID: "pair", Severity: lint.Warning, Run: func(p *lint.Pass) {
	text := p.Doc.Text
	for i := 0; i+1 < len(text); i++ {
		if text[i] == '(' && text[i+1] == ')' {
			p.ReportFix(i, i+2, lint.Safe, []lint.Edit{{Start: i, End: i + 2}}, "pair")
		}
	}
}}

// growRule never settles: it always finds something to insert.
var growRule = &lint.Rule{ID: "grow", Severity: lint.Warning, Run: func(p *lint.Pass) {
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
