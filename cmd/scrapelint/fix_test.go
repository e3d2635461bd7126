package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/scrapelint/scrapelint/internal/corpusgen"
)

// copyTree copies the regular files under src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		write(t, filepath.Join(dst, rel), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// tree reads every regular, non-hidden file under dir, by slash path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// fixCorpus is the sample corpus plus files that exercise the diff's edges:
// CRLF, no final newline, a fix on the first and the last line.
func fixCorpus(t *testing.T) string {
	dir := t.TempDir()
	copyTree(t, filepath.Join("..", "..", "fixtures", "corpus"), dir)
	write(t, filepath.Join(dir, "edge", "crlf.txt"), []byte("Kế hoạch 20212025.\r\n\r\nĐoàn công tác làm việc tại Hà Nội.\r\nĐoàn công tác làm việc tại Hà Nội.\r\n"))
	write(t, filepath.Join(dir, "edge", "no-newline.txt"), []byte("Tiêu đề\n\nIn bài viết\nGiai đoạn 20142020 đã qua, tỉnh tổng kết."))
	write(t, filepath.Join(dir, "edge", "clean.txt"), []byte("Một bài viết sạch, không có lỗi nào.\n"))
	return dir
}

// TestFixDiffAppliesAsFixWrites applies `fix --diff` with git apply and
// patch -p1 to two copies of a corpus, runs `fix` on a third, and compares
// the three trees byte for byte; then checks that fix is idempotent and
// that check finds nothing left with a safe fix.
func TestFixDiffAppliesAsFixWrites(t *testing.T) {
	orig := fixCorpus(t)
	before := tree(t, orig)
	diff := scrapelint(t, orig, "", nil, "fix", "--diff", ".")
	if diff.code != 1 || !strings.Contains(diff.stdout, "--- a/vi/hop-tac-giao-thong.txt\n+++ b/vi/hop-tac-giao-thong.txt\n") {
		t.Fatalf("fix --diff: exit %d\n%s\n%s", diff.code, diff.stdout, diff.stderr)
	}
	if got := tree(t, orig); !equalTrees(got, before) {
		t.Fatal("fix --diff wrote to the corpus")
	}
	fixed := t.TempDir()
	copyTree(t, orig, fixed)
	res := scrapelint(t, fixed, "", nil, "fix", ".")
	if res.code == 2 || !strings.Contains(res.stdout, "fixes applied") {
		t.Fatalf("fix: exit %d\n%s\n%s", res.code, res.stdout, res.stderr)
	}
	want := tree(t, fixed)
	for _, tool := range [][]string{{"git", "apply", "-"}, {"patch", "-p1", "-s"}} {
		if _, err := exec.LookPath(tool[0]); err != nil {
			t.Logf("%s is not installed; not applying the diff with it", tool[0])
			continue
		}
		dir := t.TempDir()
		copyTree(t, orig, dir)
		cmd := exec.Command(tool[0], tool[1:]...)
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(diff.stdout)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", tool[0], err, out)
		}
		got := tree(t, dir)
		for name, text := range want {
			// The diff of JSON Lines records is for reading, commented
			// out for patch tools; only text files are applied.
			if !strings.HasSuffix(name, ".txt") {
				continue
			}
			if got[name] != text {
				t.Errorf("%s: %s differs from what fix wrote:\n%q\nwant\n%q", tool[0], name, got[name], text)
			}
		}
	}
	if want["edge/crlf.txt"] != "Kế hoạch 2021-2025.\r\n\r\nĐoàn công tác làm việc tại Hà Nội.\r\n" {
		t.Errorf("CRLF file fixed to %q", want["edge/crlf.txt"])
	}
	if want["edge/no-newline.txt"] != "Tiêu đề\n\nGiai đoạn 2014-2020 đã qua, tỉnh tổng kết." {
		t.Errorf("file without final newline fixed to %q", want["edge/no-newline.txt"])
	}
	if want["edge/clean.txt"] != before["edge/clean.txt"] {
		t.Error("a clean file changed")
	}

	again := scrapelint(t, fixed, "", nil, "fix", ".")
	if got := tree(t, fixed); !equalTrees(got, want) || !strings.Contains(again.stdout, "0 fixes applied") {
		t.Errorf("a second fix changed the corpus:\n%s", again.stdout)
	}
	check := scrapelint(t, fixed, "", nil, "check", "--format", "json", "--no-cache", ".")
	var report struct {
		Summary struct {
			Fixable int `json:"fixable"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(check.stdout), &report); err != nil {
		t.Fatalf("check: %v\n%s", err, check.stdout)
	}
	if report.Summary.Fixable != 0 {
		t.Errorf("check after fix finds %d findings with a safe fix:\n%s", report.Summary.Fixable, check.stdout)
	}
	stat := scrapelint(t, orig, "", nil, "fix", "--diff", "--stat", ".")
	if !strings.Contains(stat.stdout, " | ") || !strings.Contains(stat.stdout, "files changed") {
		t.Errorf("fix --diff --stat:\n%s", stat.stdout)
	}
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestFixOutMirrorsTheCorpus writes a cleaned copy: inputs untouched, every
// file mirrored, JSON Lines records with their other fields and their
// compression, malformed lines kept.
func TestFixOutMirrorsTheCorpus(t *testing.T) {
	src := fixCorpus(t)
	write(t, filepath.Join(src, "extra.jsonl"), []byte(`{"id":"x1","text":"Giai đoạn 20102015 đã qua.","url":"https://e.vn/a","tags":["a","b"]}`+"\n"+"not json\n"+`{"id":"../../escape","text":"In bài viết"}`+"\n"))
	before := tree(t, src)
	out := filepath.Join(t.TempDir(), "clean")
	res := scrapelint(t, t.TempDir(), "", nil, "fix", "--out", out, src)
	if res.code == 2 && !strings.Contains(res.stderr, "extra.jsonl:2") {
		t.Fatalf("fix --out: exit %d\n%s", res.code, res.stderr)
	}
	if got := tree(t, src); !equalTrees(got, before) {
		t.Fatal("fix --out changed its inputs")
	}
	got := tree(t, out)
	for name := range before {
		if _, ok := got[name]; !ok {
			t.Errorf("%s is missing from the output", name)
		}
	}
	for name := range got {
		if _, ok := before[name]; !ok {
			t.Errorf("%s is in the output but not in the input", name)
		}
	}
	lines := strings.Split(got["extra.jsonl"], "\n")
	if len(lines) != 4 || lines[1] != "not json" {
		t.Fatalf("extra.jsonl written as %q", got["extra.jsonl"])
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["text"] != "Giai đoạn 2010-2015 đã qua." || rec["url"] != "https://e.vn/a" || len(rec["tags"].([]any)) != 2 {
		t.Errorf("record written as %v", rec)
	}
	zr, err := gzip.NewReader(strings.NewReader(got["archive.jsonl.gz"]))
	if err != nil {
		t.Fatalf("archive.jsonl.gz is no longer gzip: %v", err)
	}
	text, _ := io.ReadAll(zr)
	if !strings.Contains(string(text), "2025-2026") {
		t.Errorf("archive.jsonl.gz not fixed: %s", text)
	}
	if res := scrapelint(t, src, "", nil, "fix", "--out", ".", "."); res.code != 2 || !strings.Contains(res.stderr, "overwrite the input") {
		t.Errorf("fix --out . . must refuse: exit %d\n%s", res.code, res.stderr)
	}
}

func TestFixStdinAndUsage(t *testing.T) {
	res := scrapelint(t, t.TempDir(), "Giai đoạn 20202024 đã qua.\n", nil, "fix", "-")
	if res.stdout != "Giai đoạn 2020-2024 đã qua.\n" || res.code != 0 {
		t.Errorf("fix -: exit %d, stdout %q, stderr %s", res.code, res.stdout, res.stderr)
	}
	for _, args := range [][]string{{"fix"}, {"fix", "--stat", "."}, {"fix", "--diff", "--out", "x", "."}} {
		if res := scrapelint(t, t.TempDir(), "", nil, args...); res.code != 2 {
			t.Errorf("%v: exit %d, want 2", args, res.code)
		}
	}
}

// TestFixKilledMidRun kills fix part-way through a generated corpus and
// checks that every file is either its original or its fully fixed
// version: never a mix, never empty.
func TestFixKilledMidRun(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a corpus")
	}
	gen := t.TempDir()
	if _, err := corpusgen.Write(gen, corpusgen.Options{Seed: 7, Docs: 3000, Format: corpusgen.Text}); err != nil {
		t.Fatal(err)
	}
	orig := tree(t, gen)
	fixedDir := t.TempDir()
	copyTree(t, gen, fixedDir)
	if res := scrapelint(t, fixedDir, "", nil, "fix", "-q", "."); res.code == 2 {
		t.Fatalf("fix: %s", res.stderr)
	}
	fixed := tree(t, fixedDir)
	changed := 0
	for name := range orig {
		if orig[name] != fixed[name] {
			changed++
		}
	}
	for _, delay := range []time.Duration{150 * time.Millisecond, 400 * time.Millisecond} {
		dir := t.TempDir()
		copyTree(t, gen, dir)
		cmd := exec.Command(binary, "fix", "-q", ".")
		cmd.Dir = dir
		var stdout bytes.Buffer
		cmd.Stdout = bufio.NewWriter(&stdout)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		got := tree(t, dir)
		old, new := 0, 0
		for name, text := range got {
			switch {
			case orig[name] == fixed[name] && text == orig[name]:
			case text == orig[name]:
				old++
			case text == fixed[name]:
				new++
			default:
				t.Errorf("after a kill at %v, %s is neither the original nor the fixed version (%d bytes)", delay, name, len(text))
			}
		}
		if len(got) != len(orig) {
			t.Errorf("after a kill at %v: %d files, want %d", delay, len(got), len(orig))
		}
		t.Logf("killed after %v: of the %d files fix changes, %d as they were, %d fixed", delay, changed, old, new)
	}
}
