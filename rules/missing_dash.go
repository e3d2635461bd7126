package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/lint"
)

// MissingDash finds names whose dash a scraper dropped (DEFECTS.md family 4).
var MissingDash = &lint.Rule{
	ID:       "missing-dash",
	Family:   "4",
	Severity: lint.Warning,
	Summary:  "a dash dropped between two names: an uppercase letter glued to the next word, or a pair the document writes with a dash elsewhere",
	Doc: `Scrapers that strip dashes glue the halves of a compound name together
("châu ÁThái Bình Dương" for "châu Á-Thái Bình Dương") or leave two names side
by side ("Tuyên bố chung Việt Nam Trung Quốc" in an article that elsewhere
writes "Việt Nam - Trung Quốc"). Search, entity extraction and readers all
stumble on the result.

The rule reports three shapes, each decided from the document's own text:
- a word made of one uppercase letter glued to a capitalised word ("ÁThái",
  "TShirt"), unless the document writes the two apart with a space (then the
  space, not a dash, is missing), the letter is a stop word ("A" in English)
  or it may be a Roman numeral ("VĐảng");
- a glued word whose halves the document writes elsewhere with a dash
  ("ĐộThái" beside "Ấn Độ-Thái Bình Dương");
- two runs of capitalised words side by side that the document writes
  elsewhere with a dash between them ("Việt Nam Trung Quốc" beside
  "Việt Nam - Trung Quốc").
Brand names written in camel case (lexicon camel-case-names: "KBank",
"VietnamPlus"), acronyms ("TTXVN", "VH-TT&DL") and words inside a URL, an
e-mail address or a code are never reported.`,
	Before: "Ông phụ trách khu vực châu ÁThái Bình Dương.",
	After:  "Ông phụ trách khu vực châu Á-Thái Bình Dương.",
	Fix:    lint.SafeFix,
	FixDoc: `Safe: the dash goes back between the two halves, written as the document
writes it elsewhere (" - " or "-"; a plain "-" for a glued capital letter).
Nothing else changes.`,
	Options: []lint.Option{
		{Name: "max-name-words", Default: 4, Doc: "most capitalised words on each side of a dash that make up a name"},
	},
	Lexicons: []string{"camel-case-names", "stop-words"},
	Run:      runMissingDash,
}

// dashedPair is how the document writes two names joined by a dash: split
// is where the first name ends in the undashed form, sep the dash with its
// spaces as written.
type dashedPair struct {
	split int
	sep   string
	shown string
}

// dashedPairs indexes the dashed pairs of a document by their undashed
// forms: spaced "Việt Nam Trung Quốc" and glued "NamTrung".
type dashedPairs struct {
	spaced, glued map[string]dashedPair
}

func runMissingDash(p *lint.Pass) {
	text := p.Doc.Text
	pairs := collectDashedPairs(text, p.Int("max-name-words"))
	// A pair is reported only where the document also writes it without
	// its dash, and most documents that have dashed pairs write them
	// dashed alone: a search for each form is cheaper than reading every
	// word of the text, which is what the checks below do.
	_, upperUpperLower := caseShapes(p.Doc)
	findGlued := upperUpperLower || occursIn(text, pairs.glued)
	findSpaced := occursIn(text, pairs.spaced)
	if !findGlued && !findSpaced {
		return
	}
	words := documentWords(p.Doc)
	if findGlued {
		checkGluedWords(p, words, pairs)
	}
	if findSpaced {
		checkSpacedPairs(p, words, pairs)
	}
}

// checkGluedWords reports words that are a dashed pair's halves glued
// together, or one uppercase letter glued to a capitalised word.
func checkGluedWords(p *lint.Pass, words []word, pairs dashedPairs) {
	text := p.Doc.Text
	names := p.Lexicon("camel-case-names")
	var known, apart map[string]bool
	var stop *wordSet
	for _, w := range words {
		// Most words start with a lowercase letter and can be neither.
		if !isCapitalised(text[w.Start:w.End]) {
			continue
		}
		token := text[w.Start:w.End]
		pair, glued := pairs.glued[token]
		letter, capital := gluedCapital(token)
		if !glued && !capital {
			continue
		}
		if known == nil {
			known, stop, apart = lexiconSet(names), stopWordSet(p.Lexicon("stop-words")), map[string]bool{}
		}
		if known[token] || matchesAny(names.Patterns, token) || inCode(text, w) {
			continue
		}
		if glued {
			at := w.Start + pair.split
			p.ReportFix(w.Start, w.End, lint.Safe, []lint.Edit{{Start: at, End: at, NewText: pair.sep}},
				"%q is written %q elsewhere in the document; the dash is missing", token, pair.shown)
			continue
		}
		if stop.has(lowerHash(letter)) || writtenApart(text, letter, token, apart) {
			continue
		}
		at := w.Start + len(letter)
		p.ReportFix(w.Start, w.End, lint.Safe, []lint.Edit{{Start: at, End: at, NewText: "-"}},
			"%q looks like %q with its dash dropped", token, letter+"-"+token[len(letter):])
	}
}

