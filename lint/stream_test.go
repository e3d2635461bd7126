package lint_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scrapelint/scrapelint/lint"
)

// TestStreamKeepsCorpusOrder makes later documents finish first and checks
// that emit still sees corpus order, whatever the number of workers.
func TestStreamKeepsCorpusOrder(t *testing.T) {
	dir := t.TempDir()
	const n = 40
	for i := range n {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("%03d.txt", i)), []byte(fmt.Sprint(i)))
	}
	for _, jobs := range []int{1, 2, 8} {
		inputs, _ := lint.Expand([]string{dir}, lint.DefaultInputOptions())
		c := &lint.Corpus{Inputs: inputs, Options: lint.DefaultInputOptions()}
		var seen []int
		err := lint.Stream(context.Background(), c, jobs, func(d *lint.Document) int {
			// Early documents are slow, so workers finish out of order.
			file := d.Seq >> 32 // each document is a file: its Seq is its input's index
			time.Sleep(time.Duration(n-file) * 50 * time.Microsecond)
			return file
		}, func(d *lint.Document, seq int) error {
			seen = append(seen, seq)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(seen) != n {
			t.Fatalf("jobs=%d: emitted %d documents, want %d", jobs, len(seen), n)
		}
		for i, s := range seen {
			if s != i {
				t.Fatalf("jobs=%d: position %d holds document %d", jobs, i, s)
			}
		}
	}
}

func TestStreamStopsOnEmitError(t *testing.T) {
	dir := t.TempDir()
	for i := range 50 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("%03d.txt", i)), []byte("x"))
	}
	inputs, _ := lint.Expand([]string{dir}, lint.DefaultInputOptions())
	c := &lint.Corpus{Inputs: inputs, Options: lint.DefaultInputOptions()}
	stop := errors.New("stop")
	calls := 0
	err := lint.Stream(context.Background(), c, 2, func(d *lint.Document) int { return 0 }, func(d *lint.Document, _ int) error {
		calls++
		if calls == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Errorf("Stream returned %v, want the emit error", err)
	}
	if calls != 3 {
		t.Errorf("emit called %d times after its error, want it to stop at 3", calls)
	}
}

// TestStreamedCorpusReportsWalkProblemsInOrder streams a corpus with a
// missing path and an unreadable file between readable ones: each problem is
// reported once, counted, from the goroutine that emits, in its place
// among the documents; Each sees the same.
func TestStreamedCorpusReportsWalkProblemsInOrder(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt", "c.txt"} {
		writeFile(t, filepath.Join(dir, name), []byte(name))
	}
	writeFile(t, filepath.Join(dir, "b0.txt"), []byte("x\xffy"))
	paths := []string{dir, filepath.Join(dir, "missing.txt")}
	want := "problem missing.txt, doc a.txt, doc b.txt, problem b0.txt, doc c.txt"
	for _, jobs := range []int{1, 2} {
		c := lint.NewStreamedCorpus(paths, lint.DefaultInputOptions())
		var events []string
		c.Problem = func(err error) {
			var ie *lint.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("problem %v is not an InputError", err)
			}
			events = append(events, "problem "+filepath.Base(ie.Path))
		}
		err := lint.Stream(context.Background(), c, jobs, func(*lint.Document) int { return 0 }, func(d *lint.Document, _ int) error {
			events = append(events, "doc "+filepath.Base(d.Path))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(events, ", "); got != want || c.Problems() != 2 {
			t.Errorf("jobs=%d: %s (%d problems)\nwant %s (2)", jobs, got, c.Problems(), want)
		}
	}
	c := lint.NewStreamedCorpus(paths, lint.DefaultInputOptions())
	var events []string
	c.Problem = func(err error) { events = append(events, "problem") }
	if err := c.Each(context.Background(), func(d *lint.Document) error {
		events = append(events, "doc "+filepath.Base(d.Path))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(events, ", "); got != "problem, doc a.txt, doc b.txt, problem, doc c.txt" {
		t.Errorf("Each: %s", got)
	}
}

// releaseCounter is a memoized value that counts its releases.
type releaseCounter struct{ released *int }

func (r releaseCounter) Release() { *r.released++ }

type releaseKey struct{}

// TestStreamReleasesEachDocumentAfterEmit: every document's memoized
// Releasers are released once, after emit has seen the document whole;
// its lines are split again when asked after.
func TestStreamReleasesEachDocumentAfterEmit(t *testing.T) {
	dir := t.TempDir()
	const n = 30
	for i := range n {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("%03d.txt", i)), []byte(fmt.Sprintf("line one %d\nline two\n", i)))
	}
	inputs, _ := lint.Expand([]string{dir}, lint.DefaultInputOptions())
	c := &lint.Corpus{Inputs: inputs, Options: lint.DefaultInputOptions()}
	released := make([]int, n)
	var docs []*lint.Document
	err := lint.Stream(context.Background(), c, 2, func(d *lint.Document) int {
		file := d.Seq >> 32
		d.Memo(releaseKey{}, func() any { return releaseCounter{&released[file]} })
		d.Lines()
		return file
	}, func(d *lint.Document, file int) error {
		if released[file] != 0 {
			t.Errorf("document %d released before emit", file)
		}
		if _, ok := d.Memoized(releaseKey{}); !ok {
			t.Errorf("document %d lost its memo before emit", file)
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for file, r := range released {
		if r != 1 {
			t.Errorf("document %d released %d times, want once", file, r)
		}
	}
	for _, d := range docs {
		if _, ok := d.Memoized(releaseKey{}); ok {
			t.Errorf("%s keeps its memo after release", d.Path)
		}
		if lines := d.Lines(); len(lines) != 2 || d.LineText(lines[1]) != "line two" || !strings.HasPrefix(d.LineText(lines[0]), "line one ") {
			t.Errorf("%s: lines after release %v", d.Path, lines)
		}
	}
}
