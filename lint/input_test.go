package lint_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"github.com/scrapelint/scrapelint/lint"
)

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gz(t *testing.T, data string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(data)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zst(t *testing.T, data string) []byte {
	var b bytes.Buffer
	w, err := zstd.NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(data)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type readResult struct {
	docs     []*lint.Document
	problems []string
}

func readAll(t *testing.T, paths []string, opt lint.InputOptions) readResult {
	t.Helper()
	var res readResult
	inputs, errs := lint.Expand(paths, opt)
	for _, err := range errs {
		res.problems = append(res.problems, err.Error())
	}
	c := &lint.Corpus{Inputs: inputs, Options: opt, Problem: func(err error) { res.problems = append(res.problems, err.Error()) }}
	if err := c.Each(context.Background(), func(d *lint.Document) error {
		res.docs = append(res.docs, d)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return res
}

func TestReadCorpusKindsAndProblems(t *testing.T) {
	dir := t.TempDir()
	crlf := "\ufeffDòng một\r\nDòng hai"
	writeFile(t, filepath.Join(dir, "b/crlf.txt"), []byte(crlf))
	writeFile(t, filepath.Join(dir, "a.jsonl"), []byte(`{"id": "x1", "text": "Xin chào", "url": "http://a/?q=<b>"}`+"\n\n"+`{"id": 7, "text": "Hai"}`+"\n"+`{"text": bad json}`+"\n"+`{"id":"n","body":"no text"}`+"\n"))
	writeFile(t, filepath.Join(dir, "c.jsonl.gz"), gz(t, `{"id":"g","text":"nén gzip"}`+"\n"))
	writeFile(t, filepath.Join(dir, "d.ndjson.zst"), zst(t, `{"id":"z","text":"nén zstd"}`))
	writeFile(t, filepath.Join(dir, "bad-utf8.txt"), []byte("ok\nbad \xff here"))
	writeFile(t, filepath.Join(dir, "binary.txt"), []byte("PK\x00\x01"))
	writeFile(t, filepath.Join(dir, "empty.txt"), nil)
	writeFile(t, filepath.Join(dir, "notes.md"), []byte("not read by default"))
	writeFile(t, filepath.Join(dir, ".hidden/x.txt"), []byte("hidden"))

	res := readAll(t, []string{dir, filepath.Join(dir, "missing.txt")}, lint.DefaultInputOptions())
	var got []string
	for _, d := range res.docs {
		rel, _ := filepath.Rel(dir, d.Path)
		got = append(got, filepath.ToSlash(rel)+"|"+d.ID+"|"+d.Text)
	}
	want := []string{
		"a.jsonl|x1|Xin chào",
		"a.jsonl|7|Hai",
		"b/crlf.txt||" + crlf,
		"c.jsonl.gz|g|nén gzip",
		"d.ndjson.zst|z|nén zstd",
		"empty.txt||",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("documents:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.docs[1].Record != 3 {
		t.Errorf("second record is on line 3 of a.jsonl, got Record %d", res.docs[1].Record)
	}
	for i, d := range res.docs {
		if i > 0 && d.Seq <= res.docs[i-1].Seq {
			t.Errorf("document %d has Seq %d, not after %d", i, d.Seq, res.docs[i-1].Seq)
		}
	}
	problems := strings.Join(res.problems, "\n")
	for _, want := range []string{
		"missing.txt: no such file or directory",
		"a.jsonl:4: malformed JSON",
		`a.jsonl:5: no "text" field`,
		"bad-utf8.txt: line 2: invalid UTF-8 at byte offset 7",
		"binary.txt: line 1: binary data",
	} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems lack %q:\n%s", want, problems)
		}
	}
	if len(res.problems) != 5 {
		t.Errorf("want 5 problems, got %d:\n%s", len(res.problems), problems)
	}
}

func TestJSONLRecordKeepsOtherBytes(t *testing.T) {
	dir := t.TempDir()
	line := `{"url":"http://x/?a=1&b=<2>", "text" : "Cũ \u0041 \"q\"", "n": 1.50}`
	writeFile(t, filepath.Join(dir, "r.jsonl"), []byte(line+"\r\n"))
	res := readAll(t, []string{dir}, lint.DefaultInputOptions())
	if len(res.docs) != 1 {
		t.Fatalf("want 1 document, got %d (%v)", len(res.docs), res.problems)
	}
	d := res.docs[0]
	if d.Text != `Cũ A "q"` {
		t.Errorf("text = %q", d.Text)
	}
	got := d.Raw.WithText("Mới <b>&")
	want := `{"url":"http://x/?a=1&b=<2>", "text" : "Mới <b>&", "n": 1.50}`
	if got != want {
		t.Errorf("WithText:\n got %s\nwant %s", got, want)
	}
}

func TestIncludeExclude(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"keep/a.txt", "keep/b.md", "drop/c.txt", "d.txt"} {
		writeFile(t, filepath.Join(dir, p), []byte("x"))
	}
	opt := lint.DefaultInputOptions()
	opt.Include = []string{"**/*.md", "d.txt"}
	opt.Exclude = []string{"drop"}
	inputs, errs := lint.Expand([]string{dir}, opt)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var rels []string
	for _, in := range inputs {
		rels = append(rels, in.Rel())
	}
	if strings.Join(rels, ",") != "d.txt,keep/b.md" {
		t.Errorf("selected %v, want [d.txt keep/b.md]", rels)
	}
}

func TestOutputPathNeverEscapes(t *testing.T) {
	dir := t.TempDir()
	for _, rel := range []string{"a/b.txt", "../x.txt", "a/../../x.txt", "/etc/passwd"} {
		p, err := lint.OutputPath(dir, rel)
		if err != nil {
			continue
		}
		if r, _ := filepath.Rel(dir, p); strings.HasPrefix(r, "..") {
			t.Errorf("OutputPath(%q) = %s escapes %s", rel, p, dir)
		}
	}
}

// TestExpandListsEachFileOnce names files more than once (a directory and a
// file inside it, a file twice, the directories out of order): each file is
// listed once, in path order, numbered by its place, and relative to the
// argument that named it first.
func TestExpandListsEachFileOnce(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b/x.txt", "b/sub/y.txt", "a/z.txt", "a/deep/w.jsonl"} {
		writeFile(t, filepath.Join(dir, name), []byte("Một dòng.\n"))
	}
	b, a := filepath.Join(dir, "b"), filepath.Join(dir, "a")
	y := filepath.Join(b, "sub", "y.txt")
	inputs, errs := lint.Expand([]string{y, b, a, y, a}, lint.DefaultInputOptions())
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var got []string
	for i, in := range inputs {
		rel, _ := filepath.Rel(dir, in.Path)
		got = append(got, fmt.Sprintf("%d %s %s", in.Index, filepath.ToSlash(rel), in.Rel()))
		if in.Index != i {
			t.Errorf("%s: Index %d at %d", in.Path, in.Index, i)
		}
	}
	want := []string{"0 a/deep/w.jsonl deep/w.jsonl", "1 a/z.txt z.txt", "2 b/sub/y.txt y.txt", "3 b/x.txt x.txt"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("inputs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if stdin, _ := lint.Expand([]string{"-"}, lint.DefaultInputOptions()); len(stdin) != 1 || stdin[0].Rel() != "stdin" {
		t.Errorf("standard input: %+v", stdin)
	}
}

// TestInputOf finds a document's input by its number in a filtered list,
// and nothing for a number whose input the list left out.
func TestInputOf(t *testing.T) {
	inputs := []lint.Input{{Path: "a", Index: 0}, {Path: "c", Index: 2}, {Path: "d", Index: 3}, {Path: "g", Index: 6}}
	for _, tt := range []struct {
		index, record int
		want          int
	}{
		{0, 0, 0}, {2, 0, 1}, {3, 7, 2}, {6, 1 << 20, 3}, {1, 0, -1}, {4, 0, -1}, {7, 0, -1},
	} {
		if got := lint.InputOf(inputs, lint.DocSeq(tt.index, tt.record)); got != tt.want {
			t.Errorf("InputOf(input %d, record %d) = %d, want %d", tt.index, tt.record, got, tt.want)
		}
	}
	if got := lint.InputOf(nil, 0); got != -1 {
		t.Errorf("InputOf(nil) = %d", got)
	}
}

// referenceExpand is Expand as it was before it streamed: walk every
// argument with filepath.WalkDir, then sort the whole list by path and keep
// the first naming of each file.
func referenceExpand(paths []string, opt lint.InputOptions) []string {
	type found struct{ path, rel string }
	var all []found
	for _, arg := range paths {
		info, err := os.Stat(arg)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			p := filepath.ToSlash(filepath.Clean(arg))
			all = append(all, found{p, filepath.Base(p)})
			continue
		}
		_ = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err // the trees of the tests are all readable
			}
			name := d.Name()
			if d.IsDir() {
				if p != arg && strings.HasPrefix(name, ".") {
					return fs.SkipDir
				}
				return nil
			}
			if _, _, known := lint.ClassifyName(name); !known || strings.HasPrefix(name, ".") || !d.Type().IsRegular() {
				return nil
			}
			rel, _ := filepath.Rel(arg, p)
			all = append(all, found{filepath.ToSlash(filepath.Clean(p)), filepath.ToSlash(rel)})
			return nil
		})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].path < all[j].path })
	var out []string
	for i, f := range all {
		if i > 0 && f.path == all[i-1].path {
			continue
		}
		out = append(out, fmt.Sprintf("%d %s %s", len(out), f.path, f.rel))
	}
	return out
}

