package lint

import (
	"fmt"
	"runtime/debug"
	"sort"
	"sync"
	"unicode/utf8"
)

// RuleSet is the configured rules of a run, with the corpus states of its
// corpus rules once the first pass has made them.
type RuleSet struct {
	// Lang is the language profile the rules were configured with.
	Lang     string
	Settings []*Settings
	// Ignore, when set, reports whether a rule is switched off for a path
	// (the configuration's ignore entries).
	Ignore func(path, rule string) bool
	// InputPath names the input of Index index, for a corpus rule whose
	// message names another document ("same text as corpus/a.txt"). A run
	// sets it from its list of inputs, so that the corpus rules keep no
	// path per file (two maps of every path were a fifth of the memory of
	// a run over many small files); without it the set remembers the
	// paths of the documents its corpus rules observe.
	InputPath func(index int) string

	// Hints asks StartCorpus for the hints of the rules that take one
	// (Rule.NewHint). A run whose second pass checks the texts its first
	// pass read gains by them; a run that fixes the texts first would mostly
	// compute them for texts it then changes.
	Hints bool

	corpus map[*Rule]CorpusState
	hints  map[*Rule]Hint
	seenMu sync.Mutex
	seen   map[int]string // document Seq -> path, without InputPath
}

// remember keeps ref's path for pathOf, for a set without InputPath.
func (rs *RuleSet) remember(ref DocRef) {
	if rs.InputPath != nil {
		return
	}
	rs.seenMu.Lock()
	defer rs.seenMu.Unlock()
	if rs.seen == nil {
		rs.seen = map[int]string{}
	}
	rs.seen[ref.Seq] = ref.Path
}

// pathOf is the path of the input of the document numbered seq.
func (rs *RuleSet) pathOf(seq int) string {
	if rs.InputPath != nil {
		return rs.InputPath(InputIndex(seq))
	}
	rs.seenMu.Lock()
	defer rs.seenMu.Unlock()
	return rs.seen[seq]
}

// HasCorpusRules reports whether any rule of the set needs a first pass over
// the whole corpus.
func (rs *RuleSet) HasCorpusRules() bool {
	for _, s := range rs.Settings {
		if s.Rule.NewCorpus != nil {
			return true
		}
	}
	return false
}

// StartCorpus makes a fresh state for every corpus rule, and with Hints a
// hint for every rule that takes one, ready for Observe.
func (rs *RuleSet) StartCorpus() {
	rs.corpus = map[*Rule]CorpusState{}
	rs.hints = map[*Rule]Hint{}
	for _, s := range rs.Settings {
		switch {
		case s.Rule.NewCorpus != nil:
			rs.corpus[s.Rule] = s.Rule.NewCorpus(s)
		case rs.Hints && s.Rule.NewHint != nil && s.Severity != Off:
			rs.hints[s.Rule] = s.Rule.NewHint(s)
		}
	}
}

// Observe shows d to every corpus rule, then to the hints; it is safe for
// concurrent use.
func (rs *RuleSet) Observe(d *Document) error {
	rs.remember(d.Ref())
	err := observeAll(rs, d, rs.corpus)
	if herr := rs.observeHints(d); err == nil {
		err = herr
	}
	return err
}

// observeHints shows d to the hints, once the corpus states have seen it.
func (rs *RuleSet) observeHints(d *Document) error { return observeAll(rs, d, rs.hints) }

