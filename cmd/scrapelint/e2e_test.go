package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/klauspost/compress/gzip"

	"github.com/scrapelint/scrapelint/lint/linttest"
)

// binary is the scrapelint built once for every end-to-end test.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "scrapelint-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binary = filepath.Join(dir, "scrapelint")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "building scrapelint: %v\n%s", err, out)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type runResult struct {
	stdout, stderr string
	code           int
}

// scrapelint runs the built binary in dir with a clean environment (no CI,
// no colour) plus extra variables.
func scrapelint(t *testing.T, dir, stdin string, env []string, args ...string) runResult {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return runResult{stdout.String(), stderr.String(), code}
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gzipped(t *testing.T, s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// corpus writes a small corpus with known defects: glued years in a text
// file and in a gzipped JSON Lines record, a repeated line, a clean file.
func corpus(t *testing.T) string {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), []byte("Tiêu đề bài viết\n\nKế hoạch giai đoạn 20212025 đã được thông qua.\n"))
	write(t, filepath.Join(dir, "sub/b.txt"), []byte("Đoàn công tác làm việc tại Hà Nội.\r\nĐoàn công tác làm việc tại Hà Nội.\r\n"))
	write(t, filepath.Join(dir, "clean.txt"), []byte("Một bài viết sạch, không có lỗi nào.\n"))
	write(t, filepath.Join(dir, "news.jsonl.gz"), gzipped(t, `{"id":"r1","text":"Sạch sẽ."}`+"\n"+`{"id":"r2","text":"Từ 20152020, thành phố phát triển."}`+"\n"))
	return dir
}

func TestCheckTextOutputAndExitCodes(t *testing.T) {
	dir := corpus(t)
	r := scrapelint(t, dir, "", nil, "check", ".")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (findings); stderr:\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"a.txt:3:20: error glued-date: \"20212025\" looks like the years 2021-2025 glued together",
		"news.jsonl.gz:2: id=r2 1:4: error glued-date:",
		"sub/b.txt:2:1: warning repeated-line: line repeats line 1 exactly",
		"                   ^^^^^^^^",
		"3 findings (2 errors, 1 warning, 0 info) in 5 documents; 3 fixable with scrapelint fix",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("colour codes written to a pipe")
	}
	// Findings come sorted by path whatever the number of workers.
	if i, j := strings.Index(r.stdout, "a.txt:"), strings.Index(r.stdout, "sub/b.txt:"); i < 0 || j < i {
		t.Errorf("findings not in path order:\n%s", r.stdout)
	}
	if one := scrapelint(t, dir, "", nil, "check", "--jobs", "1", "."); one.stdout != r.stdout {
		t.Errorf("--jobs 1 output differs from the default:\n%s\nvs\n%s", one.stdout, r.stdout)
	}
	if r := scrapelint(t, dir, "", nil, "check", "--fail-on", "error", "sub"); r.code != 0 {
		t.Errorf("only a warning with --fail-on error: exit %d, want 0", r.code)
	}
	stats := scrapelint(t, dir, "", nil, "check", "--statistics", ".")
	if !strings.Contains(stats.stdout, "rule           findings\nglued-date            2\nrepeated-line         1\n") {
		t.Errorf("--statistics table missing or wrong:\n%s", stats.stdout)
	}
	out := filepath.Join(t.TempDir(), "report.json")
	if r := scrapelint(t, dir, "", nil, "check", "-f", "json", "-o", out, "."); r.code != 1 || r.stdout != "" {
		t.Errorf("-o: exit %d (want 1, as without -o), stdout %q", r.code, r.stdout)
	}
	if data, err := os.ReadFile(out); err != nil || !json.Valid(data) {
		t.Errorf("-o wrote no valid JSON: %v", err)
	}
	if r := scrapelint(t, dir, "", nil, "check", "clean.txt"); r.code != 0 || !strings.Contains(r.stdout, "0 findings") {
		t.Errorf("clean file: exit %d, output %q", r.code, r.stdout)
	}
}

