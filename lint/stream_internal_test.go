package lint

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// streamCorpus writes a small corpus with good and bad files and records.
func streamCorpus(t *testing.T) *Corpus {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"a.txt":       "Tiêu đề một\nĐoạn văn.\n",
		"b.jsonl":     `{"id":"r1","text":"một"}` + "\n\n" + `{"id":"r2","text":5}` + "\n" + `{"id":"r3","text":"ba"}` + "\n" + `not json` + "\n" + `{"id":"r5","text":"năm"}`,
		"c.txt":       "bad \xff byte\n",
		"d/e.txt":     "",
		"d/f.jsonl":   `{"text":"x\u0000y"}` + "\n" + `{"te\u0078t":"slow path","id":7}` + "\n",
		"g.txt":       strings.Repeat("dòng\n", 1000),
		"h.jsonl.zst": "not zstd at all",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	inputs, errs := Expand([]string{dir}, DefaultInputOptions())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return &Corpus{Inputs: inputs, Options: DefaultInputOptions()}
}

func docEvent(d *Document) string {
	return fmt.Sprintf("doc %s:%d id=%q %q", filepath.Base(d.Path), d.Record, d.ID, d.Text)
}

// TestStreamMatchesEach checks that Stream, which reads on its workers,
// hands over the same documents and problems in the same order as the
// sequential Each, whatever the number of workers.
func TestStreamMatchesEach(t *testing.T) {
	var want []string
	c := streamCorpus(t)
	c.Problem = func(err error) { want = append(want, "problem "+filepath.Base(err.Error())) }
	if err := c.Each(context.Background(), func(d *Document) error {
		want = append(want, docEvent(d))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(want) != 12 {
		t.Fatalf("Each saw %d events, want 12:\n%s", len(want), strings.Join(want, "\n"))
	}
	for _, jobs := range []int{1, 2, 4} {
		var got []string
		c := streamCorpus(t)
		c.Problem = func(err error) { got = append(got, "problem "+filepath.Base(err.Error())) }
		lastSeq := -1
		err := Stream(context.Background(), c, jobs, docEvent,
			func(d *Document, ev string) error {
				if d.Seq <= lastSeq {
					t.Errorf("jobs %d: seq %d after %d", jobs, d.Seq, lastSeq)
				}
				lastSeq = d.Seq
				got = append(got, ev)
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("jobs %d: Stream saw\n%s\nEach saw\n%s", jobs, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if c.Problems() != 5 {
			t.Errorf("jobs %d: %d problems counted, want 5", jobs, c.Problems())
		}
	}
}

// TestStreamMatchesEachAcrossBatches checks the order over many batches:
// more documents than a batch holds, a file larger than a batch's bytes,
// and bad files and records between them.
func TestStreamMatchesEachAcrossBatches(t *testing.T) {
	dir := t.TempDir()
	for i := range 5 * batchDocs {
		text := fmt.Sprintf("Bài %d\n", i)
		switch {
		case i%7 == 3:
			text = "bad \xff " + text
		case i == 20:
			text = strings.Repeat("dòng dài\n", batchBytes/8)
		}
		name := fmt.Sprintf("%03d.txt", i)
		if i%11 == 5 {
			name = fmt.Sprintf("%03d.jsonl", i)
			text = fmt.Sprintf(`{"text":"bản ghi %d"}`+"\nnot json\n"+`{"text":"bản ghi %d b"}`, i, i)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	corpus := func(events *[]string) *Corpus {
		inputs, errs := Expand([]string{dir}, DefaultInputOptions())
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return &Corpus{Inputs: inputs, Options: DefaultInputOptions(), Problem: func(err error) {
			*events = append(*events, "problem "+filepath.Base(err.Error()))
		}}
	}
	var want []string
	if err := corpus(&want).Each(context.Background(), func(d *Document) error {
		want = append(want, docEvent(d))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, jobs := range []int{1, 2, 3} {
		var got []string
		err := Stream(context.Background(), corpus(&got), jobs, docEvent, func(_ *Document, ev string) error {
			got = append(got, ev)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("jobs %d: Stream saw %d events in another order or with others than Each's %d", jobs, len(got), len(want))
		}
	}
	if len(want) < 5*batchDocs {
		t.Errorf("Each saw %d events, want at least %d", len(want), 5*batchDocs)
	}
}

func TestStreamStopsOnEmitError(t *testing.T) {
	c := streamCorpus(t)
	c.Problem = func(error) {}
	stop := errors.New("stop")
	emitted := 0
	err := Stream(context.Background(), c, 2, func(d *Document) int { return 0 }, func(*Document, int) error {
		emitted++
		if emitted == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || emitted != 2 {
		t.Errorf("err %v after %d emits; want %v after 2", err, emitted, stop)
	}
}

// The window admits a few documents of any size, and beyond them only
// what fits its byte budget and count.
func TestWindowAdmitsByCountAndBytes(t *testing.T) {
	w := newWindow(1) // at least 4, at most 256, 8 MB
	for range w.minItems {
		if !w.fits(1 << 30) {
			t.Fatalf("document %d of 1 GB refused below minItems", w.items+1)
		}
		w.acquire(1 << 30)
	}
	if w.fits(1) {
		t.Error("a byte admitted over the budget")
	}
	for range w.minItems {
		w.release(1 << 30)
	}
	for w.items < w.maxItems {
		if !w.fits(1000) {
			t.Fatalf("a small document refused with %d in flight, %d bytes", w.items, w.bytes)
		}
		w.acquire(1000)
	}
	if w.fits(1) {
		t.Error("admitted past maxItems")
	}
	// A waiting finder is woken by a release.
	done := make(chan struct{})
	go func() { w.acquire(1); close(done) }()
	w.release(1000)
	<-done
}
