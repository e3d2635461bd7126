package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/scrapelint/scrapelint/lint"
)

func runCheck(e *env, args []string) int {
	var cf corpusFlags
	var format, failOn, output string
	var statistics, showFixes bool
	fs := newFlagSet(e, "check", "[flags] PATH...", "Report defects in the documents under each PATH (files, directories, or - for standard input).")
	cf.register(fs)
	fs.StringVarP(&format, "format", "f", "text", "output format: "+strings.Join(lint.FormatNames(), ", "))
	fs.StringVar(&failOn, "fail-on", "", "lowest severity that makes the exit status 1: info, warning, error or never (default warning)")
	fs.StringVarP(&output, "output", "o", "", "write the report to this file instead of standard output")
	fs.BoolVar(&statistics, "statistics", false, "end with a table of counts per rule (text format)")
	fs.BoolVar(&showFixes, "show-fixes", false, "show each finding's proposed change (text format)")
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
	w, tty, closeOut, err := openOutput(e, output)
	if err != nil {
		return fail(e, err)
	}
	rep := newReporter(lint.ReportContext{
		W: w, Rules: s.rules.Settings, Color: colorAllowed(e, tty),
		Statistics: statistics, ShowFixes: showFixes, Version: version(),
	})
	sum, err := checkCorpus(e, &cf, s, fs.Args(), rep)
	if cerr := closeOut(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fail(e, err)
	}
	return exitStatus(sum, threshold)
}

// checkCorpus runs the rules over the corpus and reports every finding.
func checkCorpus(e *env, cf *corpusFlags, s *setup, paths []string, rep lint.Reporter) (*lint.Summary, error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	twice := s.rules.HasCorpusRules()
	corpus, cleanup, err := cf.openCorpus(e, s, paths, twice)
	defer cleanup()
	if err != nil {
		return nil, err
	}
	passes := int64(1)
	if twice {
		passes = 2
	}
	bar := newProgress(e, cf, corpus.TotalSize()*passes)
	corpus.Progress = bar.add
	defer bar.finish()

	sum := lint.NewSummary()
	for _, in := range corpus.Inputs {
		if !in.Stdin || in.File != "" {
			sum.Files++
		}
	}
	if twice {
		if err := observeCorpus(ctx, e, cf, s, corpus); err != nil {
			return nil, err
		}
	}
	type result struct {
		findings []lint.Finding
		err      error
	}
	ruleFailures := 0
	err = lint.Stream(ctx, corpus, cf.jobs, func(d *lint.Document) result {
		f, err := s.rules.Check(d)
		return result{f, err}
	}, func(d *lint.Document, r result) error {
		sum.Documents++
		sum.Bytes += int64(len(d.Text))
		if r.err != nil {
			ruleFailures++
			fmt.Fprintf(e.stderr, "scrapelint: %v\n", r.err)
		}
		for _, f := range r.findings {
			sum.Add(f)
			if err := rep.Report(lint.Locate(d, f)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Passes are counted once: the first pass reads what the second does.
	sum.Problems = corpus.Problems()/int(passes) + ruleFailures
	bar.finish()
	if cf.quiet {
		return sum, finishQuiet(rep, sum)
	}
	return sum, rep.Finish(sum)
}

// observeCorpus is the first pass of a run with corpus rules: every corpus
// rule sees every document, then draws its conclusions.
func observeCorpus(ctx context.Context, e *env, cf *corpusFlags, s *setup, corpus *lint.Corpus) error {
	s.rules.StartCorpus()
	err := lint.Stream(ctx, corpus, cf.jobs, s.rules.Observe, func(_ *lint.Document, err error) error {
		if err != nil {
			fmt.Fprintf(e.stderr, "scrapelint: %v\n", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.rules.FinishCorpus()
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
