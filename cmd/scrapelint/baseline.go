package main

import (
	"fmt"

	"github.com/scrapelint/scrapelint/lint"
)

// defaultBaseline is where baseline write puts the baseline when neither -o
// nor the config names one.
const defaultBaseline = ".scrapelint-baseline.json"

func runBaseline(e *env, args []string) int {
	if len(args) == 0 || args[0] != "write" {
		fmt.Fprintln(e.stderr, "Usage: scrapelint baseline write [flags] PATH...\n\nRecord the current findings so that check --baseline reports only new ones.")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return exitClean
		}
		return exitTrouble
	}
	var cf corpusFlags
	var ci ciFlags
	var output string
	fs := newFlagSet(e, "baseline write", "[flags] PATH...", "Record the findings in the documents under each PATH in a baseline file, so that check --baseline FILE reports only findings not in it.")
	cf.register(fs)
	fs.StringVarP(&output, "output", "o", "", "baseline file to write (default: the config's baseline, or "+defaultBaseline+")")
	ci.registerCache(fs)
	if done, status := parse(fs, args[1:]); done {
		return status
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "scrapelint baseline write: no PATH given (use . for the current directory)")
		fs.Usage()
		return exitTrouble
	}
	s, err := cf.load(e)
	if err != nil {
		return fail(e, err)
	}
	if output == "" {
		output = ci.baselinePath(s.config)
	}
	if output == "" {
		output = defaultBaseline
	}
	k := &sink{sum: lint.NewSummary(), record: lint.NewBaseline(output)}
	if err := checkCorpus(e, &cf, &ci, s, fs.Args(), k, nil); err != nil {
		return fail(e, err)
	}
	if k.sum.Problems > 0 {
		fmt.Fprintf(e.stderr, "scrapelint: %d %s could not be read; the baseline was not written\n", k.sum.Problems, pluralWord(k.sum.Problems, "input", "inputs"))
		return exitTrouble
	}
	if err := k.record.Write(output); err != nil {
		return fail(e, err)
	}
	if !cf.quiet {
		fmt.Fprintf(e.stderr, "scrapelint: wrote %s: %d %s in %d %s\n", output, k.sum.Total(), pluralWord(k.sum.Total(), "finding", "findings"), len(k.record.Entries), pluralWord(len(k.record.Entries), "entry", "entries"))
	}
	return exitClean
}
