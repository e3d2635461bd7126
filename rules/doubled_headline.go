package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/internal/fastutf8"
	"github.com/scrapelint/scrapelint/lint"
)

// DoubledHeadline finds a title written twice in a row on one line, the link
// text of a related article followed by its title attribute (DEFECTS.md
// family 1).
var DoubledHeadline = &lint.Rule{
	ID:       "doubled-headline",
	Family:   "1",
	Severity: lint.Warning,
	Summary:  "a title written twice in a row on one line: X X",
	Doc: `Related-article links carry their title twice, as the link's text and as its
title attribute, and scrapers that flatten the page print both: "Giá lúa gạo
tăng nhẹ Giá lúa gạo tăng nhẹ". The line reads as a stammer and doubles the
title's weight in counts and search.

A line is reported when it starts (after white space and a list-markers
bullet such as "- ·" or "•") with a run of at least min-words words that is
repeated at once: after one space, or glued to the first copy with no space
("...Trung QuốcTăng cường..."). Whatever follows the second copy (the
article's teaser, on the same line) is left alone, as long as the second copy
ends where a word ends. Case counts: "Hà Nội ơi, hà nội ơi" is not a copy,
a repeat that starts inside a line is not a doubled title, and neither is a
run that ends with a full stop, an exclamation mark or an ellipsis or holds
a full stop ("Cố lên Việt Nam! Cố lên Việt Nam!" is a chant, not a link).`,
	Before: "Giá lúa gạo tăng nhẹ sau phiên điều chỉnh Giá lúa gạo tăng nhẹ sau phiên điều chỉnh\n",
	After:  "Giá lúa gạo tăng nhẹ sau phiên điều chỉnh\n",
	Fix:    lint.SafeFix,
	FixDoc: `Safe: the second copy is deleted together with the space (if any) that
joined it to the first; the first copy and whatever follows the second stay
byte for byte.`,
	Options: []lint.Option{
		{Name: "min-words", Default: 5, Doc: "fewest words (syllables in Vietnamese) a doubled title must have; short phrases repeat for rhetorical reasons"},
	},
	Lexicons: []string{"list-markers"},
	Run:      runDoubledHeadline,
}

func runDoubledHeadline(p *lint.Pass) {
	d := p.Doc
	minWords := p.Int("min-words")
	markers := p.Lexicon("list-markers").Literals
	for _, l := range d.Lines() {
		start := titleStart(d.Text, l, markers)
		line := strings.TrimRightFunc(d.Text[start:l.End], unicode.IsSpace)
		title, second, ok := doubledPrefix(line, minWords)
		if !ok {
			continue
		}
		end := start + second + len(title)
		p.ReportFix(start, end, lint.Safe, []lint.Edit{{Start: start + len(title), End: end}},
			"the title %q is written twice in a row; keep one copy", shorten(title, 60))
	}
}

// titleStart returns where a line's possible title begins: after leading
// white space and one list bullet.
func titleStart(text string, l lint.Line, markers []string) int {
	i := l.Start
	for i < l.End && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	for _, m := range markers {
		if strings.HasPrefix(text[i:l.End], m) {
			i += len(m)
			for i < l.End && (text[i] == ' ' || text[i] == '\t') {
				i++
			}
			break
		}
	}
	return i
}

// doubledPrefix looks for the shortest title of at least minWords words that
// line starts with and that is repeated right after it, joined by one space
// or glued. It returns the title and the offset of its second copy.
func doubledPrefix(line string, minWords int) (title string, second int, ok bool) {
	first, _, _ := strings.Cut(line, " ")
	// A title is at most half the line, so its second copy starts by
	// len(line)/2+1 (after the joining space): the search need not read
	// the rest.
	return doubledPrefixBefore(line, minWords, min(len(line), len(line)/2+1+len(first)))
}

// doubledPrefixBefore is doubledPrefix looking for the second copy in
// line[:limit].
func doubledPrefixBefore(line string, minWords, limit int) (title string, second int, ok bool) {
	first, _, _ := strings.Cut(line, " ")
	if first == "" || !startsUpper(first) {
		return "", 0, false
	}
	for k := len(first); 2*k <= len(line)+1; {
		i := strings.Index(line[k:limit], first)
		if i < 0 {
			break
		}
		k += i
		title = line[:k]
		if line[k-1] == ' ' {
			title = line[:k-1]
		}
		if 2*len(title) > len(line) {
			break
		}
		if strings.HasPrefix(line[k:], title) && copyEndsWord(line, k+len(title)) &&
			wordCount(title, minWords) >= minWords && titleShaped(title) {
			return title, k, true
		}
		k += len(first)
	}
	return "", 0, false
}

// copyEndsWord reports whether the second copy, ending at offset end, ends
// where a word ends: at the end of the line, before a space or punctuation,
// or before a capital that starts a glued teaser. A copy that runs on into a
// lower-case letter or a digit is a prefix of a longer word, not a copy.
func copyEndsWord(line string, end int) bool {
	if end == len(line) {
		return true
	}
	if !utf8.RuneStart(line[end]) {
		return false // the copy ends inside a (malformed) character
	}
	next, _ := utf8.DecodeRuneInString(line[end:])
	return !unicode.IsLower(next) && !unicode.IsDigit(next)
}

// titleShaped reports whether a repeated run can be a title: one phrase, not
// ending like a statement or an exclamation. "Cố lên Việt Nam! Cố lên Việt
// Nam!" is a chant the article quotes, a run holding a full stop is
// sentences, and a run of numbers is a table's row; a title may end with a
// question mark.
func titleShaped(title string) bool {
	last, _ := utf8.DecodeLastRuneInString(title)
	return !strings.ContainsRune(" .!…", last) && !strings.Contains(title, ". ") &&
		strings.IndexFunc(title, unicode.IsLetter) >= 0
}

// shorten cuts s to at most n characters for a message, marking the cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := 0; k < n; k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return fastutf8.TrimSpace(s[:i]) + "…"
}
