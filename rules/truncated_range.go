package rules

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/lint"
)

// TruncatedRange finds a range cut after its start: the dash and everything
// after it were lost, leaving "thời kỳ 2021" at the end of a line
// (DEFECTS.md family 4).
var TruncatedRange = &lint.Rule{
	ID:       "truncated-range",
	Family:   "4",
	Severity: lint.Info,
	Summary:  "a range cut after its start: \"thời kỳ 2021\" at the end of a line",
	Doc: `Scrapers that cut a headline at a dash leave a range with no end:
"Quy hoạch vùng thời kỳ 2021" for "thời kỳ 2021-2030", "dao động từ 52.000"
for "từ 52.000-55.000 đồng/kg", a licence plate series "30K" for "30K-567.89".
The text now says something else than the source, and what was cut cannot be
guessed.

A line is reported when it ends, with no punctuation after it, in a number
(a year from 1900 to 2099, an amount with digit groups such as 52.000 or
1,500, a decimal such as 6,5, or a plate series such as 30K or 51H1) right after a phrase of the range-openers
lexicon: words that open a span which must be closed ("thời kỳ", "giai
đoạn", "nhiệm kỳ", "dao động từ", "biển số", "between", "ranging from"). A
range opener's patterns ("re:" entries) are matched against the line's text
before the number, so anchor them with $. Words that also introduce a single
point ("từ 2030" is "from 2030 on", "năm 2021" is a year) are not openers,
and a sentence that ends with a full stop after the number is left alone.`,
	Before:   "- ·Quy hoạch vùng Tây Nguyên thời kỳ 2021\n",
	After:    "- ·Quy hoạch vùng Tây Nguyên thời kỳ 2021-2030\n",
	Fix:      lint.NoFix,
	FixDoc:   `None: the end of the range was cut and only the source can tell it.`,
	Lexicons: []string{"range-openers"},
	Run:      runTruncatedRange,
}

// rangeStart matches the number a cut range leaves at the end of a line: a
// year, an amount with digit groups or a decimal part, or a licence plate
// series.
var rangeStart = regexp.MustCompile(`^(?:(?:19|20)\d\d|\d{1,3}(?:[.,]\d{3})+|\d+[.,]\d+|\d\d[A-Z]{1,2}\d?)$`)

func runTruncatedRange(p *lint.Pass) {
	d := p.Doc
	openers := p.Lexicon("range-openers")
	for _, l := range d.Lines() {
		line := strings.TrimRightFunc(d.LineText(l), unicode.IsSpace)
		if line == "" || !isDigit(line[len(line)-1]) && !isUpperASCII(line[len(line)-1]) {
			continue
		}
		// Only the line's last token can be a cut range's start, so the
		// pattern runs on that token alone, not on the whole paragraph.
		at := strings.LastIndexAny(line, " \t(") + 1
		if !rangeStart.MatchString(line[at:]) {
			continue
		}
		opener, ok := endsWithOpener(strings.TrimRight(line[:at], " \t("), openers)
		if !ok {
			continue
		}
		p.Reportf(l.Start+at, l.Start+len(line), "%q after %q ends the line: the range looks cut after its start (the dash and its end are missing)",
			line[at:], opener)
	}
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

// endsWithOpener reports whether text ends with one of the lexicon's
// phrases, as whole words and case-insensitively, or matches one of its
// patterns; it returns the phrase for the message.
func endsWithOpener(text string, lex *lint.Lexicon) (string, bool) {
	lower := strings.ToLower(text)
	for _, ph := range lex.Literals {
		ph = strings.ToLower(ph)
		if !strings.HasSuffix(lower, ph) {
			continue
		}
		k := len(lower) - len(ph)
		if k == 0 {
			return ph, true
		}
		r, _ := utf8.DecodeLastRuneInString(lower[:k])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return ph, true
		}
	}
	for _, re := range lex.Patterns {
		if loc := re.FindStringIndex(text); loc != nil {
			return text[loc[0]:loc[1]], true
		}
	}
	return "", false
}
