package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode/utf8"
)

// Fingerprint identifies a finding across edits of its document: a hash of
// the rule, the matched text and the full text of the lines the span is on.
// It holds no line number or offset, so that inserting or removing an earlier
// paragraph does not change it; editing the finding's own lines does. Two
// findings of one rule on identical lines share a fingerprint, which is why
// baselines count them.
//
// Lines longer than longFingerprintLine bytes in all are hashed only within
// fingerprintWindow bytes of the span on either side (about a paragraph). A
// document written as one line of a megabyte would otherwise hash the
// megabyte for each of its findings (thousands of findings took minutes);
// and there, an edit anywhere in the line would have changed every
// fingerprint on it.
func Fingerprint(d *Document, f Finding) string {
	lines := d.Lines()
	first := lines[d.LineIndex(f.Start)]
	last := lines[d.LineIndex(f.End)]
	start, end := first.Start, max(last.End, first.End)
	if end-start > longFingerprintLine {
		start = runeStartAtOrAfter(d.Text, max(start, f.Start-fingerprintWindow))
		end = runeStartAtOrBefore(d.Text, min(end, f.End+fingerprintWindow))
	}
	h := sha256.New()
	h.Write([]byte(f.Rule))
	h.Write([]byte{0})
	h.Write([]byte(d.Text[f.Start:f.End]))
	h.Write([]byte{0})
	h.Write([]byte(d.Text[start:end]))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Lines up to longFingerprintLine bytes are hashed whole, as they always
// were, so that baselines written before the window keep matching.
const (
	longFingerprintLine = 64 << 10
	fingerprintWindow   = 2 << 10
)

// runeStartAtOrAfter moves i forward to where a character starts, so that
// a window of a line does not begin inside one (at most three bytes).
func runeStartAtOrAfter(s string, i int) int {
	for n := 0; n < utf8.UTFMax-1 && i < len(s) && !utf8.RuneStart(s[i]); n++ {
		i++
	}
	return i
}

// runeStartAtOrBefore moves i back to where a character starts, so that a
// window does not end inside one.
func runeStartAtOrBefore(s string, i int) int {
	for n := 0; n < utf8.UTFMax-1 && i > 0 && i < len(s) && !utf8.RuneStart(s[i]); n++ {
		i--
	}
	return i
}

// EditPlace is where one edit of a fix lies, in the same 1-based lines and
// code-point columns as a Located, with the text it replaces.
type EditPlace struct {
	Line, Column, EndLine, EndColumn int
	Old                              string
}

func editPlaces(d *Document, fix *Fix) []EditPlace {
	if fix == nil {
		return nil
	}
	places := make([]EditPlace, len(fix.Edits))
	for i, e := range fix.Edits {
		line, col := editPosition(d, e.Start)
		endLine, endCol := editPosition(d, e.End)
		places[i] = EditPlace{Line: line, Column: col, EndLine: endLine, EndColumn: endCol, Old: d.Text[e.Start:e.End]}
	}
	return places
}

// editPosition is Position, except that the very end of a text ending in a
// line break is the start of the line after it: an edit that deletes the last
// line deletes its break too, and a region must say so.
func editPosition(d *Document, off int) (line, col int) {
	if off == len(d.Text) && off > 0 && d.Text[off-1] == '\n' {
		return len(d.Lines()) + 1, 1
	}
	return d.Position(off)
}
