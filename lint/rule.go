package lint

import (
	"fmt"
	"regexp"
	"sort"
)

// FixKind says which fixes a rule can offer, for the rules table.
type FixKind int

// Fix kinds a rule declares.
const (
	NoFix FixKind = iota
	SafeFix
	UnsafeFix
	// MixedFix rules offer safe fixes for some findings and unsafe ones for
	// others (a rule that is sure of one shape of defect and not of another).
	MixedFix
)

// applies reports whether a rule of kind k can offer a fix that a fix run
// applies: a safe one, or an unsafe one when the run applies those.
func (k FixKind) applies(unsafe bool) bool {
	return k == SafeFix || k == MixedFix || (unsafe && k == UnsafeFix)
}

// offers reports whether a rule of kind k may offer a fix of that safety.
func (k FixKind) offers(safety Safety) bool {
	return k == MixedFix || (k == SafeFix && safety == Safe) || (k == UnsafeFix && safety == Unsafe)
}

func (k FixKind) String() string {
	switch k {
	case SafeFix:
		return "safe"
	case UnsafeFix:
		return "unsafe"
	case MixedFix:
		return "safe/unsafe"
	}
	return "no"
}

// Rule is one check. Rules are values, declared in package rules as data plus
// a run function, in the manner of golang.org/x/tools/go/analysis.
type Rule struct {
	// ID is the stable kebab-case name users put in configs and CI logs.
	ID string
	// Family is the defect family of ../shared/DEFECTS.md the rule covers
	// ("1" to "9"), or "-" for rules outside the catalogue.
	Family string
	// Severity is the default severity; Off means the rule runs only when
	// enabled.
	Severity Severity
	// Summary is one line, used by the rules table.
	Summary string
	// Doc is the long description: what the rule finds and why it matters.
	Doc string
	// Before and After are a short example of a defect and its repair (After
	// is the text with the fix applied, or the text a user would write).
	Before, After string
	// Fix says which fixes the rule can offer.
	Fix FixKind
	// FixDoc explains when the fix is safe and what it touches.
	FixDoc string
	// Options are the rule's settings with their defaults.
	Options []Option
	// Lexicons names the lexicons of the language profile the rule reads;
	// the configuration may extend only these.
	Lexicons []string

	// Run checks one document. For a corpus rule it runs in the second pass
	// and may read the state its NewCorpus made (Pass.Corpus).
	Run func(*Pass)
	// NewCorpus, when set, makes the rule a corpus rule: the runner makes one
	// state per run, shows it every document in a first pass (Observe), calls
	// Finish, then runs Run on every document with the state in Pass.Corpus.
	NewCorpus func(*Settings) CorpusState
	// NewHint, when set on a rule that is not a corpus rule, makes a state
	// that a run's first pass over the corpus (a run with corpus rules has
	// one) shows every document it reads, after the corpus states have
	// seen it: the rule can then learn what it needs from what they
	// derived (Document.Memo) instead of deriving it again in the second
	// pass. Run finds the state in Pass.Hint. A hint may only spare Run
	// work: the rule's findings must be the same with it and without it,
	// including on a text that differs from the one the first pass read.
	NewHint func(*Settings) Hint
}

// Hint is what a rule learns of a document in a run's first pass to spare
// work in the second (see Rule.NewHint). Observe is called concurrently.
type Hint interface {
	Observe(d *Document)
}

// CorpusState is what a corpus rule learns about the whole corpus in the
// first pass. Observe is called concurrently from several workers, so an
// implementation guards its own state; it must keep only small per-document
// facts (hashes, signatures), never the texts, so that memory does not grow
// with the size of the corpus's text.
type CorpusState interface {
	Observe(d *Document)
	Finish()
}

// A CorpusSummarizer is a CorpusState whose first pass can be fed from a
// summary of each document, so that the summaries of unchanged files can
// be kept in the cache and a re-run reads only the files that changed.
// Observe(d) must do what ObserveSummary(d.Ref(), Summarize(d)) does.
// Summarize is called concurrently; ObserveSummary too.
type CorpusSummarizer interface {
	CorpusState
	Summarize(d *Document) []byte
	ObserveSummary(ref DocRef, summary []byte)
	// Reports says, after Finish, whether the document may get a finding
	// from the rule: a cached file none of whose documents does need not be
	// read again.
	Reports(ref DocRef, summary []byte) bool
}

// Option is one setting of a rule. Its Default's type (int, float64, bool,
// string or []string) is the type a configured value must have.
type Option struct {
	Name    string
	Default any
	Doc     string
}

// Lexicon is a named list of phrases a rule looks for: literal strings and RE2
// patterns. Language profiles provide the built-in entries; the configuration
// adds its own.
type Lexicon struct {
	Name     string
	Literals []string
	Patterns []*regexp.Regexp
}

// LexiconKey identifies a lexicon's entries, for a cache of what a rule
// builds from them: Settings.ExtendLexicon appends to a lexicon in place,
// and the entries' counts tell the extended lexicon from the one a cache
// entry was built for.
type LexiconKey struct {
	lexicon            *Lexicon
	literals, patterns int
}

// Key returns the lexicon's key as its entries stand.
func (l *Lexicon) Key() LexiconKey { return LexiconKey{l, len(l.Literals), len(l.Patterns)} }

// Profile is a language's set of lexicons, keyed by lexicon name.
type Profile struct {
	Lang     string
	Lexicons map[string]*Lexicon
}

// Settings is a rule as configured for one run: its severity, its option
// values and its lexicons. It is read-only once the run starts.
type Settings struct {
	Rule     *Rule
	Severity Severity
	options  map[string]any
	lexicons map[string]*Lexicon
}

