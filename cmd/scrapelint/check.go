package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"

	"github.com/scrapelint/scrapelint/lint"
)

func runCheck(e *env, args []string) int {
	var cf corpusFlags
	var ci ciFlags
	var format, failOn, output string
	var statistics, showFixes bool
	fs := newFlagSet(e, "check", "[flags] PATH...", "Report defects in the documents under each PATH (files, directories, or - for standard input).")
	cf.register(fs)
	fs.StringVarP(&format, "format", "f", "text", "output format: "+strings.Join(lint.FormatNames(), ", "))
	fs.StringVar(&failOn, "fail-on", "", "lowest severity that makes the exit status 1: info, warning, error or never (default warning)")
	fs.StringVarP(&output, "output", "o", "", "write the report to this file instead of standard output")
	fs.BoolVar(&statistics, "statistics", false, "end with a table of counts per rule (text format)")
	fs.BoolVar(&showFixes, "show-fixes", false, "show each finding's proposed change (text format)")
	ci.registerCheck(fs)
	ci.registerCache(fs)
	if done, status := parse(fs, args); done {
		return status
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "scrapelint check: no PATH given (use . for the current directory, - for standard input)")
		fs.Usage()
		return exitTrouble
	}
	s, err := cf.load(e)
	if err != nil {
		return fail(e, err)
	}
	newReporter, ok := lint.Formats[format]
	if !ok {
		return fail(e, usagef("--format: unknown format %q (formats: %s)", format, strings.Join(lint.FormatNames(), ", ")))
	}
	threshold, err := failThreshold(failOn, s.config)
	if err != nil {
		return fail(e, err)
	}
	k := &sink{sum: lint.NewSummary()}
	baselinePath := ci.baselinePath(s.config)
	if baselinePath != "" {
		b, err := lint.LoadBaseline(baselinePath)
		if err != nil {
			return fail(e, err)
		}
		k.matcher = b.Matcher()
	} else if ci.prune {
		return fail(e, usagef("--prune needs a baseline (--baseline FILE or baseline: in the config)"))
	}
	if ci.newFromRev != "" {
		if k.changes, err = loadChanges(ci.newFromRev, fs.Args()); err != nil {
			return fail(e, err)
		}
	}
	w, tty, closeOut, err := openOutput(e, output)
	if err != nil {
		return fail(e, err)
	}
	k.rep = newReporter(lint.ReportContext{
		W: w, Rules: s.rules.Settings, Color: colorAllowed(e, tty),
		Statistics: statistics, ShowFixes: showFixes, Version: version(),
		Root: ci.repoRoot, Getenv: e.getenv,
	})
	err = checkCorpus(e, &cf, &ci, s, fs.Args(), k, func() error { return k.stale(e, baselinePath, ci.prune) })
	if cerr := closeOut(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fail(e, err)
	}
	return exitStatus(k.sum, threshold)
}

// checkCorpus runs the rules over the corpus and hands every finding to the
// sink; beforeFinish runs once every finding is in, before the summary.
// Files whose results are in the cache are not linted again; with
// --new-from-rev and no corpus rule, unchanged files are not read at all.
func checkCorpus(e *env, cf *corpusFlags, ci *ciFlags, s *setup, paths []string, k *sink, beforeFinish func() error) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	twice := s.rules.HasCorpusRules()
	sum := k.sum
	// A run that reads the corpus once and needs no list of it (for the
	// cache, a baseline, changed lines or a progress bar's total) streams
	// its inputs, so that its memory does not grow with the number of
	// files; it counts them as they come.
	if !twice && ci.noCache && k.changes == nil && k.matcher == nil && !progressWanted(e, cf) {
		corpus := lint.NewStreamedCorpus(paths, s.input)
		corpus.Problem = printProblem(e)
		inputs := corpus.Source
		corpus.Source = func(yield func(lint.Input) bool) {
			for in := range inputs {
				if countsAsFile(s, in) {
					sum.Files++
				}
				if !yield(in) {
					return
				}
			}
		}
		return checkRead(ctx, e, cf, ci, s, corpus, k, twice, nil, beforeFinish)
	}
	if twice && ci.noCache && k.changes == nil && k.matcher == nil && !progressWanted(e, cf) && !slices.ContainsFunc(paths, spooledPath) {
		// The first pass reads the documents as the walk lists them; the
		// second reads the list. The walk's problems are reported between
		// the passes, before any finding, as a listing's are before the
		// first.
		var walkProblems []error
		corpus := lint.NewListingCorpus(paths, s.input, func(err error) { walkProblems = append(walkProblems, err) })
		corpus.Problem = printProblem(e)
		s.rules.InputPath = corpus.InputPath
		listed := func() {
			reportProblems(corpus, walkProblems)
			countFiles(s, sum, corpus.Inputs)
		}
		return checkRead(ctx, e, cf, ci, s, corpus, k, twice, listed, beforeFinish)
	}
	corpus, cleanup, err := cf.openCorpus(e, s, paths, twice)
	defer cleanup()
	if err != nil {
		return err
	}
	countFiles(s, sum, corpus.Inputs)
	return checkRead(ctx, e, cf, ci, s, corpus, k, twice, nil, beforeFinish)
}

