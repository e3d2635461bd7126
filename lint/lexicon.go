package lint

import (
	"math/bits"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/internal/fastutf8"
)

// LineMatcher answers whether a whole line is an entry of a lexicon: a
// literal, compared case-insensitively after trimming, or a pattern matching
// the whole trimmed line; for both, inner runs of blanks (tabs, no-break
// spaces) count as one space. Literals are one hash lookup per line, however
// many there are. A line is tried only against the patterns that can start
// with its first rune and have a match as long as the line: one
// alternation of every pattern made each line pay for the whole
// automaton's start (three times the rule's cost with thirty patterns),
// and most lines start with a rune no pattern starts with, or are longer
// than any widget.
type LineMatcher struct {
	literals map[string]bool
	// longest is the byte length of the longest literal: a longer line
	// cannot be one, and is not lower-cased to find out.
	longest  int
	patterns []linePattern
	// startsASCII has, for each ASCII character, bit i set when a line
	// starting with it may match pattern i (kept when there are at most
	// 64 patterns): every line of every document is tried, most start
	// with a letter few patterns can, and testing each pattern's first
	// runes in turn was most of the time spent on a line.
	startsASCII [utf8.RuneSelf]uint64
}

// linePattern is a pattern anchored at both ends, the runes a line it
// matches can start with, and its limits.
type linePattern struct {
	re     *regexp.Regexp
	first  runeSet
	limits PatternLimits
}

var (
	lineMatchers          sync.Map // *Lexicon -> *LineMatcher
	lineMatchersByEntries sync.Map // the entries, serialised -> *LineMatcher
)

// Lines returns the lexicon's line matcher, built on first use. A lexicon
// is complete once a run starts (the configuration's additions are made
// when rules are configured), so the matcher is built once and shared by
// every worker. Each rule holds its own copy of a lexicon; copies with the
// same entries share one matcher, so that what rules derive from a
// document through it (Document.Memo keyed by the matcher) is derived once.
func (l *Lexicon) Lines() *LineMatcher {
	if m, ok := lineMatchers.Load(l); ok {
		return m.(*LineMatcher)
	}
	var key strings.Builder
	for _, lit := range l.Literals {
		key.WriteString(lit + "\x00")
	}
	key.WriteString("\x01")
	for _, re := range l.Patterns {
		key.WriteString(re.String() + "\x00")
	}
	m, ok := lineMatchersByEntries.Load(key.String())
	if !ok {
		m, _ = lineMatchersByEntries.LoadOrStore(key.String(), newLineMatcher(l))
	}
	actual, _ := lineMatchers.LoadOrStore(l, m)
	return actual.(*LineMatcher)
}

func newLineMatcher(l *Lexicon) *LineMatcher {
	m := &LineMatcher{literals: make(map[string]bool, len(l.Literals))}
	for _, lit := range l.Literals {
		key := foldLine(lit)
		m.literals[key] = true
		m.longest = max(m.longest, len(key))
	}
	for _, re := range l.Patterns {
		// The pattern was valid alone, so it is anchored too.
		anchored := regexp.MustCompile(`^(?:` + re.String() + `)$`)
		m.patterns = append(m.patterns, linePattern{re: anchored, first: firstRunes(re.String()), limits: LimitsOf(anchored)})
	}
	if len(m.patterns) <= 64 {
		for c := range rune(utf8.RuneSelf) {
			for i, p := range m.patterns {
				if p.first.contains(c) {
					m.startsASCII[c] |= 1 << i
				}
			}
		}
	}
	return m
}

// foldLine is how lines and literals are compared: trimmed, lower-cased,
// inner runs of blanks as one space.
func foldLine(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// isLiteral reports whether the trimmed line folds to one of the
// literals. A line whose only blanks are single spaces (most) is folded
// into a buffer on the stack and looked up without building a string:
// foldLine's splitting, joining and lower-casing were a third of matching.
func (m *LineMatcher) isLiteral(line string) bool {
	if !singleSpaced(line) {
		return m.literals[foldLine(line)]
	}
	var buf [256]byte
	folded := appendLower(buf[:0], line)
	return m.literals[string(folded)]
}

// singleSpaced reports whether s holds no white space that strings.Fields
// splits at but single spaces between words, so that foldLine(s) is
// strings.ToLower(s). Beyond ASCII it decodes only the characters with a
// space's lead byte.
func singleSpaced(s string) bool {
	if s != "" && (s[0] == ' ' || s[len(s)-1] == ' ') {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if i+1 < len(s) && s[i+1] == ' ' {
				return false
			}
		case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			return false
		case fastutf8.MaySpace(s, i):
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				return false
			}
		}
	}
	return true
}

// appendLower appends strings.ToLower(s) to b.
func appendLower(b []byte, s string) []byte {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
			continue
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return b
}

// MatchLines reports, for each line of d, whether Match matches it. It is
// computed once per document: page furniture is asked about by the rule
// that reports it and by every rule that compares articles without it, and
// matching a line (lower-casing it, looking it up, trying the patterns)
// was a tenth of a run when each asked on its own.
func (m *LineMatcher) MatchLines(d *Document) []bool {
	return d.Memo(matchLinesKey{m}, func() any {
		lines := d.Lines()
		matched := make([]bool, len(lines))
		for i, l := range lines {
			matched[i] = m.Match(d.LineText(l))
		}
		return matched
	}).([]bool)
}

type matchLinesKey struct{ m *LineMatcher }

// Match reports whether line, trimmed, is an entry of the lexicon.
func (m *LineMatcher) Match(line string) bool {
	line = fastutf8.TrimSpace(line)
	if line == "" {
		return false
	}
	// Lower-casing can change a letter's length by a byte or so (rarely);
	// twice the longest literal leaves room for that.
	if len(line) <= 2*m.longest && m.isLiteral(line) {
		return true
	}
	collapsed := ""
	spaces := -1
	matches := func(p *linePattern) bool {
		if !p.limits.MayHold(line) {
			return false
		}
		if collapsed == "" {
			collapsed = collapseBlanks(line)
		}
		return p.limits.Fits(collapsed, &spaces) && p.re.MatchString(collapsed)
	}
	first, _ := utf8.DecodeRuneInString(line)
	if first < utf8.RuneSelf && len(m.patterns) <= 64 {
		for may := m.startsASCII[first]; may != 0; may &= may - 1 {
			if matches(&m.patterns[bits.TrailingZeros64(may)]) {
				return true
			}
		}
		return false
	}
	for i := range m.patterns {
		if p := &m.patterns[i]; p.first.contains(first) && matches(p) {
			return true
		}
	}
	return false
}

// collapseBlanks writes inner runs of blanks as one space, as literals are
// compared, so that a pattern's " " also matches the no-break space an
// "&nbsp;" leaves, a tab or a doubled space. It looks for those with
// byte searches (most lines have none) rather than decoding every rune.
func collapseBlanks(s string) string {
	if !strings.Contains(s, "  ") && strings.IndexByte(s, '\t') < 0 &&
		!strings.Contains(s, "\u00a0") && !strings.Contains(s, "\u202f") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
