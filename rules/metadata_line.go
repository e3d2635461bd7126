package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/internal/fastutf8"
	"github.com/scrapelint/scrapelint/lint"
)

// MetadataLine finds lines that hold a page's metadata (a date, a timestamp,
// a section or a byline with its timestamp) inside the article's text
// (DEFECTS.md family 5).
var MetadataLine = &lint.Rule{
	ID:       "metadata-line",
	Family:   "5",
	Severity: lint.Info,
	Summary:  "a line that is the page's date, timestamp, or section or byline with a timestamp",
	Doc: `Scrapers keep the date line printed under a headline ("12:28 | 28/04/2022",
"18/10/2024", "Thời sự 10/01/2024 21:00", "By Jane Doe | Oct 18, 2024 10:30
AM") as if it were a paragraph. An import wants it as a field (the message
carries the parsed date and time, in ISO form), not as body text.

A line is reported when, once its dates, times, e-mail addresses and the
words of the metadata-labels lexicon ("Cập nhật", "Thứ Sáu", "GMT+7",
"Updated") are set aside, what is left is:
  nothing                a date or timestamp line
  a section              a name from metadata-sections ("Thời sự", "World")
  a byline               a name after a metadata-bylines word ("Theo", "By")
                         of at most max-byline-words words
  a short heading        at most max-words words starting with a capital,
                         before or after a date that has a time
                         ("Bộ Công an 10/01/2024 21:00")
The line must have a date with a year; it must not end a sentence; and it
must be at most max-length characters. A date inside a sentence, a caption
"(Ảnh: ...)", a source line "Theo TTXVN" and a plain byline are not reported.
Numeric dates are read day first ("date-order: auto" falls back to month
first when the day-first reading is impossible); set date-order to mdy for
American pages.`,
	Before: "12:28 | 28/04/2022\nBộ trưởng tiếp đoàn công tác của EU.\n",
	After:  "Bộ trưởng tiếp đoàn công tác của EU.\n",
	Fix:    lint.UnsafeFix,
	FixDoc: `Unsafe: the line is deleted with its line break. The value is worth keeping
as a field, so take it from the message (or the JSON report) first; the fix
is applied only with --unsafe-fixes.`,
	Options: []lint.Option{
		{Name: "max-length", Default: 80, Doc: "longest line, in characters, that can be a metadata line"},
		{Name: "max-words", Default: 3, Doc: "most words of a heading (section or source) beside a timestamp that no lexicon names"},
		{Name: "max-byline-words", Default: 6, Doc: "most words of a byline after a metadata-bylines word"},
		{Name: "date-order", Default: "auto", Doc: "how numeric dates are read: mdy, or auto (day first unless impossible); any other value reads day first only"},
	},
	Lexicons: []string{"metadata-labels", "metadata-sections", "metadata-bylines"},
	Run:      runMetadataLine,
}

// span is a stretch of a line that holds a recognised value.
type span struct{ start, end int }

// stamp is what a metadata line says.
type stamp struct {
	date, clock string // "2024-10-18", "21:00"
	spans       []span
	email       string
}

