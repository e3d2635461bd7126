package lint

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// MaxFixPasses bounds the fix loop. Each pass applies a set of
// non-overlapping edits and lints again; a document still changing after
// this many passes has rules whose fixes feed each other, and is reported
// rather than looped on.
const MaxFixPasses = 10

// FixResult is what fixing one document did.
type FixResult struct {
	Text string
	// Applied counts the applied fixes per rule ID.
	Applied map[string]int
	// Removed is what the applied fixes of each rule took out of the text,
	// so that a user sees the cost of a cleanup before trusting it.
	Removed map[string]Removal
	// Passes is how many lint-and-apply passes ran.
	Passes int
	// Settled is false when the document was still changing after
	// MaxFixPasses passes.
	Settled bool
	// Remaining are the findings of the final text (those with no fix, an
	// unsafe fix not asked for, or a fix that conflicted until the end).
	Remaining []Finding
	// Changes are the stretches of the document's text that Text replaces,
	// in order; between them the two texts are the same.
	Changes []Change
}

// Change says that Old[OldStart:OldEnd] became New[NewStart:NewEnd].
type Change struct {
	OldStart, OldEnd, NewStart, NewEnd int
}

// composeChanges adds a pass's edits, sorted and in the coordinates of the
// text the changes lead to, to the changes from the original text: edits
// that meet a change, or each other, merge with it.
func composeChanges(changes []Change, edits []Edit) []Change {
	var out []Change
	// shift is New minus Old in the text after the changes passed; grown
	// is how much longer the edits of the groups passed made the text.
	shift, grown := 0, 0
	i, j := 0, 0
	for i < len(changes) || j < len(edits) {
		start := 0
		switch {
		case j == len(edits) || i < len(changes) && changes[i].NewStart <= edits[j].Start:
			start = changes[i].NewStart
		default:
			start = edits[j].Start
		}
		end, delta := start, 0
		oldStart := start - shift
		for {
			if i < len(changes) && changes[i].NewStart <= end {
				end = max(end, changes[i].NewEnd)
				shift = changes[i].NewEnd - changes[i].OldEnd
				i++
				continue
			}
			if j < len(edits) && edits[j].Start <= end {
				end = max(end, edits[j].End)
				delta += len(edits[j].NewText) - (edits[j].End - edits[j].Start)
				j++
				continue
			}
			break
		}
		out = append(out, Change{OldStart: oldStart, OldEnd: end - shift, NewStart: start + grown, NewEnd: end + grown + delta})
		grown += delta
	}
	return out
}

