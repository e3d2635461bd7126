package lint

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
)

// Corpus is the set of inputs of one run and how to read them.
type Corpus struct {
	Inputs  []Input
	Options InputOptions
	// Problem receives every input problem (an unreadable file, a bad
	// record) as it happens; the run goes on without that file or record.
	Problem func(error)
	// Progress, if not nil, is told how many raw bytes and documents have
	// been read.
	Progress func(bytes, docs int)

	problems atomic.Int64
}

// TotalSize is the sum of the inputs' sizes on disk (standard input counts
// as zero).
func (c *Corpus) TotalSize() int64 {
	var n int64
	for _, in := range c.Inputs {
		n += in.Size
	}
	return n
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
	seq := 0
	count := func(n int) {
		if c.Progress != nil {
			c.Progress(n, 0)
		}
	}
	for _, in := range c.Inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := ReadDocuments(in, c.Options, count, func(d *Document) error {
			d.Seq = seq
			seq++
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
	return nil
}

// Stream reads the corpus, runs work on each document on jobs goroutines,
// and calls emit with each document and its result in corpus order, from the
// calling goroutine. At most a few documents per worker are in memory at
// once, whatever the size of the corpus. An error from emit stops the run
// and is returned.
func Stream[T any](ctx context.Context, c *Corpus, jobs int, work func(*Document) T, emit func(*Document, T) error) error {
	if jobs < 1 {
		jobs = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type item struct {
		doc  *Document
		res  T
		done chan struct{}
	}
	// order holds the documents in flight in corpus order; its capacity is
	// what bounds memory, since the reader blocks once it is full.
	order := make(chan *item, 4*jobs)
	todo := make(chan *item, jobs)

	var readErr error
	go func() {
		defer close(order)
		defer close(todo)
		readErr = c.Each(ctx, func(d *Document) error {
			it := &item{doc: d, done: make(chan struct{})}
			select {
			case order <- it:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case todo <- it:
			case <-ctx.Done():
				// The emitter waits on every item it was handed.
				close(it.done)
				return ctx.Err()
			}
			return nil
		})
	}()

	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range todo {
				it.res = work(it.doc)
				close(it.done)
			}
		}()
	}

	var emitErr error
	for it := range order {
		<-it.done
		if emitErr != nil {
			continue
		}
		if err := emit(it.doc, it.res); err != nil {
			emitErr = err
			cancel()
		}
	}
	wg.Wait()
	if emitErr != nil {
		return emitErr
	}
	if readErr != nil && !errors.Is(readErr, context.Canceled) {
		return readErr
	}
	return ctx.Err()
}
