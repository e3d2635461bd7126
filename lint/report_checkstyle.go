package lint

import (
	"bufio"
	"fmt"
)

func init() { Formats["checkstyle"] = NewCheckstyleReporter }

type checkstyleReporter struct {
	ctx     ReportContext
	w       *bufio.Writer
	file    string
	started bool
}

// NewCheckstyleReporter writes Checkstyle XML, read by Jenkins' warnings
// plugin, reviewdog and many other CI tools. Findings arrive sorted by path,
// so each file's element is written as its findings stream by.
func NewCheckstyleReporter(ctx ReportContext) Reporter {
	return &checkstyleReporter{ctx: ctx, w: bufio.NewWriter(ctx.W)}
}

func (r *checkstyleReporter) start() {
	if !r.started {
		r.started = true
		r.w.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n")
	}
}

func (r *checkstyleReporter) Report(f Located) error {
	r.start()
	path, _ := RelativePath(r.ctx.Root, f.Path)
	if path != r.file {
		if r.file != "" {
			r.w.WriteString("  </file>\n")
		}
		r.file = path
		fmt.Fprintf(r.w, "  <file name=\"%s\">\n", xmlEscape(path))
	}
	line, col, msg := f.Line, f.Column, f.Message
	if f.Record > 0 {
		line, col, msg = f.Record, 0, f.Message+" ("+RecordPlace(f)+")"
	}
	fmt.Fprintf(r.w, "    <error line=\"%d\"", line)
	if col > 0 {
		fmt.Fprintf(r.w, " column=\"%d\"", col)
	}
	fmt.Fprintf(r.w, " severity=\"%s\" message=\"%s\" source=\"scrapelint.%s\"/>\n", f.Severity, xmlEscape(msg), xmlEscape(f.Rule))
	return nil
}

func (r *checkstyleReporter) Finish(*Summary) error {
	r.start()
	if r.file != "" {
		r.w.WriteString("  </file>\n")
	}
	r.w.WriteString("</checkstyle>\n")
	return r.w.Flush()
}