var (
	monthNames = func() string {
		var names []string
		for m := time.January; m <= time.December; m++ {
			names = append(names, m.String(), m.String()[:3])
		}
		return strings.Join(append(names, "Sept"), "|")
	}()
	// Each pattern's groups are read by its reader in dateFormats.
	isoDate   = regexp.MustCompile(`(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`)
	numDate   = regexp.MustCompile(`(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4})`)
	textDate1 = regexp.MustCompile(`(?i)\b(` + monthNames + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`)
	textDate2 = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthNames + `)\.?,?\s+(\d{4})`)
	viDate    = regexp.MustCompile(`(?i)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm|,)?\s+(\d{4})`)
	clockTime = regexp.MustCompile(`(?i)(\d{1,2})[:h.](\d{2})(?::\d{2})?(?:\s*([ap])\.?\s?m\.?)?(?:\s*\(?(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\)?)?`)
	email     = regexp.MustCompile(`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`)
)

func runMetadataLine(p *lint.Pass) {
	d := p.Doc
	maxLen := p.Int("max-length")
	var lex *metadataLexicons
	for i, l := range d.Lines() {
		line := d.LineText(l)
		if len(line) > 4*maxLen || !hasFourDigits(line) {
			continue
		}
		content := fastutf8.TrimSpace(line)
		if utf8.RuneCountInString(content) > maxLen {
			continue
		}
		st, ok := findStamp(content, p.String("date-order"))
		if !ok {
			continue
		}
		if lex == nil {
			lex = newMetadataLexicons(p)
		}
		what, ok := classify(content, st, lex, p)
		if !ok {
			continue
		}
		lead := strings.Index(line, content)
		p.ReportFix(l.Start+lead, l.Start+lead+len(content), lint.Unsafe, []lint.Edit{deleteLine(d, i)},
			"line holds only page metadata: %s", what)
	}
}

// hasFourDigits reports whether s has four ASCII digits in a row. Every
// date format ends in a four-digit year, so a line without them cannot be
// a stamp, and the date patterns need not run on it: most lines with a
// digit hold a number, not a date.
func hasFourDigits(s string) bool {
	// A run of four holds one of every fourth byte: only the digits
	// there are looked around.
	for k := 3; k < len(s); k += 4 {
		if !isDigit(s[k]) {
			continue
		}
		run := 1
		for i := k - 1; i >= 0 && i >= k-3 && isDigit(s[i]); i-- {
			run++
		}
		for j := k + 1; j < len(s) && j <= k+3 && isDigit(s[j]); j++ {
			run++
		}
		if run >= 4 {
			return true
		}
	}
	return false
}

// findStamp finds the first valid date of line and the first time outside
// it, with the spans of every date, time and e-mail address.
func findStamp(line, order string) (stamp, bool) {
	var st stamp
	taken := func(s, e int) bool {
		for _, sp := range st.spans {
			if s < sp.end && sp.start < e {
				return true
			}
		}
		return false
	}
	clues := dateCluesOf(line)
	for _, f := range dateFormats {
		if clues&f.needs != f.needs {
			continue
		}
		for _, m := range f.re.FindAllStringSubmatchIndex(line, -1) {
			if taken(m[0], m[1]) || !dateBoundary(line, m[0], m[1]) {
				continue
			}
			date, clock, ok := f.read(line, m, order)
			if !ok {
				continue
			}
			st.spans = append(st.spans, span{m[0], m[1]})
			if st.date == "" {
				st.date = date
			}
			if st.clock == "" {
				st.clock = clock
			}
		}
	}
	if st.date == "" {
		return st, false
	}
	for _, m := range clockTime.FindAllStringSubmatchIndex(line, -1) {
		if taken(m[0], m[1]) || !timeBoundary(line, m[0], m[1]) {
			continue
		}
		h, _ := strconv.Atoi(line[m[2]:m[3]])
		mi, _ := strconv.Atoi(line[m[4]:m[5]])
		if m[6] >= 0 {
			if h < 1 || h > 12 {
				continue
			}
			h %= 12
			if line[m[6]] == 'p' || line[m[6]] == 'P' {
				h += 12
			}
		}
		if h > 23 || mi > 59 {
			continue
		}
		st.spans = append(st.spans, span{m[0], m[1]})
		if st.clock == "" {
			st.clock = fmt.Sprintf("%02d:%02d", h, mi)
		}
	}
	for _, m := range email.FindAllStringIndex(line, -1) {
		if !taken(m[0], m[1]) {
			st.spans = append(st.spans, span{m[0], m[1]})
			st.email = line[m[0]:m[1]]
		}
	}
	return st, true
}

// dateFormat is one way of writing a date, and how to read its groups.
type dateFormat struct {
	re *regexp.Regexp
	// needs is what every match of re has; on a line without it re is not
	// run. A pattern costs thousands of instructions a line, and most
	// lines with a year hold no date of most formats.
	needs dateClues
	read  func(line string, m []int, order string) (date, clock string, ok bool)
}

var dateFormats = []dateFormat{
	{isoDate, yearBeforeDash, func(line string, m []int, _ string) (string, string, bool) {
		date, ok := isoOf(group(line, m, 1), group(line, m, 2), group(line, m, 3))
		clock := ""
		if m[8] >= 0 {
			h, mi := atoi(group(line, m, 4)), atoi(group(line, m, 5))
			if h > 23 || mi > 59 {
				return "", "", false
			}
			clock = fmt.Sprintf("%02d:%02d", h, mi)
		}
		return date, clock, ok
	}},
	{numDate, yearAfterSeparator, func(line string, m []int, order string) (string, string, bool) {
		if group(line, m, 2) != group(line, m, 4) {
			return "", "", false
		}
		a, b, y := group(line, m, 1), group(line, m, 3), group(line, m, 5)
		if order == "mdy" {
			date, ok := isoOf(y, a, b)
			return date, "", ok
		}
		if date, ok := isoOf(y, b, a); ok {
			return date, "", true
		}
		if order == "auto" {
			date, ok := isoOf(y, a, b)
			return date, "", ok
		}
		return "", "", false
	}},
	{textDate1, yearAfterBlank | monthName, func(line string, m []int, _ string) (string, string, bool) {
		date, ok := isoOf(group(line, m, 3), monthNumber(group(line, m, 1)), group(line, m, 2))
		return date, "", ok
	}},
	{textDate2, yearAfterBlank | monthName, func(line string, m []int, _ string) (string, string, bool) {
		date, ok := isoOf(group(line, m, 3), monthNumber(group(line, m, 2)), group(line, m, 1))
		return date, "", ok
	}},
	{viDate, yearAfterBlank | thangWord, func(line string, m []int, _ string) (string, string, bool) {
		date, ok := isoOf(group(line, m, 3), group(line, m, 2), group(line, m, 1))
		return date, "", ok
	}},
}

// dateClues is what a line has of what the date formats' matches need,
// read once a line for all of them.
type dateClues uint8

const (
	yearBeforeDash     dateClues = 1 << iota // four digits, then - or /
	yearAfterSeparator                       // / . or -, then four digits
	yearAfterBlank                           // a blank (\s), then four digits
	monthName                                // a month's first three letters, in any case
	thangWord                                // "tháng" in any case
)

func dateCluesOf(line string) dateClues {
	var c dateClues
	for i := 0; i < len(line); {
		if !isDigit(line[i]) {
			i++
			continue
		}
		// Only the ends of a run of digits can touch another byte: the
		// byte beside any other four is a digit.
		start := i
		for i < len(line) && isDigit(line[i]) {
			i++
		}
		if i-start < 4 {
			continue
		}
		if start > 0 {
			switch line[start-1] {
			case '/', '.', '-':
				c |= yearAfterSeparator
			case ' ', '\t', '\n', '\f', '\r':
				c |= yearAfterBlank
			}
		}
		if i < len(line) && (line[i] == '-' || line[i] == '/') {
			c |= yearBeforeDash
		}
	}
	if c&yearAfterBlank != 0 {
		if mayHaveMonthName(line) {
			c |= monthName
		}
		if containsFold(line, "tháng") {
			c |= thangWord
		}
	}
	return c
}

// mayHaveMonthName reports whether line has the first three letters of a
// month's name in any case. (?i) also matches the long s (U+017F) for an
// s: a line with one is left to the pattern.
func mayHaveMonthName(line string) bool {
	if strings.Contains(line, "\u017f") {
		return true
	}
	for i := 0; i+3 <= len(line); i++ {
		// Setting 0x20 lower-cases an ASCII letter; what it does to
		// other bytes can only let a line through.
		switch string([]byte{line[i] | 0x20, line[i+1] | 0x20, line[i+2] | 0x20}) {
		case "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec":
			return true
		}
	}
	return false
}

// containsFold reports whether s holds word, which starts with an ASCII
// letter, under Unicode simple case folding, as a (?i) pattern matches it.
func containsFold(s, word string) bool {
	first := word[0] | 0x20
	for i := 0; i+len(word) <= len(s); i++ {
		if s[i]|0x20 == first && strings.EqualFold(s[i:i+len(word)], word) {
			return true
		}
	}
	return false
}

func group(line string, m []int, k int) string {
	if m[2*k] < 0 {
		return ""
	}
	return line[m[2*k]:m[2*k+1]]
}

func monthNumber(name string) string {
	for mo := time.January; mo <= time.December; mo++ {
		if strings.EqualFold(name, mo.String()) || strings.EqualFold(name, mo.String()[:3]) {
			return strconv.Itoa(int(mo))
		}
	}
	return "9" // "Sept"
}

// isoOf checks a calendar date and writes it as YYYY-MM-DD.
func isoOf(year, month, day string) (string, bool) {
	y, mo, d := atoi(year), atoi(month), atoi(day)
	if y < 1900 || y > 2099 || mo < 1 || mo > 12 || d < 1 {
		return "", false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false // 31/02
	}
	return t.Format("2006-01-02"), true
}

// dateBoundary rejects a date that is part of a longer number or code:
// "1.10.1.2024", "v18/10/2024", "18/10/20245".
func dateBoundary(line string, s, e int) bool {
	if s > 0 {
		c := line[s-1]
		if asciiAlnum(c) || c == '/' || c == '.' || c == '-' {
			return false
		}
	}
	if e < len(line) {
		c := line[e]
		if isDigit(c) || c == '/' || (c == '.' || c == '-') && e+1 < len(line) && isDigit(line[e+1]) {
			return false
		}
	}
	return true
}

// timeBoundary rejects "1:2:30" parts and scores such as "2:1".
func timeBoundary(line string, s, e int) bool {
	if s > 0 && (asciiAlnum(line[s-1]) || line[s-1] == ':') {
		return false
	}
	return e == len(line) || !isDigit(line[e]) && line[e] != ':'
}

// metadataLexicons are the lexicons as word sequences, prepared once per
// document that has a date line.
type metadataLexicons struct {
	labels, bylines, sections [][]string
	labelPatterns             []*regexp.Regexp
}

// newMetadataLexicons splits the lexicons' entries into words, once per set
// of lexicons: they are fixed once a run starts, and splitting them again
// for every document that has a timestamp cost as much as the rule's scan.
func newMetadataLexicons(p *lint.Pass) *metadataLexicons {
	key := [3]lint.LexiconKey{p.Lexicon("metadata-labels").Key(), p.Lexicon("metadata-bylines").Key(), p.Lexicon("metadata-sections").Key()}
	return metadataLexiconSets.get(key, func() *metadataLexicons { return splitMetadataLexicons(p) })
}

var metadataLexiconSets derived[[3]lint.LexiconKey, *metadataLexicons]

func splitMetadataLexicons(p *lint.Pass) *metadataLexicons {
	words := func(name string) [][]string {
		var out [][]string
		for _, lit := range p.Lexicon(name).Literals {
			out = append(out, metadataWords(lit))
		}
		return out
	}
	return &metadataLexicons{
		labels: words("metadata-labels"), bylines: words("metadata-bylines"), sections: words("metadata-sections"),
		labelPatterns: p.Lexicon("metadata-labels").Patterns,
	}
}

// metadataWords splits a line into words at white space and the separators
// metadata lines use ("|", "-", ",", "·", ":" ...); a word with no letter or
// digit (a lone ".") is dropped.
func metadataWords(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("|,;·•–—-()[]/:\"“”", r)
	})
	out := fields[:0]
	for _, f := range fields {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			out = append(out, f)
		}
	}
	return out
}

// classify decides whether a line with a date is a metadata line, and says
// what it holds.
func classify(line string, st stamp, lex *metadataLexicons, p *lint.Pass) (string, bool) {
	if endsSentence(line, st) {
		return "", false
	}
	before, after := residue(line, st)
	before, markedBefore, proseBefore := stripWords(before, lex)
	after, markedAfter, proseAfter := stripWords(after, lex)
	value := "date " + st.date
	if st.clock != "" {
		value = "timestamp " + st.date + " " + st.clock
	}
	if st.email != "" {
		value = fmt.Sprintf("e-mail %s, %s", st.email, value)
	}
	rest := append(append([]string(nil), before...), after...)
	name := strings.Join(rest, " ")
	switch {
	case len(rest) == 0:
		return value, true
	case hasPhrase(lex.sections, rest):
		return fmt.Sprintf("section %q, %s", name, value), true
	case (markedBefore || markedAfter || st.email != "") && len(rest) <= p.Int("max-byline-words") && nameLike(rest):
		return fmt.Sprintf("byline %q, %s", name, value), true
	case st.clock != "" && !proseBefore && !proseAfter && (len(before) == 0 || len(after) == 0) && len(rest) <= p.Int("max-words") && nameLike(rest):
		return fmt.Sprintf("section or source %q, %s", name, value), true
	}
	return "", false
}

// endsSentence reports whether the line ends like a sentence, past its last
// date or time ("... ngày 18/10/2024." is prose; "10:30 a.m." is not).
func endsSentence(line string, st stamp) bool {
	last := 0
	for _, sp := range st.spans {
		last = max(last, sp.end)
	}
	tail := fastutf8.TrimSpace(line[last:])
	return tail != "" && strings.ContainsAny(tail[len(tail)-1:], ".!?")
}

// residue returns the words of the line before its first recognised span,
// and the words after it (those between spans included).
func residue(line string, st stamp) (before, after []string) {
	first := len(line)
	blanked := []byte(line)
	for _, sp := range st.spans {
		first = min(first, sp.start)
		for k := sp.start; k < sp.end; k++ {
			blanked[k] = '|'
		}
	}
	return metadataWords(line[:first]), metadataWords(string(blanked[first:]))
}

// stripWords removes the label and byline words and phrases from words,
// longest first. It reports whether a byline word was among them, and
// whether a label was written in lower case, as a sentence writes "at 10:30
// on October 18" or "lúc 08:00 ngày 18/10".
func stripWords(words []string, lex *metadataLexicons) (out []string, byline, prose bool) {
	for i := 0; i < len(words); {
		if n := phraseAt(lex.labels, words, i); n > 0 {
			r, _ := utf8.DecodeRuneInString(words[i])
			prose = prose || unicode.IsLower(r)
			i += n
			continue
		}
		if n := phraseAt(lex.bylines, words, i); n > 0 {
			i += n
			byline = true
			continue
		}
		if matchesAny(lex.labelPatterns, words[i]) {
			i++
			continue
		}
		out = append(out, words[i])
		i++
	}
	return out, byline, prose
}

// phraseAt returns the length of the longest phrase of phrases that words
// holds at i, or 0.
func phraseAt(phrases [][]string, words []string, i int) int {
	best := 0
	for _, ph := range phrases {
		if len(ph) <= best || len(ph) == 0 || i+len(ph) > len(words) {
			continue
		}
		match := true
		for k, w := range ph {
			if !strings.EqualFold(words[i+k], w) {
				match = false
				break
			}
		}
		if match {
			best = len(ph)
		}
	}
	return best
}

func hasPhrase(phrases [][]string, words []string) bool {
	return phraseAt(phrases, words, 0) == len(words)
}

func matchesAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// nameLike reports whether words can be a name or a heading: capitalised
// first word, letters only (initials and "&" allowed).
func nameLike(words []string) bool {
	if r, _ := utf8.DecodeRuneInString(words[0]); !unicode.IsUpper(r) {
		return false
	}
	for _, w := range words {
		for _, r := range w {
			if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && !strings.ContainsRune(".&'’", r) {
				return false
			}
		}
	}
	return true
}
