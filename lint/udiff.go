package lint

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// DiffContext is the number of unchanged lines shown around a change, as
// diff -u and git diff do.
const DiffContext = 3

// diffLine is one line of a line-mode diff: ' ' kept, '-' removed, '+'
// added, with its line break (none on a last line without one).
type diffLine struct {
	op   byte
	text string
}

// lineDiff compares old and new line by line: each distinct line stands
// for one character, go-diff diffs the two strings of them, and the result
// is a diff of whole lines; CR of CRLF endings stays part of its line.
// go-diff's own DiffLinesToRunes and DiffCharsToLines do the same mapping
// through strings built and split again, which was half of the diff's time
// in fix --diff; its diff depends only on which characters are equal, so it
// finds the same diff here.
func lineDiff(old, new string) []diffLine {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // the same input always gives the same diff
	if strings.Count(old, "\n")+strings.Count(new, "\n")+2 > maxLineRunes {
		// More lines than characters to stand for them: go-diff's own
		// mapping goes further.
		a, b, lines := dmp.DiffLinesToRunes(old, new)
		var out []diffLine
		for _, d := range dmp.DiffCharsToLines(dmp.DiffMainRunes(a, b, false), lines) {
			out = appendLines(out, diffOp(d.Type), d.Text)
		}
		return out
	}
	var m lineRunes
	a, b := m.runes(old), m.runes(new)
	var out []diffLine
	for _, d := range dmp.DiffMainRunes(a, b, false) {
		op := diffOp(d.Type)
		for _, r := range d.Text {
			out = append(out, diffLine{op, m.lines[lineOfRune(r)]})
		}
	}
	return out
}

func diffOp(t diffmatchpatch.Operation) byte {
	switch t {
	case diffmatchpatch.DiffDelete:
		return '-'
	case diffmatchpatch.DiffInsert:
		return '+'
	}
	return ' '
}

// maxLineRunes is how many lines lineRune has characters for (a variable
// so that a test can send small texts the other way).
var maxLineRunes = int(utf8.MaxRune) + 1 - 0x800

// lineRunes gives each distinct line a character, in the order the lines
// first appear: line i is the character lineRune(i).
type lineRunes struct {
	ids   map[string]int
	lines []string
}

// runes returns the characters of text's lines, each with its line break
// (none on a last line without one).
func (m *lineRunes) runes(text string) []rune {
	if m.ids == nil {
		m.ids = map[string]int{}
	}
	out := make([]rune, 0, strings.Count(text, "\n")+1)
	for line := range strings.Lines(text) {
		id, ok := m.ids[line]
		if !ok {
			id = len(m.lines)
			m.ids[line] = id
			m.lines = append(m.lines, line)
		}
		out = append(out, lineRune(id))
	}
	return out
}

// lineRune is the character standing for line i: i itself below the
// surrogates, which a string cannot hold, and past them above.
func lineRune(i int) rune {
	if i >= 0xD800 {
		i += 0x800
	}
	return rune(i)
}

func lineOfRune(r rune) int {
	if r >= 0xE000 {
		r -= 0x800
	}
	return int(r)
}

// DiffStat counts the lines a diff adds and removes.
type DiffStat struct {
	Added, Removed int
}

// UnifiedDiff returns the unified diff that turns old into new, with
// DiffContext lines of context and the headers "--- oldName" and
// "+++ newName", in the form git apply and patch read: a last line without
// a line break is followed by "\ No newline at end of file". It returns ""
// when the texts are equal.
func UnifiedDiff(oldName, newName, old, new string) (string, DiffStat) {
	if old == new {
		return "", DiffStat{}
	}
	return formatDiff(oldName, newName, lineDiff(old, new))
}

