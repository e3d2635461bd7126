package rules

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/lint"
)

// GluedDate finds two years written together because the dash between them
// was dropped (DEFECTS.md family 3).
var GluedDate = &lint.Rule{
	ID:       "glued-date",
	Family:   "3",
	Severity: lint.Error,
	Summary:  "two years, or a day, month and year, glued together where their separators were dropped",
	Doc: `Scrapers that strip dashes turn a year range into one eight-digit number:
"giai đoạn 20142020" for "giai đoạn 2014-2020". The number reads as nonsense,
and search and date extraction miss the range.

The rule reports a standalone eight-digit number whose halves are both
plausible years (1900 to 2099). Without a word that introduces a span of years
just before it (lexicon range-context: "từ", "giai đoạn", "nhiệm kỳ", "from",
"between" ...), the second year must follow the first by at most
max-span years, since ids and codes also have eight digits. Numbers inside a
URL, a code or an amount ("ID20202024", "12.000", "10.1.2024") are left
alone: the number must be a whole word.

After a date word (lexicon date-words: "ngày", "hôm", "sáng", "on",
"dated" ...), eight digits that read as a valid day, month and year
("ngày 15032021") are a date that lost its slashes, and are read so before
they are read as two years. The order of day and month is the option
date-order ("dmy" or "mdy"); the day must exist in that month of that year.`,
	Before: "Trong giai đoạn 20142020, ngành đã tăng trưởng.",
	After:  "Trong giai đoạn 2014-2020, ngành đã tăng trưởng.",
	Fix:    lint.SafeFix,
	FixDoc: `Safe: the dash is put back between the two years and nothing else changes.
A pair in reverse order ("20242020") is reported with no fix, since which digits
were swapped is a guess. A date gets its two slashes back ("15/03/2021"),
which restores the digits' grouping whichever order day and month are in.`,
	Options: []lint.Option{
		{Name: "max-span", Default: 15, Doc: "largest gap in years between the halves when no range word precedes the number"},
		{Name: "date-order", Default: "dmy", Doc: `how a glued date after a date word is read: "dmy" (15032021) or "mdy" (03152021)`},
	},
	Lexicons: []string{"range-context", "date-words"},
	Run:      runGluedDate,
}

func runGluedDate(p *lint.Pass) {
	text := p.Doc.Text
	maxSpan := p.Int("max-span")
	context := p.Lexicon("range-context")
	dateWords := p.Lexicon("date-words")
	monthFirst := p.String("date-order") == "mdy"
	for i, j := eightDigits(text, 0); i >= 0; i, j = eightDigits(text, j) {
		if standaloneNumber(text, i, j) {
			if !precededByAny(text, i, dateWords.Literals) || !checkGluedDay(p, i, j, monthFirst) {
				checkYearPair(p, i, j, maxSpan, context)
			}
		}
	}
}

// eightDigits returns the next run of exactly eight ASCII digits at or
// after from that starts there or after a non-digit: its bounds, or -1.
// It looks at every eighth byte, as a run of eight holds one of them, and
// reads a run's bytes only when it lands on a digit: digits are a few in a
// hundred bytes of news.
func eightDigits(text string, from int) (int, int) {
	for k := from + 7; k < len(text); {
		if !isDigit(text[k]) {
			k += 8
			continue
		}
		i, j := k, k+1
		for i > from && isDigit(text[i-1]) {
			i--
		}
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		if j-i == 8 {
			return i, j
		}
		// The next run starts after j's non-digit; its eighth byte is
		// j+8 at the nearest.
		k = j + 8
		from = j
	}
	return -1, -1
}

func checkYearPair(p *lint.Pass, start, end, maxSpan int, context *lint.Lexicon) {
	digits := p.Doc.Text[start:end]
	y1, y2 := atoi(digits[:4]), atoi(digits[4:])
	if !plausibleYear(y1) || !plausibleYear(y2) || y1 == y2 {
		return
	}
	ranged := precededByAny(p.Doc.Text, start, context.Literals)
	switch {
	case y1 < y2 && (ranged || y2-y1 <= maxSpan):
		p.ReportFix(start, end, lint.Safe, []lint.Edit{{Start: start + 4, End: start + 4, NewText: "-"}},
			"%q looks like the years %s-%s glued together; the dash is missing", digits, digits[:4], digits[4:])
	case y1 > y2 && ranged:
		p.Reportf(start, end, "%q looks like two glued years in reverse order (%s, %s); check the source", digits, digits[:4], digits[4:])
	}
}

