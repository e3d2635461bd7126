package dedupe

import (
	"runtime"
	"slices"
	"sort"
	"sync"
)

// Doc is what the index keeps of one document: 40 bytes whatever the
// document's length, and its 128-byte signature for near matching.
type Doc struct {
	// Seq orders documents as the corpus does; the earlier of two copies
	// is the original.
	Seq int
	// File and Record locate the document for the caller (an index into
	// its own list of files, and the JSON Lines record or 0).
	File, Record int32
	// Exact is a hash of the normalised words: equal for documents that
	// differ only in case, spacing, punctuation, Unicode normalisation,
	// tone-mark placement, page furniture and CMS tags.
	Exact uint64
	// Length is the number of normalised words, which ranks the members
	// of a group for keeping.
	Length int32
	// Shingles is how many shingles the signature summarises.
	Shingles int32
	// Sig is nil for a document added for exact matching only: an index
	// that only finds exact copies keeps a fifth of the bytes a document.
	Sig *Signature
}

// Options are the thresholds of near-duplicate detection.
type Options struct {
	// Threshold is the similarity at which two documents are near copies:
	// their Jaccard similarity, or the containment of the smaller in the
	// larger, at or above it.
	Threshold float64
	// MinShingles keeps documents too short to judge out of near-duplicate
	// detection (they still take part in exact matching).
	MinShingles int
	// MaxSizeRatio bounds containment: when the larger document has more
	// than this many times the smaller one's shingles, only Jaccard
	// counts. A short story is contained in a long roundup that quotes it,
	// and the containment estimate, derived from the Jaccard estimate,
	// multiplies its error by the ratio.
	MaxSizeRatio float64
	// Neighbours bounds how many earlier members of one LSH bucket a
	// document is verified against, so a bucket of thousands (a template
	// every page shares) costs linear time, not quadratic.
	Neighbours int
}

// DefaultOptions are the rules' defaults.
func DefaultOptions() Options {
	return Options{Threshold: 0.8, MinShingles: 20, MaxSizeRatio: 3, Neighbours: 16}
}

// Match says why a document belongs to its group: the earlier document it
// was found to copy, and how similar they are.
type Match struct {
	Of          int // index in Index.Docs of the document it copies
	Exact       bool
	Jaccard     float64
	Containment float64
}

// Index collects documents concurrently, then finds their groups.
type Index struct {
	opt  Options
	mu   sync.Mutex
	Docs []Doc
	// Matches maps a document (index in Docs) to what it copies; a
	// document that copies nothing has no entry.
	Matches map[int]Match
	groups  unionFind
}

// NewIndex returns an empty index.
func NewIndex(opt Options) *Index { return &Index{opt: opt} }

// Add records a document; it is safe for concurrent use. The signature of
// a document too short for near matching is not kept.
func (ix *Index) Add(d Doc) {
	if int(d.Shingles) < ix.opt.MinShingles {
		d.Sig = nil
	}
	ix.mu.Lock()
	ix.Docs = append(ix.Docs, d)
	ix.mu.Unlock()
}

// Finish sorts the documents into corpus order and finds exact copies
// and verified near copies.
func (ix *Index) Finish() {
	ix.FinishExact()
	ix.near()
}

// FinishExact sorts the documents into corpus order and finds exact copies
// only (documents added without a signature).
func (ix *Index) FinishExact() {
	sort.Slice(ix.Docs, func(i, j int) bool { return ix.Docs[i].Seq < ix.Docs[j].Seq })
	ix.Matches = map[int]Match{}
	ix.groups = newUnionFind(len(ix.Docs))
	ix.exact()
}

func (ix *Index) exact() {
	first := make(map[uint64]int, len(ix.Docs))
	for i, d := range ix.Docs {
		if d.Length == 0 {
			continue // empty documents are empty-document's
		}
		if j, ok := first[d.Exact]; ok {
			ix.Matches[i] = Match{Of: j, Exact: true, Jaccard: 1, Containment: 1}
			ix.groups.union(int32(i), int32(j))
			continue
		}
		first[d.Exact] = i
	}
}

// near verifies the candidate pairs of each band on whole signatures.
// Documents are bucketed one band at a time in a sorted slice, so the
// extra memory is 16 bytes a document a worker whatever the number of
// bands. The bands are shared out among as many workers as the run has
// cores: a check's second pass waits on this (two thirds of a second for
// a gigabyte on one core). What the workers find is merged so that the
// outcome is the one verifying the bands in order would give.
func (ix *Index) near() {
	workers := min(runtime.GOMAXPROCS(0), Bands)
	found := make([]nearFound, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			found[w] = ix.nearBands(w, workers)
		}()
	}
	wg.Wait()
	best := map[int32]nearMatch{}
	for _, f := range found {
		for later, m := range f.best {
			if cur, ok := best[later]; !ok || m.beats(cur) {
				best[later] = m
			}
		}
		for i := range f.groups {
			if r := f.groups.find(int32(i)); r != int32(i) {
				ix.groups.union(int32(i), r)
			}
		}
	}
	for later, m := range best {
		ix.Matches[int(later)] = Match{Of: int(m.of), Jaccard: m.jaccard, Containment: m.containment}
	}
}

