package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/scrapelint/scrapelint/lint"
)

// fixMode is what fix does with the fixed text.
type fixMode int

const (
	fixInPlace fixMode = iota // rewrite each changed file
	fixDiff                   // print a diff, write nothing
	fixOut                    // write the whole corpus under a directory
)

type fixFlags struct {
	unsafe bool
	diff   bool
	stat   bool
	out    string
	failOn string
}

func runFix(e *env, args []string) int {
	var cf corpusFlags
	var ff fixFlags
	fs := newFlagSet(e, "fix", "[flags] PATH...",
		"Apply the safe fixes of the findings in the documents under each PATH, in place (atomically), or\nshow them as a unified diff (--diff), or write a cleaned copy of the corpus (--out DIR).")
	cf.register(fs)
	fs.BoolVar(&ff.unsafe, "unsafe-fixes", false, "also apply unsafe fixes (fixes that may remove real text)")
	fs.BoolVar(&ff.diff, "diff", false, "write nothing; print a unified diff of what fix would change")
	fs.BoolVar(&ff.stat, "stat", false, "with --diff: print a diffstat instead of the diff")
	fs.StringVar(&ff.out, "out", "", "leave the inputs untouched and write the fixed corpus under this directory, mirroring the input tree")
	fs.StringVar(&ff.failOn, "fail-on", "", "lowest severity of a finding left unfixed that makes the exit status 1: info, warning, error or never (default warning)")
	if done, status := parse(fs, args); done {
		return status
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "scrapelint fix: no PATH given (use . for the current directory, - for standard input)")
		fs.Usage()
		return exitTrouble
	}
	mode := fixInPlace
	switch {
	case ff.diff && ff.out != "":
		return fail(e, usagef("--diff and --out cannot be used together"))
	case ff.stat && !ff.diff:
		return fail(e, usagef("--stat goes with --diff"))
	case ff.diff:
		mode = fixDiff
	case ff.out != "":
		mode = fixOut
	}
	s, err := cf.load(e)
	if err != nil {
		return fail(e, err)
	}
	threshold, err := failThreshold(ff.failOn, s.config)
	if err != nil {
		return fail(e, err)
	}
	f := &fixer{e: e, s: s, mode: mode, flags: ff, totals: map[string]*ruleTotal{}}
	if err := f.run(&cf, fs.Args()); err != nil {
		return fail(e, err)
	}
	f.finish()
	switch {
	case f.trouble > 0:
		return exitTrouble
	case f.remaining.AtLeast(threshold) > 0, mode == fixDiff && f.changedFiles > 0:
		return exitFindings
	}
	return exitClean
}

// fixer applies fixes document by document, in corpus order, and writes or
// shows each file's new version once its last document is fixed.
type fixer struct {
	e     *env
	s     *setup
	mode  fixMode
	flags fixFlags

	inputs []lint.Input
	file   *fileFix
	// report is where the account of what was fixed goes: standard output,
	// unless that holds a diff or the fixed standard input.
	report    io.Writer
	reportTTY bool
	rep       lint.Reporter
	stats     []fileStat

	totals       map[string]*ruleTotal
	remaining    *lint.Summary
	documents    int
	changedDocs  int
	changedFiles int
	trouble      int
}

// fileFix is the file being fixed.
type fileFix struct {
	in      lint.Input
	rw      *lint.Rewriter
	applied map[string]int
	docs    int
	changed int
	stat    lint.DiffStat
	failed  bool
}

type fileStat struct {
	path string
	stat lint.DiffStat
}

// ruleTotal is what one rule's fixes did over the whole run.
type ruleTotal struct {
	fixes int
	lint.Removal
}

type fixOutcome struct {
	res lint.FixResult
	err error
}

