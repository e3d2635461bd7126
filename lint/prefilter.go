package lint

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// runeSet is a set of runes as sorted, inclusive [lo, hi] pairs; a nil set
// with any set holds every rune.
type runeSet struct {
	ranges []rune
	any    bool
}

func (s runeSet) contains(r rune) bool {
	if s.any {
		return true
	}
	for i := 0; i+1 < len(s.ranges); i += 2 {
		if s.ranges[i] <= r && r <= s.ranges[i+1] {
			return true
		}
	}
	return false
}

func (s runeSet) union(t runeSet) runeSet {
	if s.any || t.any {
		return runeSet{any: true}
	}
	return runeSet{ranges: append(append([]rune(nil), s.ranges...), t.ranges...)}
}

var anyRune = runeSet{any: true}

// firstRunes returns the runes a non-empty match of pattern can start with.
// It errs towards more runes (anyRune when unsure), never fewer: a line
// whose first rune is outside the set cannot match, so the pattern need not
// run on it.
func firstRunes(pattern string) runeSet {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return anyRune
	}
	set, _ := firstOf(re.Simplify())
	return set
}

// firstOf returns the runes re's match can start with and whether re can
// match the empty string (so what follows it can start the match too).
func firstOf(re *syntax.Regexp) (set runeSet, nullable bool) {
	switch re.Op {
	case syntax.OpNoMatch:
		return runeSet{}, false
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return runeSet{}, true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return runeSet{}, true
		}
		return literalRunes(re.Rune[0], re.Flags&syntax.FoldCase != 0), false
	case syntax.OpCharClass:
		return runeSet{ranges: append([]rune(nil), re.Rune...)}, false
	case syntax.OpCapture, syntax.OpPlus:
		return firstOf(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		set, _ := firstOf(re.Sub[0])
		return set, true
	case syntax.OpRepeat:
		set, nullable := firstOf(re.Sub[0])
		return set, nullable || re.Min == 0
	case syntax.OpConcat:
		return firstOfConcat(re.Sub)
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			s, n := firstOf(sub)
			set, nullable = set.union(s), nullable || n
		}
		return set, nullable
	}
	return anyRune, true // ., (?s). and anything new: any rune
}

func firstOfConcat(subs []*syntax.Regexp) (set runeSet, nullable bool) {
	for _, sub := range subs {
		s, n := firstOf(sub)
		set = set.union(s)
		if !n {
			return set, false
		}
	}
	return set, true
}

// literalRunes is r, and with fold every rune that folds to it (k, K and
// the Kelvin sign).
func literalRunes(r rune, fold bool) runeSet {
	set := runeSet{ranges: []rune{r, r}}
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			set.ranges = append(set.ranges, f, f)
		}
	}
	return set
}

// unbounded is maxOf's answer for a pattern with no longest match.
const unbounded = -1

// maxOf returns the byte length of re's longest match, or unbounded. A
// longer line cannot match the pattern anchored at both ends, so the
// pattern need not run on it: most lines of an article are paragraphs
// longer than any widget, and a regexp's cost on a line grows with the
// line even when it fails at once.
func maxOf(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpNoMatch, syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += maxRuneBytes(r, re.Flags&syntax.FoldCase != 0)
		}
		return n
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return 0
		}
		return utf8.RuneLen(min(re.Rune[len(re.Rune)-1], unicode.MaxRune))
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return maxOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Max < 0 {
			return unbounded
		}
		return times(maxOf(re.Sub[0]), re.Max)
	case syntax.OpConcat:
		n := 0
		for _, sub := range re.Sub {
			m := maxOf(sub)
			if m == unbounded {
				return unbounded
			}
			n += m
		}
		return n
	case syntax.OpAlternate:
		n := 0
		for _, sub := range re.Sub {
			m := maxOf(sub)
			if m == unbounded {
				return unbounded
			}
			n = max(n, m)
		}
		return n
	}
	return unbounded // *, + and anything new
}

func times(n, k int) int {
	if n == unbounded {
		return unbounded
	}
	return n * k
}

// maxRuneBytes is the longest UTF-8 encoding of r, or with fold of any rune
// that folds to it (k is one byte, the Kelvin sign three).
func maxRuneBytes(r rune, fold bool) int {
	n := utf8.RuneLen(r)
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			n = max(n, utf8.RuneLen(f))
		}
	}
	return max(n, 1)
}