// nearFound is what one worker of near found in its bands: for each
// document the best earlier copy, and the groups the copies make.
type nearFound struct {
	best   map[int32]nearMatch
	groups unionFind // nil when nothing was found
}

// nearMatch is a verified near copy, with its place in the order of
// verification (band, then rank within the band): of two equally similar
// originals the first verified is kept.
type nearMatch struct {
	of                   int32
	jaccard, containment float64
	order                uint64
}

func (m nearMatch) beats(other nearMatch) bool {
	s, o := max(m.jaccard, m.containment), max(other.jaccard, other.containment)
	return s > o || s == o && m.order < other.order
}

// nearBands verifies the bands first, first+step, ... .
func (ix *Index) nearBands(first, step int) nearFound {
	f := nearFound{best: map[int32]nearMatch{}}
	entries := make([]bandEntry, 0, len(ix.Docs))
	var scratch []bandEntry
	for b := first; b < Bands; b += step {
		entries = entries[:0]
		for i := range ix.Docs {
			d := &ix.Docs[i]
			if d.Sig == nil || int(d.Shingles) < ix.opt.MinShingles {
				continue
			}
			if m, ok := ix.Matches[i]; ok && m.Exact {
				continue // an exact copy is judged through its original
			}
			entries = append(entries, bandEntry{d.Sig.band(b), int32(i)})
		}
		entries, scratch = sortByKey(entries, scratch)
		order := uint64(b) << 40
		for lo := 0; lo < len(entries); {
			hi := lo + 1
			for hi < len(entries) && entries[hi].key == entries[lo].key {
				hi++
			}
			for k := lo + 1; k < hi; k++ {
				for j := max(lo, k-ix.opt.Neighbours); j < k; j++ {
					order++
					ix.verify(&f, entries[j].doc, entries[k].doc, order)
				}
			}
			lo = hi
		}
	}
	return f
}

// verify records in f that later copies earlier when their signatures say
// so, keeping for each document its most similar earlier original.
func (ix *Index) verify(f *nearFound, earlier, later int32, order uint64) {
	a, b := &ix.Docs[earlier], &ix.Docs[later]
	j := Jaccard(a.Sig, b.Sig)
	c := Containment(j, int(a.Shingles), int(b.Shingles))
	small, large := min(a.Shingles, b.Shingles), max(a.Shingles, b.Shingles)
	if float64(large) > ix.opt.MaxSizeRatio*float64(small) {
		c = 0
	}
	if j < ix.opt.Threshold && c < ix.opt.Threshold {
		return
	}
	m := nearMatch{of: earlier, jaccard: j, containment: c, order: order}
	if cur, ok := f.best[later]; !ok || m.beats(cur) {
		f.best[later] = m
	}
	if f.groups == nil {
		f.groups = newUnionFind(len(ix.Docs))
	}
	f.groups.union(earlier, later)
}

// unionFind is a forest of sets of documents (indexes in Index.Docs), each
// rooted at its least member.
type unionFind []int32

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = int32(i)
	}
	return u
}

func (u unionFind) find(i int32) int32 {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u unionFind) union(a, b int32) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		u[max(ra, rb)] = min(ra, rb)
	}
}

// Groups returns the groups of two or more documents (indexes in Docs),
// each in corpus order, ordered by their first member.
func (ix *Index) Groups() [][]int {
	byRoot := map[int][]int{}
	for i := range ix.Docs {
		r := int(ix.groups.find(int32(i)))
		byRoot[r] = append(byRoot[r], i)
	}
	var out [][]int
	for _, g := range byRoot {
		if len(g) > 1 {
			out = append(out, g)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// bandEntry is one document's key in one band.
type bandEntry struct {
	key uint64
	doc int32
}

// smallSort is the most entries sortByKey sorts by insertion.
const smallSort = 32

// sortByKey sorts entries by key, keeping entries of one key in the order
// they came in (by document), with a byte-at-a-time radix sort over the
// key's bandKeyBits: linear, where a comparison sort of 21 bands was a
// sixth of a cached re-run. It returns the sorted entries and the other
// buffer, for reuse.
func sortByKey(entries, scratch []bandEntry) (sorted, spare []bandEntry) {
	if len(entries) < 2 {
		return entries, scratch
	}
	if len(entries) <= smallSort {
		// Each radix pass clears and sums a table of 257 counts: for a
		// few documents (a check of one commit's files) that was most of
		// the sort, an insertion sort far less.
		for i := 1; i < len(entries); i++ {
			for j := i; j > 0 && entries[j].key < entries[j-1].key; j-- {
				entries[j], entries[j-1] = entries[j-1], entries[j]
			}
		}
		return entries, scratch
	}
	scratch = slices.Grow(scratch[:0], len(entries))[:len(entries)]
	for shift := 0; shift < bandKeyBits; shift += 8 {
		var counts [257]int
		for _, e := range entries {
			counts[int(byte(e.key>>shift))+1]++
		}
		if counts[int(byte(entries[0].key>>shift))+1] == len(entries) {
			continue // every key has the same byte here
		}
		for i := 1; i < len(counts); i++ {
			counts[i] += counts[i-1]
		}
		for _, e := range entries {
			c := byte(e.key >> shift)
			scratch[counts[c]] = e
			counts[c]++
		}
		entries, scratch = scratch, entries
	}
	return entries, scratch
}
