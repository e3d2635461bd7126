// Command scrapelint lints, fixes and deduplicates corpora of scraped text.
//
//	scrapelint check PATH...     report defects
//	scrapelint fix PATH...       apply the safe fixes (--diff, --out DIR)
//	scrapelint dedup PATH...     group duplicates (--out DIR keeps one of each)
//	scrapelint rules             list the rules
//	scrapelint explain RULE      describe a rule with an example
//	scrapelint baseline write    record current findings for check --baseline
//	scrapelint version           print the version
//
// Run scrapelint COMMAND -h for a command's flags.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
)

// Exit statuses, as linters conventionally use them.
const (
	exitClean    = 0 // nothing at or above --fail-on was found
	exitFindings = 1 // something at or above --fail-on was found
	exitTrouble  = 2 // a usage error, or an input that could not be read
)

// env is what a command runs against; tests hand in their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// stdoutTTY and stderrTTY say whether the streams are terminals.
	stdoutTTY, stderrTTY bool
}

type command struct {
	name    string
	summary string
	run     func(e *env, args []string) int
}

// commands lists every subcommand; main's help prints them in this order.
var commands []command

func init() {
	commands = []command{
		{"check", "report defects in a corpus", runCheck},
		{"fix", "apply safe fixes in place, as a diff (--diff) or into a copy (--out DIR)", runFix},
		{"dedup", "group duplicate and near-duplicate documents; --out DIR keeps one of each", runDedup},
		{"rules", "list the rules", runRules},
		{"explain", "describe a rule, with an example", runExplain},
		{"baseline", "record current findings: baseline write PATH... [-o FILE]", runBaseline},
		{"version", "print scrapelint's version", runVersion},
	}
}

func main() {
	e := &env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
		stdoutTTY: isTerminal(os.Stdout), stderrTTY: isTerminal(os.Stderr),
	}
	// Findings and diffs are written a line at a time. Unbuffered, that
	// was one write call per line, a few million for a gigabyte's diff;
	// a terminal still gets each line as it comes.
	var buffered *bufio.Writer
	if !e.stdoutTTY {
		buffered = bufio.NewWriterSize(os.Stdout, 64<<10)
		e.stdout = buffered
	}
	status := run(e, os.Args[1:])
	if buffered != nil {
		// A failed write stays the writer's error: a run that met it has
		// said so already, and exits in trouble.
		if err := buffered.Flush(); err != nil && status != exitTrouble {
			fmt.Fprintf(os.Stderr, "scrapelint: writing standard output: %v\n", err)
			status = exitTrouble
		}
	}
	for _, stop := range profileStops {
		stop()
	}
	os.Exit(status)
}

func run(e *env, args []string) int {
	// A command may lower GOMAXPROCS to its --jobs; tests call run many
	// times in one process.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		if len(args) == 0 {
			return exitTrouble
		}
		return exitClean
	}
	if args[0] == "--version" {
		return runVersion(e, nil)
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "scrapelint: unknown command %q\n\n", args[0])
	usage(e.stderr)
	return exitTrouble
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "scrapelint finds, fixes and deduplicates defects in corpora of scraped text.")
	fmt.Fprintln(w, "\nUsage: scrapelint COMMAND [flags] [PATH...]\n\nCommands:")
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	width := 0
	for _, n := range names {
		width = max(width, len(n))
	}
	for _, c := range commands {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'scrapelint COMMAND -h' for a command's flags.")
	fmt.Fprintln(w, "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage error or unreadable input.")
}

// usageError is a mistake on the command line: it exits 2.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// fail prints err and returns the exit status it calls for.
func fail(e *env, err error) int {
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(e.stderr, "scrapelint: %v\n", err)
		return exitTrouble
	}
	fmt.Fprintf(e.stderr, "scrapelint: %v\n", err)
	return exitTrouble
}
