package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"strings"

	"github.com/spf13/pflag"

	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/rules"
)

// corpusFlags are the flags of every command that reads a corpus and runs
// rules on it.
type corpusFlags struct {
	config      string
	noConfig    bool
	enable      []string
	disable     []string
	lang        string
	jobs        int
	textField   string
	idField     string
	include     []string
	exclude     []string
	stdinFormat string
	quiet       bool
	noProgress  bool
	cpuProfile  string
	memProfile  string
	traceFile   string
}

func (c *corpusFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&c.config, "config", "", "configuration file (default: .scrapelint.yaml in the current directory or the nearest parent)")
	fs.BoolVar(&c.noConfig, "no-config", false, "ignore any configuration file")
	fs.StringSliceVar(&c.enable, "enable", nil, "rule ids to enable, comma-separated (also rules that are off by default)")
	fs.StringSliceVar(&c.disable, "disable", nil, "rule ids to disable, comma-separated")
	fs.StringVar(&c.lang, "lang", "", "language profile: "+strings.Join(rules.Languages(), ", ")+" (default vi, or the config's language)")
	fs.IntVarP(&c.jobs, "jobs", "j", runtime.NumCPU(), "documents processed in parallel, and cores used")
	fs.StringVar(&c.textField, "text-field", "", `JSON Lines field holding a document's text (default "text")`)
	fs.StringVar(&c.idField, "id-field", "", `JSON Lines field holding a document's id (default "id")`)
	fs.StringSliceVar(&c.include, "include", nil, "read only files matching these globs (** crosses directories); replaces the default *.txt, *.jsonl, *.ndjson (+ .gz, .zst)")
	fs.StringSliceVar(&c.exclude, "exclude", nil, "skip files and directories matching these globs")
	fs.StringVar(&c.stdinFormat, "stdin-format", "txt", "format of standard input (PATH -): txt or jsonl")
	fs.BoolVarP(&c.quiet, "quiet", "q", false, "no progress bar and no summary line")
	fs.BoolVar(&c.noProgress, "no-progress", false, "no progress bar")
	// For profiling a whole run (scripts/bench.sh's figures come from
	// runs of the binary); not part of the interface users see.
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file")
	_ = fs.MarkHidden("cpuprofile")
	fs.StringVar(&c.memProfile, "memprofile", "", "write a heap profile to this file at the end of the run")
	_ = fs.MarkHidden("memprofile")
	fs.StringVar(&c.traceFile, "trace", "", "write an execution trace of the run to this file (go tool trace)")
	_ = fs.MarkHidden("trace")
}

// startProfile starts the CPU profile --cpuprofile asks for; stop ends it.
func (c *corpusFlags) startProfile() (stop func(), err error) {
	stopCPU := func() {}
	if c.cpuProfile != "" {
		f, err := os.Create(c.cpuProfile)
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, err
		}
		stopCPU = func() { pprof.StopCPUProfile(); f.Close() }
	}
	stopTrace := func() {}
	if c.traceFile != "" {
		f, err := os.Create(c.traceFile)
		if err != nil {
			stopCPU()
			return nil, err
		}
		if err := trace.Start(f); err != nil {
			stopCPU()
			f.Close()
			return nil, err
		}
		stopTrace = func() { trace.Stop(); f.Close() }
	}
	return func() {
		stopCPU()
		stopTrace()
		if c.memProfile == "" {
			return
		}
		if f, err := os.Create(c.memProfile); err == nil {
			_ = pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
	}, nil
}

// profileStops end the CPU profiles started by load; main runs them before
// it exits.
var profileStops []func()

// setup is what every corpus command needs: the configured rules and how to
// read the inputs.
type setup struct {
	config *lint.Config
	rules  *lint.RuleSet
	input  lint.InputOptions
}