// LongestLine returns the byte length of the longest text re can match
// when it is anchored at both ends (it starts with ^ and ends with $), so
// that a longer line need not be tried; -1 when there is no such bound.
func LongestLine(re *regexp.Regexp) int {
	parsed, ok := anchoredBothEnds(re)
	if !ok {
		return -1
	}
	n := maxOf(parsed)
	if n == unbounded {
		return -1
	}
	return n
}

// MostSpaces returns how many space characters a text re matches can hold
// when re is anchored at both ends, so that a line with more need not be
// tried (a byline pattern of up to four words, say, has no length bound but
// holds at most three spaces); -1 when there is no such bound.
func MostSpaces(re *regexp.Regexp) int {
	parsed, ok := anchoredBothEnds(re)
	if !ok {
		return -1
	}
	n := spacesOf(parsed)
	if n == unbounded {
		return -1
	}
	return n
}

// LiteralSuffix returns the text every match of re ends with when re ends
// with $ right after literal characters (`\./\.$` gives "./."), so that a
// line without that ending need not be tried; "" when there is none.
// Patterns tried on every line of every document are mostly of that kind
// or anchored at both ends, and the regexp engine scans the whole line to
// find that a paragraph does not end with "./.".
func LiteralSuffix(re *regexp.Regexp) string {
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return ""
	}
	parsed = parsed.Simplify()
	subs := []*syntax.Regexp{parsed}
	if parsed.Op == syntax.OpConcat {
		subs = parsed.Sub
	}
	if len(subs) < 2 || subs[len(subs)-1].Op != syntax.OpEndText {
		return ""
	}
	var suffix []rune
	for i := len(subs) - 2; i >= 0; i-- {
		sub := subs[i]
		if sub.Op != syntax.OpLiteral || sub.Flags&syntax.FoldCase != 0 {
			break
		}
		suffix = append(append([]rune(nil), sub.Rune...), suffix...)
	}
	return string(suffix)
}

func anchoredBothEnds(re *regexp.Regexp) (*syntax.Regexp, bool) {
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil, false
	}
	parsed = parsed.Simplify()
	if parsed.Op != syntax.OpConcat || len(parsed.Sub) < 2 ||
		parsed.Sub[0].Op != syntax.OpBeginText || parsed.Sub[len(parsed.Sub)-1].Op != syntax.OpEndText {
		return nil, false
	}
	return parsed, true
}

// spacesOf is the most spaces re's match can hold, or unbounded: each node
// that can match a space matches at most one character.
func spacesOf(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			if r == ' ' {
				n++
			}
		}
		return n
	case syntax.OpCharClass:
		if (runeSet{ranges: re.Rune}).contains(' ') {
			return 1
		}
		return 0
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return 1
	case syntax.OpCapture, syntax.OpQuest:
		return spacesOf(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		if spacesOf(re.Sub[0]) == 0 {
			return 0
		}
		return unbounded
	case syntax.OpRepeat:
		n := spacesOf(re.Sub[0])
		if n == 0 {
			return 0
		}
		if re.Max < 0 {
			return unbounded
		}
		return times(n, re.Max)
	case syntax.OpConcat, syntax.OpAlternate:
		n := 0
		for _, sub := range re.Sub {
			m := spacesOf(sub)
			if m == unbounded {
				return unbounded
			}
			if re.Op == syntax.OpConcat {
				n += m
			} else {
				n = max(n, m)
			}
		}
		return n
	case syntax.OpNoMatch, syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	}
	return unbounded // anything new
}

// RequiredRunes returns runes one of which every match of re holds: those
// of a literal or a small class that every match goes through ("(" and "/"
// in `^\p{Lu}\p{Ll}* ?[(/]...`), so that a line holding none need not be
// tried; "" when re has none. Only punctuation and symbols are chosen: a
// line searched for one of them rarely has it, where letters, digits and
// blanks are in every line. Lines of a lexicon's length are most of a
// document's short lines, and trying a pattern on each cost more than the
// search.
func RequiredRunes(re *regexp.Regexp) string {
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return ""
	}
	set, ok := requiredOf(parsed.Simplify())
	if !ok {
		return ""
	}
	return string(set)
}