func (f *fixer) run(cf *corpusFlags, paths []string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// Standard input is always spooled: its new version is written from a
	// second read, like a file's.
	corpus, cleanup, err := cf.openCorpus(f.e, f.s, paths, true)
	defer cleanup()
	if err != nil {
		return err
	}
	f.inputs = corpus.Inputs
	f.report, f.reportTTY = f.e.stdout, f.e.stdoutTTY
	for _, in := range corpus.Inputs {
		if in.Stdin && f.mode == fixInPlace {
			f.report, f.reportTTY = f.e.stderr, f.e.stderrTTY
		}
	}
	if f.mode == fixDiff {
		f.report, f.reportTTY = f.e.stderr, f.e.stderrTTY
	}
	f.remaining = lint.NewSummary()
	f.rep = lint.Formats["text"](lint.ReportContext{W: f.report, Rules: f.s.rules.Settings, Color: f.mode != fixDiff && colorAllowed(f.e, f.reportTTY), Version: version()})
	passes := int64(1)
	if f.s.rules.HasCorpusRules() {
		passes = 2
	}
	bar := newProgress(f.e, cf, corpus.TotalSize()*passes)
	corpus.Progress = bar.add
	defer bar.finish()
	if passes == 2 {
		if err := observeCorpus(ctx, f.e, cf, f.s, corpus, nil); err != nil {
			return err
		}
		f.s.rules.FinishCorpus()
	}
	err = lint.Stream(ctx, corpus, cf.jobs, func(d *lint.Document) fixOutcome {
		res, err := f.s.rules.FixDocument(d, f.flags.unsafe)
		return fixOutcome{res, err}
	}, f.emit)
	if err != nil {
		f.abortFile()
		if errors.Is(err, context.Canceled) {
			return errors.New("interrupted; every file is either as it was or wholly fixed")
		}
		return err
	}
	f.endFile()
	bar.finish()
	f.trouble += corpus.Problems()
	return nil
}

func (f *fixer) emit(d *lint.Document, out fixOutcome) error {
	if f.file == nil || f.file.in.Path != d.Path {
		f.endFile()
		in := lint.Input{Path: d.Path}
		if i := lint.InputOf(f.inputs, d.Seq); i >= 0 {
			in = f.inputs[i]
		}
		f.file = &fileFix{in: in, applied: map[string]int{}}
	}
	ff := f.file
	ff.docs++
	f.documents++
	if out.err != nil {
		f.problem(out.err)
	}
	for rule, n := range out.res.Applied {
		ff.applied[rule] += n
		t := f.totals[rule]
		if t == nil {
			t = &ruleTotal{}
			f.totals[rule] = t
		}
		t.fixes += n
		r := out.res.Removed[rule]
		t.Bytes += r.Bytes
		t.Lines += r.Lines
	}
	if err := f.reportRemaining(d, out.res); err != nil {
		return err
	}
	changed := out.res.Text != d.Text
	if changed {
		f.changedDocs++
		ff.changed++
	}
	switch f.mode {
	case fixDiff:
		if changed {
			f.showDiff(d, out.res.Text, out.res.Changes)
		}
	case fixInPlace, fixOut:
		if ff.failed || (!changed && ff.rw == nil && f.mode == fixInPlace && !ff.in.Stdin) {
			return nil
		}
		if err := f.write(d, out.res.Text); err != nil {
			ff.failed = true
			f.problem(err)
			if ff.rw != nil {
				ff.rw.Abort()
			}
		}
	}
	return nil
}

// write hands a document to its file's rewriter, starting it on the file's
// first document that needs one.
func (f *fixer) write(d *lint.Document, text string) error {
	ff := f.file
	if ff.rw == nil {
		dst := ff.in.Path
		var stream io.Writer
		switch {
		case ff.in.Stdin:
			stream = f.e.stdout
		case f.mode == fixOut:
			var err error
			if dst, err = lint.OutputPath(f.flags.out, ff.in.Rel()); err != nil {
				return err
			}
			if same(dst, ff.in.Path) {
				return fmt.Errorf("%s: --out would overwrite the input itself", ff.in.Path)
			}
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
		}
		rw, err := lint.NewRewriter(ff.in, f.s.input, dst, stream)
		if err != nil {
			return err
		}
		ff.rw = rw
	}
	return ff.rw.Document(d, text)
}