// maxSearchedForms bounds the searches occursIn makes in one text: past it
// reading the text's words once is cheaper.
const maxSearchedForms = 16

// occursIn reports whether one of forms occurs in text, or there are too
// many to search for each.
func occursIn(text string, forms map[string]dashedPair) bool {
	if len(forms) > maxSearchedForms {
		return true
	}
	for f := range forms {
		if strings.Contains(text, f) {
			return true
		}
	}
	return false
}

// writtenApart reports whether text has token's letter and the rest of it
// written with a space between them ("Á Thái" for "ÁThái"), remembering the
// answer in seen: it is a search of the whole text, and a long document
// repeats its glued names.
func writtenApart(text, letter, token string, seen map[string]bool) bool {
	apart, ok := seen[token]
	if !ok {
		apart = strings.Contains(text, letter+" "+token[len(letter):])
		seen[token] = apart
	}
	return apart
}

// gluedCapital reports whether token is one uppercase letter, not a Roman
// numeral digit, glued to a capitalised word ("ÁThái"), and returns the
// letter. The document may still write the two apart with a space, in
// which case the space, not a dash, is what is missing.
func gluedCapital(token string) (string, bool) {
	first, size := utf8.DecodeRuneInString(token)
	if !unicode.IsUpper(first) || strings.ContainsRune(romanDigits, first) || !isCapitalisedWord(token[size:]) {
		return "", false
	}
	return token[:size], true
}

// romanDigits are the letters of Roman numerals: "Đại hội VĐảng" lost a
// space after the numeral, not a dash.
const romanDigits = "IVXLCDM"

// isCapitalisedWord reports whether s is an uppercase letter followed by at
// least one letter, all lowercase: "Thái", not "TTXVN" or "CMSx".
func isCapitalisedWord(s string) bool {
	lower := 0
	for i, r := range s {
		switch {
		case i == 0:
			if !unicode.IsUpper(r) {
				return false
			}
		case isMark(r):
		case unicode.IsLower(r):
			lower++
		default:
			return false
		}
	}
	return lower > 0
}

// checkSpacedPairs reports runs of capitalised words that the document
// writes elsewhere with a dash inside.
func checkSpacedPairs(p *lint.Pass, words []word, pairs dashedPairs) {
	text := p.Doc.Text
	for a := 0; a < len(words); {
		if !isCapitalised(text[words[a].Start:]) {
			a++
			continue
		}
		b := a + 1
		for b < len(words) && isCapitalised(text[words[b].Start:]) && text[words[b-1].End:words[b].Start] == " " {
			b++
		}
		if b-a >= 2 {
			reportSpacedPairs(p, words[a:b], pairs)
		}
		a = b
	}
}

// reportSpacedPairs reports each sub-run of run that is a dashed pair
// written without its dash, the longest first, without overlaps.
func reportSpacedPairs(p *lint.Pass, run []word, pairs dashedPairs) {
	text := p.Doc.Text
	for a := 0; a+1 < len(run); {
		next := a + 1
		for b := len(run); b >= a+2; b-- {
			start, end := run[a].Start, run[b-1].End
			pair, ok := pairs.spaced[text[start:end]]
			if !ok || dashAt(text, end) {
				continue
			}
			at := start + pair.split
			p.ReportFix(start, end, lint.Safe, []lint.Edit{{Start: at, End: at + 1, NewText: pair.sep}},
				"%q is written %q elsewhere in the document; the dash is missing", text[start:end], pair.shown)
			next = b
			break
		}
		a = next
	}
}

// dashAt reports whether text continues at i with a dash, so that a pair
// found there is the start of a longer dashed name.
func dashAt(text string, i int) bool {
	rest := strings.TrimPrefix(text[i:], " ")
	return strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "–")
}

