package lint

import (
	"crypto/sha256"
	"encoding/hex"
)

// Fingerprint identifies a finding across edits of its document: a hash of
// the rule, the matched text and the full text of the lines the span is on.
// It holds no line number or offset, so that inserting or removing an earlier
// paragraph does not change it; editing the finding's own lines does. Two
// findings of one rule on identical lines share a fingerprint, which is why
// baselines count them.
func Fingerprint(d *Document, f Finding) string {
	lines := d.Lines()
	first := lines[d.LineIndex(f.Start)]
	last := lines[d.LineIndex(f.End)]
	h := sha256.New()
	h.Write([]byte(f.Rule))
	h.Write([]byte{0})
	h.Write([]byte(d.Text[f.Start:f.End]))
	h.Write([]byte{0})
	h.Write([]byte(d.Text[first.Start:max(last.End, first.End)]))
	return hex.EncodeToString(h.Sum(nil)[:16])
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