// observeAll shows d to the observers of the set's rules in states (corpus
// states or hints), in set order, skipping the rules ignored on d's path;
// it returns the first rule's failure.
func observeAll[O interface{ Observe(*Document) }](rs *RuleSet, d *Document, states map[*Rule]O) error {
	var firstErr error
	for _, s := range rs.Settings {
		st, ok := states[s.Rule]
		if !ok || rs.ignored(d.Path, s.Rule.ID) {
			continue
		}
		if err := guard(d, s.Rule, func() { st.Observe(d) }); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return firstErr
}

// Summarizable reports whether every corpus rule of the set can take its
// first pass from summaries (see CorpusSummarizer).
func (rs *RuleSet) Summarizable() bool {
	for _, st := range rs.corpus {
		if _, ok := st.(CorpusSummarizer); !ok {
			return false
		}
	}
	return true
}

// corpusRules are the settings of the set's corpus rules, in set order:
// the order of a document's summaries.
func (rs *RuleSet) corpusRules() []*Settings {
	var out []*Settings
	for _, s := range rs.Settings {
		if rs.corpus[s.Rule] != nil {
			out = append(out, s)
		}
	}
	return out
}

// ObserveSummarized is Observe for a set whose corpus rules are all
// summarizers: it also returns the summaries, one per corpus rule (nil for
// a rule the configuration ignores on this path), for the cache.
func (rs *RuleSet) ObserveSummarized(d *Document) ([][]byte, error) {
	rs.remember(d.Ref())
	var firstErr error
	rules := rs.corpusRules()
	sums := make([][]byte, len(rules))
	for i, s := range rules {
		if rs.ignored(d.Path, s.Rule.ID) {
			continue
		}
		st := rs.corpus[s.Rule].(CorpusSummarizer)
		err := guard(d, s.Rule, func() {
			sums[i] = st.Summarize(d)
			st.ObserveSummary(d.Ref(), sums[i])
		})
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if err := rs.observeHints(d); err != nil && firstErr == nil {
		firstErr = err
	}
	return sums, firstErr
}

// ObserveSummaries feeds the corpus rules a document's stored summaries,
// as ObserveSummarized made them.
func (rs *RuleSet) ObserveSummaries(ref DocRef, sums [][]byte) {
	rs.remember(ref)
	for i, s := range rs.corpusRules() {
		if i < len(sums) && sums[i] != nil && !rs.ignored(ref.Path, s.Rule.ID) {
			rs.corpus[s.Rule].(CorpusSummarizer).ObserveSummary(ref, sums[i])
		}
	}
}

// CorpusReports reports whether any corpus rule may report on the document
// whose summaries are sums, once the first pass is finished.
func (rs *RuleSet) CorpusReports(ref DocRef, sums [][]byte) bool {
	for i, s := range rs.corpusRules() {
		if s.Severity == Off || rs.ignored(ref.Path, s.Rule.ID) || i >= len(sums) || sums[i] == nil {
			continue
		}
		if rs.corpus[s.Rule].(CorpusSummarizer).Reports(ref, sums[i]) {
			return true
		}
	}
	return false
}

// FinishCorpus ends the first pass.
func (rs *RuleSet) FinishCorpus() {
	for _, st := range rs.corpus {
		st.Finish()
	}
}

func (rs *RuleSet) ignored(path, rule string) bool {
	return rs.Ignore != nil && rs.Ignore(path, rule)
}

// Check runs every rule of the set on d and returns the findings sorted by
// position. A rule that panics or reports an impossible span does not stop
// the others: its failure is returned as an error naming the document and
// the rule, alongside the other rules' findings.
func (rs *RuleSet) Check(d *Document) ([]Finding, error) { return rs.CheckOnly(d, nil) }

// CheckOnly is Check with only the rules keep accepts (all when keep is nil):
// a run that replays per-document findings from the cache still runs its
// corpus rules.
func (rs *RuleSet) CheckOnly(d *Document, keep func(*Rule) bool) ([]Finding, error) {
	var findings []Finding
	var errs []error
	// One pass for every rule, and its findings slice reused: a pass a
	// rule was two allocations per rule and document, a twentieth of what
	// a check allocates.
	p := &Pass{Doc: d, set: rs}
	run := func() { p.Rule.Run(p) }
	for _, s := range rs.Settings {
		if s.Severity == Off || rs.ignored(d.Path, s.Rule.ID) || (keep != nil && !keep(s.Rule)) {
			continue
		}
		if s.Rule.NewCorpus != nil && rs.corpus == nil {
			// A corpus rule checked outside a run that made its state
			// (one document handed to Check alone) has nothing to compare
			// against and so finds nothing.
			continue
		}
		p.Settings, p.Corpus, p.Hint, p.findings = s, rs.corpus[s.Rule], rs.hints[s.Rule], p.findings[:0]
		if err := guard(d, s.Rule, run); err != nil {
			errs = append(errs, err)
		}
		for _, f := range p.findings {
			if err := validate(d, s.Rule.Fix, f); err != nil {
				errs = append(errs, &RuleError{Path: d.Path, Record: d.Record, Rule: s.Rule.ID, Err: err})
				continue
			}
			findings = append(findings, f)
		}
	}
	SortFindings(findings)
	if len(errs) > 0 {
		return findings, errs[0]
	}
	return findings, nil
}

// SortFindings orders findings by position, then rule, then message, which
// is the order every reporter shows them in.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// RuleError is a rule's failure on one document: a panic, or a finding that
// breaks the engine's invariants. It is a bug in the rule.
type RuleError struct {
	Path   string
	Record int
	Rule   string
	Err    error
}

func (e *RuleError) Error() string {
	return fmt.Sprintf("%s: rule %s failed: %v (this is a bug in scrapelint; the rule's findings for this document are incomplete)", location(e.Path, e.Record), e.Rule, e.Err)
}

func (e *RuleError) Unwrap() error { return e.Err }

func guard(d *Document, r *Rule, f func()) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &RuleError{Path: d.Path, Record: d.Record, Rule: r.ID, Err: fmt.Errorf("panic: %v\n%s", v, debug.Stack())}
		}
	}()
	f()
	return nil
}

