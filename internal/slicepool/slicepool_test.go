package slicepool

import "testing"

// TestPoolKeepsOnlyBoundedSlices: a slice within Most comes back emptied
// with its room; one beyond it, or nil, is not kept.
func TestPoolKeepsOnlyBoundedSlices(t *testing.T) {
	p := Pool[int]{Most: 8}
	if s := p.Get(); s != nil {
		t.Fatalf("an empty pool gave %v", s)
	}
	p.Put(make([]int, 5, 8))
	// sync.Pool may drop what it holds at any collection; a slice it
	// hands back must be empty and within the bound.
	if s := p.Get(); s != nil && (len(s) != 0 || cap(s) != 8) {
		t.Fatalf("got len %d cap %d, want an empty slice of cap 8", len(s), cap(s))
	}
	p.Put(make([]int, 0, 9))
	p.Put(nil)
	if s := p.Get(); s != nil {
		t.Fatalf("a slice beyond Most, or nil, was kept: cap %d", cap(s))
	}
}