// countFiles counts the inputs that count among the summary's files.
func countFiles(s *setup, sum *lint.Summary, inputs []lint.Input) {
	for _, in := range inputs {
		if countsAsFile(s, in) {
			sum.Files++
		}
	}
}

// countsAsFile reports whether an input counts among the summary's files:
// standard input does when it was spooled to one.
func countsAsFile(s *setup, in lint.Input) bool {
	return !in.Stdin || s.input.Spooled[in.Path] != ""
}

// checkRead is checkCorpus once the corpus is open; twice says whether the
// rules have corpus rules, which read it twice. listed, if not nil, is
// called once the first of two passes has listed a streamed corpus.
func checkRead(ctx context.Context, e *env, cf *corpusFlags, ci *ciFlags, s *setup, corpus *lint.Corpus, k *sink, twice bool, listed func(), beforeFinish func() error) error {
	sum := k.sum
	if k.changes != nil && !twice {
		corpus.Inputs = keepInputs(corpus.Inputs, func(in lint.Input) bool { return in.Stdin || k.changes.file(in.Path) != nil })
	}
	all := corpus.Inputs
	fc := ci.openCache(s)
	if fc != nil {
		// A cache that cannot be written only makes the next run slower.
		defer func() { _ = fc.cache.Close() }()
	}
	r := newRunner(e, k, fc, s.rules, all)
	problem := corpus.Problem
	corpus.Problem = func(err error) {
		r.problem(err)
		problem(err)
	}
	if fc != nil {
		fc.lookup(corpus.Inputs, cf.jobs)
		if r.replay {
			// Without corpus rules an unchanged file is not read at all:
			// its findings are replayed, in order, from the cache.
			corpus.Inputs = keepInputs(corpus.Inputs, func(in lint.Input) bool { return !fc.hit(in.Path) })
		}
	}
	passes := int64(1)
	if twice {
		passes = 2
	}
	bar := newProgress(e, cf, corpus.TotalSize()*passes)
	corpus.Progress = bar.add
	defer bar.finish()
	if twice {
		// The second pass checks the texts the first read: what the rules'
		// hints learn there spares it work.
		s.rules.Hints = true
		if err := observeCorpus(ctx, e, cf, s, corpus, fc); err != nil {
			return err
		}
		if listed != nil {
			listed()
		}
		if fc != nil && s.rules.Summarizable() {
			// A cached file none of whose documents a corpus rule reports
			// on is replayed like a file of a run without corpus rules.
			s.rules.FinishCorpus()
			fc.markQuiet(s.rules, corpus.Inputs)
			corpus.Inputs = keepInputs(corpus.Inputs, func(in lint.Input) bool { return !fc.quiet(in.Path) })
		} else {
			// The corpus rules draw their conclusions (on one core: a
			// second of a gigabyte's run) while the second pass starts
			// with the other rules.
			finished := make(chan struct{})
			r.finished = finished
			go func() {
				defer close(finished)
				s.rules.FinishCorpus()
			}()
			defer func() { <-finished }()
		}
	}
	err := lint.Stream(ctx, corpus, cf.jobs, r.work, r.emit)
	if err == nil {
		err = r.done()
	}
	if err != nil {
		return err
	}
	sum.Problems = corpus.Problems() + r.failures
	if k.matcher != nil {
		for _, in := range all {
			if !r.isBad(in.Path) {
				k.matcher.Checked(in.Path)
			}
		}
	}
	bar.finish()
	if beforeFinish != nil {
		if err := beforeFinish(); err != nil {
			return err
		}
	}
	if k.rep == nil {
		return nil
	}
	if cf.quiet {
		return finishQuiet(k.rep, sum)
	}
	return k.rep.Finish(sum)
}

