package rules

import (
	"github.com/scrapelint/scrapelint/lint"
)

// Whitespace finds stray white space: at the ends of lines, at their
// starts, in long runs of blank lines, and a missing final line break
// (DEFECTS.md family 7).
var Whitespace = &lint.Rule{
	ID:       "whitespace",
	Family:   "7",
	Severity: lint.Off,
	Summary:  "trailing or leading white space, runs of blank lines, a missing final newline",
	Doc: `Scrapers leave spaces and tabs where markup used to be: at the start of a
paragraph whose tag was dropped, at the end of a line, in runs of blank lines
where empty blocks were, and they often omit the final line break. None of it
is text, but it breaks line-based tools and makes identical paragraphs
differ.

Each check has an option: trailing (spaces and tabs before a line break, and
lines of white space only), leading (spaces and tabs at the start of a line),
max-blank-lines (the longest run of blank lines allowed; -1 turns the check
off) and final-newline. The rule is off by default: a corpus may use
indentation or blank lines on purpose.`,
	Before: " Chiều 16/1, hội nghị khai mạc. \n\n\nCác đại biểu thảo luận.",
	After:  "Chiều 16/1, hội nghị khai mạc.\n\nCác đại biểu thảo luận.\n",
	Fix:    lint.SafeFix,
	FixDoc: `Safe: only white space is deleted (extra blank lines with their line
breaks, spaces and tabs at line ends and starts) or a line break added at the
end of the text, the same kind (LF or CRLF) as the document's first line
break. Line breaks of the lines that stay are never changed.`,
	Options: []lint.Option{
		{Name: "trailing", Default: true, Doc: "report spaces and tabs at the end of a line"},
		{Name: "leading", Default: true, Doc: "report spaces and tabs at the start of a line"},
		{Name: "max-blank-lines", Default: 1, Doc: "longest run of blank lines allowed (-1: no limit)"},
		{Name: "final-newline", Default: true, Doc: "report a text that does not end with a line break"},
	},
	Run: runWhitespace,
}

func runWhitespace(p *lint.Pass) {
	d := p.Doc
	lines := d.Lines()
	maxBlank := p.Int("max-blank-lines")
	for i := 0; i < len(lines); i++ {
		if maxBlank >= 0 && isBlank(d.LineText(lines[i])) {
			j := i
			for j+1 < len(lines) && isBlank(d.LineText(lines[j+1])) {
				j++
			}
			if j-i+1 > maxBlank {
				reportBlankRun(p, i, j, maxBlank)
				i = j
				continue
			}
		}
		checkLineEnds(p, lines[i])
	}
	if p.Bool("final-newline") {
		checkFinalNewline(p)
	}
}

// reportBlankRun reports the blank lines first..last and deletes all but
// the first keep of them, with their line breaks.
func reportBlankRun(p *lint.Pass, first, last, keep int) {
	lines := p.Doc.Lines()
	from, to := lines[first+keep].Start, lines[last].Next
	if to == lines[last].End && first+keep > 0 {
		// The run ends the text with no break of its own: take the break
		// before it instead, so that the lines kept keep theirs.
		from = lines[first+keep-1].End
	}
	n := last - first + 1
	p.ReportFix(lines[first].Start, lines[last].End, lint.Safe, []lint.Edit{{Start: from, End: to}},
		"%d blank lines in a row; at most %d allowed", n, keep)
}

func checkLineEnds(p *lint.Pass, l lint.Line) {
	text := p.Doc.Text
	end := l.End
	for end > l.Start && isSpaceOrTab(text[end-1]) {
		end--
	}
	if end == l.Start {
		if l.End > l.Start && p.Bool("trailing") {
			p.ReportFix(l.Start, l.End, lint.Safe, []lint.Edit{{Start: l.Start, End: l.End}},
				"line holds only white space")
		}
		return
	}
	start := l.Start
	for isSpaceOrTab(text[start]) {
		start++
	}
	if start > l.Start && p.Bool("leading") {
		p.ReportFix(l.Start, start, lint.Safe, []lint.Edit{{Start: l.Start, End: start}},
			"line starts with white space")
	}
	if end < l.End && p.Bool("trailing") {
		p.ReportFix(end, l.End, lint.Safe, []lint.Edit{{Start: end, End: l.End}},
			"line ends with white space")
	}
}

func checkFinalNewline(p *lint.Pass) {
	d := p.Doc
	text := d.Text
	if text == "" || text[len(text)-1] == '\n' {
		return
	}
	lines := d.Lines()
	last := lines[len(lines)-1]
	if isBlank(d.LineText(last)) {
		// A last line of white space only is deleted by its own finding,
		// which leaves the text ending with the break before it.
		return
	}
	newline := "\n"
	if lines[0].Next-lines[0].End == 2 {
		newline = "\r\n"
	}
	p.ReportFix(last.Start, last.End, lint.Safe, []lint.Edit{{Start: len(text), End: len(text), NewText: newline}},
		"text does not end with a line break")
}

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isSpaceOrTab(s[i]) {
			return false
		}
	}
	return true
}

func isSpaceOrTab(c byte) bool { return c == ' ' || c == '\t' }
