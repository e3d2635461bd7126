package lint

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// excerptContext is how many characters of a long line the text format shows
// on each side of a finding: seed lines run to 600 characters, and a
// terminal line does not.
const excerptContext = 40

// firstWide is the first character a terminal shows two columns wide.
const firstWide = 0x1100

type textReporter struct {
	ctx ReportContext
	// line indexes the characters of the last line shown: a document
	// written as one long line has all its findings on it.
	line *runeIndex
	buf  []byte
}

// NewTextReporter writes `path:line:col: severity rule: message`, the
// finding's line with the span marked, and a summary line.
func NewTextReporter(ctx ReportContext) Reporter {
	return &textReporter{ctx: ctx}
}

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiRed   = "\x1b[31m"
	ansiYel   = "\x1b[33m"
	ansiCyan  = "\x1b[36m"
	ansiGreen = "\x1b[32m"
	ansiDim   = "\x1b[2m"
)

func (r *textReporter) paint(code, s string) string {
	if !r.ctx.Color {
		return s
	}
	return code + s + ansiReset
}

func (r *textReporter) Report(f Located) error {
	color := ansiCyan
	switch f.Severity {
	case Error:
		color = ansiRed
	case Warning:
		color = ansiYel
	}
	// One buffer, kept, and one write per finding: formatting with fmt into
	// a fresh builder was a twentieth of a check with many findings.
	b := r.buf[:0]
	b = r.appendPainted(b, ansiBold, TextLocation(f))
	b = append(b, ": "...)
	b = r.appendPainted(b, color, f.Severity.String())
	b = append(b, ' ')
	b = r.appendPainted(b, ansiBold, f.Rule)
	b = append(b, ": "...)
	b = append(b, f.Message...)
	if r.line == nil || r.line.text != f.LineText {
		r.line = newRuneIndex(f.LineText)
	}
	b = append(b, "\n    "...)
	b, pad, span := appendExcerpt(b, f, r.line)
	b = append(b, "\n    "...)
	b = r.appendColour(b, color)
	b = appendMarker(b, pad, span)
	b = r.appendColour(b, ansiReset)
	b = append(b, '\n')
	if r.ctx.ShowFixes && f.Fix != nil {
		for i, e := range f.Fix.Edits {
			old := ""
			if i < len(f.Edits) {
				old = f.Edits[i].Old
			} else if f.Doc != nil {
				old = f.Doc.Text[e.Start:e.End]
			}
			b = fmt.Appendf(b, "    %s %s %s -> %s\n", r.paint(ansiGreen, "fix"), r.paint(ansiDim, "("+f.Fix.Safety.String()+")"), quoteShort(old), quoteShort(e.NewText))
		}
	}
	r.buf = b
	_, err := r.ctx.W.Write(b)
	return err
}

// appendPainted is paint appending to b.
func (r *textReporter) appendPainted(b []byte, code, s string) []byte {
	b = r.appendColour(b, code)
	b = append(b, s...)
	return r.appendColour(b, ansiReset)
}

// appendColour appends an escape code when the output has colour.
func (r *textReporter) appendColour(b []byte, code string) []byte {
	if r.ctx.Color {
		b = append(b, code...)
	}
	return b
}

// TextLocation is a finding's place as the text format writes it:
// path:line:col for a text file, and for a JSON Lines record the file's
// line of the record, its id, then line:col inside the record's text.
func TextLocation(f Located) string {
	if f.Record > 0 {
		id := ""
		if f.ID != "" {
			id = " id=" + f.ID
		}
		return fmt.Sprintf("%s:%d:%s %d:%d", f.Path, f.Record, id, f.Line, f.Column)
	}
	return f.Path + ":" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Column)
}

func quoteShort(s string) string {
	if utf8.RuneCountInString(s) > 80 {
		runes := []rune(s)
		s = string(runes[:40]) + "…" + string(runes[len(runes)-40:])
	}
	return fmt.Sprintf("%q", s)
}

// Excerpt returns the finding's first line, cut to a window around the span
// on long lines, and a marker line of carets under the span. Widths count
// East Asian wide characters as two columns so that the carets line up.
func Excerpt(f Located) (line, marker string) {
	b, pad, span := appendExcerpt(nil, f, newRuneIndex(f.LineText))
	return string(b), string(appendMarker(nil, pad, span))
}

