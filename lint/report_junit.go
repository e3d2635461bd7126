package lint

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
)

func init() { Formats["junit"] = NewJUnitReporter }

type junitReporter struct {
	ctx   ReportContext
	cases bytes.Buffer
	count int
}

// NewJUnitReporter writes a JUnit XML report with one failed test case per
// finding, which GitLab, Jenkins and Azure Pipelines show in their test
// views. The suite's totals come first in the file, so the test cases are
// held (as XML, not findings) until the run ends.
func NewJUnitReporter(ctx ReportContext) Reporter {
	return &junitReporter{ctx: ctx}
}

func (r *junitReporter) Report(f Located) error {
	r.count++
	path, _ := RelativePath(r.ctx.Root, f.Path)
	place := fmt.Sprintf("%s:%d:%d", path, f.Line, f.Column)
	if f.Record > 0 {
		place = fmt.Sprintf("%s:%d", path, f.Record)
	}
	detail := TextLocation(f) + ": " + f.Severity.String() + " " + f.Rule + ": " + f.Message
	fmt.Fprintf(&r.cases, "    <testcase name=\"%s %s\" classname=\"%s\" file=\"%s\">\n      <failure message=\"%s\" type=\"%s\">%s</failure>\n    </testcase>\n",
		xmlEscape(f.Rule), xmlEscape(place), xmlEscape(path), xmlEscape(path), xmlEscape(f.Message), xmlEscape(f.Rule), xmlEscape(detail))
	return nil
}

func (r *junitReporter) Finish(s *Summary) error {
	w := bufio.NewWriter(r.ctx.W)
	tests := r.count
	if tests == 0 {
		tests = 1 // a clean run is one passing case, so that the report is not empty
	}
	fmt.Fprintf(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"scrapelint\" tests=\"%d\" failures=\"%d\" errors=\"%d\">\n", tests, r.count, s.Problems)
	fmt.Fprintf(w, "  <testsuite name=\"scrapelint\" tests=\"%d\" failures=\"%d\" errors=\"%d\">\n", tests, r.count, s.Problems)
	if r.count == 0 {
		fmt.Fprintf(w, "    <testcase name=\"%s\" classname=\"scrapelint\"></testcase>\n", xmlEscape(s.Line()))
	}
	w.Write(r.cases.Bytes())
	w.WriteString("  </testsuite>\n</testsuites>\n")
	return w.Flush()
}

// xmlEscape escapes text for an XML attribute or element; characters XML
// cannot hold become U+FFFD.
func xmlEscape(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
