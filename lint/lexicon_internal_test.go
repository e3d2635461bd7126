package lint

import (
	"testing"

	"github.com/scrapelint/scrapelint/internal/randtext"
)

// TestIsLiteralFoldsAsFoldLine: the lookup through a stack buffer answers
// as folding the line with foldLine does, for lines with every kind of
// white space, capitals of several scripts and malformed bytes.
func TestIsLiteralFoldsAsFoldLine(t *testing.T) {
	pieces := []string{"a", "B", "Nội", "ĐẠI", "Ω", "İ", "K", " ", "  ", "\t", "\u00a0", "\u202f", "\u2003", "\u1680", "\u3000", "\u0085",
		"«", "–", "\xff", "\xe1\x9a", "in", "bài", "viết", "IN BÀI VIẾT"}
	lines := randtext.Pieced(20000, 6, pieces, 31)
	lex := &Lexicon{Literals: lines[:2000]}
	m := newLineMatcher(lex)
	hits := 0
	for _, l := range lines {
		want := m.literals[foldLine(l)]
		if got := m.isLiteral(l); got != want {
			t.Fatalf("isLiteral(%q) = %v; foldLine's lookup says %v", l, got, want)
		}
		if want {
			hits++
		}
	}
	if hits < 2000 {
		t.Fatalf("only %d lines are literals: the test does not test", hits)
	}
	for _, l := range lines {
		if singleSpaced(l) {
			if got, want := string(appendLower(nil, l)), foldLine(l); got != want {
				t.Fatalf("appendLower(%q) = %q, foldLine %q", l, got, want)
			}
		}
	}
}