// TestInputsInPathOrder builds random trees of names that sort awkwardly
// ("b", "b.txt", "b-x", "b0", "b/", hidden ones) and lists them from random
// overlapping arguments, directories and files, in random order: the
// stream is the whole sorted list, each file once, as the first argument
// naming it finds it.
func TestInputsInPathOrder(t *testing.T) {
	names := []string{"b", "b.txt", "b-x.txt", "b0.txt", "B.txt", "a", "a.jsonl", "ab.txt", ".h", "z.txt", "b.md", "é.txt"}
	r := rand.New(rand.NewPCG(7, 7))
	for round := range 40 {
		dir := t.TempDir()
		var files, dirs []string
		var grow func(at string, depth int)
		grow = func(at string, depth int) {
			for _, n := range names {
				if r.IntN(3) == 0 {
					continue
				}
				p := filepath.Join(at, n)
				if depth < 3 && !strings.Contains(n, ".") || depth < 3 && r.IntN(6) == 0 && n == ".h" {
					if err := os.MkdirAll(p, 0o755); err != nil {
						t.Fatal(err)
					}
					dirs = append(dirs, p)
					grow(p, depth+1)
					continue
				}
				if strings.Contains(n, ".") && n != ".h" {
					writeFile(t, p, []byte("x\n"))
					files = append(files, p)
				}
			}
		}
		grow(dir, 0)
		args := []string{dir}
		for range r.IntN(4) {
			if len(dirs) > 0 {
				args = append(args, dirs[r.IntN(len(dirs))])
			}
			if len(files) > 0 {
				args = append(args, files[r.IntN(len(files))])
			}
		}
		r.Shuffle(len(args), func(i, j int) { args[i], args[j] = args[j], args[i] })
		if r.IntN(2) == 0 {
			args = args[1:] // not always the whole tree
		}
		args = append(args, filepath.Join(dir, "missing"))
		want := referenceExpand(args, lint.DefaultInputOptions())
		var got []string
		problems := 0
		for in := range lint.Inputs(args, lint.DefaultInputOptions(), func(error) { problems++ }) {
			got = append(got, fmt.Sprintf("%d %s %s", in.Index, in.Path, in.Rel()))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("round %d, args %q:\ngot\n%s\nwant\n%s", round, args, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if problems != 1 {
			t.Errorf("round %d: %d problems, want 1 (the missing path)", round, problems)
		}
	}
}

// TestInputsStopsEarly stops the stream after one input: the walks end
// without yielding more.
func TestInputsStopsEarly(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a/1.txt", "a/2.txt", "b/3.txt"} {
		writeFile(t, filepath.Join(dir, n), []byte("x\n"))
	}
	n := 0
	for range lint.Inputs([]string{filepath.Join(dir, "b"), filepath.Join(dir, "a")}, lint.DefaultInputOptions(), func(err error) { t.Error(err) }) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("%d inputs after a break", n)
	}
}

// TestInputsFollowALinkedRoot names a symbolic link to a corpus directory:
// its files are listed under the link's name; a link inside the corpus is
// not followed, so a link back up does not make the walk go round.
func TestInputsFollowALinkedRoot(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "real/a.txt"), []byte("x\n"))
	writeFile(t, filepath.Join(dir, "real/sub/b.txt"), []byte("x\n"))
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "link")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "real/sub/up")); err != nil {
		t.Fatal(err)
	}
	var got []string
	for in := range lint.Inputs([]string{filepath.Join(dir, "link")}, lint.DefaultInputOptions(), func(err error) { t.Error(err) }) {
		rel, _ := filepath.Rel(dir, in.Path)
		got = append(got, filepath.ToSlash(rel)+" "+in.Rel())
	}
	if want := "link/a.txt a.txt, link/sub/b.txt sub/b.txt"; strings.Join(got, ", ") != want {
		t.Errorf("got %s, want %s", strings.Join(got, ", "), want)
	}
}
