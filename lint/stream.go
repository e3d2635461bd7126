package lint

import (
	"context"
	"errors"
	"iter"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Corpus is the set of inputs of one run and how to read them.
type Corpus struct {
	Inputs []Input
	// Source, when set, streams the inputs in place of Inputs, for a run
	// that reads the corpus once (see Inputs).
	Source  iter.Seq[Input]
	Options InputOptions
	// Problem receives every input problem (an unreadable file, a bad
	// record) as it happens; the run goes on without that file or record.
	Problem func(error)
	// Progress, if not nil, is told how many raw bytes and documents have
	// been read.
	Progress func(bytes, docs int)

	problems atomic.Int64
	// walkProblems are the problems a streamed Source met and not yet
	// reported: the reading goroutine reports them in the corpus's order,
	// as it does unreadable files, rather than the walk reporting them as
	// it goes, from another goroutine than the run's reports.
	walkProblems []error
}

// TotalSize is the sum of the inputs' sizes on disk (standard input counts
// as zero); 0 for a streamed corpus, whose size is known only once read.
func (c *Corpus) TotalSize() int64 {
	var n int64
	for _, in := range c.Inputs {
		n += in.Size
	}
	return n
}

// NewStreamedCorpus is the corpus of the paths' inputs, streamed (see
// Inputs): a path's problem goes to Problem, and is counted, when the walk
// meets it.
func NewStreamedCorpus(paths []string, opt InputOptions) *Corpus {
	c := &Corpus{Options: opt}
	c.Source = Inputs(paths, opt, func(err error) { c.walkProblems = append(c.walkProblems, err) })
	return c
}

// NewListingCorpus is the corpus of the paths' inputs for a run that reads
// it twice: the first read streams the walk, so that its documents are
// read while the walk goes on (listing 150,000 files took half a second
// of one core, with the other idle), and lists the inputs as Inputs for
// the next. The walk's problems go to walkProblem as it meets them, from
// the reading goroutine.
func NewListingCorpus(paths []string, opt InputOptions, walkProblem func(error)) *Corpus {
	c := &Corpus{Options: opt}
	walk := Inputs(paths, opt, walkProblem)
	c.Source = func(yield func(Input) bool) {
		for in := range walk {
			c.Inputs = append(c.Inputs, in)
			if !yield(in) {
				return
			}
		}
		c.Source = nil
	}
	return c
}

// InputPath is the path of the input of Index index, once listed.
func (c *Corpus) InputPath(index int) string { return InputPath(c.Inputs, index) }

// InputPath is the path of the input of Index index in inputs, a whole
// list as Expand makes it, or "" when there is none.
func InputPath(inputs []Input, index int) string {
	if index < 0 || index >= len(inputs) {
		return ""
	}
	return inputs[index].Path
}

// takeWalkProblems returns the walk's problems met since the last call.
func (c *Corpus) takeWalkProblems() []error {
	errs := c.walkProblems
	c.walkProblems = nil
	return errs
}

// each yields the inputs, from Source or Inputs.
func (c *Corpus) each() iter.Seq[Input] {
	if c.Source != nil {
		return c.Source
	}
	return slices.Values(c.Inputs)
}

// AddProblems counts problems found before the read (missing paths).
func (c *Corpus) AddProblems(n int) { c.problems.Add(int64(n)) }

// Problems counts the input problems seen so far.
func (c *Corpus) Problems() int { return int(c.problems.Load()) }

func (c *Corpus) problem(err error) {
	c.problems.Add(1)
	if c.Problem != nil {
		c.Problem(err)
	}
}

// Each reads the corpus in order, numbering documents from 0, and calls emit
// for each. An input problem is reported and skipped; emit's error, or the
// context's, stops the read.
func (c *Corpus) Each(ctx context.Context, emit func(*Document) error) error {
	count := func(n int) {
		if c.Progress != nil {
			c.Progress(n, 0)
		}
	}
	walkProblems := func() {
		for _, err := range c.takeWalkProblems() {
			c.problem(err)
		}
	}
	for in := range c.each() {
		walkProblems()
		if err := ctx.Err(); err != nil {
			return err
		}
		err := ReadDocuments(in, c.Options, count, func(d *Document) error {
			d.Seq = DocSeq(in.Index, d.Record)
			if c.Progress != nil {
				c.Progress(0, 1)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			return emit(d)
		}, c.problem)
		if err != nil {
			var ie *InputError
			if errors.As(err, &ie) {
				c.problem(err)
				continue
			}
			return err
		}
	}
	walkProblems()
	return nil
}

// pending is a document found but not yet read: a whole text file, or the
// raw line of one JSON Lines record. Stream's reader only finds documents;
// its workers read and parse them, so that reading scales with the number
// of workers instead of capping the run at one core.
type pending struct {
	in     Input
	record int
	line   string
	seq    int
	// err is a problem with the input as a whole, reported in its place in
	// the corpus's order.
	err error
}

// findAll walks the corpus in order and hands every document to found
// unread, numbering them from 0. A record that later proves malformed keeps
// its number, so Seq may have gaps; it only has to follow corpus order.
func (c *Corpus) findAll(ctx context.Context, found func(pending) error) error {
	next := func(p pending) error {
		p.seq = DocSeq(p.in.Index, p.record)
		if c.Progress != nil {
			c.Progress(0, 1)
		}
		return found(p)
	}
	count := func(n int) {
		if c.Progress != nil {
			c.Progress(n, 0)
		}
	}
	walkProblems := func() error {
		for _, err := range c.takeWalkProblems() {
			if err := found(pending{err: err}); err != nil {
				return err
			}
		}
		return nil
	}
	for in := range c.each() {
		if err := walkProblems(); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if in.Kind == TextFile {
			count(int(in.Size))
			if err := next(pending{in: in}); err != nil {
				return err
			}
			continue
		}
		err := c.findRecords(in, count, next)
		var ie *InputError
		if errors.As(err, &ie) {
			err = found(pending{in: in, err: err})
		}
		if err != nil {
			return err
		}
	}
	return walkProblems()
}

func (c *Corpus) findRecords(in Input, count func(int), next func(pending) error) error {
	rc, err := in.Open(c.Options, count)
	if err != nil {
		return err
	}
	defer closeQuietly(rc)
	return scanLines(in, rc, func(lineNo int, line string) error {
		if blankRecord(line) {
			return nil
		}
		return next(pending{in: in, record: lineNo, line: line})
	})
}

// read turns a pending document into a document, or the input problem that
// keeps it from being one.
func (c *Corpus) read(p pending) (*Document, error) {
	var doc *Document
	keep := func(d *Document) error { doc = d; return nil }
	var err error
	if p.in.Kind == TextFile {
		err = ReadDocuments(p.in, c.Options, nil, keep, func(error) {})
	} else {
		err = parseRecord(p.in, c.Options, p.record, p.line, keep)
	}
	if err != nil {
		return nil, err
	}
	doc.Seq = p.seq
	return doc, nil
}

// Stream reads the corpus, runs work on each document on jobs goroutines,
// and calls emit with each document and its result in corpus order, from the
// calling goroutine. Reading and parsing happen on the workers too, so one
// reader does not limit the run. At most a few batches per worker are in
// memory at once, whatever the size of the corpus. Input problems are
// reported in corpus order, from the calling goroutine. An error from emit
// stops the run and is returned.
func Stream[T any](ctx context.Context, c *Corpus, jobs int, work func(*Document) T, emit func(*Document, T) error) error {
	if jobs < 1 {
		jobs = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// A worker takes a batch of consecutive documents at a time: handing
	// over each document on its own cost a goroutine wake-up per document
	// (a futex call, several per cent of a run of 5 KB documents).
	type result struct {
		doc *Document
		err error
		res T
	}
	type batch struct {
		ps   []pending
		out  []result
		size int64
		done chan struct{}
	}
	// order holds the batches in flight in corpus order. The window bounds
	// how many and how large: the finder waits for room before it hands a
	// batch on.
	win := newWindow(jobs)
	order := make(chan *batch, win.maxItems)
	todo := make(chan *batch, jobs)

	send := func(b *batch) error {
		win.acquire(b.size)
		select {
		case order <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case todo <- b:
		case <-ctx.Done():
			// The emitter waits on every batch it was handed.
			close(b.done)
			return ctx.Err()
		}
		return nil
	}
	var findErr error
	go func() {
		defer close(order)
		defer close(todo)
		var b *batch
		findErr = c.findAll(ctx, func(p pending) error {
			if b == nil {
				b = &batch{done: make(chan struct{})}
			}
			b.ps = append(b.ps, p)
			b.size += p.size()
			if len(b.ps) < batchDocs && b.size < batchBytes {
				return nil
			}
			full := b
			b = nil
			return send(full)
		})
		if findErr == nil && b != nil {
			findErr = send(b)
		}
	}()

	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range todo {
				b.out = make([]result, len(b.ps))
				for i, p := range b.ps {
					r := &b.out[i]
					if p.err != nil {
						r.err = p.err
					} else if r.doc, r.err = c.read(p); r.err == nil {
						r.res = work(r.doc)
					}
				}
				close(b.done)
			}
		}()
	}

	var emitErr error
	for b := range order {
		<-b.done
		win.release(b.size)
		for _, r := range b.out {
			if emitErr != nil || ctx.Err() != nil {
				break
			}
			if r.err != nil {
				c.problem(r.err)
				continue
			}
			if err := emit(r.doc, r.res); err != nil {
				emitErr = err
				cancel()
			}
			r.doc.Release()
		}
	}
	wg.Wait()
	if emitErr != nil {
		return emitErr
	}
	if findErr != nil && !errors.Is(findErr, context.Canceled) {
		return findErr
	}
	return ctx.Err()
}

// A batch closes at batchDocs documents or batchBytes bytes, whichever
// comes first, so that a batch of large documents does not keep the other
// workers waiting for the emitter.
const (
	batchDocs  = 16
	batchBytes = 128 << 10
)

// size estimates the bytes a pending document will hold once read.
func (p pending) size() int64 {
	if p.line != "" {
		return int64(len(p.line))
	}
	return p.in.Size
}

// window bounds the batches in flight between the finder and the
// emitter. A fixed count of a few per worker made one long document stall
// the run: the emitter waits for it in order, the window fills with the
// short documents after it, and the other workers go idle (--jobs 2 was 1.6
// times --jobs 1 on the generated corpus, whose sizes run from 2 KB to
// 1 MB). So the window admits up to maxItems batches while they total at
// most maxBytes, and always at least minItems, whatever their size: memory
// stays under maxBytes plus minItems of the largest batches (a batch is at
// most batchBytes plus its last document).
type window struct {
	mu                 sync.Mutex
	room               *sync.Cond
	items              int
	bytes              int64
	minItems, maxItems int
	maxBytes           int64
}

func newWindow(jobs int) *window {
	w := &window{minItems: 4 * jobs, maxItems: 256 * jobs, maxBytes: int64(jobs) << 23}
	w.room = sync.NewCond(&w.mu)
	return w
}

func (w *window) acquire(n int64) {
	w.mu.Lock()
	for !w.fits(n) {
		w.room.Wait()
	}
	w.items++
	w.bytes += n
	w.mu.Unlock()
}

// fits reports whether a document of n bytes may enter now.
func (w *window) fits(n int64) bool {
	return w.items < w.minItems || w.items < w.maxItems && w.bytes+n <= w.maxBytes
}

func (w *window) release(n int64) {
	w.mu.Lock()
	w.items--
	w.bytes -= n
	w.mu.Unlock()
	w.room.Signal()
}