func (c *corpusFlags) load(e *env) (*setup, error) {
	if c.cpuProfile != "" || c.memProfile != "" || c.traceFile != "" {
		stop, err := c.startProfile()
		if err != nil {
			return nil, err
		}
		profileStops = append(profileStops, stop)
	}
	var cfg *lint.Config
	path := c.config
	if path == "" && !c.noConfig {
		path = lint.FindConfig(".")
	}
	if path != "" && !c.noConfig {
		var err error
		if cfg, err = lint.LoadConfig(path); err != nil {
			return nil, &usageError{msg: err.Error()}
		}
	}
	rs, err := lint.Configure(rules.All, rules.Profiles(), cfg, lint.Selection{
		Lang: c.lang, Enable: lint.SplitList(c.enable), Disable: lint.SplitList(c.disable),
	})
	if err != nil {
		return nil, &usageError{msg: err.Error()}
	}
	in := lint.DefaultInputOptions()
	in.Stdin = e.stdin
	if cfg != nil {
		if cfg.TextField != "" {
			in.TextField = cfg.TextField
		}
		if cfg.IDField != "" {
			in.IDField = cfg.IDField
		}
		in.Include, in.Exclude = cfg.Include, cfg.Exclude
	}
	if c.textField != "" {
		in.TextField = c.textField
	}
	if c.idField != "" {
		in.IDField = c.idField
	}
	if len(c.include) > 0 {
		in.Include = c.include
	}
	in.Exclude = append(in.Exclude, c.exclude...)
	for _, g := range append(append([]string(nil), in.Include...), in.Exclude...) {
		if !lint.ValidGlob(g) {
			return nil, usagef("invalid glob %q", g)
		}
	}
	switch c.stdinFormat {
	case "txt", "text":
		in.StdinKind = lint.TextFile
	case "jsonl", "ndjson":
		in.StdinKind = lint.JSONLFile
	default:
		return nil, usagef("--stdin-format: want txt or jsonl, not %q", c.stdinFormat)
	}
	if c.jobs < 1 {
		return nil, usagef("--jobs must be at least 1")
	}
	// --jobs is the number of cores the run may use, not only of workers:
	// with more Ps than workers, the collector, reading and reporting
	// spread onto the other cores (--jobs 1 kept 1.25 cores busy), which
	// a user who asks for one job on a shared CI runner does not want.
	if c.jobs < runtime.GOMAXPROCS(0) {
		runtime.GOMAXPROCS(c.jobs)
	}
	return &setup{config: cfg, rules: rs, input: in}, nil
}

// namedPipe reports whether path is a file that is not a regular one: a
// pipe or a device.
func namedPipe(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir() && !info.Mode().IsRegular()
}

// spooledPath reports whether a run that reads its corpus twice copies arg
// to a temporary file first: standard input, or a named pipe.
func spooledPath(arg string) bool { return arg == "-" || namedPipe(arg) }

// printProblem prints an input problem on stderr as it happens.
func printProblem(e *env) func(error) {
	return func(err error) { fmt.Fprintf(e.stderr, "scrapelint: %v\n", err) }
}

// openCorpus expands the paths into a corpus whose problems are printed to
// stderr as they happen. An input that can be read only once is spooled to
// a temporary file: standard input when the run reads the corpus twice, and
// a pipe named on the command line (`<(zcat dump.gz)`), which the cache
// would also read to hash; cleanup removes them.
func (c *corpusFlags) openCorpus(e *env, s *setup, paths []string, twice bool) (*lint.Corpus, func(), error) {
	inputs, errs := lint.Expand(paths, s.input)
	var spooled []string
	cleanup := func() {
		for _, name := range spooled {
			os.Remove(name)
		}
	}
	// Only a path named on the command line can be a pipe: a walk lists
	// regular files.
	pipes := map[string]bool{}
	for _, arg := range paths {
		if arg != "-" && namedPipe(arg) {
			pipes[filepath.ToSlash(filepath.Clean(arg))] = true
		}
	}
	s.input.Spooled = map[string]string{}
	for i, in := range inputs {
		var src io.Reader
		switch {
		case in.Stdin && twice:
			src = s.input.Stdin
		case pipes[in.Path]:
			f, err := os.Open(in.Path)
			if err != nil {
				continue // reading it will say why
			}
			defer f.Close()
			src = f
		default:
			continue
		}
		f, err := os.CreateTemp("", "scrapelint-spool-*")
		if err != nil {
			return nil, cleanup, err
		}
		spooled = append(spooled, f.Name())
		n, err := io.Copy(f, src)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, cleanup, fmt.Errorf("%s: %w", in.Path, err)
		}
		s.input.Spooled[in.Path], inputs[i].Size = f.Name(), n
	}
	corpus := &lint.Corpus{Inputs: inputs, Options: s.input, Problem: printProblem(e)}
	// The corpus rules name an earlier document by its input's place in
	// this list, the whole list, which no filter of the run changes.
	s.rules.InputPath = func(index int) string { return lint.InputPath(inputs, index) }
	reportProblems(corpus, errs)
	return corpus, cleanup, nil
}

// reportProblems reports and counts problems met before the corpus is
// read (a missing path).
func reportProblems(corpus *lint.Corpus, errs []error) {
	for _, err := range errs {
		corpus.Problem(err)
	}
	corpus.AddProblems(len(errs))
}

func newFlagSet(e *env, name, args, about string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: scrapelint %s %s\n\n%s\n\nFlags:\n", name, args, about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; done is true when the command should stop with status
// (after -h, or a flag error).
func parse(fs *pflag.FlagSet, args []string) (done bool, status int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return true, exitClean
		}
		// With ContinueOnError pflag reports nothing itself.
		fmt.Fprintf(fs.Output(), "scrapelint %s: %v (see scrapelint %s -h)\n", fs.Name(), err, fs.Name())
		return true, exitTrouble
	}
	return false, 0
}
