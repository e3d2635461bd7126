package lint_test

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/lint"
)

// FuzzDocumentLines checks the invariants every rule relies on: lines tile
// the text in order, their content holds no line break, and positions grow
// with offsets.
func FuzzDocumentLines(f *testing.F) {
	for _, s := range []string{"", "a", "a\nb", "a\r\nb\r\n", "\n\n\r\n", "Việt\r\nNam", "\r", "x\r\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := lint.NewDocument("f.txt", text)
		lines := d.Lines()
		pos := 0
		for i, l := range lines {
			if l.Start != pos || l.End < l.Start || l.Next < l.End || l.Next > len(text) {
				t.Fatalf("line %d = %+v does not continue at %d in %q", i, l, pos, text)
			}
			if strings.ContainsRune(text[l.Start:l.End], '\n') {
				t.Fatalf("line %d holds a line break", i)
			}
			pos = l.Next
		}
		if pos != len(text) {
			t.Fatalf("lines end at %d, text at %d", pos, len(text))
		}
		prevLine, prevCol := 0, 0
		for off := 0; off <= len(text); off++ {
			if off < len(text) && !utf8.RuneStart(text[off]) {
				continue
			}
			line, col := d.Position(off)
			if line < prevLine || (line == prevLine && col < prevCol) || line < 1 || col < 1 {
				t.Fatalf("Position(%d) = %d:%d after %d:%d", off, line, col, prevLine, prevCol)
			}
			// Counting on from the last position gives what counting from
			// the line's start does.
			if fl, fc := lint.NewDocument("f.txt", text).Position(off); fl != line || fc != col {
				t.Fatalf("Position(%d) = %d:%d counted on, %d:%d counted afresh", off, line, col, fl, fc)
			}
			prevLine, prevCol = line, col
		}
	})
}

// FuzzJSONLRecord checks that replacing a record's text keeps every other
// byte and that the new record reads back with the new text.
func FuzzJSONLRecord(f *testing.F) {
	f.Add(`{"id":"a","text":"x"}`, "y")
	f.Add(`{"text" : "a\u00e9\n", "meta": {"text": 1}}`, "dòng\nmới \"q\" <b>")
	f.Add(`{"text":""}`, "")
	f.Fuzz(func(t *testing.T, line, newText string) {
		if strings.ContainsAny(line, "\n\r") || !utf8.ValidString(newText) || strings.ContainsRune(newText, 0) {
			return
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "r.jsonl")
		writeFile(t, path, []byte(line+"\n"))
		res := readAll(t, []string{path}, lint.DefaultInputOptions())
		if len(res.docs) != 1 {
			return // not a record with a text field: reported, not read
		}
		d := res.docs[0]
		rewritten := d.Raw.WithText(newText)
		if rewritten[:d.Raw.ValueStart] != line[:d.Raw.ValueStart] || !strings.HasSuffix(rewritten, line[d.Raw.ValueEnd:]) {
			t.Fatalf("bytes outside the text value changed:\n%s\n%s", line, rewritten)
		}
		writeFile(t, path, []byte(rewritten+"\n"))
		again := readAll(t, []string{path}, lint.DefaultInputOptions())
		if len(again.docs) != 1 || again.docs[0].Text != newText {
			t.Fatalf("rewritten record reads back as %v (problems %v), want text %q", again.docs, again.problems, newText)
		}
	})
}
