package lint

import (
	"fmt"
	"strings"

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

// lineDiff compares old and new line by line. go-diff maps each distinct
// line to one character and diffs those strings, so the result is a diff of
// whole lines; CR of CRLF endings stays part of its line.
func lineDiff(old, new string) []diffLine {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // the same input always gives the same diff
	a, b, lines := dmp.DiffLinesToRunes(old, new)
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(a, b, false), lines)
	var out []diffLine
	for _, d := range diffs {
		op := byte(' ')
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			op = '-'
		case diffmatchpatch.DiffInsert:
			op = '+'
		}
		for rest := d.Text; rest != ""; {
			n := strings.IndexByte(rest, '\n') + 1
			if n == 0 {
				n = len(rest)
			}
			out = append(out, diffLine{op, rest[:n]})
			rest = rest[n:]
		}
	}
	return out
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
	lines := lineDiff(old, new)
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
