package lint

import (
	"slices"
	"sync"
	"testing"
)

// seenSeqs is a corpus state and a hint that records the documents it is
// shown, and what the corpus state memoized on them when the hint saw them.
type seenSeqs struct {
	mu       sync.Mutex
	seqs     []int
	memoized []bool
}

type corpusMemoKey struct{}

func (s *seenSeqs) Observe(d *Document) {
	_, ok := d.Memoized(corpusMemoKey{})
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seqs = append(s.seqs, d.Seq)
	s.memoized = append(s.memoized, ok)
}

func (s *seenSeqs) Finish() {}

func (s *seenSeqs) Summarize(d *Document) []byte {
	d.Memo(corpusMemoKey{}, func() any { return true })
	return []byte{1}
}

func (s *seenSeqs) ObserveSummary(DocRef, []byte) {}

func (s *seenSeqs) Reports(DocRef, []byte) bool { return false }

// hintRules returns a set of a corpus rule, which memoizes a value on every
// document it sees, and a rule with a hint whose Run records the hint it
// was handed.
func hintRules(t *testing.T) (rs *RuleSet, hint *seenSeqs, handed *[]Hint) {
	t.Helper()
	hint, handed = &seenSeqs{}, new([]Hint)
	corpus := &Rule{ID: "corpus", Severity: Warning, Run: func(*Pass) {},
		NewCorpus: func(*Settings) CorpusState {
			return &memoizing{}
		}}
	hinted := &Rule{ID: "hinted", Severity: Info, Run: func(p *Pass) { *handed = append(*handed, p.Hint) },
		NewHint: func(*Settings) Hint { return hint }}
	rs = &RuleSet{Settings: []*Settings{NewSettings(corpus, nil), NewSettings(hinted, nil)}, Hints: true}
	return rs, hint, handed
}

// memoizing is a summarizing corpus state that memoizes on what it sees.
type memoizing struct{ seenSeqs }

func (m *memoizing) Observe(d *Document) { m.Summarize(d) }

func TestHintSeesTheFirstPassAfterTheCorpusStates(t *testing.T) {
	rs, hint, handed := hintRules(t)
	rs.StartCorpus()
	a, b := NewDocument("a.txt", "a\n"), NewDocument("b.txt", "b\n")
	a.Seq, b.Seq = 1, 2
	if err := rs.Observe(a); err != nil {
		t.Fatal(err)
	}
	if _, err := rs.ObserveSummarized(b); err != nil {
		t.Fatal(err)
	}
	rs.FinishCorpus()
	if !slices.Equal(hint.seqs, []int{1, 2}) || !slices.Equal(hint.memoized, []bool{true, true}) {
		t.Errorf("hint saw %v (corpus state's memo there: %v), want 1 and 2, each after the corpus state", hint.seqs, hint.memoized)
	}
	if _, err := rs.Check(NewDocument("a.txt", "a\n")); err != nil {
		t.Fatal(err)
	}
	if len(*handed) != 1 || (*handed)[0] != Hint(hint) {
		t.Errorf("Run was handed %v, want the hint", *handed)
	}
}

func TestNoHintWithoutAFirstPassOrWithoutHints(t *testing.T) {
	for _, firstPass := range []bool{false, true} {
		rs, hint, handed := hintRules(t)
		if firstPass {
			rs.Hints = false
			rs.StartCorpus()
			if err := rs.Observe(NewDocument("a.txt", "a\n")); err != nil {
				t.Fatal(err)
			}
			rs.FinishCorpus()
		}
		if _, err := rs.Check(NewDocument("a.txt", "a\n")); err != nil {
			t.Fatal(err)
		}
		if len(*handed) != 1 || (*handed)[0] != nil || len(hint.seqs) != 0 {
			t.Errorf("first pass %v: Run was handed %v and the hint saw %v, want no hint", firstPass, *handed, hint.seqs)
		}
	}
}

func TestHintRespectsIgnoreAndOff(t *testing.T) {
	rs, hint, _ := hintRules(t)
	rs.Ignore = func(path, rule string) bool { return path == "skip.txt" && rule == "hinted" }
	rs.StartCorpus()
	for i, path := range []string{"skip.txt", "keep.txt"} {
		d := NewDocument(path, "x\n")
		d.Seq = i
		if err := rs.Observe(d); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(hint.seqs, []int{1}) {
		t.Errorf("hint saw %v, want only the document not ignored (1)", hint.seqs)
	}

	rs, hint, _ = hintRules(t)
	rs.Settings[1].Severity = Off
	rs.StartCorpus()
	if err := rs.Observe(NewDocument("a.txt", "x\n")); err != nil {
		t.Fatal(err)
	}
	if len(hint.seqs) != 0 {
		t.Errorf("the hint of a rule that is off saw %v", hint.seqs)
	}
}
