package lint_test

import (
	"math/rand/v2"
	"testing"

	"github.com/scrapelint/scrapelint/internal/randtext"
	"github.com/scrapelint/scrapelint/lint"
	_ "github.com/scrapelint/scrapelint/lint/linttest" // defines -update
)

func TestLines(t *testing.T) {
	tests := []struct {
		name, text string
		want       []lint.Line
	}{
		{"empty", "", []lint.Line{{0, 0, 0}}},
		{"no final newline", "ab\ncd", []lint.Line{{0, 2, 3}, {3, 5, 5}}},
		{"final newline", "ab\n", []lint.Line{{0, 2, 3}}},
		{"crlf", "ab\r\ncd\r\n", []lint.Line{{0, 2, 4}, {4, 6, 8}}},
		{"blank lines", "\n\n", []lint.Line{{0, 0, 1}, {1, 1, 2}}},
		{"lone cr stays in the line", "a\rb\n", []lint.Line{{0, 3, 4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lint.NewDocument("x.txt", tt.text).Lines()
			if len(got) != len(tt.want) {
				t.Fatalf("Lines(%q) = %v, want %v", tt.text, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("Lines(%q)[%d] = %v, want %v", tt.text, i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestPositionCountsCodePoints(t *testing.T) {
	// "Việt" is 4 code points and 6 bytes in NFC; 【 is 3 bytes.
	text := "Việt Nam\r\n【tag】 châu ÁThái\nend"
	d := lint.NewDocument("x.txt", text)
	tests := []struct {
		off, line, col int
	}{
		{0, 1, 1},
		{len("Việt"), 1, 5},
		{len("Việt Nam"), 1, 9},
		{len("Việt Nam\r"), 1, 9}, // inside the CRLF: end of line 1
		{len("Việt Nam\r\n"), 2, 1},
		{len("Việt Nam\r\n【"), 2, 2},
		{len("Việt Nam\r\n【tag】 châu Á"), 2, 13},
		{len(text), 3, 4},
	}
	for _, tt := range tests {
		line, col := d.Position(tt.off)
		if line != tt.line || col != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

func TestLocate(t *testing.T) {
	d := lint.NewDocument("a.txt", "một\nhai ba\n")
	start := len("một\nhai ")
	l := lint.Locate(d, lint.Finding{Rule: "r", Start: start, End: start + 2})
	if l.Line != 2 || l.Column != 5 || l.EndLine != 2 || l.EndColumn != 7 || l.LineText != "hai ba" {
		t.Errorf("Locate = %d:%d-%d:%d %q, want 2:5-2:7 \"hai ba\"", l.Line, l.Column, l.EndLine, l.EndColumn, l.LineText)
	}
}

// TestPositionCountsOnFromTheLastMark holds Position, which counts on from
// (or back to) the offset it last counted to on the same line, to counting
// from the line's start, for offsets in order, out of order, inside
// characters and in malformed text.
func TestPositionCountsOnFromTheLastMark(t *testing.T) {
	pieces := []string{"a", "Hà ", "Nội", "ệ", "東", "😀", "\r\n", "\n", " ", "\xff", "\xe1\xbb", "x\u0301"}
	rng := rand.New(rand.NewPCG(13, 14))
	for _, text := range randtext.Pieced(2000, 30, pieces, 15) {
		d := lint.NewDocument("a.txt", text)
		for range 20 {
			off := rng.IntN(len(text)+3) - 1
			if rng.IntN(2) == 0 {
				off = min(off+rng.IntN(4), len(text)) // mostly forward, as findings come
			}
			line, col := d.Position(off)
			wantLine, wantCol := lint.NewDocument("a.txt", text).Position(off)
			if line != wantLine || col != wantCol {
				t.Fatalf("Position(%d) in %q = %d:%d after earlier calls, %d:%d fresh", off, text, line, col, wantLine, wantCol)
			}
		}
	}
}
