package lint

import (
	"regexp"
	"strings"
	"sync"
)

// LineMatcher answers whether a whole line is an entry of a lexicon: a
// literal, compared case-insensitively after trimming, or a pattern matching
// the whole trimmed line. Literals are one hash lookup per line, however
// many there are; patterns are joined into one alternation, so a line is
// scanned once by one automaton rather than once per entry.
type LineMatcher struct {
	literals map[string]bool
	// longest is the byte length of the longest literal: a longer line
	// cannot be one, and is not lower-cased to find out.
	longest int
	pattern *regexp.Regexp
}

var lineMatchers sync.Map // *Lexicon -> *LineMatcher

// Lines returns the lexicon's line matcher, built on first use. A lexicon
// is complete once a run starts (the configuration's additions are made
// when rules are configured), so the matcher is built once and shared by
// every worker.
func (l *Lexicon) Lines() *LineMatcher {
	if m, ok := lineMatchers.Load(l); ok {
		return m.(*LineMatcher)
	}
	m := newLineMatcher(l)
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
	if len(l.Patterns) > 0 {
		parts := make([]string, len(l.Patterns))
		for i, re := range l.Patterns {
			parts[i] = "(?:" + re.String() + ")"
		}
		// Each pattern was valid alone, so their alternation is too.
		m.pattern = regexp.MustCompile(`^(?:` + strings.Join(parts, "|") + `)$`)
	}
	return m
}

// foldLine is how lines and literals are compared: trimmed, lower-cased,
// inner runs of blanks as one space.
func foldLine(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// Match reports whether line, trimmed, is an entry of the lexicon.
func (m *LineMatcher) Match(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" {
		return false
	}
	// Lower-casing can change a letter's length by a byte or so (rarely);
	// twice the longest literal leaves room for that.
	if len(line) <= 2*m.longest && m.literals[foldLine(line)] {
		return true
	}
	return m.pattern != nil && m.pattern.MatchString(line)
}