// NewSettings returns rule's settings with every option at its default and
// lexicons from profile (which may be nil).
func NewSettings(rule *Rule, profile *Profile) *Settings {
	s := &Settings{Rule: rule, Severity: rule.Severity, options: map[string]any{}, lexicons: map[string]*Lexicon{}}
	for _, o := range rule.Options {
		s.options[o.Name] = o.Default
	}
	for _, name := range rule.Lexicons {
		lex := &Lexicon{Name: name}
		if profile != nil {
			if l, ok := profile.Lexicons[name]; ok {
				lex = &Lexicon{Name: name, Literals: append([]string(nil), l.Literals...), Patterns: append([]*regexp.Regexp(nil), l.Patterns...)}
			}
		}
		s.lexicons[name] = lex
	}
	return s
}

// SetOption sets option name to value, checking that the rule has such an
// option and that value has its type. Integers are accepted for float
// options.
func (s *Settings) SetOption(name string, value any) error {
	var def any
	found := false
	for _, o := range s.Rule.Options {
		if o.Name == name {
			def, found = o.Default, true
		}
	}
	if !found {
		return fmt.Errorf("rule %s has no option %q (options: %s)", s.Rule.ID, name, optionNames(s.Rule))
	}
	switch def.(type) {
	case int:
		if _, ok := value.(int); !ok {
			return fmt.Errorf("option %s of rule %s wants a whole number, not %v", name, s.Rule.ID, value)
		}
	case float64:
		switch v := value.(type) {
		case int:
			value = float64(v)
		case float64:
		default:
			return fmt.Errorf("option %s of rule %s wants a number, not %v", name, s.Rule.ID, value)
		}
	case bool:
		if _, ok := value.(bool); !ok {
			return fmt.Errorf("option %s of rule %s wants true or false, not %v", name, s.Rule.ID, value)
		}
	case string:
		if _, ok := value.(string); !ok {
			return fmt.Errorf("option %s of rule %s wants a string, not %v", name, s.Rule.ID, value)
		}
	case []string:
		if _, ok := value.([]string); !ok {
			return fmt.Errorf("option %s of rule %s wants a list of strings, not %v", name, s.Rule.ID, value)
		}
	}
	s.options[name] = value
	return nil
}

func optionNames(r *Rule) string {
	if len(r.Options) == 0 {
		return "none"
	}
	names := make([]string, len(r.Options))
	for i, o := range r.Options {
		names[i] = o.Name
	}
	sort.Strings(names)
	return fmt.Sprint(names)
}

// Int returns the value of an int option. Asking for an option the rule does
// not declare is a programming error in the rule and panics.
func (s *Settings) Int(name string) int { return s.option(name).(int) }

// Float returns the value of a float64 option.
func (s *Settings) Float(name string) float64 { return s.option(name).(float64) }

// Bool returns the value of a bool option.
func (s *Settings) Bool(name string) bool { return s.option(name).(bool) }

// String returns the value of a string option.
func (s *Settings) String(name string) string { return s.option(name).(string) }

// Strings returns the value of a []string option.
func (s *Settings) Strings(name string) []string { return s.option(name).([]string) }

func (s *Settings) option(name string) any {
	v, ok := s.options[name]
	if !ok {
		panic(fmt.Sprintf("rule %s reads undeclared option %q", s.Rule.ID, name))
	}
	return v
}

// Lexicon returns the named lexicon, which the rule must declare.
func (s *Settings) Lexicon(name string) *Lexicon {
	l, ok := s.lexicons[name]
	if !ok {
		panic(fmt.Sprintf("rule %s reads undeclared lexicon %q", s.Rule.ID, name))
	}
	return l
}

// ExtendLexicon adds literal strings and compiled patterns to a lexicon the
// rule declares.
func (s *Settings) ExtendLexicon(name string, literals []string, patterns []*regexp.Regexp) error {
	l, ok := s.lexicons[name]
	if !ok {
		return fmt.Errorf("rule %s has no lexicon %q", s.Rule.ID, name)
	}
	l.Literals = append(l.Literals, literals...)
	l.Patterns = append(l.Patterns, patterns...)
	lineMatchers.Delete(l) // a matcher built before this would miss the additions
	return nil
}

// Pass is one rule's view of one document.
type Pass struct {
	*Settings
	Doc *Document
	// Corpus is the state the rule's NewCorpus made, for a corpus rule.
	Corpus CorpusState
	// Hint is the state the rule's NewHint made, once the run's first pass
	// has shown it the corpus; nil in a run without one.
	Hint Hint

	set      *RuleSet
	findings []Finding
}

// PathOf is the path of the input that holds the document numbered seq
// (a Document's Seq, a DocRef's), for a corpus rule's message about an
// earlier document.
func (p *Pass) PathOf(seq int) string { return p.set.pathOf(seq) }

// Report records a finding. Rule and Severity are filled in from the pass.
func (p *Pass) Report(f Finding) {
	f.Rule = p.Rule.ID
	f.Severity = p.Severity
	p.findings = append(p.findings, f)
}

// Reportf records a finding without a fix over Text[start:end].
func (p *Pass) Reportf(start, end int, format string, args ...any) {
	p.Report(Finding{Start: start, End: end, Message: fmt.Sprintf(format, args...)})
}

// ReportFix records a finding over Text[start:end] whose fix is edits.
func (p *Pass) ReportFix(start, end int, safety Safety, edits []Edit, format string, args ...any) {
	p.Report(Finding{Start: start, End: end, Message: fmt.Sprintf(format, args...), Fix: &Fix{Safety: safety, Edits: edits}})
}
