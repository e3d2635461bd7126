package lint_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"github.com/scrapelint/scrapelint/lint"
)

// readDocs reads every document of the single input at path.
func readDocs(t *testing.T, path string) (lint.Input, []*lint.Document) {
	t.Helper()
	inputs, errs := lint.Expand([]string{path}, lint.DefaultInputOptions())
	if len(errs) > 0 || len(inputs) != 1 {
		t.Fatalf("expand %s: %v", path, errs)
	}
	var docs []*lint.Document
	err := lint.ReadDocuments(inputs[0], lint.DefaultInputOptions(), nil, func(d *lint.Document) error {
		docs = append(docs, d)
		return nil
	}, func(error) {})
	if err != nil {
		t.Fatal(err)
	}
	return inputs[0], docs
}

// upper is the "fix" of these tests: it changes every document whose text
// holds "sửa".
func upper(d *lint.Document) string {
	if strings.Contains(d.Text, "sửa") {
		return strings.ToUpper(d.Text)
	}
	return d.Text
}

func rewrite(t *testing.T, in lint.Input, docs []*lint.Document, dst string) error {
	t.Helper()
	rw, err := lint.NewRewriter(in, lint.DefaultInputOptions(), dst, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := rw.Document(d, upper(d)); err != nil {
			rw.Abort()
			return err
		}
	}
	return rw.Commit()
}

// TestRewriterKeepsOtherBytes checks that a JSON Lines rewrite changes only
// the text of changed records: blank and malformed lines, CRLF breaks, other
// fields, a missing final newline all stay.
func TestRewriterKeepsOtherBytes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.jsonl")
	orig := `{"id":1,"text":"giữ nguyên","x":[1,2]}` + "\r\n" +
		"\n" +
		"not json\n" +
		`{"text":"cần sửa <b>","id":"b","meta":{"k":"v"}}` + "\n" +
		`{"id":3,"text":"cuối sửa"}`
	writeFile(t, path, []byte(orig))
	in, docs := readDocs(t, path)
	if err := rewrite(t, in, docs, path); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := `{"id":1,"text":"giữ nguyên","x":[1,2]}` + "\r\n" +
		"\n" +
		"not json\n" +
		`{"text":"CẦN SỬA <B>","id":"b","meta":{"k":"v"}}` + "\n" +
		`{"id":3,"text":"CUỐI SỬA"}`
	if string(got) != want {
		t.Errorf("rewritten\n%q\nwant\n%q", got, want)
	}
}

// TestRewriterCompression writes a compressed input back in the same
// compression.
func TestRewriterCompression(t *testing.T) {
	text := `{"id":"a","text":"cần sửa"}` + "\n" + `{"id":"b","text":"giữ"}` + "\n"
	for _, c := range []struct {
		name     string
		compress func(io.Writer) io.WriteCloser
		open     func(io.Reader) (io.Reader, error)
	}{
		{"c.jsonl.gz", func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) }, func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
		{"c.jsonl.zst", func(w io.Writer) io.WriteCloser { z, _ := zstd.NewWriter(w); return z }, func(r io.Reader) (io.Reader, error) { return zstd.NewReader(r) }},
	} {
		dir := t.TempDir()
		var buf bytes.Buffer
		zw := c.compress(&buf)
		io.WriteString(zw, text)
		zw.Close()
		path := filepath.Join(dir, c.name)
		writeFile(t, path, buf.Bytes())
		in, docs := readDocs(t, path)
		out := filepath.Join(dir, "out", c.name)
		os.MkdirAll(filepath.Dir(out), 0o755)
		if err := rewrite(t, in, docs, out); err != nil {
			t.Fatal(err)
		}
		raw, _ := os.ReadFile(out)
		r, err := c.open(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: output is not in the input's compression: %v", c.name, err)
		}
		got, _ := io.ReadAll(r)
		if want := strings.Replace(text, "cần sửa", "CẦN SỬA", 1); string(got) != want {
			t.Errorf("%s: %q, want %q", c.name, got, want)
		}
		if orig, _ := os.ReadFile(path); !bytes.Equal(orig, buf.Bytes()) {
			t.Errorf("%s: the input was touched", c.name)
		}
	}
}

// TestRewriterRefusesChangedFile edits the file between the read and the
// rewrite: the rewrite must fail and leave the edited file alone.
func TestRewriterRefusesChangedFile(t *testing.T) {
	for _, c := range []struct{ name, before, after string }{
		{"a.txt", "cần sửa\n", "người dùng đã sửa\n"},
		{"b.jsonl", `{"text":"cần sửa"}` + "\n", `{"text":"khác sửa"}` + "\n"},
		{"c.jsonl", `{"text":"cần sửa"}` + "\n", `{"text":"cần sửa"}` + "\n" + `{"text":"thêm"}` + "\n"},
	} {
		path := filepath.Join(t.TempDir(), c.name)
		writeFile(t, path, []byte(c.before))
		in, docs := readDocs(t, path)
		rw, err := lint.NewRewriter(in, lint.DefaultInputOptions(), path, nil)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, path, []byte(c.after))
		future := time.Now().Add(time.Hour)
		os.Chtimes(path, future, future)
		for _, d := range docs {
			if err = rw.Document(d, upper(d)); err != nil {
				break
			}
		}
		if err == nil {
			err = rw.Commit()
		} else {
			rw.Abort()
		}
		if !errors.Is(err, lint.ErrChangedOnDisk) {
			t.Errorf("%s: error %v, want %v", c.name, err, lint.ErrChangedOnDisk)
		}
		if got, _ := os.ReadFile(path); string(got) != c.after {
			t.Errorf("%s: the changed file was overwritten: %q", c.name, got)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*")); len(left) > 0 {
			t.Errorf("%s: temporary files left: %v", c.name, left)
		}
	}
}