// checkGluedDay reports text[start:end] as a date whose slashes were
// dropped when its digits are a valid date, and says whether it did.
func checkGluedDay(p *lint.Pass, start, end int, monthFirst bool) bool {
	digits := p.Doc.Text[start:end]
	day, month, year := atoi(digits[:2]), atoi(digits[2:4]), atoi(digits[4:])
	if monthFirst {
		day, month = month, day
	}
	if !validDate(day, month, year) {
		return false
	}
	slashed := digits[:2] + "/" + digits[2:4] + "/" + digits[4:]
	p.ReportFix(start, end, lint.Safe, []lint.Edit{
		{Start: start + 2, End: start + 2, NewText: "/"},
		{Start: start + 4, End: start + 4, NewText: "/"},
	}, "%q after a date word looks like the date %s with its slashes dropped", digits, slashed)
	return true
}

// validDate reports whether day/month/year exists, for a plausible year.
func validDate(day, month, year int) bool {
	if !plausibleYear(year) || month < 1 || month > 12 || day < 1 {
		return false
	}
	return day <= time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func plausibleYear(y int) bool { return y >= 1900 && y <= 2099 }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// standaloneNumber reports whether text[start:end] is a whole word: only
// opening punctuation before it and closing punctuation after it, up to the
// surrounding white space. So "(20142020)," counts and "ID20142020",
// "20142020.html" and "/2014/20142020" do not.
func standaloneNumber(text string, start, end int) bool {
	for i := start; i > 0; {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if unicode.IsSpace(r) {
			break
		}
		if !strings.ContainsRune("([\"“‘'", r) {
			return false
		}
		i -= size
	}
	for i := end; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			break
		}
		if !strings.ContainsRune(")]\"”’'.,;:!?", r) {
			return false
		}
		// A dot followed by a letter or digit is part of a file name or a
		// number ("20142020.html", "20142020.5").
		if r == '.' && i+size < len(text) {
			next, _ := utf8.DecodeRuneInString(text[i+size:])
			if unicode.IsLetter(next) || unicode.IsDigit(next) {
				return false
			}
		}
		i += size
	}
	return true
}

// precededByAny reports whether the words just before offset end (on the same
// line) are one of phrases, compared case-insensitively.
//
// It lower-cases only the line's last bytes before end, enough for the
// longest phrase and the character before it: a document written as one
// long line has thousands of numbers, and lower-casing the line up to each
// one cost the square of its length. When that tail might not answer as
// the whole line would (a phrase that starts where the tail was cut, or a
// tail shorter than a phrase once lower-cased), the whole line decides.
func precededByAny(text string, end int, phrases []string) bool {
	longest := 0
	for _, ph := range phrases {
		longest = max(longest, len(ph))
	}
	tEnd := len(strings.TrimRight(text[:end], phraseTrailers))
	from := max(0, tEnd-4*longest-2*utf8.UTFMax)
	cut := from > 0
	if nl := strings.LastIndexByte(text[from:tEnd], '\n'); nl >= 0 {
		from, cut = from+nl+1, false
	}
	for cut && from < tEnd && !utf8.RuneStart(text[from]) {
		from++
	}
	found, sure := endsWithPhrase(strings.ToLower(text[from:tEnd]), phrases, cut)
	if !sure {
		return precededByAnyInLine(text, end, phrases)
	}
	return found
}

// phraseTrailers may stand between a phrase and the number after it.
const phraseTrailers = " \t([\"“"

// precededByAnyInLine is precededByAny over the whole line before end.
func precededByAnyInLine(text string, end int, phrases []string) bool {
	lineStart := strings.LastIndexByte(text[:end], '\n') + 1
	found, _ := endsWithPhrase(strings.ToLower(strings.TrimRight(text[lineStart:end], phraseTrailers)), phrases, false)
	return found
}

// endsWithPhrase reports whether before (lower-cased) ends with one of
// phrases as whole words. With cut, before is the tail of a longer text,
// and sure is false when the answer might need what was cut off.
func endsWithPhrase(before string, phrases []string, cut bool) (found, sure bool) {
	for _, ph := range phrases {
		ph = strings.ToLower(ph)
		if cut && len(before) < len(ph)+utf8.UTFMax {
			return false, false
		}
		if !strings.HasSuffix(before, ph) {
			continue
		}
		k := len(before) - len(ph)
		if k == 0 {
			return !cut, !cut
		}
		if r, _ := utf8.DecodeLastRuneInString(before[:k]); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return true, true
		}
	}
	return false, true
}