// HoldsAny reports whether s holds one of the runes of needs, as
// strings.ContainsAny does: a search for each rune, which for an ASCII
// rune is one of the processor's vector loops, where ContainsAny reads a
// long line a byte at a time.
func HoldsAny(s, needs string) bool {
	for _, r := range needs {
		if strings.ContainsRune(s, r) {
			return true
		}
	}
	return false
}

// maxRequiredRunes bounds the runes RequiredRunes offers: a line is
// searched for each.
const maxRequiredRunes = 4

// requiredOf returns the fewest rare runes one of which every match of re
// holds, and whether there are such runes.
func requiredOf(re *syntax.Regexp) ([]rune, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		// Each rune of a literal is required; one alone will do.
		for _, r := range re.Rune {
			if set, ok := rareRunes([]rune{r, r}, re.Flags&syntax.FoldCase != 0); ok {
				return set, true
			}
		}
	case syntax.OpCharClass:
		return rareRunes(re.Rune, false)
	case syntax.OpCapture, syntax.OpPlus:
		return requiredOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min > 0 {
			return requiredOf(re.Sub[0])
		}
	case syntax.OpConcat:
		var best []rune
		for _, sub := range re.Sub {
			if set, ok := requiredOf(sub); ok && (best == nil || len(set) < len(best)) {
				best = set
			}
		}
		return best, best != nil
	case syntax.OpAlternate:
		// Every branch must require one of them.
		var all []rune
		for _, sub := range re.Sub {
			set, ok := requiredOf(sub)
			if !ok {
				return nil, false
			}
			all = append(all, set...)
		}
		if len(all) <= maxRequiredRunes {
			return all, true
		}
	}
	return nil, false
}

// rareRunes returns the runes of the [lo, hi] ranges (with fold, those
// that fold to them too) when they are few and all punctuation or symbols.
func rareRunes(ranges []rune, fold bool) ([]rune, bool) {
	var set []rune
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i+1]-ranges[i] >= maxRequiredRunes {
			return nil, false
		}
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			set = append(set, r)
			if fold {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					set = append(set, f)
				}
			}
		}
	}
	if len(set) == 0 || len(set) > maxRequiredRunes {
		return nil, false
	}
	for _, r := range set {
		if !unicode.IsPunct(r) && !unicode.IsSymbol(r) || r == '.' || r == ',' {
			return nil, false
		}
	}
	return set, true
}

// LiteralPrefixes returns texts one of which every match of re starts
// with, when re is anchored at its start (`^(Theo|Nguồn:?) ...` gives "Theo "
// and "Nguồn"), so that a line starting with none need not be tried; nil
// when there are none or too many. Matching a line costs the regexp more
// than comparing a few bytes, and a line matcher collapses the line's
// blanks before it can try a pattern.
func LiteralPrefixes(re *regexp.Regexp) []string {
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	parsed = parsed.Simplify()
	if parsed.Op != syntax.OpConcat || len(parsed.Sub) < 2 || parsed.Sub[0].Op != syntax.OpBeginText {
		return nil
	}
	set, _ := prefixesOf(&syntax.Regexp{Op: syntax.OpConcat, Sub: parsed.Sub[1:]})
	if slices.Contains(set, "") {
		return nil
	}
	return set
}

// maxPrefixes bounds the texts LiteralPrefixes offers: a line is compared
// with each.
const maxPrefixes = 8