func same(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// endFile writes the finished file and prints what was fixed in it.
func (f *fixer) endFile() {
	ff := f.file
	if ff == nil {
		return
	}
	f.file = nil
	if ff.rw != nil && !ff.failed {
		if err := ff.rw.Commit(); err != nil {
			f.problem(err)
			ff.failed = true
		}
	}
	fixes := 0
	for _, n := range ff.applied {
		fixes += n
	}
	if fixes == 0 {
		return
	}
	f.changedFiles++
	if f.mode == fixDiff && f.flags.stat {
		f.stats = append(f.stats, fileStat{diffName(ff.in), ff.stat})
	}
	if ff.failed {
		return
	}
	verb := map[fixMode]string{fixInPlace: "fixed", fixDiff: "would fix", fixOut: "fixed"}[f.mode]
	where := ""
	if ff.in.Kind == lint.JSONLFile {
		where = fmt.Sprintf(" in %d of %d %s", ff.changed, ff.docs, pluralWord(ff.docs, "record", "records"))
	}
	fmt.Fprintf(f.report, "%s: %s %d%s (%s)\n", ff.in.Path, verb, fixes, where, ruleCounts(ff.applied))
}

func (f *fixer) abortFile() {
	if f.file != nil && f.file.rw != nil {
		f.file.rw.Abort()
	}
	f.file = nil
}

func (f *fixer) problem(err error) {
	f.trouble++
	fmt.Fprintf(f.e.stderr, "scrapelint: %v\n", err)
}

// reportRemaining reports the findings of the fixed text: what fix could not
// (or was not asked to) fix.
func (f *fixer) reportRemaining(d *lint.Document, res lint.FixResult) error {
	if len(res.Remaining) == 0 {
		return nil
	}
	fixed := *d
	fixed.Text = res.Text
	doc := lint.NewDocument(d.Path, res.Text)
	doc.Record, doc.ID, doc.Seq = fixed.Record, fixed.ID, fixed.Seq
	for _, finding := range res.Remaining {
		f.remaining.Add(finding)
		if f.mode == fixDiff {
			continue
		}
		if err := f.rep.Report(lint.Locate(doc, finding)); err != nil {
			return err
		}
	}
	return nil
}

// showDiff prints the change of one document: a diff git apply and patch
// -p1 read for a plain text file, a readable diff of the text under a
// header naming the record for JSON Lines (and compressed files, which no
// patch tool applies to).
func (f *fixer) showDiff(d *lint.Document, text string, changes []lint.Change) {
	name := diffName(f.file.in)
	if d.Raw == nil && f.file.in.Compression == lint.Uncompressed && !f.file.in.Stdin {
		diff, st := lint.UnifiedDiffOfChanges("a/"+name, "b/"+name, d.Text, text, changes)
		f.file.stat = addStat(f.file.stat, st)
		if !f.flags.stat {
			f.printDiff(diff, "")
		}
		return
	}
	label := name
	if d.Raw != nil {
		label = fmt.Sprintf("%s:%d", name, d.Record)
		if d.ID != "" {
			label += " id=" + d.ID
		}
	}
	diff, st := lint.UnifiedDiffOfChanges(label+" (before)", label+" (after)", d.Text, text, changes)
	f.file.stat = addStat(f.file.stat, st)
	if !f.flags.stat {
		// Commented out, so that git apply and patch skip it when the same
		// output also holds text-file diffs.
		fmt.Fprintf(f.e.stdout, "# %s\n", label)
		f.printDiff(diff, "# ")
	}
}

func addStat(a, b lint.DiffStat) lint.DiffStat {
	return lint.DiffStat{Added: a.Added + b.Added, Removed: a.Removed + b.Removed}
}

// printDiff writes a diff, coloured on a terminal.
func (f *fixer) printDiff(diff, indent string) {
	color := colorAllowed(f.e, f.e.stdoutTTY)
	for _, line := range strings.SplitAfter(diff, "\n") {
		if line == "" {
			continue
		}
		code := ""
		if color {
			switch {
			case strings.HasPrefix(line, "---"), strings.HasPrefix(line, "+++"):
				code = "\x1b[1m"
			case strings.HasPrefix(line, "@@"):
				code = "\x1b[36m"
			case line[0] == '-':
				code = "\x1b[31m"
			case line[0] == '+':
				code = "\x1b[32m"
			}
		}
		if code != "" {
			body := strings.TrimRight(line, "\r\n")
			fmt.Fprintf(f.e.stdout, "%s%s%s\x1b[0m%s", indent, code, body, line[len(body):])
			continue
		}
		fmt.Fprint(f.e.stdout, indent+line)
	}
}

// diffName is the path a diff names a file by: relative to the current
// directory, slash separated, so that git apply and patch -p1 run there.
func diffName(in lint.Input) string {
	if in.Stdin {
		return "<stdin>"
	}
	p := filepath.FromSlash(in.Path)
	if filepath.IsAbs(p) {
		if wd, err := workingDir(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// workingDir is the process's working directory, asked once: os.Getwd
// stats two directories, and asking for every file of a diff was a
// seventieth of a fix --diff run.
var workingDir = sync.OnceValues(os.Getwd)

// finish prints the diffstat or the remaining findings' summary, and what
// the fixes removed per rule.
func (f *fixer) finish() {
	if f.mode == fixDiff && f.flags.stat {
		printDiffStat(f.e.stdout, f.stats)
	}
	w := f.report
	if len(f.totals) > 0 {
		ids := make([]string, 0, len(f.totals))
		for id := range f.totals {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		width := len("rule")
		for _, id := range ids {
			width = max(width, len(id))
		}
		fmt.Fprintf(w, "%-*s  %5s  %13s  %13s\n", width, "rule", "fixes", "bytes removed", "lines removed")
		for _, id := range ids {
			t := f.totals[id]
			fmt.Fprintf(w, "%-*s  %5d  %13d  %13d\n", width, id, t.fixes, t.Bytes, t.Lines)
		}
	}
	fixes := 0
	for _, t := range f.totals {
		fixes += t.fixes
	}
	verb := "applied"
	if f.mode == fixDiff {
		verb = "to apply"
	}
	left := f.remaining.Total()
	fmt.Fprintf(w, "%d %s %s in %d %s (%d of %d %s changed); %d %s left",
		fixes, pluralWord(fixes, "fix", "fixes"), verb, f.changedFiles, pluralWord(f.changedFiles, "file", "files"),
		f.changedDocs, f.documents, pluralWord(f.documents, "document", "documents"), left, pluralWord(left, "finding", "findings"))
	if n := f.remaining.Fixable; n > 0 {
		fmt.Fprintf(w, " (%d with a fix that did not settle)", n)
	}
	if !f.flags.unsafe {
		if n := f.unsafeLeft(); n > 0 {
			fmt.Fprintf(w, ", %d fixable with --unsafe-fixes", n)
		}
	}
	fmt.Fprintln(w)
}

// unsafeLeft counts remaining findings that have an unsafe fix.
func (f *fixer) unsafeLeft() int {
	return f.remaining.UnsafeFixable
}

func printDiffStat(w io.Writer, stats []fileStat) {
	width := 0
	for _, s := range stats {
		width = max(width, len(s.path))
	}
	added, removed := 0, 0
	for _, s := range stats {
		n := s.stat.Added + s.stat.Removed
		bar := strings.Repeat("+", min(s.stat.Added, 40)) + strings.Repeat("-", min(s.stat.Removed, 40))
		fmt.Fprintf(w, " %-*s | %3d %s\n", width, s.path, n, bar)
		added += s.stat.Added
		removed += s.stat.Removed
	}
	fmt.Fprintf(w, " %d %s changed, %d %s(+), %d %s(-)\n", len(stats), pluralWord(len(stats), "file", "files"),
		added, pluralWord(added, "insertion", "insertions"), removed, pluralWord(removed, "deletion", "deletions"))
}

// ruleCounts formats per-rule counts as "rule n, rule n", by rule ID.
func ruleCounts(m map[string]int) string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%s %d", id, m[id])
	}
	return strings.Join(parts, ", ")
}