// collectDashedPairs finds every dash of text between two capitalised names
// ("Á-Thái Bình Dương", "Việt Nam - Trung Quốc").
func collectDashedPairs(text string, maxWords int) dashedPairs {
	pairs := dashedPairs{}
	for _, dash := range []string{"-", "–"} {
		for i := 0; i < len(text); {
			k := strings.Index(text[i:], dash)
			if k < 0 {
				break
			}
			at := i + k
			i = at + len(dash)
			pairs.add(text, at, dash, maxWords)
		}
	}
	return pairs
}

// add records the pair around the dash at offset at, if it is between two
// capitalised names.
func (pairs *dashedPairs) add(text string, at int, dash string, maxWords int) {
	i := at + len(dash)
	lEnd, rStart, sep := at, i, dash
	if at > 0 && i < len(text) && text[at-1] == ' ' && text[i] == ' ' {
		lEnd, rStart, sep = at-1, i+1, " "+dash+" "
	}
	ls := capitalisedRunBefore(text, lEnd, maxWords)
	re := capitalisedRunAfter(text, rStart, maxWords)
	if ls < 0 || re < 0 {
		return
	}
	if pairs.spaced == nil {
		*pairs = dashedPairs{spaced: map[string]dashedPair{}, glued: map[string]dashedPair{}}
	}
	shown := text[ls:re]
	pairs.spaced[text[ls:lEnd]+" "+text[rStart:re]] = dashedPair{split: lEnd - ls, sep: sep, shown: shown}
	lw := lastWordStart(text, ls, lEnd)
	fw := firstWordEnd(text, rStart, re)
	pairs.glued[text[lw:lEnd]+text[rStart:fw]] = dashedPair{split: lEnd - lw, sep: sep, shown: text[lw:lEnd] + sep + text[rStart:fw]}
}

// capitalisedRunBefore returns where the run of at most maxWords capitalised
// words that ends at end starts (words joined by one space), or -1.
func capitalisedRunBefore(text string, end, maxWords int) int {
	start := -1
	for n := 0; n < maxWords; n++ {
		ws := end
		for ws > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:ws])
			if !isWordRune(r) {
				break
			}
			ws -= size
		}
		if ws == end || wordRuneBefore(text, ws) || !isCapitalised(text[ws:end]) {
			break
		}
		start = ws
		if ws < 2 || text[ws-1] != ' ' {
			break
		}
		end = ws - 1
	}
	return start
}

// capitalisedRunAfter returns where the run of at most maxWords capitalised
// words that starts at start ends, or -1.
func capitalisedRunAfter(text string, start, maxWords int) int {
	end := -1
	for n := 0; n < maxWords; n++ {
		we := start
		for we < len(text) {
			r, size := utf8.DecodeRuneInString(text[we:])
			if !isWordRune(r) {
				break
			}
			we += size
		}
		if we == start || wordRuneAt(text, we) || !isCapitalised(text[start:we]) {
			break
		}
		end = we
		if we+1 >= len(text) || text[we] != ' ' {
			break
		}
		start = we + 1
	}
	return end
}

func lastWordStart(text string, start, end int) int {
	if i := strings.LastIndexByte(text[start:end], ' '); i >= 0 {
		return start + i + 1
	}
	return start
}

func firstWordEnd(text string, start, end int) int {
	if i := strings.IndexByte(text[start:end], ' '); i >= 0 {
		return start + i
	}
	return end
}

// lexiconSet returns the literals of lex as a set, for looking up whole
// words; built once per lexicon (fixed once a run starts), not per
// document. The set must not be modified.
func lexiconSet(lex *lint.Lexicon) map[string]bool {
	return lexiconSets.get(lex.Key(), func() map[string]bool {
		set := make(map[string]bool, len(lex.Literals))
		for _, l := range lex.Literals {
			set[l] = true
		}
		return set
	})
}

var lexiconSets derived[lint.LexiconKey, map[string]bool]

// inCode reports whether word w is part of a URL, an e-mail address, a
// hashtag, a file name or an identifier: the run of non-space characters
// around it holds "://", "@", "#", "_", "/", a digit, or a dot between
// letters.
func inCode(text string, w word) bool {
	start, end := w.Start, w.End
	for start > 0 && !isSpaceByte(text[start-1]) {
		start--
	}
	for end < len(text) && !isSpaceByte(text[end]) {
		end++
	}
	chunk := text[start:end]
	if strings.ContainsAny(chunk, "@#_/\\0123456789=&") {
		return true
	}
	for i := strings.IndexByte(chunk, '.'); i >= 0; {
		if i+1 < len(chunk) && wordRuneAt(chunk, i+1) {
			return true
		}
		next := strings.IndexByte(chunk[i+1:], '.')
		if next < 0 {
			break
		}
		i += next + 1
	}
	return false
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
