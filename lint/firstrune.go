package lint

import (
	"regexp/syntax"
	"unicode"
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
