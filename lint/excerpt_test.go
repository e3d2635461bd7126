package lint

import (
	"strings"
	"testing"

	"golang.org/x/text/width"
)

// excerptRunes is Excerpt as first written, over []rune; the byte-offset
// version must give the same output.
func excerptRunes(f Located) (line, marker string) {
	runes := []rune(f.LineText)
	start := f.Column - 1
	end := len(runes)
	if f.EndLine == f.Line {
		end = f.EndColumn - 1
	}
	if start > len(runes) {
		start = len(runes)
	}
	if end < start {
		end = start
	}
	from, to := 0, len(runes)
	prefix, suffix := "", ""
	if start-from > excerptContext {
		from = start - excerptContext
		prefix = "…"
	}
	if to-end > excerptContext {
		to = end + excerptContext
		suffix = "…"
	}
	if end-start > 2*excerptContext {
		end = start + 2*excerptContext
		to = end
		suffix = "…"
	}
	shown := strings.Map(visibleTab, string(runes[from:to]))
	pad := columns(prefix) + columns(string(runes[from:start]))
	span := columns(string(runes[start:end]))
	if span == 0 {
		span = 1
	}
	return prefix + shown + suffix, strings.Repeat(" ", pad) + strings.Repeat("^", span)
}

func TestExcerptMatchesRuneVersion(t *testing.T) {
	lines := []string{
		"",
		"ngắn",
		"Giai đoạn 20142020,\tngành tăng trưởng 中文字 mạnh.",
		strings.Repeat("Đoạn văn rất dài về kinh tế. ", 20),
		strings.Repeat("Dòng dài 中文 \xff\xe1\xbb x\u0301 ", 400), // a long line, malformed bytes too
	}
	for _, text := range lines {
		n := len([]rune(text))
		index := newRuneIndex(text) // one for all the line's findings, as the text reporter keeps it
		for start := 0; start <= n+1; start += 1 + n/17 {
			for end := start - 1; end <= n; end += 1 + n/13 { // Position never puts an end past the line
				for _, endLine := range []int{1, 2} {
					d := NewDocument("x.txt", text)
					f := Located{Line: 1, Column: start + 1, EndLine: endLine, EndColumn: end + 1, LineText: text, Doc: d}
					l1, m1 := Excerpt(f)
					l2, m2 := excerptRunes(f)
					if l1 != l2 || m1 != m2 {
						t.Fatalf("%q cols %d-%d line %d: got %q %q, want %q %q", text, start, end, endLine, l1, m1, l2, m2)
					}
					// The text reporter's index, reused, gives the same.
					b, pad, span := appendExcerpt([]byte("kept:"), f, index)
					if l3, m3 := string(b), string(appendMarker(nil, pad, span)); l3 != "kept:"+l2 || m3 != m2 {
						t.Fatalf("%q cols %d-%d line %d, indexed: got %q %q, want %q %q", text, start, end, endLine, l3, m3, l2, m2)
					}
				}
			}
		}
	}
}

// TestNothingBeforeFirstWideIsWide: columns counts every character before
// firstWide as one column without asking the width tables.
func TestNothingBeforeFirstWideIsWide(t *testing.T) {
	for r := rune(0); r < firstWide; r++ {
		if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
			t.Fatalf("%U is %v", r, k)
		}
	}
	if k := width.LookupRune(firstWide).Kind(); k != width.EastAsianWide {
		t.Fatalf("firstWide %U is %v, not wide", firstWide, k)
	}
}