func TestCheckBadInputsAreNamedAndSkipped(t *testing.T) {
	dir := corpus(t)
	write(t, filepath.Join(dir, "latin1.txt"), []byte("caf\xe9 20212025\n"))
	write(t, filepath.Join(dir, "image.txt"), []byte("\x89PNG\x00\x00"))
	write(t, filepath.Join(dir, "broken.jsonl"), []byte("{\"id\":\"ok\",\"text\":\"Từ 20102014 mọi thứ thay đổi.\"}\n{not json\n"))
	r := scrapelint(t, dir, "", nil, "check", ".", "missing-dir")
	if r.code != 2 {
		t.Errorf("exit %d, want 2 when inputs could not be read", r.code)
	}
	for _, want := range []string{
		"scrapelint: missing-dir: no such file or directory",
		"scrapelint: latin1.txt: line 1: invalid UTF-8 at byte offset 3",
		"scrapelint: image.txt: line 1: binary data",
		"scrapelint: broken.jsonl:2: malformed JSON",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	// The readable inputs are still linted, including the good record of
	// the broken JSON Lines file.
	for _, want := range []string{"a.txt:3:20:", "broken.jsonl:1: id=ok", "4 inputs could not be read"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stderr, "panic") {
		t.Errorf("panic:\n%s", r.stderr)
	}
}

func TestCheckEmptyFile(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "empty.txt"), nil)
	r := scrapelint(t, dir, "", nil, "check", "empty.txt")
	if r.code != 1 || !strings.Contains(r.stdout, "empty.txt:1:1: error empty-document: document has no text") {
		t.Errorf("empty file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestCheckJSONFormats(t *testing.T) {
	dir := corpus(t)
	r := scrapelint(t, dir, "", nil, "check", "--format", "json", ".")
	var report struct {
		Findings []map[string]any `json:"findings"`
		Summary  map[string]any   `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatalf("json output does not parse: %v\n%s", err, r.stdout)
	}
	if len(report.Findings) != 3 || report.Summary["findings"] != float64(3) {
		t.Fatalf("want 3 findings, got %d; summary %v", len(report.Findings), report.Summary)
	}
	f := report.Findings[1]
	for key, want := range map[string]any{"path": "news.jsonl.gz", "record": float64(2), "id": "r2", "line": float64(1), "column": float64(4), "end_column": float64(12), "rule": "glued-date", "severity": "error"} {
		if f[key] != want {
			t.Errorf("finding %s = %v, want %v", key, f[key], want)
		}
	}
	fix, _ := f["fix"].(map[string]any)
	if fix == nil || fix["safety"] != "safe" {
		t.Errorf("fix = %v, want a safe fix", f["fix"])
	}

	r = scrapelint(t, dir, "", nil, "check", "--format", "jsonl", ".")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 {
		t.Fatalf("jsonl: want 3 lines, got %d:\n%s", len(lines), r.stdout)
	}
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Errorf("jsonl line does not parse: %v: %s", err, l)
		}
	}
}

func TestCheckStdin(t *testing.T) {
	r := scrapelint(t, t.TempDir(), "Nhiệm kỳ 20202025 bắt đầu.\n", nil, "check", "-")
	if r.code != 1 || !strings.Contains(r.stdout, "<stdin>:1:10: error glued-date") {
		t.Errorf("stdin: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = scrapelint(t, t.TempDir(), `{"id":"s","text":"Từ 20012005."}`+"\n", nil, "check", "--stdin-format", "jsonl", "-")
	if !strings.Contains(r.stdout, "<stdin>:1: id=s 1:4: error glued-date") {
		t.Errorf("stdin jsonl:\n%s%s", r.stdout, r.stderr)
	}
}

func TestConfigFileIsFoundAndChecked(t *testing.T) {
	dir := corpus(t)
	write(t, filepath.Join(dir, ".scrapelint.yaml"), []byte("rules:\n  glued-date: off\n  repeated-line:\n    min-length: 200\n"))
	r := scrapelint(t, filepath.Join(dir, "sub"), "", nil, "check", "..")
	if r.code != 0 || !strings.Contains(r.stdout, "0 findings") {
		t.Errorf("config in the parent directory not applied: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	write(t, filepath.Join(dir, ".scrapelint.yaml"), []byte("rules:\n  glued-date:\n    max-spam: 3\n"))
	r = scrapelint(t, dir, "", nil, "check", ".")
	if r.code != 2 || !strings.Contains(r.stderr, ".scrapelint.yaml:3: rule glued-date has no option \"max-spam\"") {
		t.Errorf("bad config: exit %d\n%s", r.code, r.stderr)
	}
	r = scrapelint(t, dir, "", nil, "check", "--no-config", "--disable", "glued-date", "--enable", "repeated-line", ".")
	if r.code != 1 || strings.Contains(r.stdout, "glued-date") {
		t.Errorf("flags: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestHelpAndUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range commands {
		r := scrapelint(t, dir, "", nil, c.name, "-h")
		if r.code != 0 || !strings.Contains(r.stderr, "Usage: scrapelint "+c.name) {
			t.Errorf("%s -h: exit %d\n%s", c.name, r.code, r.stderr)
		}
	}
	if r := scrapelint(t, dir, "", nil, "check"); r.code != 2 {
		t.Errorf("check without PATH: exit %d, want 2", r.code)
	}
	if r := scrapelint(t, dir, "", nil, "check", "--format", "xml", "."); r.code != 2 || !strings.Contains(r.stderr, "unknown format") {
		t.Errorf("unknown format: exit %d %s", r.code, r.stderr)
	}
	for _, c := range commands {
		// A flag error is said, not only exited with.
		args := []string{c.name, "--no-such-flag"}
		if c.name == "baseline" {
			args = []string{"baseline", "write", "--no-such-flag"}
		}
		if r := scrapelint(t, dir, "", nil, args...); r.code != 2 || !strings.Contains(r.stderr, "unknown flag: --no-such-flag") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	if r := scrapelint(t, dir, "", nil, "check", "--jobs", "many", "."); r.code != 2 || !strings.Contains(r.stderr, "--jobs") {
		t.Errorf("check --jobs many: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := scrapelint(t, dir, "", nil, "frobnicate"); r.code != 2 {
		t.Errorf("unknown command: exit %d, want 2", r.code)
	}
	if r := scrapelint(t, dir, "", nil, "explain", "glued-date"); r.code != 0 || !strings.Contains(r.stdout, "giai đoạn 2014-2020") {
		t.Errorf("explain: exit %d\n%s", r.code, r.stdout)
	}
	if r := scrapelint(t, dir, "", nil, "explain", "nope"); r.code != 2 {
		t.Errorf("explain of an unknown rule: exit %d, want 2", r.code)
	}
	if r := scrapelint(t, dir, "", nil, "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "scrapelint ") {
		t.Errorf("version: %q", r.stdout)
	}
}

// TestColor checks the colour rules in-process, where the terminal can be
// faked: colour on a terminal, never with NO_COLOR, never into a pipe.
func TestColor(t *testing.T) {
	dir := corpus(t)
	for _, tt := range []struct {
		tty     bool
		noColor string
		want    bool
	}{{true, "", true}, {true, "1", false}, {false, "", false}} {
		var out bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &bytes.Buffer{}, stdoutTTY: tt.tty,
			getenv: func(k string) string {
				if k == "NO_COLOR" {
					return tt.noColor
				}
				return ""
			}}
		run(e, []string{"check", "--no-config", filepath.Join(dir, "a.txt")})
		if got := strings.Contains(out.String(), "\x1b["); got != tt.want {
			t.Errorf("tty=%v NO_COLOR=%q: colour=%v, want %v", tt.tty, tt.noColor, got, tt.want)
		}
	}
}

// TestJobsLimitsCores checks that --jobs 1 runs on one P (seen from a
// call the run makes, getenv) and that run gives the others back.
// TestProfilingFlags runs a check with the hidden profiling flags: each file
// is written and holds what its tool reads (a CPU and a heap profile are
// gzipped protocol buffers, a trace starts with its header), and the run's
// findings and exit code are those of a run without them.
func TestProfilingFlags(t *testing.T) {
	dir := corpus(t)
	out := t.TempDir()
	cpu, mem, trace := filepath.Join(out, "cpu.prof"), filepath.Join(out, "mem.prof"), filepath.Join(out, "run.trace")
	plain := scrapelint(t, dir, "", nil, "check", "--no-config", "--no-cache", ".")
	profiled := scrapelint(t, dir, "", nil, "check", "--no-config", "--no-cache", "--cpuprofile", cpu, "--memprofile", mem, "--trace", trace, ".")
	if profiled.code != plain.code || profiled.stdout != plain.stdout {
		t.Fatalf("with the profiling flags: exit %d, output\n%s\nwithout: exit %d, output\n%s", profiled.code, profiled.stdout, plain.code, plain.stdout)
	}
	for path, magic := range map[string]string{cpu: "\x1f\x8b", mem: "\x1f\x8b", trace: "go 1."} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte(magic)) {
			t.Errorf("%s starts % x, want % x", filepath.Base(path), data[:min(len(data), 8)], magic)
		}
	}
}

func TestJobsLimitsCores(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	dir := corpus(t)
	for _, tt := range []struct {
		jobs string
		want int
	}{{"1", 1}, {"2", 2}, {"8", 3}} {
		during := 0
		e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, stdoutTTY: true,
			getenv: func(string) string { during = runtime.GOMAXPROCS(0); return "" }}
		run(e, []string{"check", "--no-config", "--jobs", tt.jobs, filepath.Join(dir, "a.txt")})
		if during != tt.want {
			t.Errorf("--jobs %s: GOMAXPROCS %d during the run, want %d", tt.jobs, during, tt.want)
		}
		if after := runtime.GOMAXPROCS(0); after != 3 {
			t.Errorf("--jobs %s: GOMAXPROCS %d after the run, want 3 back", tt.jobs, after)
		}
	}
}

// TestREADMERuleTable keeps the README's rule table equal to the one the
// rules' own metadata produce (scrapelint rules --markdown).
func TestREADMERuleTable(t *testing.T) {
	root := linttest.ModuleRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	r := scrapelint(t, root, "", nil, "rules", "--markdown")
	if !strings.Contains(string(readme), r.stdout) {
		t.Errorf("README.md's rule table is out of date; paste the output of `scrapelint rules --markdown`:\n%s", r.stdout)
	}
}

// TestREADMECommandsWork runs the README's command on fixtures/corpus.
func TestREADMECommandsWork(t *testing.T) {
	root := linttest.ModuleRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const run = "go run ./cmd/scrapelint check fixtures/corpus"
	if !strings.Contains(string(readme), run) {
		t.Fatalf("README lacks the run command %q", run)
	}
	r := scrapelint(t, root, "", nil, "check", "fixtures/corpus")
	if r.code != 1 || !strings.Contains(r.stdout, "glued-date") {
		t.Errorf("the README's corpus: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestStandardOutputThatCannotBeWritten checks that output buffered for a
// pipe or a file is flushed, and that a write that fails at the flush (a
// full disk) is reported with exit code 2, not lost.
func TestStandardOutputThatCannotBeWritten(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full on this system:", err)
	}
	defer full.Close()
	cmd := exec.Command(binary, "check", "--no-config", "--no-cache", corpus(t))
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = full, &stderr
	err = cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("check writing to a full disk: %v, want exit code 2; stderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "no space left") {
		t.Errorf("stderr does not say why the output was lost:\n%s", stderr.String())
	}
	// Through a pipe, the buffered findings all arrive.
	r := scrapelint(t, corpus(t), "", nil, "check", "--no-config", "--no-cache", ".")
	if got := strings.Count(r.stdout, "glued-date"); got != 2 {
		t.Errorf("%d glued-date findings through a pipe, want 2:\n%s", got, r.stdout)
	}
}

// TestStreamedRunMatchesListedRun checks a corpus streamed (no cache: no
// list of the corpus is kept without corpus rules, and with them the first
// pass lists it as it reads) and listed first (filling a cache). Reports,
// problems and exit status are the same, over nested directories, names
// that sort awkwardly, a file named twice, a bad file, an empty JSON Lines
// file, a missing path, and a copy the corpus rules name the original of.
func TestStreamedRunMatchesListedRun(t *testing.T) {
	dir := t.TempDir()
	defect := func(n int) []byte { return []byte(fmt.Sprintf("Giai đoạn %d%d đã qua.\n", 2000+n, 2005+n)) }
	for i, name := range []string{"c/b.txt", "c/b/x.txt", "c/b0.txt", "c/b-y.txt", "a.txt", "d/deep/er/z.txt"} {
		write(t, filepath.Join(dir, name), defect(i))
	}
	write(t, filepath.Join(dir, "c/bad.txt"), []byte("ok\n\xff\n"))
	write(t, filepath.Join(dir, "c/empty.jsonl"), nil)
	write(t, filepath.Join(dir, "c/r.jsonl"), []byte(`{"id":"1","text":"Nhiệm kỳ 20152020."}`+"\n"+`{"id":"2","text":"Năm 20162021."}`+"\n"))
	write(t, filepath.Join(dir, "d/copy.txt"), defect(0))
	noCorpusRules := []string{"--disable", "duplicate-document,near-duplicate-document,boilerplate-line"}
	for _, run := range []struct {
		format string
		rules  []string
	}{{"json", noCorpusRules}, {"text", noCorpusRules}, {"json", nil}, {"text", nil}} {
		format := run.format
		args := append([]string{"check", "--no-config", "--format", format, "c", "a.txt", "missing.txt", "d", "c/b.txt"}, run.rules...)
		streamed := scrapelint(t, dir, "", nil, append(args, "--no-cache")...)
		listed := scrapelint(t, dir, "", nil, append(args, "--cache-dir", t.TempDir())...)
		if streamed != listed {
			t.Errorf("%s: streamed\n%+v\nlisted\n%+v", format, streamed, listed)
		}
		if streamed.code != exitTrouble || !strings.Contains(streamed.stderr, "missing.txt") || !strings.Contains(streamed.stderr, "bad.txt") {
			t.Errorf("%s: status %d, stderr %s", format, streamed.code, streamed.stderr)
		}
		if copied := strings.Contains(streamed.stdout, "same text as c/b.txt"); copied != (run.rules == nil) {
			t.Errorf("%s with corpus rules %v: the copy's finding naming c/b.txt reported %v:\n%s", format, run.rules == nil, copied, streamed.stdout)
		}
	}
}

// TestNamedPipeIsReadOnce names a pipe, as `check <(zcat dump.gz)` does: it
// can be read once, and a run with corpus rules reads its corpus twice (the
// cache once more, to hash it). The pipe is spooled: its report is the
// regular file's, with and without the cache.
func TestNamedPipeIsReadOnce(t *testing.T) {
	dir := t.TempDir()
	text := "Giai đoạn 20202024 đã qua.\nGiai đoạn 20202024 đã qua.\n"
	write(t, filepath.Join(dir, "a.txt"), []byte(text))
	pipe := filepath.Join(dir, "p.txt")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	want := scrapelint(t, dir, "", nil, "check", "--no-config", "--no-cache", "a.txt")
	for _, args := range [][]string{{"--no-cache"}, {"--cache-dir", t.TempDir()}} {
		done := make(chan error, 1)
		go func() {
			f, err := os.OpenFile(pipe, os.O_WRONLY, 0)
			if err == nil {
				_, err = f.WriteString(text)
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			done <- err
		}()
		got := scrapelint(t, dir, "", nil, append(append([]string{"check", "--no-config"}, args...), "p.txt")...)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		got.stdout = strings.ReplaceAll(got.stdout, "p.txt", "a.txt")
		if got != want {
			t.Errorf("%v: the pipe's run\n%+v\nthe file's\n%+v", args, got, want)
		}
	}
}

// TestFullDiskSaysSoOnce writes the report to a full disk: the run says so
// once, not once more when it flushes, and exits 2.
func TestFullDiskSaysSoOnce(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here:", err)
	}
	defer full.Close()
	// More than the 64 KB standard output buffer, so that the run itself
	// meets the full disk before its last flush does.
	dir := t.TempDir()
	for i := range 400 {
		write(t, filepath.Join(dir, fmt.Sprintf("%03d.txt", i)), []byte(fmt.Sprintf("Giai đoạn %d%d của bài %d đã qua.\n", 2000+i%20, 2005+i%20, i)))
	}
	for _, args := range [][]string{{"check", "--no-cache", "."}, {"fix", "--diff", "."}} {
		cmd := exec.Command(binary, args...)
		cmd.Dir = dir
		cmd.Stdout = full
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitTrouble {
			t.Errorf("%v: %v, want exit status %d", args, err, exitTrouble)
		}
		if n := strings.Count(stderr.String(), "no space left on device"); n != 1 {
			t.Errorf("%v: the full disk reported %d times:\n%s", args, n, stderr.String())
		}
	}
}
