package rules

import (
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/internal/fastutf8"
	"github.com/scrapelint/scrapelint/lint"
)

// RepeatedLine finds a line that is an exact copy of an earlier line of the
// same document (DEFECTS.md family 2).
var RepeatedLine = &lint.Rule{
	ID:       "repeated-line",
	Family:   "2",
	Severity: lint.Warning,
	Summary:  "a line that repeats an earlier line of the document exactly",
	Doc: `Scrapers save an image's alt text and then its caption, which are often the
same sentence, or print the lead paragraph or the headline a second time. The
copy adds nothing and skews counts, search ranking and training data.

A line is reported when its text, with surrounding white space ignored, is
exactly the text of an earlier line and is at least min-length characters
long; shorter lines ("Ảnh:", "* * *", a lone date) repeat legitimately.`,
	Before: "Thứ trưởng thăm trung tâm huấn luyện.\nThứ trưởng thăm trung tâm huấn luyện.\n",
	After:  "Thứ trưởng thăm trung tâm huấn luyện.\n",
	Fix:    lint.SafeFix,
	FixDoc: `Safe: the later copy is deleted with its line break; the first copy stays,
and no other byte changes.`,
	Options: []lint.Option{
		{Name: "min-length", Default: 20, Doc: "shortest line, in characters, that counts as content worth reporting"},
	},
	Run: runRepeatedLine,
}

func runRepeatedLine(p *lint.Pass) {
	minLen := p.Int("min-length")
	d := p.Doc
	lines := d.Lines()
	first := make(map[string]int, len(lines))
	for i, l := range lines {
		content := fastutf8.TrimSpace(d.LineText(l))
		// A UTF-8 character is 1 to 4 bytes: only lines in between need counting.
		if content == "" || len(content) < minLen || (len(content) < 4*minLen && utf8.RuneCountInString(content) < minLen) {
			continue
		}
		j, seen := first[content]
		if !seen {
			first[content] = i
			continue
		}
		p.ReportFix(l.Start, l.End, lint.Safe, []lint.Edit{deleteLine(d, i)},
			"line repeats line %d exactly", j+1)
	}
}

// deleteLine returns the edit that removes line i of d with one line break:
// its own, or for a last line with no break, the break before it.
func deleteLine(d *lint.Document, i int) lint.Edit {
	lines := d.Lines()
	l := lines[i]
	if l.Next > l.End || i == 0 {
		return lint.Edit{Start: l.Start, End: l.Next}
	}
	return lint.Edit{Start: lines[i-1].End, End: l.End}
}
