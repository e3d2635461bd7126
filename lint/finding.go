package lint

import (
	"fmt"
	"strings"
)

// Severity says how serious a finding is. The zero value is Off: a rule whose
// severity is Off does not run.
type Severity int

// Severities, from least to most serious.
const (
	Off Severity = iota
	Info
	Warning
	Error
)

var severityNames = [...]string{Off: "off", Info: "info", Warning: "warning", Error: "error"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("Severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads "off", "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	for i, name := range severityNames {
		if strings.EqualFold(s, name) {
			return Severity(i), nil
		}
	}
	return Off, fmt.Errorf("unknown severity %q (want off, info, warning or error)", s)
}

// Safety says whether a fix may be applied without a person looking at it.
type Safety int

// Safe fixes are minimal and deterministic and never remove article text;
// unsafe ones might, and are applied only with --unsafe-fixes.
const (
	Safe Safety = iota
	Unsafe
)

func (s Safety) String() string {
	if s == Unsafe {
		return "unsafe"
	}
	return "safe"
}

// Edit replaces Text[Start:End] of the unmodified document with NewText.
type Edit struct {
	Start, End int
	NewText    string
}

// Fix is what a finding proposes to do about itself: edits against the
// unmodified document that do not overlap one another.
type Fix struct {
	Safety Safety
	Edits  []Edit
}

// Finding is one defect a rule found in a document.
type Finding struct {
	// Rule is the reporting rule's ID; Severity its configured severity. The
	// pass fills both in.
	Rule     string
	Severity Severity
	// Start and End delimit the defect as byte offsets into the document's
	// text (End exclusive).
	Start, End int
	Message    string
	// Fix is nil when the rule offers no fix for this finding.
	Fix *Fix
}

// Located is a finding together with where it is, ready for a reporter.
type Located struct {
	Finding
	Path   string
	Record int
	ID     string
	// Line, Column, EndLine and EndColumn are 1-based; columns count code
	// points. EndColumn is exclusive: it is the column just after the last
	// character of the span, as in SARIF.
	Line, Column, EndLine, EndColumn int
	// LineText is the text of the finding's first line, for reporters that
	// quote it.
	LineText string
	// Doc is the document the finding is in. Reporters may read it while the
	// finding is being reported, and must not keep it. It is nil for a
	// finding replayed from the cache: reporters that need more than the
	// fields above read Fingerprint and Edits instead.
	Doc *Document
	// fingerprint is the finding's fingerprint when it came without its
	// document (from the cache); see Fingerprint.
	fingerprint string
	// Edits are the places of the fix's edits, in the order of Fix.Edits.
	Edits []EditPlace
}

// Locate fills in the position of f inside d.
func Locate(d *Document, f Finding) Located {
	line, col := d.Position(f.Start)
	endLine, endCol := d.Position(f.End)
	l := d.Lines()[line-1]
	return Located{
		Finding: f, Path: d.Path, Record: d.Record, ID: d.ID,
		Line: line, Column: col, EndLine: endLine, EndColumn: endCol,
		LineText: d.Text[l.Start:l.End], Doc: d,
		Edits: editPlaces(d, f.Fix),
	}
}

// Fingerprint identifies the finding by its rule, its text and the text of
// the lines around it, never by its position (see the function
// Fingerprint). It is computed when asked for, while the document is at
// hand: only SARIF, baselines and the cache read it, and hashing every
// finding's lines for the other reports was 3% of a run.
func (l Located) Fingerprint() string {
	if l.fingerprint == "" && l.Doc != nil {
		return Fingerprint(l.Doc, l.Finding)
	}
	return l.fingerprint
}
