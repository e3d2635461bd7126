// Package slicepool keeps emptied slices for the next document's use: the
// per-document slices (lines, word hashes, letter words) were over a third
// of what a check allocated.
package slicepool

import "sync"

// Pool keeps slices of T. A slice of more than Most elements goes to the
// collector instead, so that one huge document does not pin its memory for
// the rest of the run. The zero Pool keeps nothing; set Most.
type Pool[T any] struct {
	pool sync.Pool // *[]T
	Most int
}

// Get returns an empty slice, with room when one was kept, or nil.
func (p *Pool[T]) Get() []T {
	if s, ok := p.pool.Get().(*[]T); ok {
		return (*s)[:0]
	}
	return nil
}

// Put keeps s for reuse; the caller must not use it after.
func (p *Pool[T]) Put(s []T) {
	if s != nil && cap(s) <= p.Most {
		p.pool.Put(&s)
	}
}
