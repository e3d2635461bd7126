package lint

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
)

// applyFixesReference is ApplyFixes as first written: each fix is compared
// with every edit already taken. Its sort is made stable here: two
// insertions of one fix at one point kept their order only because sorts
// of a dozen elements happen to be stable; ApplyFixes keeps it always.
func applyFixesReference(text string, findings []Finding, unsafe bool) (string, []Finding) {
	var taken []Edit
	var applied []Finding
	for _, f := range findings {
		if f.Fix == nil || (f.Fix.Safety == Unsafe && !unsafe) {
			continue
		}
		conflict := false
		for _, e := range f.Fix.Edits {
			for _, t := range taken {
				if e.Start < t.End && t.Start < e.End || e.Start == t.Start && (e.Start == e.End || t.Start == t.End) {
					conflict = true
				}
			}
		}
		if conflict {
			continue
		}
		taken = append(taken, f.Fix.Edits...)
		applied = append(applied, f)
	}
	if len(taken) == 0 {
		return text, nil
	}
	sort.SliceStable(taken, func(i, j int) bool {
		if taken[i].Start != taken[j].Start {
			return taken[i].Start < taken[j].Start
		}
		return taken[i].End < taken[j].End
	})
	return ApplyEdits(text, taken), applied
}

// TestApplyFixesMatchesReference holds ApplyFixes's binary searches to
// comparing every pair, on crowded random fixes: insertions, deletions and
// replacements, touching, nested and overlapping, one to three edits each.
func TestApplyFixesMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	const text = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for range 20000 {
		var findings []Finding
		for range rng.IntN(12) {
			var edits []Edit
			at := rng.IntN(len(text) + 1)
			for range 1 + rng.IntN(3) {
				if at > len(text) {
					break
				}
				end := min(len(text), at+rng.IntN(4))
				edits = append(edits, Edit{Start: at, End: end, NewText: fmt.Sprint(rng.IntN(3))})
				at = end + rng.IntN(3)
			}
			safety := Safe
			if rng.IntN(4) == 0 {
				safety = Unsafe
			}
			findings = append(findings, Finding{Rule: "r", Start: edits[0].Start, End: edits[len(edits)-1].End, Fix: &Fix{Safety: safety, Edits: edits}})
		}
		SortFindings(findings)
		unsafe := rng.IntN(2) == 0
		gotText, gotApplied := ApplyFixes(text, findings, unsafe)
		wantText, wantApplied := applyFixesReference(text, findings, unsafe)
		if gotText != wantText || fmt.Sprint(gotApplied) != fmt.Sprint(wantApplied) {
			for _, f := range findings {
				t.Logf("%v %v", f.Fix.Safety, f.Fix.Edits)
			}
			t.Fatalf("unsafe %v:\ngot  %q %v\nwant %q %v", unsafe, gotText, len(gotApplied), wantText, len(wantApplied))
		}
	}
}