// FixDocument applies the fixes of the set's findings on d until the text
// stops changing (a fixpoint) or MaxFixPasses is reached. Safe fixes are
// always applied; unsafe ones only when unsafe is true.
//
// Only the rules that can offer a fix this run applies take part in the
// passes; the others run once, on the settled text, for Remaining. Their
// findings could not change what a pass applies, and running them on every
// version of a document was a quarter of a fix run (near-duplicate-paragraph
// and sidebar-item on text about to change).
func (rs *RuleSet) FixDocument(d *Document, unsafe bool) (FixResult, error) {
	res := FixResult{Text: d.Text, Applied: map[string]int{}, Removed: map[string]Removal{}}
	fixing := func(r *Rule) bool { return r.Fix.applies(unsafe) }
	cur := d
	// The versions of the text between d and the result are the fix's
	// own: each is released once replaced (d is its caller's).
	defer func() {
		if cur != d {
			cur.Release()
		}
	}()
	var firstErr error
	keep := func(err error) {
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	for res.Passes < MaxFixPasses {
		findings, err := rs.CheckOnly(cur, fixing)
		keep(err)
		text, applied, edits := applyFixes(cur.Text, findings, unsafe)
		res.Passes++
		if len(applied) == 0 {
			others, err := rs.CheckOnly(cur, func(r *Rule) bool { return !fixing(r) })
			keep(err)
			findings = append(findings, others...)
			SortFindings(findings)
			res.Remaining = findings
			res.Settled = true
			return res, firstErr
		}
		for _, f := range applied {
			res.Applied[f.Rule]++
			r := res.Removed[f.Rule]
			r.add(cur.Text, f.Fix.Edits)
			res.Removed[f.Rule] = r
		}
		res.Text = text
		res.Changes = composeChanges(res.Changes, edits)
		next := *cur
		next.Text = text
		next.lines, next.memo, next.column = nil, nil, columnMark{}
		if cur != d {
			cur.Release()
		}
		cur = &next
	}
	// One more look tells whether the last pass reached the fixpoint.
	findings, err := rs.Check(cur)
	keep(err)
	res.Remaining = findings
	_, applied := ApplyFixes(cur.Text, findings, unsafe)
	res.Settled = len(applied) == 0
	if !res.Settled && firstErr == nil {
		firstErr = fmt.Errorf("%s: fixes did not settle after %d passes (rules: %s)", location(d.Path, d.Record), MaxFixPasses, ruleList(applied))
	}
	return res, firstErr
}

// Removal is how much text fixes removed: bytes deleted or replaced, and
// whole lines (line breaks removed beyond those put back).
type Removal struct {
	Bytes, Lines int
}

func (r *Removal) add(text string, edits []Edit) {
	for _, e := range edits {
		r.Bytes += e.End - e.Start
		if n := strings.Count(text[e.Start:e.End], "\n") - strings.Count(e.NewText, "\n"); n > 0 {
			r.Lines += n
		}
	}
}

func ruleList(fs []Finding) string {
	seen := map[string]bool{}
	var ids []string
	for _, f := range fs {
		if !seen[f.Rule] {
			seen[f.Rule] = true
			ids = append(ids, f.Rule)
		}
	}
	sort.Strings(ids)
	return strings.Join(ids, ", ")
}

// ApplyFixes applies, in one pass, the fixes of findings that can go
// together: findings are taken in position order and a fix whose edits
// overlap an edit already taken is left for the next pass. Adjacent edits go
// together; an insertion at the same point as another edit's start does not,
// since their order would be a guess. It returns the new text and the
// findings whose fixes were applied.
func ApplyFixes(text string, findings []Finding, unsafe bool) (string, []Finding) {
	text, applied, _ := applyFixes(text, findings, unsafe)
	return text, applied
}

// applyFixes is ApplyFixes that also returns the edits it made, sorted.
func applyFixes(text string, findings []Finding, unsafe bool) (string, []Finding, []Edit) {
	var taken takenEdits
	var applied []Finding
	for _, f := range findings {
		if f.Fix == nil || (f.Fix.Safety == Unsafe && !unsafe) {
			continue
		}
		if taken.conflicts(f.Fix.Edits) {
			continue
		}
		for _, e := range f.Fix.Edits {
			taken.insert(e)
		}
		applied = append(applied, f)
	}
	if len(taken) == 0 {
		return text, nil, nil
	}
	return ApplyEdits(text, taken), applied, taken
}

// takenEdits are the edits a pass has taken, kept sorted by start (then
// end). They never overlap, so their ends are sorted too, and whether a
// new edit conflicts is answered by a binary search rather than a look at
// every edit taken: a document with a hundred thousand fixes spent seconds
// in that look.
type takenEdits []Edit

func (taken takenEdits) conflicts(edits []Edit) bool {
	for _, e := range edits {
		// The first taken edit ending after e starts is the only one that
		// can overlap it: every later one starts after that one ends.
		i := sort.Search(len(taken), func(i int) bool { return taken[i].End > e.Start })
		if i < len(taken) && e.Start < taken[i].End && taken[i].Start < e.End {
			return true
		}
		// An insertion at the start of another edit, or an edit at an
		// insertion's point: their order would be a guess.
		j := sort.Search(len(taken), func(i int) bool { return taken[i].Start >= e.Start })
		for ; j < len(taken) && taken[j].Start == e.Start; j++ {
			if e.Start == e.End || taken[j].Start == taken[j].End {
				return true
			}
		}
	}
	return false
}

func (taken *takenEdits) insert(e Edit) {
	t := *taken
	i := sort.Search(len(t), func(i int) bool {
		return t[i].Start > e.Start || t[i].Start == e.Start && t[i].End > e.End
	})
	*taken = slices.Insert(t, i, e)
}

// ApplyEdits applies sorted, non-overlapping edits to text. Bytes outside the
// edits are copied unchanged.
func ApplyEdits(text string, edits []Edit) string {
	var b strings.Builder
	b.Grow(len(text))
	pos := 0
	for _, e := range edits {
		b.WriteString(text[pos:e.Start])
		b.WriteString(e.NewText)
		pos = e.End
	}
	b.WriteString(text[pos:])
	return b.String()
}
