package lint

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func init() { Formats["github"] = NewGitHubReporter }

// stepSummaryLimit keeps the step summary under the 1 MiB GitHub accepts
// per step; findings past it are counted, not listed.
const stepSummaryLimit = 1000 << 10

type githubReporter struct {
	ctx     ReportContext
	w       *bufio.Writer
	root    string
	summary strings.Builder
	omitted int
}

// NewGitHubReporter writes GitHub Actions workflow commands (::error,
// ::warning, ::notice), which GitHub turns into annotations on the pull
// request. Since GitHub shows only a few annotations per step, it also
// appends a markdown table of every finding to the file named by
// $GITHUB_STEP_SUMMARY when that variable is set.
func NewGitHubReporter(ctx ReportContext) Reporter {
	return &githubReporter{ctx: ctx, w: bufio.NewWriter(ctx.W), root: reportRoot(ctx.Root)}
}

// githubCommand maps a severity to its workflow command.
func githubCommand(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "notice"
}

// EscapeGitHubData escapes a workflow command's message.
func EscapeGitHubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// EscapeGitHubProperty escapes a workflow command's property value, which
// also may not hold the separators ':' and ','.
func EscapeGitHubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// GitHubAnnotation is the workflow command for one finding.
func GitHubAnnotation(root string, f Located) string {
	path, _ := RelativePath(root, f.Path)
	props := []string{"file=" + EscapeGitHubProperty(path)}
	msg := f.Message
	switch {
	case f.Record > 0:
		// The file's line is the record's; where in its text is told in the
		// message.
		props = append(props, fmt.Sprintf("line=%d", f.Record))
		msg += " (" + RecordPlace(f) + ")"
	case f.EndLine != f.Line:
		// Columns are only meaningful on a single line.
		props = append(props, fmt.Sprintf("line=%d", f.Line), fmt.Sprintf("endLine=%d", f.EndLine))
	default:
		props = append(props, fmt.Sprintf("line=%d", f.Line), fmt.Sprintf("endLine=%d", f.EndLine),
			fmt.Sprintf("col=%d", f.Column), fmt.Sprintf("endColumn=%d", f.EndColumn))
	}
	props = append(props, "title="+EscapeGitHubProperty("scrapelint "+f.Rule))
	return "::" + githubCommand(f.Severity) + " " + strings.Join(props, ",") + "::" + EscapeGitHubData(msg)
}

func (r *githubReporter) Report(f Located) error {
	r.w.WriteString(GitHubAnnotation(r.root, f))
	r.w.WriteByte('\n')
	if r.getenv("GITHUB_STEP_SUMMARY") != "" {
		r.addRow(f)
	}
	return nil
}

func (r *githubReporter) getenv(key string) string {
	if r.ctx.Getenv != nil {
		return r.ctx.Getenv(key)
	}
	return os.Getenv(key)
}

func (r *githubReporter) addRow(f Located) {
	if r.summary.Len() > stepSummaryLimit {
		r.omitted++
		return
	}
	path, _ := RelativePath(r.root, f.Path)
	place := fmt.Sprintf("%d:%d", f.Line, f.Column)
	if f.Record > 0 {
		place = RecordPlace(f)
	}
	fmt.Fprintf(&r.summary, "| %s | %s | %s | `%s` | %s |\n", markdownCell(path), markdownCell(place), f.Severity, f.Rule, markdownCell(f.Message))
}

// markdownCell keeps a value inside one cell of a markdown table.
func markdownCell(s string) string {
	s = strings.NewReplacer("|", `\|`, "\r", " ", "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
	return s
}

func (r *githubReporter) Finish(s *Summary) error {
	fmt.Fprintf(r.w, "scrapelint: %s\n", s.Line())
	if err := r.w.Flush(); err != nil {
		return err
	}
	path := r.getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return nil
	}
	return appendFile(path, r.markdown(s))
}

func (r *githubReporter) markdown(s *Summary) string {
	var b strings.Builder
	b.WriteString("## scrapelint\n\n" + s.Line() + "\n\n")
	if counts := s.RuleCounts(); len(counts) > 0 {
		b.WriteString("| rule | findings |\n|---|---:|\n")
		for _, rc := range counts {
			fmt.Fprintf(&b, "| `%s` | %d |\n", rc.Rule, rc.Count)
		}
		b.WriteString("\n| file | place | severity | rule | message |\n|---|---|---|---|---|\n")
		b.WriteString(r.summary.String())
		if r.omitted > 0 {
			fmt.Fprintf(&b, "\n%d more findings are not listed: GitHub limits a step summary to 1 MiB. Use --format sarif or json for the full list.\n", r.omitted)
		}
	}
	return b.String()
}

func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	return f.Close()
}
