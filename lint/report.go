package lint

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Reporter writes findings in one output format. Report is called for every
// finding in order (by path, record and position); Finish once at the end
// with the run's summary. Reporters stream: they must not hold every finding
// unless their format demands it.
type Reporter interface {
	Report(f Located) error
	Finish(s *Summary) error
}

// ReportContext is what a reporter is made with.
type ReportContext struct {
	W io.Writer
	// Rules are every rule of the run, configured, for formats that
	// describe the rules they report on.
	Rules []*Settings
	// Color allows ANSI colours; the command line decides (a terminal, no
	// NO_COLOR).
	Color bool
	// Statistics asks for a table of counts per rule after the findings.
	Statistics bool
	// ShowFixes asks for each finding's proposed change.
	ShowFixes bool
	// Version is scrapelint's version, for formats that name their tool.
	Version string
	// Root is the directory that paths in the report are made relative to
	// (the repository's root, for code-scanning formats); "" means the
	// current directory.
	Root string
	// Getenv reads the environment (GITHUB_STEP_SUMMARY); nil means
	// os.Getenv. Tests hand in their own.
	Getenv func(string) string
}

// Formats maps each --format name to its reporter's constructor. A new
// format is one file that adds itself here.
var Formats = map[string]func(ReportContext) Reporter{
	"text":  NewTextReporter,
	"json":  NewJSONReporter,
	"jsonl": NewJSONLReporter,
}

// FormatNames lists the formats, sorted.
func FormatNames() []string {
	var names []string
	for n := range Formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Summary counts what a run saw and found.
type Summary struct {
	Files     int
	Documents int
	Bytes     int64
	// Findings counts findings per severity.
	Findings map[Severity]int
	// ByRule counts findings per rule ID.
	ByRule map[string]int
	// Fixable counts findings with a safe fix; UnsafeFixable those with an
	// unsafe one.
	Fixable, UnsafeFixable int
	// Problems counts inputs or records that could not be read.
	Problems int
	// Baselined counts findings left out because the baseline holds them;
	// Stale counts baseline entries that no longer match any finding.
	Baselined, Stale int
	// Unchanged counts findings left out because they are not on lines
	// changed since --new-from-rev.
	Unchanged int
}

// NewSummary returns an empty summary.
func NewSummary() *Summary {
	return &Summary{Findings: map[Severity]int{}, ByRule: map[string]int{}}
}

// Add counts one finding.
func (s *Summary) Add(f Finding) {
	s.Findings[f.Severity]++
	s.ByRule[f.Rule]++
	if f.Fix != nil {
		if f.Fix.Safety == Safe {
			s.Fixable++
		} else {
			s.UnsafeFixable++
		}
	}
}

// Total is the number of findings.
func (s *Summary) Total() int {
	n := 0
	for _, c := range s.Findings {
		n += c
	}
	return n
}

// AtLeast counts the findings at or above a severity.
func (s *Summary) AtLeast(sev Severity) int {
	n := 0
	for k, c := range s.Findings {
		if k >= sev {
			n += c
		}
	}
	return n
}

// Line is the one-line summary the text format ends with.
func (s *Summary) Line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s (%d %s, %d %s, %d %s) in %d %s",
		s.Total(), plural(s.Total(), "finding", "findings"),
		s.Findings[Error], plural(s.Findings[Error], "error", "errors"),
		s.Findings[Warning], plural(s.Findings[Warning], "warning", "warnings"),
		s.Findings[Info], "info",
		s.Documents, plural(s.Documents, "document", "documents"))
	if s.Fixable > 0 {
		fmt.Fprintf(&b, "; %d fixable with scrapelint fix", s.Fixable)
	}
	if s.Problems > 0 {
		fmt.Fprintf(&b, "; %d %s could not be read", s.Problems, plural(s.Problems, "input", "inputs"))
	}
	if s.Baselined > 0 {
		fmt.Fprintf(&b, "; %d in the baseline", s.Baselined)
	}
	if s.Stale > 0 {
		fmt.Fprintf(&b, "; %d stale baseline %s (rewrite with --prune)", s.Stale, plural(s.Stale, "entry", "entries"))
	}
	if s.Unchanged > 0 {
		fmt.Fprintf(&b, "; %d on unchanged lines not shown", s.Unchanged)
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// RuleCounts returns the per-rule counts sorted by count, then ID.
func (s *Summary) RuleCounts() []RuleCount {
	var out []RuleCount
	for id, n := range s.ByRule {
		out = append(out, RuleCount{Rule: id, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

// RuleCount is one row of the statistics table.
type RuleCount struct {
	Rule  string `json:"rule"`
	Count int    `json:"count"`
}
