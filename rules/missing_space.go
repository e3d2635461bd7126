package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/lint"
)

// MissingSpace finds two words glued together where a scraper dropped the
// space at a block boundary or around a link (DEFECTS.md family 9).
var MissingSpace = &lint.Rule{
	ID:       "missing-space",
	Family:   "4",
	Severity: lint.Warning,
	Summary:  "two words glued together where the space between them was dropped",
	Doc: `When a scraper drops the boundary between two blocks, or the space around a
link's text, two words run together: "trong nămHà Nội", "theo báo cáo
củaWHO". Search misses both words and counts go wrong.

The rule reports a word with a lowercase letter followed by an uppercase one
inside it when the document's own text shows it is two words: both halves
are words the document uses on their own, the glued form occurs nowhere else
in it, and the document never writes the halves with a dash between them
(that is missing-dash's case). The first half must be at least two letters
and the second a capitalised word or an acronym. So camel-case names stay:
"iPhone" and "eBay" (one-letter first half), "VietnamPlus" or "HoSE" unless
the document also uses both halves alone, and any name listed in the
lexicon camel-case-names. A first half that is itself capitalised
("NộiĐà") counts only when the word has a letter outside ASCII, since
brands glue capitalised ASCII words on purpose ("PowerPoint"). Roman
numerals ("khóaXV") and words inside URLs, e-mail addresses and codes are
left alone.`,
	Before: "Theo báo cáo củaWHO, đại diện của WHO cho biết.",
	After:  "Theo báo cáo của WHO, đại diện của WHO cho biết.",
	Fix:    lint.UnsafeFix,
	FixDoc: `Unsafe: a space is inserted between the two halves. The statistics of one
document can mistake a rare brand name for two words, so a person should
look at the change.`,
	Lexicons: []string{"camel-case-names"},
	Run:      runMissingSpace,
}

func runMissingSpace(p *lint.Pass) {
	text := p.Doc.Text
	if lowerUpper, _ := caseShapes(p.Doc); !lowerUpper {
		return
	}
	names := p.Lexicon("camel-case-names")
	known := lexiconSet(names)
	words := documentWords(p.Doc)
	// The document's vocabulary is counted only once a word is a
	// candidate: most documents with the shape have none ("iPhone").
	var vocab map[string]int
	var dashed *dashedPairs
	for _, w := range words {
		token := text[w.Start:w.End]
		at, ok := gluedWordSplit(text, w)
		if !ok || known[token] || matchesAny(names.Patterns, token) || inCode(text, w) {
			continue
		}
		if vocab == nil {
			vocab = make(map[string]int, len(words)/2)
			for _, w := range words {
				vocab[text[w.Start:w.End]]++
			}
		}
		left, right := token[:at-w.Start], token[at-w.Start:]
		if vocab[token] > 1 || !usedAlone(vocab, left) || vocab[right] == 0 {
			continue
		}
		if dashed == nil {
			d := collectDashedPairs(text, 4)
			dashed = &d
		}
		if _, ok := dashed.glued[token]; ok {
			continue
		}
		p.ReportFix(w.Start, w.End, lint.Unsafe, []lint.Edit{{Start: at, End: at, NewText: " "}},
			"%q looks like %q with the space dropped: the document uses both words on their own", token, left+" "+right)
	}
}

// gluedWordSplit returns where word w splits into a lowercase-ending first
// half of two or more letters and a capitalised word or acronym, when it
// changes from lower to upper case exactly once.
func gluedWordSplit(text string, w word) (int, bool) {
	// The case-shape scan says by table look-ups whether the word changes
	// from lower to upper case at all; most words of a document with the
	// shape do not, and caseChange decodes every character.
	if !scanTextShape(text[w.Start:w.End]).lowerUpper {
		return 0, false
	}
	changes := caseChange(text, w, unicode.IsLower, unicode.IsUpper)
	if len(changes) != 1 {
		return 0, false
	}
	at := changes[0]
	left, right := text[w.Start:at], text[at:w.End]
	if utf8.RuneCountInString(left) < 2 || !plainWord(left) {
		return 0, false
	}
	if isCapitalised(left) && isASCII(text[w.Start:w.End]) {
		return 0, false
	}
	if !isCapitalisedWord(right) && !isAcronym(right) {
		return 0, false
	}
	return at, true
}

// plainWord reports whether s is lowercase after its first letter.
func plainWord(s string) bool {
	for i, r := range s {
		if i > 0 && unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isAcronym reports whether s is two or more uppercase letters that are not
// all Roman numeral digits ("WHO", not "XV").
func isAcronym(s string) bool {
	if utf8.RuneCountInString(s) < 2 || strings.Trim(s, romanDigits) == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) && !isMark(r) {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// usedAlone reports whether the document uses w as a word of its own, as
// written or with its first letter in the other case (a sentence may start
// with it).
func usedAlone(vocab map[string]int, w string) bool {
	if vocab[w] > 0 {
		return true
	}
	r, size := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return vocab[string(unicode.ToLower(r))+w[size:]] > 0
	}
	return vocab[string(unicode.ToUpper(r))+w[size:]] > 0
}