// prefixesOf returns texts one of which every match of re starts with, and
// whether every match is one of them exactly (so that what follows re in a
// sequence extends them); nil when it finds none.
func prefixesOf(re *syntax.Regexp) (set []string, whole bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase == 0 {
			return []string{string(re.Rune)}, true
		}
		// Each letter in each of its cases, as far as they are few.
		set = []string{""}
		for _, r := range re.Rune {
			orbit := []rune{r}
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				orbit = append(orbit, f)
			}
			if len(set)*len(orbit) > maxPrefixes {
				return set, false
			}
			var next []string
			for _, a := range set {
				for _, f := range orbit {
					next = append(next, a+string(f))
				}
			}
			set = next
		}
		return set, true
	case syntax.OpCharClass:
		runes, ok := rareRunes(re.Rune, false)
		if !ok {
			// Letters too, as long as there are few.
			runes = nil
			for i := 0; i+1 < len(re.Rune) && len(runes) <= maxPrefixes; i += 2 {
				for r := re.Rune[i]; r <= re.Rune[i+1] && len(runes) <= maxPrefixes; r++ {
					runes = append(runes, r)
				}
			}
			if len(runes) > maxPrefixes {
				return nil, false
			}
		}
		for _, r := range runes {
			set = append(set, string(r))
		}
		return set, true
	case syntax.OpCapture:
		return prefixesOf(re.Sub[0])
	case syntax.OpPlus:
		set, _ = prefixesOf(re.Sub[0])
		return set, false
	case syntax.OpRepeat:
		if re.Min > 0 {
			set, _ = prefixesOf(re.Sub[0])
			return set, false
		}
	case syntax.OpAlternate:
		whole = true
		for _, sub := range re.Sub {
			s, w := prefixesOf(sub)
			if s == nil {
				return nil, false
			}
			set, whole = append(set, s...), whole && w
		}
		if len(set) <= maxPrefixes {
			return set, whole
		}
	case syntax.OpConcat:
		set = []string{""}
		for _, sub := range re.Sub {
			s, w := prefixesOf(sub)
			if s == nil || len(set)*len(s) > maxPrefixes {
				return set, false
			}
			var next []string
			for _, a := range set {
				for _, b := range s {
					next = append(next, a+b)
				}
			}
			if set = next; !w {
				return set, false
			}
		}
		return set, true
	}
	return nil, false
}

// StartsLike reports whether s starts with one of prefixes, each run of
// white space in either counting as one blank as a line matcher's
// collapsing of a line's blanks makes it: a line can be tested before it
// is collapsed (and a line tried as it is passes whenever it starts with
// one exactly).
func StartsLike(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if startsLike(s, p) {
			return true
		}
	}
	return false
}

func startsLike(s, prefix string) bool {
	for prefix != "" {
		p, size := utf8.DecodeRuneInString(prefix)
		if !unicode.IsSpace(p) {
			if !strings.HasPrefix(s, prefix[:size]) {
				return false
			}
			s, prefix = s[size:], prefix[size:]
			continue
		}
		prefix = strings.TrimLeftFunc(prefix, unicode.IsSpace)
		rest := strings.TrimLeftFunc(s, unicode.IsSpace)
		if len(rest) == len(s) {
			return false
		}
		s = rest
	}
	return true
}

// PatternLimits are what a line must be for a pattern to match it, read
// from the pattern (LongestLine, MostSpaces, LiteralSuffix, RequiredRunes,
// LiteralPrefixes), so that most lines are never tried: every line of
// every document meets the lexicons' patterns, and a regexp's call costs
// more than these tests.
type PatternLimits struct {
	// Longest and Spaces bound the line's bytes and spaces, -1 when
	// unbounded; the line ends with Suffix, holds one of the runes of
	// Needs and starts like one of Prefixes (when they are not empty).
	Longest, Spaces int
	Suffix, Needs   string
	Prefixes        []string
}

// LimitsOf returns re's limits.
func LimitsOf(re *regexp.Regexp) PatternLimits {
	return PatternLimits{
		Longest: LongestLine(re), Spaces: MostSpaces(re), Suffix: LiteralSuffix(re),
		Needs: RequiredRunes(re), Prefixes: LiteralPrefixes(re),
	}
}

// MayHold reports whether line holds what a match needs and starts as one
// does. Collapsing a line's blanks changes neither answer, so a line
// matcher asks before it collapses them.
func (l *PatternLimits) MayHold(line string) bool {
	return (l.Needs == "" || HoldsAny(line, l.Needs)) && (l.Prefixes == nil || StartsLike(line, l.Prefixes))
}

// Fits reports whether line, as the pattern is tried on it, is within the
// pattern's length and spaces and ends with its suffix. spaces is the
// line's count of spaces, counted on first need (-1 until then) and kept
// for the next pattern tried on the same line.
func (l *PatternLimits) Fits(line string, spaces *int) bool {
	if l.Longest >= 0 && len(line) > l.Longest || !strings.HasSuffix(line, l.Suffix) {
		return false
	}
	if l.Spaces >= 0 {
		if *spaces < 0 {
			*spaces = strings.Count(line, " ")
		}
		if *spaces > l.Spaces {
			return false
		}
	}
	return true
}
