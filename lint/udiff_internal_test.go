package lint

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// applyUnified applies a unified diff as UnifiedDiff writes it to old,
// checking every context and removed line against old.
func applyUnified(old, diff string) (string, error) {
	oldLines := strings.SplitAfter(old, "\n")
	if oldLines[len(oldLines)-1] == "" {
		oldLines = oldLines[:len(oldLines)-1]
	}
	dl := strings.SplitAfter(diff, "\n")
	var out strings.Builder
	at := 0 // next old line to copy
	for k := 2; k < len(dl) && dl[k] != ""; {
		var o, ol, n, nl int
		if _, err := fmt.Sscanf(dl[k], "@@ -%d,%d +%d,%d @@", &o, &ol, &n, &nl); err != nil {
			return "", fmt.Errorf("hunk header %q: %w", dl[k], err)
		}
		if ol == 0 {
			o++
		}
		for at < o-1 {
			out.WriteString(oldLines[at])
			at++
		}
		for k++; k < len(dl) && dl[k] != "" && !strings.HasPrefix(dl[k], "@@"); k++ {
			line := dl[k]
			text := line[1:]
			if k+1 < len(dl) && strings.HasPrefix(dl[k+1], "\\ No newline") {
				text = strings.TrimSuffix(text, "\n")
				k++
			}
			switch line[0] {
			case ' ', '-':
				if at >= len(oldLines) || oldLines[at] != text {
					return "", fmt.Errorf("line %d is %q in the text, %q in the diff", at+1, oldLines[min(at, len(oldLines)-1)], text)
				}
				if line[0] == ' ' {
					out.WriteString(text)
				}
				at++
			case '+':
				out.WriteString(text)
			}
		}
	}
	for ; at < len(oldLines); at++ {
		out.WriteString(oldLines[at])
	}
	return out.String(), nil
}

// randomEdits returns sorted edits on text that never overlap, as a fix
// pass makes: replacements, deletions (of whole lines too) and insertions.
func randomEdits(rng *rand.Rand, text string) []Edit {
	var edits []Edit
	for at := rng.IntN(8); at <= len(text); at += 1 + rng.IntN(40) {
		end := min(len(text), at+rng.IntN(12))
		newText := []string{"", "X", "Y\n", "\n", "zz"}[rng.IntN(5)]
		edits = append(edits, Edit{Start: at, End: end, NewText: newText})
		at = end
	}
	return edits
}

// TestChangesDiff runs random passes of edits, composes their changes, and
// checks that the changes rebuild the final text from the original, and
// that the diff made from them applies to give the final text, as the diff
// of the whole texts does.
func TestChangesDiff(t *testing.T) {
	defer func(budget int) { wholeDiffBudget = budget }(wholeDiffBudget)
	wholeDiffBudget = 0 // every diff by its changes
	rng := rand.New(rand.NewPCG(17, 18))
	for n := range 3000 {
		var b strings.Builder
		for i := range rng.IntN(40) {
			b.WriteString("dòng " + strconv.Itoa(i%7) + "\n")
		}
		if rng.IntN(3) == 0 {
			b.WriteString("cuối")
		}
		old := b.String()
		cur := old
		var changes []Change
		for range 1 + rng.IntN(3) {
			edits := randomEdits(rng, cur)
			cur = ApplyEdits(cur, edits)
			changes = composeChanges(changes, edits)
		}
		var rebuilt strings.Builder
		pos := 0
		for _, c := range changes {
			if c.OldStart < pos || c.OldEnd < c.OldStart || c.NewEnd < c.NewStart {
				t.Fatalf("case %d: changes out of order: %+v", n, changes)
			}
			rebuilt.WriteString(old[pos:c.OldStart])
			rebuilt.WriteString(cur[c.NewStart:c.NewEnd])
			pos = c.OldEnd
		}
		rebuilt.WriteString(old[pos:])
		if rebuilt.String() != cur {
			t.Fatalf("case %d: the changes %+v rebuild %q, not %q from %q", n, changes, rebuilt.String(), cur, old)
		}
		diff, st := UnifiedDiffOfChanges("a", "b", old, cur, changes)
		got, err := applyUnified(old, diff)
		if err != nil || got != cur {
			t.Fatalf("case %d: the diff of the changes gives %q (%v), want %q\n%s", n, got, err, cur, diff)
		}
		whole, wst := UnifiedDiff("a", "b", old, cur)
		if got, err := applyUnified(old, whole); err != nil || got != cur {
			t.Fatalf("case %d: the reference diff does not apply: %v", n, err)
		}
		if (diff == "") != (whole == "") || st.Added-st.Removed != wst.Added-wst.Removed {
			t.Fatalf("case %d: stats %+v against the whole-text diff's %+v", n, st, wst)
		}
	}
}

// TestChangesDiffOfAnOrdinaryDocument checks that a document within the
// budget gets the whole-text diff, byte for byte.
func TestChangesDiffOfAnOrdinaryDocument(t *testing.T) {
	old := "Tin chính.\nIn bài viết\nĐoạn hai.\nĐoạn hai.\n"
	edits := []Edit{{Start: len("Tin chính.\n"), End: len("Tin chính.\nIn bài viết\n")}}
	cur := ApplyEdits(old, edits)
	got, _ := UnifiedDiffOfChanges("a", "b", old, cur, composeChanges(nil, edits))
	if want, _ := UnifiedDiff("a", "b", old, cur); got != want || got == "" {
		t.Errorf("diff by changes\n%s\nwant the whole-text diff\n%s", got, want)
	}
}

// lineDiff's own line characters must give the diff go-diff's mapping
// gives (the way it goes past maxLineRunes lines), on texts whose lines
// repeat, end in CRLF or lack a final break, including empty ones.
func TestLineDiffMatchesGoDiffMapping(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a\n", "b\n", "a\n", "c\r\n", "\n", "dài hơn\n", "x"}
	text := func() string {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces)-1)])
		}
		if rng.IntN(3) == 0 {
			b.WriteString(pieces[len(pieces)-1])
		}
		return b.String()
	}
	for range 2000 {
		old, new := text(), text()
		if rng.IntN(2) == 0 {
			new = old[:rng.IntN(len(old)+1)] + text()
		}
		own := lineDiff(old, new)
		saved := maxLineRunes
		maxLineRunes = 0
		goDiff := lineDiff(old, new)
		maxLineRunes = saved
		if fmt.Sprint(own) != fmt.Sprint(goDiff) {
			t.Fatalf("lineDiff(%q, %q) = %q, go-diff's mapping gives %q", old, new, own, goDiff)
		}
	}
}

// lineRune must stand for each line by a character a string holds, and give
// the line back.
func TestLineRuneRoundTrips(t *testing.T) {
	for _, i := range []int{0, 1, 0x7F, 0xD7FF, 0xD800, 0xDFFF, 0xE000, 0xFFFF, maxLineRunes - 1} {
		r := lineRune(i)
		if back := []rune(string(r)); len(back) != 1 || back[0] != r || lineOfRune(r) != i {
			t.Errorf("line %d: character %U comes back as %U, line %d", i, r, back, lineOfRune(back[0]))
		}
	}
}