// appendExcerpt appends Excerpt's line to b, and returns the columns its
// marker is indented by and spans, for appendMarker: the text reporter
// writes both into its buffer without building strings for them. index
// is of f.LineText: character indexes become byte offsets through it, not
// by converting the line to []rune, since a scraped line can be a megabyte
// long and hold thousands of findings.
func appendExcerpt(b []byte, f Located, index *runeIndex) (out []byte, pad, span int) {
	text := f.LineText
	n := index.n
	start := f.Column - 1
	end := n
	if f.EndLine == f.Line {
		end = f.EndColumn - 1
	}
	if start > n {
		start = n
	}
	if end < start {
		end = start
	}
	from, to := 0, n
	prefix, suffix := "", ""
	if start-from > excerptContext {
		from = start - excerptContext
		prefix = "…"
	}
	if to-end > excerptContext {
		to = end + excerptContext
		suffix = "…"
	}
	// A span longer than a terminal line (a whole repeated paragraph) is
	// shown by its beginning.
	if end-start > 2*excerptContext {
		end = start + 2*excerptContext
		to = end
		suffix = "…"
	}
	at := index.offsets([4]int{from, start, end, to})
	shown := text[at[0]:at[3]]
	if strings.IndexByte(shown, '\t') >= 0 || !utf8.ValidString(shown) {
		// Tabs become spaces, malformed bytes U+FFFD.
		shown = strings.Map(visibleTab, shown)
	}
	pad = columns(prefix) + columns(text[at[0]:at[1]])
	span = max(columns(text[at[1]:at[2]]), 1)
	b = append(append(append(b, prefix...), shown...), suffix...)
	return b, pad, span
}

// appendMarker appends a marker line: pad spaces, then span carets.
func appendMarker(b []byte, pad, span int) []byte {
	for range pad {
		b = append(b, ' ')
	}
	for range span {
		b = append(b, '^')
	}
	return b
}

// runeIndex maps the character indexes of one line to byte offsets, with a
// mark every runeMarkEvery characters to walk on from.
type runeIndex struct {
	text  string
	n     int
	marks []int
}

// runeMarkEvery is 64: an excerpt's four offsets each walked up to 255
// characters from their mark at 256, over a per cent of a check of the
// generated corpus, for a mark (8 bytes) every 64 characters of the lines
// findings are on.
const runeMarkEvery = 64

func newRuneIndex(text string) *runeIndex {
	x := &runeIndex{text: text}
	for b := range text {
		if x.n%runeMarkEvery == 0 {
			x.marks = append(x.marks, b)
		}
		x.n++
	}
	return x
}

// offsets returns the byte offsets in the line of four character indexes
// in order; an index past the end maps to the line's length. One walk
// serves them all, from the mark nearest the first or from where the one
// before left off: a finding's context, span and context again are
// usually within a mark of each other.
func (x *runeIndex) offsets(idx [4]int) [4]int {
	var out [4]int
	b, at := 0, -1 // the byte offset b of character at, once walked
	for k, i := range idx {
		if i >= x.n {
			out[k] = len(x.text)
			continue
		}
		if mark := i / runeMarkEvery * runeMarkEvery; at < 0 || at > i || mark > at {
			b, at = x.marks[i/runeMarkEvery], mark
		}
		for ; at < i; at++ {
			if x.text[b] < utf8.RuneSelf {
				b++
				continue
			}
			_, size := utf8.DecodeRuneInString(x.text[b:])
			b += size
		}
		out[k] = b
	}
	return out
}

func visibleTab(r rune) rune {
	if r == '\t' {
		return ' '
	}
	return r
}

// columns is how many terminal columns s takes: two for a wide
// character. None comes before U+1100 (Hangul Jamo), so the letters of
// Latin scripts are counted without a look-up.
func columns(s string) int {
	n := 0
	for _, r := range s {
		if r < firstWide {
			n++
			continue
		}
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func (r *textReporter) Finish(s *Summary) error {
	var b strings.Builder
	if r.ctx.Statistics && len(s.ByRule) > 0 {
		b.WriteString("\n")
		width := len("rule")
		for _, rc := range s.RuleCounts() {
			width = max(width, len(rc.Rule))
		}
		fmt.Fprintf(&b, "%-*s  %8s\n", width, "rule", "findings")
		for _, rc := range s.RuleCounts() {
			fmt.Fprintf(&b, "%-*s  %8d\n", width, rc.Rule, rc.Count)
		}
	}
	if s.Total() > 0 || s.Problems > 0 || r.ctx.Statistics {
		b.WriteString("\n")
	}
	b.WriteString(s.Line() + "\n")
	_, err := fmt.Fprint(r.ctx.W, b.String())
	return err
}