// UnifiedDiffOfChanges is UnifiedDiff when the places where new differs from
// old are known (a FixResult's Changes). Comparing whole texts costs about
// their lines times the changes, which a document of tens of thousands of
// fixed lines takes seconds to minutes to pay; past wholeDiffBudget, only
// the lines around each change are compared and the lines between are
// copied as equal. Below it the whole texts are compared, so that ordinary
// documents get the same diff as UnifiedDiff gives: where lines repeat,
// the two ways can place a deleted line differently (both apply).
func UnifiedDiffOfChanges(oldName, newName, old, new string, changes []Change) (string, DiffStat) {
	if old == new {
		return "", DiffStat{}
	}
	if (strings.Count(old, "\n")+1)*len(changes) <= wholeDiffBudget {
		return UnifiedDiff(oldName, newName, old, new)
	}
	var lines []diffLine
	pos := 0
	for _, r := range lineRegions(old, changes) {
		lines = appendLines(lines, ' ', old[pos:r.OldStart])
		lines = append(lines, lineDiff(old[r.OldStart:r.OldEnd], new[r.NewStart:r.NewEnd])...)
		pos = r.OldEnd
	}
	lines = appendLines(lines, ' ', old[pos:])
	return formatDiff(oldName, newName, lines)
}

// wholeDiffBudget is the most lines times changes compared whole: a few
// milliseconds of go-diff's work.
var wholeDiffBudget = 1 << 20

// lineRegions widens changes to whole lines on both sides, merging those
// that then meet. The text between two changes is the same in both texts,
// so widening each side by the same bytes keeps the sides in step.
func lineRegions(old string, changes []Change) []Change {
	var out []Change
	for k := 0; k < len(changes); {
		c := changes[k]
		start := strings.LastIndexByte(old[:c.OldStart], '\n') + 1
		end := lineEndFrom(old, c.OldEnd)
		// A change that starts before the widened end joins this region, as
		// does one at the very end of a text without a final line break
		// (its line is this region's last).
		for k++; k < len(changes) && (changes[k].OldStart < end || end == len(old)); k++ {
			c.OldEnd, c.NewEnd = changes[k].OldEnd, changes[k].NewEnd
			end = lineEndFrom(old, c.OldEnd)
		}
		out = append(out, Change{
			OldStart: start, OldEnd: end,
			NewStart: c.NewStart - (c.OldStart - start), NewEnd: c.NewEnd + (end - c.OldEnd),
		})
	}
	return out
}

// lineEndFrom returns the offset just past the first line break at or after
// i, or the text's end.
func lineEndFrom(s string, i int) int {
	if n := strings.IndexByte(s[i:], '\n'); n >= 0 {
		return i + n + 1
	}
	return len(s)
}

// appendLines appends each line of s, with its line break, as a diff line
// of op.
func appendLines(lines []diffLine, op byte, s string) []diffLine {
	for line := range strings.Lines(s) {
		lines = append(lines, diffLine{op, line})
	}
	return lines
}

// formatDiff writes the hunks of a line diff.
func formatDiff(oldName, newName string, lines []diffLine) (string, DiffStat) {
	var st DiffStat
	var changed []int
	for i, l := range lines {
		switch l.op {
		case '-':
			st.Removed++
		case '+':
			st.Added++
		}
		if l.op != ' ' {
			changed = append(changed, i)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", oldName, newName)
	// oldAt[i] and newAt[i] are the 1-based numbers the i-th diff line has,
	// or would have, in each text.
	oldAt, newAt := make([]int, len(lines)+1), make([]int, len(lines)+1)
	oldAt[0], newAt[0] = 1, 1
	for i, l := range lines {
		oldAt[i+1], newAt[i+1] = oldAt[i], newAt[i]
		if l.op != '+' {
			oldAt[i+1]++
		}
		if l.op != '-' {
			newAt[i+1]++
		}
	}
	for k := 0; k < len(changed); {
		start := max(0, changed[k]-DiffContext)
		last := changed[k]
		for k++; k < len(changed) && changed[k]-last <= 2*DiffContext+1; k++ {
			last = changed[k]
		}
		end := min(len(lines), last+DiffContext+1)
		writeHunk(&b, lines[start:end], oldAt[start], oldAt[end]-oldAt[start], newAt[start], newAt[end]-newAt[start])
	}
	return b.String(), st
}

func writeHunk(b *strings.Builder, lines []diffLine, oldStart, oldLen, newStart, newLen int) {
	// An empty side is named by the line before it, as diff does.
	if oldLen == 0 {
		oldStart--
	}
	if newLen == 0 {
		newStart--
	}
	fmt.Fprintf(b, "@@ -%d,%d +%d,%d @@\n", oldStart, oldLen, newStart, newLen)
	for _, l := range lines {
		b.WriteByte(l.op)
		b.WriteString(l.text)
		if !strings.HasSuffix(l.text, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}