// keepInputs returns the inputs keep keeps, in order: inputs itself when
// it keeps them all, as on a first run with the cache, where a copy was a
// sixth of the live heap (115 bytes a file, 17 MB for 145,867 files).
func keepInputs(inputs []lint.Input, keep func(lint.Input) bool) []lint.Input {
	first := slices.IndexFunc(inputs, func(in lint.Input) bool { return !keep(in) })
	if first < 0 {
		return inputs
	}
	out := slices.Clone(inputs[:first])
	for _, in := range inputs[first+1:] {
		if keep(in) {
			out = append(out, in)
		}
	}
	return out
}

// observeCorpus is the first pass of a run with corpus rules: every corpus
// rule sees every document. The caller has them draw their conclusions
// (RuleSet.FinishCorpus).
func observeCorpus(ctx context.Context, e *env, cf *corpusFlags, s *setup, corpus *lint.Corpus, fc *fileCache) error {
	// The second pass reads the same inputs and reports their problems:
	// the first keeps quiet about them and does not count them.
	problem, before := corpus.Problem, corpus.Problems()
	corpus.Problem = nil
	defer func() {
		corpus.Problem = problem
		corpus.AddProblems(before - corpus.Problems())
	}()
	s.rules.StartCorpus()
	if fc == nil || !s.rules.Summarizable() {
		err := lint.Stream(ctx, corpus, cf.jobs, s.rules.Observe, func(_ *lint.Document, err error) error {
			if err != nil {
				fmt.Fprintf(e.stderr, "scrapelint: %v\n", err)
			}
			return nil
		})
		return err
	}
	// Files the cache has summaries of are not read: their summaries feed
	// the corpus rules. The others are read, and their summaries kept.
	read := &lint.Corpus{Options: corpus.Options, Progress: corpus.Progress}
	for _, in := range corpus.Inputs {
		if !fc.observeCached(s.rules, in) {
			read.Inputs = append(read.Inputs, in)
		}
	}
	type observed struct {
		sums [][]byte
		err  error
	}
	var cur string
	var entry *lint.CorpusEntry
	flush := func() {
		if entry != nil {
			fc.storeCorpus(cur, entry)
		}
	}
	err := lint.Stream(ctx, read, cf.jobs, func(d *lint.Document) observed {
		sums, err := s.rules.ObserveSummarized(d)
		return observed{sums, err}
	}, func(d *lint.Document, o observed) error {
		if o.err != nil {
			fmt.Fprintf(e.stderr, "scrapelint: %v\n", o.err)
		}
		if d.Path != cur || entry == nil {
			flush()
			cur, entry = d.Path, &lint.CorpusEntry{}
		}
		entry.Docs = append(entry.Docs, lint.CorpusDoc{Record: d.Record, ID: strings.Clone(d.ID), Sums: o.sums})
		return nil
	})
	if err != nil {
		return err
	}
	flush()
	return nil
}

// finishQuiet ends a report without the text format's summary line; the
// other formats' summaries are data and are kept.
func finishQuiet(rep lint.Reporter, sum *lint.Summary) error {
	if q, ok := rep.(interface{ FinishQuiet(*lint.Summary) error }); ok {
		return q.FinishQuiet(sum)
	}
	return rep.Finish(sum)
}

func failThreshold(flag string, cfg *lint.Config) (lint.Severity, error) {
	value := flag
	if value == "" && cfg != nil {
		value = cfg.FailOn
	}
	if value == "" {
		return lint.Warning, nil
	}
	if value == "never" || value == "off" {
		return lint.Off, nil
	}
	sev, err := lint.ParseSeverity(value)
	if err != nil || sev == lint.Off {
		return lint.Warning, usagef("--fail-on: want info, warning, error or never, not %q", value)
	}
	return sev, nil
}

func exitStatus(sum *lint.Summary, threshold lint.Severity) int {
	if sum.Problems > 0 {
		return exitTrouble
	}
	if threshold != lint.Off && sum.AtLeast(threshold) > 0 {
		return exitFindings
	}
	return exitClean
}

// openOutput returns where the report goes: standard output, or a file
// written atomically when the run ends.
func openOutput(e *env, path string) (io.Writer, bool, func() error, error) {
	if path == "" {
		return e.stdout, e.stdoutTTY, func() error { return nil }, nil
	}
	f, err := lint.CreateAtomic(path)
	if err != nil {
		return nil, false, nil, err
	}
	return f, false, f.Commit, nil
}
