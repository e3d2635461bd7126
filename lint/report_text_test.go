package lint_test

import (
	"bytes"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
)

// TestTextReport pins the text format of a finding, with and without
// colour.
func TestTextReport(t *testing.T) {
	d := lint.NewDocument("a.txt", "Tiêu đề\nHà\tNội có mưa to\n")
	f := lint.Locate(d, lint.Finding{Rule: "demo-rule", Severity: lint.Warning, Start: len("Tiêu đề\nHà\t"), End: len("Tiêu đề\nHà\tNội"), Message: "a message"})
	for _, c := range []struct {
		color bool
		want  string
	}{
		{false, "a.txt:2:4: warning demo-rule: a message\n    Hà Nội có mưa to\n       ^^^\n"},
		{true, "\x1b[1ma.txt:2:4\x1b[0m: \x1b[33mwarning\x1b[0m \x1b[1mdemo-rule\x1b[0m: a message\n    Hà Nội có mưa to\n    \x1b[33m   ^^^\x1b[0m\n"},
	} {
		var b bytes.Buffer
		rep := lint.Formats["text"](lint.ReportContext{W: &b, Color: c.color})
		if err := rep.Report(f); err != nil {
			t.Fatal(err)
		}
		if b.String() != c.want {
			t.Errorf("color=%v:\n%q\nwant\n%q", c.color, b.String(), c.want)
		}
	}
}
