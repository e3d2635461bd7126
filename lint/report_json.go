package lint

import (
	"bufio"
	"encoding/json"
	"fmt"
)

// JSONFinding is a finding as the json and jsonl formats write it. Lines and
// columns are 1-based; columns count code points; end_column is exclusive.
type JSONFinding struct {
	Path      string   `json:"path"`
	Record    int      `json:"record,omitempty"`
	ID        string   `json:"id,omitempty"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	EndLine   int      `json:"end_line"`
	EndColumn int      `json:"end_column"`
	Offset    int      `json:"offset"`
	EndOffset int      `json:"end_offset"`
	Rule      string   `json:"rule"`
	Severity  string   `json:"severity"`
	Message   string   `json:"message"`
	Fix       *JSONFix `json:"fix,omitempty"`
}

// JSONFix is a finding's fix: edits as byte offsets into the document's text.
type JSONFix struct {
	Safety string     `json:"safety"`
	Edits  []JSONEdit `json:"edits"`
}

// JSONEdit replaces text[start:end] with new_text.
type JSONEdit struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	NewText string `json:"new_text"`
}

// JSONSummary is the summary object of the json format.
type JSONSummary struct {
	Files     int            `json:"files"`
	Documents int            `json:"documents"`
	Findings  int            `json:"findings"`
	Errors    int            `json:"errors"`
	Warnings  int            `json:"warnings"`
	Infos     int            `json:"infos"`
	Fixable   int            `json:"fixable"`
	Problems  int            `json:"unreadable_inputs"`
	ByRule    map[string]int `json:"by_rule"`
}

// ToJSON converts a located finding to its JSON form.
func ToJSON(f Located) JSONFinding {
	jf := JSONFinding{
		Path: f.Path, Record: f.Record, ID: f.ID,
		Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
		Offset: f.Start, EndOffset: f.End,
		Rule: f.Rule, Severity: f.Severity.String(), Message: f.Message,
	}
	if f.Fix != nil {
		jf.Fix = &JSONFix{Safety: f.Fix.Safety.String()}
		for _, e := range f.Fix.Edits {
			jf.Fix.Edits = append(jf.Fix.Edits, JSONEdit(e))
		}
	}
	return jf
}

func toJSONSummary(s *Summary) JSONSummary {
	return JSONSummary{
		Files: s.Files, Documents: s.Documents, Findings: s.Total(),
		Errors: s.Findings[Error], Warnings: s.Findings[Warning], Infos: s.Findings[Info],
		Fixable: s.Fixable, Problems: s.Problems, ByRule: s.ByRule,
	}
}

type jsonReporter struct {
	w     *bufio.Writer
	count int
}

// NewJSONReporter writes one JSON object, {"findings": [...], "summary":
// {...}}, streaming the findings as they come.
func NewJSONReporter(ctx ReportContext) Reporter {
	return &jsonReporter{w: bufio.NewWriter(ctx.W)}
}

func (r *jsonReporter) Report(f Located) error {
	if r.count == 0 {
		r.w.WriteString("{\"findings\": [\n  ")
	} else {
		r.w.WriteString(",\n  ")
	}
	r.count++
	data, err := json.Marshal(ToJSON(f))
	if err != nil {
		return err
	}
	_, err = r.w.Write(data)
	return err
}

func (r *jsonReporter) Finish(s *Summary) error {
	if r.count == 0 {
		r.w.WriteString("{\"findings\": [")
	} else {
		r.w.WriteString("\n")
	}
	data, err := json.Marshal(toJSONSummary(s))
	if err != nil {
		return err
	}
	fmt.Fprintf(r.w, "], \"summary\": %s}\n", data)
	return r.w.Flush()
}

type jsonlReporter struct {
	w *bufio.Writer
}

// NewJSONLReporter writes one finding per line as it is found; nothing else.
func NewJSONLReporter(ctx ReportContext) Reporter {
	return &jsonlReporter{w: bufio.NewWriter(ctx.W)}
}

func (r *jsonlReporter) Report(f Located) error {
	data, err := json.Marshal(ToJSON(f))
	if err != nil {
		return err
	}
	r.w.Write(data)
	r.w.WriteByte('\n')
	// Flushed per finding so that a consumer reading the pipe sees each one
	// as it is found.
	return r.w.Flush()
}

func (r *jsonlReporter) Finish(*Summary) error { return r.w.Flush() }
