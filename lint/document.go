package lint

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/internal/slicepool"
)

// Document is one text of the corpus: a whole .txt file, or one record of a
// JSON Lines file. Offsets everywhere in the engine are byte offsets into Text.
type Document struct {
	// Path is the file the document came from, as the user named it (slash
	// separated), or "<stdin>".
	Path string
	// Record is the 1-based line number of the record in a JSON Lines file, or
	// 0 for a document that is a whole file.
	Record int
	// ID is the record's id field, if it has one.
	ID string
	// Text is the document's text, byte for byte as read (a BOM, CRLF line
	// endings and a missing final newline are all kept).
	Text string
	// Seq is the document's position in the corpus's deterministic order
	// (files sorted by path, records in file order). Corpus rules use it to
	// decide which of two copies came first whatever order workers finish in.
	// Readers number a document DocSeq(its input's Index, its Record), so the
	// numbers increase in corpus order, have gaps, and are the same in every
	// pass, including one that takes a document's facts from the cache.
	Seq int
	// Raw locates the text inside its JSON Lines record; nil for a text file.
	Raw *JSONLRecord

	lines  []Line
	memo   map[any]any
	column columnMark
}

// columnMark is the last column Position counted: the next offset on the
// same line is counted from there. Findings are located in order, and on
// a long line (a 1 MB document written as one line) counting each from the
// line's start cost the square of the line's length.
type columnMark struct {
	valid     bool
	line, off int
	// col is the number of code points from the line's start to off.
	col int
}

// Ref names the document without its text.
func (d *Document) Ref() DocRef {
	return DocRef{Path: d.Path, Record: d.Record, ID: d.ID, Seq: d.Seq}
}

// DocRef is where a document is in the corpus: enough for a corpus rule to
// count it and name it, without its text.
type DocRef struct {
	Path   string
	Record int
	ID     string
	Seq    int
}

// Memo returns what compute returns for key, computing it once per
// document: rules that derive the same thing from a text (its words, their
// hashes) share it. Rules of one document run one after another, so the
// memo needs no lock; key should be a value of a type private to the
// package that computes it.
func (d *Document) Memo(key any, compute func() any) any {
	if v, ok := d.memo[key]; ok {
		return v
	}
	v := compute()
	if d.memo == nil {
		d.memo = map[any]any{}
	}
	d.memo[key] = v
	return v
}

// Releaser is a memoized value holding buffers worth reusing: Release
// hands them back once the document is done with.
type Releaser interface{ Release() }

// Release ends the rules' use of the document: its lines and the memoized
// values that are Releasers go back to be reused by later documents. A
// run releases each document once it has reported it: the per-document
// slices (lines, word hashes) were over a third of what a run allocated,
// and the garbage collector's work followed. The text stays; a later call
// of Lines splits it again, so a reporter that keeps a finding's document
// against the rule of Located still reads it right.
func (d *Document) Release() {
	for _, v := range d.memo {
		if r, ok := v.(Releaser); ok {
			r.Release()
		}
	}
	d.memo = nil
	linePool.Put(d.lines)
	d.lines = nil
	d.column = columnMark{}
}

var linePool = slicepool.Pool[Line]{Most: 1 << 12}

// Memoized returns what Memo computed for key, if it has: a rule that can
// use another rule's result but would not compute all of it for itself.
func (d *Document) Memoized(key any) (any, bool) {
	v, ok := d.memo[key]
	return v, ok
}

// Line is one line of a document: Text[Start:End] is its content without the
// line break, Text[End:Next] is the break itself ("\n", "\r\n" or "" at the
// end of the text).
type Line struct {
	Start, End, Next int
}

// NewDocument returns a document holding text; it is how tests and tools that
// do not read files build one.
func NewDocument(path, text string) *Document {
	return &Document{Path: path, Text: text}
}

// Lines splits the document into lines once and returns the same slice on
// every later call. The slice must not be modified.
func (d *Document) Lines() []Line {
	if d.lines != nil {
		return d.lines
	}
	text := d.Text
	lines := linePool.Get()
	if lines == nil {
		lines = make([]Line, 0, 16+len(text)/64)
	}
	start := 0
	for start < len(text) {
		i := strings.IndexByte(text[start:], '\n')
		if i < 0 {
			lines = append(lines, Line{Start: start, End: len(text), Next: len(text)})
			break
		}
		end := start + i
		next := end + 1
		if end > start && text[end-1] == '\r' {
			end--
		}
		lines = append(lines, Line{Start: start, End: end, Next: next})
		start = next
	}
	if len(lines) == 0 {
		// An empty text still has one (empty) line, so that a finding at
		// offset 0 has somewhere to be.
		lines = append(lines, Line{})
	}
	d.lines = lines
	return lines
}

// LineText returns the content of line l without its line break.
func (d *Document) LineText(l Line) string { return d.Text[l.Start:l.End] }

// LineIndex returns the 0-based index of the line holding byte offset off. An
// offset at the very end of the text belongs to the last line.
func (d *Document) LineIndex(off int) int {
	lines := d.Lines()
	i := sort.Search(len(lines), func(i int) bool { return lines[i].Next > off })
	if i == len(lines) {
		i = len(lines) - 1
	}
	// An offset inside a line break, or just past a line's end but before the
	// next line, belongs to the line it ends.
	return i
}

// Position converts a byte offset to a 1-based line and a 1-based column
// counted in code points (not bytes), which is what editors and SARIF's
// "unicodeCodePoints" column kind expect. Like Memo, it keeps state in the
// document (where it last counted to) and is not for concurrent use.
func (d *Document) Position(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(d.Text) {
		off = len(d.Text)
	}
	i := d.LineIndex(off)
	l := d.Lines()[i]
	// An offset inside or after a line's break is at the end of that line.
	end := min(off, l.End)
	n := -1
	// Counting on from (or back to) the last mark is exact when the offset
	// it splits the line at starts a character: no character spans it.
	if m := d.column; m.valid && m.line == i {
		switch {
		case end >= m.off && end-m.off < end-l.Start && runeBoundary(d.Text, m.off):
			n = m.col + utf8.RuneCountInString(d.Text[m.off:end])
		case end < m.off && m.off-end < end-l.Start && runeBoundary(d.Text, end):
			n = m.col - utf8.RuneCountInString(d.Text[end:m.off])
		}
	}
	if n < 0 {
		n = utf8.RuneCountInString(d.Text[l.Start:end])
	}
	d.column = columnMark{valid: true, line: i, off: end, col: n}
	return i + 1, n + 1
}

// runeBoundary reports whether offset i of s is where a character starts
// (or the end of s).
func runeBoundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}
