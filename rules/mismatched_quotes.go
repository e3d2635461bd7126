package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/internal/fastutf8"
	"github.com/scrapelint/scrapelint/lint"
)

// MismatchedQuotes finds quotations opened in one style and closed in
// another, and quote marks alone on a line (DEFECTS.md family 7).
var MismatchedQuotes = &lint.Rule{
	ID:       "mismatched-quotes",
	Family:   "7",
	Severity: lint.Warning,
	Summary:  "a quotation opened with one kind of quote mark and closed with another",
	Doc: `Editors and scrapers that "smarten" quotes, or strip them, leave quotations
such as “chuyển đổi số phải đi cùng an toàn," whose opening curly quote is
closed by a straight one, and quote marks stranded alone on a line where a
block boundary was. Tools that extract quotations, and readers, then see an
unclosed quotation.

Within a line, a curly opening quote (“ or ‘) whose closing mark is a straight
one (" or '), or a straight opening quote closed by a curly one, is reported,
unless a closing mark of the right style follows later on the line. Straight
marks after a digit (5", 6'2) are read as inches and feet, and a single quote
between letters or before a digit (don't, the '90s) as an apostrophe. An
opening quote with no closing mark on its line is not reported: a quotation
running over several paragraphs is written that way.`,
	Before: "Ông nhấn mạnh “an toàn là trên hết,\" tại hội nghị.",
	After:  "Ông nhấn mạnh “an toàn là trên hết,” tại hội nghị.",
	Fix:    lint.NoFix,
	FixDoc: "None: which of the two marks is wrong, and whether a quote mark is missing elsewhere, is for a person to decide.",
	Run:    runMismatchedQuotes,
}

// quoteKind is what a quote mark can do at its place in the line.
type quoteKind int

const (
	quoteNone quoteKind = iota
	quoteOpen
	quoteClose
)

// quoteMark is one quote mark found on a line.
type quoteMark struct {
	pos    int
	r      rune
	double bool
	curly  bool
	kind   quoteKind
}

func runMismatchedQuotes(p *lint.Pass) {
	d := p.Doc
	for _, l := range d.Lines() {
		line := d.LineText(l)
		if t := fastutf8.TrimSpace(line); t != "" && len(t) <= utf8.UTFMax && utf8.RuneCountInString(t) == 1 && isQuoteRune([]rune(t)[0]) {
			start := l.Start + strings.Index(line, t)
			p.Reportf(start, start+len(t), "quote mark %s alone on its line", t)
			continue
		}
		checkQuotePairs(p, l.Start, line)
	}
}

func isQuoteRune(r rune) bool { return strings.ContainsRune("\"'“”‘’«»„", r) }

// checkQuotePairs matches the quote marks of one line with a stack and
// reports an opening mark closed by a mark of the other style.
func checkQuotePairs(p *lint.Pass, base int, line string) {
	marks := quoteMarks(line)
	var stack []quoteMark
	for i, m := range marks {
		switch m.kind {
		case quoteOpen:
			stack = append(stack, m)
		case quoteClose:
			k := lastOpen(stack, m.double)
			if k < 0 {
				continue
			}
			open := stack[k]
			if open.curly != m.curly && !closedLater(marks[i+1:], open) {
				p.Reportf(base+open.pos, base+m.pos+utf8.RuneLen(m.r),
					"quotation opened with %s is closed with %s", describeQuote(open), describeQuote(m))
			}
			stack = stack[:k]
		}
	}
}

// lastOpen returns the index of the innermost open quotation of the same
// kind (double or single), or -1.
func lastOpen(stack []quoteMark, double bool) int {
	for k := len(stack) - 1; k >= 0; k-- {
		if stack[k].double == double {
			return k
		}
	}
	return -1
}

// closedLater reports whether a closing mark of open's own style comes later
// on the line before another quotation opens, in which case the odd mark is more likely nested text or a
// stray mark than the quotation's end.
func closedLater(rest []quoteMark, open quoteMark) bool {
	for _, m := range rest {
		if m.double != open.double {
			continue
		}
		if m.kind == quoteOpen {
			return false // a later closer belongs to this new quotation
		}
		if m.curly == open.curly {
			return true
		}
	}
	return false
}

func describeQuote(m quoteMark) string {
	if m.curly {
		return string(m.r)
	}
	return "a straight " + string(m.r)
}

// quoteMarks finds the quote marks of line and decides from their
// neighbours whether each opens, closes, or is something else (an
// apostrophe, an inch or foot mark).
func quoteMarks(line string) []quoteMark {
	var marks []quoteMark
	// Quote marks are rare: the scan jumps between their first bytes (" '
	// and the E2 that leads the curly ones) and decodes only there.
	next := needleScan{text: line, needles: quoteStarts}
	for i := next.from(0); i < len(line); i = next.from(i + 1) {
		if m, ok := quoteMarkAt(line, i); ok {
			marks = append(marks, m)
		}
	}
	return marks
}

// quoteMarkAt reads the quote mark at line[i], if there is one that opens
// or closes.
func quoteMarkAt(line string, i int) (quoteMark, bool) {
	r, _ := utf8.DecodeRuneInString(line[i:])
	var m quoteMark
	switch r {
	case '“':
		m = quoteMark{r: r, double: true, curly: true, kind: quoteOpen}
	case '”':
		m = quoteMark{r: r, double: true, curly: true, kind: quoteClose}
	case '‘':
		m = quoteMark{r: r, curly: true, kind: quoteOpen}
	case '’':
		m = quoteMark{r: r, curly: true, kind: straightKind(line, i, r)}
	case '"':
		m = quoteMark{r: r, double: true, kind: straightKind(line, i, r)}
	case '\'':
		m = quoteMark{r: r, kind: straightKind(line, i, r)}
	default:
		return m, false
	}
	m.pos = i
	return m, m.kind != quoteNone
}

// quoteStarts are the bytes a quote mark starts with: " ' and the E2
// that leads the curly ones.
var quoteStarts = []needle{{"\"", 0}, {"'", 0}, {"\xe2", 0}}

// straightKind decides what a mark that may open or close (" ' ’) does at
// line[i], from the characters on either side.
func straightKind(line string, i int, r rune) quoteKind {
	before, _ := utf8.DecodeLastRuneInString(line[:i])
	after, _ := utf8.DecodeRuneInString(line[i+utf8.RuneLen(r):])
	if i == 0 {
		before = ' '
	}
	if i+utf8.RuneLen(r) == len(line) {
		after = ' '
	}
	word := func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }
	single := r != '"'
	switch {
	case unicode.IsDigit(before):
		// 5" and 6'2 are measurements, not quotations.
		return quoteNone
	case single && word(before) && word(after):
		return quoteNone // don't, Hồ Chí Minh's
	case single && unicode.IsDigit(after):
		return quoteNone // the '90s
	case opensAfter(before) && !unicode.IsSpace(after):
		if r == '’' {
			return quoteNone
		}
		return quoteOpen
	case !unicode.IsSpace(before) && (unicode.IsSpace(after) || unicode.IsPunct(after)):
		return quoteClose
	}
	return quoteNone
}

func opensAfter(c rune) bool {
	return unicode.IsSpace(c) || strings.ContainsRune("([{—–-/", c)
}