// validate checks the invariants every finding must keep: a span inside the
// text on character boundaries; a fix the rule declares it offers (a fix
// run counts on the declaration to leave out the rules whose fixes it does
// not apply); and edits that are in bounds, on character boundaries,
// sorted, non-overlapping and valid UTF-8.
func validate(d *Document, kind FixKind, f Finding) error {
	n := len(d.Text)
	if f.Start < 0 || f.End < f.Start || f.End > n {
		return fmt.Errorf("span [%d,%d) outside the text (length %d)", f.Start, f.End, n)
	}
	if !boundary(d.Text, f.Start) || !boundary(d.Text, f.End) {
		return fmt.Errorf("span [%d,%d) splits a character", f.Start, f.End)
	}
	if f.Fix == nil {
		return nil
	}
	if !kind.offers(f.Fix.Safety) {
		return fmt.Errorf("%s fix from a rule declaring %s fixes", f.Fix.Safety, kind)
	}
	if len(f.Fix.Edits) == 0 {
		return fmt.Errorf("fix with no edits")
	}
	prev := -1
	for _, e := range f.Fix.Edits {
		if e.Start < 0 || e.End < e.Start || e.End > n {
			return fmt.Errorf("edit [%d,%d) outside the text (length %d)", e.Start, e.End, n)
		}
		if e.Start < prev {
			return fmt.Errorf("edits overlap or are out of order at %d", e.Start)
		}
		if !boundary(d.Text, e.Start) || !boundary(d.Text, e.End) {
			return fmt.Errorf("edit [%d,%d) splits a character", e.Start, e.End)
		}
		if !utf8.ValidString(e.NewText) {
			return fmt.Errorf("edit [%d,%d) inserts invalid UTF-8", e.Start, e.End)
		}
		prev = e.End
	}
	return nil
}

func boundary(s string, i int) bool {
	return i == 0 || i == len(s) || utf8.RuneStart(s[i])
}

func location(path string, record int) string {
	if record > 0 {
		return fmt.Sprintf("%s:%d", path, record)
	}
	return path
}
