package rules

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/internal/dedupe"
	"github.com/scrapelint/scrapelint/internal/fastutf8"
	"github.com/scrapelint/scrapelint/lint"
)

// NearDuplicateParagraph finds a paragraph that repeats an earlier paragraph
// of the same document with small changes (DEFECTS.md family 2).
var NearDuplicateParagraph = &lint.Rule{
	ID:       "near-duplicate-paragraph",
	Family:   "2",
	Severity: lint.Info,
	Summary:  "a paragraph that nearly repeats an earlier paragraph of the document",
	Doc: `Pages print the lead twice (once as a summary, once as the first paragraph)
with a word changed, and scrapers that merge a page's blocks keep both. The
near copy adds nothing, but unlike an exact copy it cannot be told from a
deliberate restatement by comparing bytes.

Each line of at least min-words words is a paragraph. Its words (what lies
between blanks, without punctuation, read as the duplicate rules read
text: NFC, lower-cased, tone marks placed one way) are cut into
overlapping runs of three (shingles), and a paragraph is reported when the
Jaccard similarity of its shingles with an earlier paragraph's is
threshold or more. Exact copies are left to repeated-line. A paragraph
ending like a sentence and one that does not (a caption or a headline
restated by the sentence under it) are never compared: a photo caption
usually repeats its paragraph's words on purpose.`,
	Before: "Bộ trưởng Nguyễn Văn An khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay.\n\nBộ trưởng khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay.\n",
	After:  "Bộ trưởng Nguyễn Văn An khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay.\n\n",
	Fix:    lint.UnsafeFix,
	FixDoc: `Unsafe: the later copy is deleted with its line break. The two copies differ,
and the words only the later copy has are lost, so the fix is applied only
with --unsafe-fixes.`,
	Options: []lint.Option{
		{Name: "threshold", Default: 0.6, Doc: "Jaccard similarity of the two paragraphs' three-word shingles at which the later one is reported (0 to 1)"},
		{Name: "min-words", Default: 8, Doc: "fewest words a line must have to be compared"},
	},
	Run:     runNearDuplicateParagraph,
	NewHint: newParagraphHint,
}

// shingleWords is the length of the word runs paragraphs are compared by:
// three words survive a changed word elsewhere in the paragraph while two
// common words in a row ("của các", "of the") do not make paragraphs alike.
const shingleWords = 3

// maxShingleParagraphs is how many paragraphs of a document may share a
// run of three words for it to count as a sign of copying. A run found in
// more is a formula of the text ("theo kế hoạch", "of the year"); counting
// it would make a long document cost the square of its paragraphs. Leaving
// it out only lowers similarities, so it can hide a finding, never make one.
const maxShingleParagraphs = 16

// maxParagraphs is how many paragraphs of one document are compared: an
// entry packs the paragraph's index in its low 16 bits.
const maxParagraphs = 1 << 16

// paragraph is one line the rule compares.
type paragraph struct {
	line int
	// shingles counts the paragraph's shingles, repeats included: a phrase
	// repeated inside a paragraph makes it look a little less like others,
	// never more.
	shingles int
	sentence bool
}

func runNearDuplicateParagraph(p *lint.Pass) {
	h, hinted := p.Hint.(*paragraphHint)
	if hinted && h.spares(p.Doc) {
		return
	}
	var copies []nearCopy
	if hinted {
		copies, hinted = h.found.get(p.Doc)
	}
	if !hinted {
		copies = findNearCopies(p.Doc, p.Int("min-words"), p.Float("threshold"))
	}
	lines := p.Doc.Lines()
	for _, c := range copies {
		l := lines[c.line]
		p.ReportFix(l.Start, l.End, lint.Unsafe, []lint.Edit{deleteLine(p.Doc, c.line)},
			"paragraph nearly repeats line %d (%.0f%% of word runs shared)", c.of+1, 100*c.sim)
	}
}

// nearCopy is a paragraph (its line) that nearly repeats an earlier one
// (of), with their similarity.
type nearCopy struct {
	line, of int
	sim      float64
}

// findNearCopies returns the document's paragraphs that nearly repeat an
// earlier one, in the document's order.
func findNearCopies(d *lint.Document, minWords int, threshold float64) []nearCopy {
	scratch := paragraphScratchPool.Get().(*paragraphScratch)
	defer scratch.release()
	paras, best, sims := nearCopies(d, minWords, threshold, scratch)
	var copies []nearCopy
	for j, i := range best {
		if i >= 0 {
			copies = append(copies, nearCopy{line: paras[j].line, of: paras[i].line, sim: sims[j]})
		}
	}
	return copies
}

// nearCopies returns the document's paragraphs and, for each, the earlier
// paragraph it nearly repeats (or -1) and their similarity; best is nil
// when no paragraph can have a near copy.
func nearCopies(d *lint.Document, minWords int, threshold float64, scratch *paragraphScratch) (paras []paragraph, best []int, sims []float64) {
	paras, entries := collectParagraphs(d, minWords, threshold, scratch)
	if len(entries) == 0 {
		return paras, nil, nil
	}
	best, sims = bestEarlierCopies(paras, sharedShingles(entries, len(paras)), threshold)
	return paras, best, sims
}

// paragraphHint remembers the documents of a run's first pass that have no
// near copy of a paragraph (most), so that the second pass leaves them at
// once, and the copies it found in the others, so that the second pass
// reports them. In the first pass the duplicate rules have hashed every
// line's words already; hashing them again in the second was over half
// the rule's time.
type paragraphHint struct {
	minWords  int
	threshold float64
	none      docSet
	found     docMap[[]nearCopy]
}

func newParagraphHint(s *lint.Settings) lint.Hint {
	return &paragraphHint{minWords: s.Int("min-words"), threshold: s.Float("threshold")}
}

func (h *paragraphHint) Observe(d *lint.Document) {
	if copies := findNearCopies(d, h.minWords, h.threshold); len(copies) > 0 {
		h.found.put(d, copies)
	} else {
		h.none.add(d)
	}
}

// spares reports whether the first pass found no near copy in d's text as
// it is now.
func (h *paragraphHint) spares(d *lint.Document) bool { return h.none.has(d) }

// collectParagraphs returns the document's lines of at least minWords words
// (blankTokens) that are not exact copies of an earlier one (those are
// repeated-line's), and an entry for each shingle that may occur in more
// than one of them: the shingle's hash with the paragraph's index in the
// low 16 bits, for the paragraphs that may have a near copy at threshold.
// A line's words come from the duplicate rules' hashes when they have
// hashed the document (the first pass of a check), or are hashed here.
func collectParagraphs(d *lint.Document, minWords int, threshold float64, scratch *paragraphScratch) ([]paragraph, []uint64) {
	paras, shingles, ends, seen := scratch.paras, scratch.shingles, scratch.ends, scratch.seen
	defer func() {
		scratch.paras, scratch.shingles, scratch.ends = paras, shingles, ends
	}()
	shared := hashedLines(d)
	for i, l := range d.Lines() {
		if l.Start < l.End && !utf8.RuneStart(d.Text[l.Start]) {
			continue // a line that starts inside a malformed character cannot be deleted whole
		}
		text := fastutf8.TrimSpace(d.LineText(l))
		var words []uint64
		if sp := shared.span(i); sp.start >= 0 {
			words = blankTokens(&scratch.words, shared.words[sp.start:sp.end], shared.joins, int(sp.start))
		} else {
			scratch.joins = scratch.joins[:0]
			scratch.lineWords = dedupe.WordHashesJoined(scratch.lineWords[:0], &scratch.joins, text)
			words = blankTokens(&scratch.words, scratch.lineWords, scratch.joins, 0)
		}
		if len(words) < max(minWords, shingleWords) || seen[text] || len(paras) == maxParagraphs {
			continue
		}
		seen[text] = true
		for k := 0; k+shingleWords <= len(words); k++ {
			shingles = append(shingles, (words[k]*1099511628211^words[k+1])*1099511628211^words[k+2])
		}
		ends = append(ends, len(shingles))
		last, _ := utf8.DecodeLastRuneInString(text)
		paras = append(paras, paragraph{line: i, shingles: len(words) - shingleWords + 1, sentence: strings.ContainsRune(".!?…\"”", last)})
	}
	if len(paras) < 2 || !mayBeAlike(paras, shingles, ends, threshold, scratch) {
		return paras, nil
	}
	scratch.entries = repeatedShingles(shingles, ends, threshold, scratch)
	return paras, scratch.entries
}

// alikeBuckets is how many buckets mayBeAlike counts a paragraph's
// shingles in, and alikeParagraphs the most paragraphs it compares pair by
// pair; a document with more goes straight to the exact count.
const (
	alikeBucketBits = 6
	alikeBuckets    = 1 << alikeBucketBits
	alikeParagraphs = 256
)

// mayBeAlike reports whether two paragraphs of the document could be alike
// at threshold, from an upper bound of the shingles each pair shares: each
// paragraph's shingles are counted in alikeBuckets buckets by their top
// bits, and a shingle two paragraphs share is in the same bucket of each,
// so they share at most the sum over the buckets of the lesser count. In
// the generated corpus 29% of the paragraphs have most of their shingles
// repeated somewhere in their document (stock phrases), which is what
// repeatedShingles screens on, but nine documents in ten have no pair
// within the bound, and they are spared the sort and the pair counts that
// follow that screen (a sixth of the rule's part of a first pass; the long
// documents that pass are most of what is left). No paragraph is left out
// that the exact count would find alike: the bound holds whatever it
// counts.
func mayBeAlike(paras []paragraph, shingles []uint64, ends []int, threshold float64, scratch *paragraphScratch) bool {
	if len(paras) > alikeParagraphs {
		return true
	}
	levels, levelEnds, ok := bucketLevels(shingles, ends, scratch.levels[:0], scratch.levelEnds[:0])
	scratch.levels, scratch.levelEnds = levels, levelEnds
	if !ok {
		return true
	}
	for j := 1; j < len(paras); j++ {
		b := paras[j]
		lb := levels[levelEnds[j]:levelEnds[j+1]]
		for i := range j {
			a := paras[i]
			if a.sentence != b.sentence || similarity(min(a.shingles, b.shingles), a, b) < threshold {
				continue
			}
			la := levels[levelEnds[i]:levelEnds[i+1]]
			shared := 0
			for x := range min(len(la), len(lb)) {
				shared += bits.OnesCount64(la[x] & lb[x])
			}
			if similarity(shared, a, b) >= threshold {
				return true
			}
		}
	}
	return false
}

// bucketLevels appends to levels each paragraph's bucket counts as masks,
// one a level: bit x of a paragraph's k-th mask is set when its bucket x
// holds more than k of its shingles. The least of two counts is the number
// of levels both reach, so the sum over the buckets of the lesser counts,
// mayBeAlike's bound, is the sum over the levels of the bits two
// paragraphs' masks share: a popcount a level (most paragraphs have two or
// three) where the counts took a comparison for each of the 64 buckets.
// levelEnds gets where each paragraph's masks start, and then the end. A
// paragraph of more than alikeBuckets levels (thousands of shingles) would
// make a pair cost more than the comparisons did: bucketLevels then stops
// and reports false, and the document goes to the exact count.
func bucketLevels(shingles []uint64, ends []int, levels []uint64, levelEnds []int) ([]uint64, []int, bool) {
	from := 0
	for _, to := range ends {
		start := len(levels)
		levelEnds = append(levelEnds, start)
		var counts [alikeBuckets]int
		for _, h := range shingles[from:to] {
			x := h >> (64 - alikeBucketBits)
			level := counts[x]
			counts[x]++
			if level == len(levels)-start {
				if level == alikeBuckets {
					return levels, levelEnds, false
				}
				levels = append(levels, 0)
			}
			levels[start+level] |= 1 << x
		}
		from = to
	}
	return levels, append(levelEnds, len(levels)), true
}

// similarity is the Jaccard index of two paragraphs' shingles when they
// share n of them, as bestEarlierCopies computes it: it grows with n, so
// a bound on n bounds it.
func similarity(n int, a, b paragraph) float64 {
	return float64(n) / float64(a.shingles+b.shingles-n)
}

// paragraphScratch holds one document's working slices, kept for the next
// document: allocating and clearing them per document was a third of the
// rule's time, most of it the table of counts.
type paragraphScratch struct {
	paras           []paragraph
	shingles, words []uint64
	// lineWords and joins are a line's words when no other rule hashed
	// them.
	lineWords      []uint64
	joins          dedupe.Joins
	entries, spare []uint64
	ends           []int
	counts         []uint8
	// levels and levelEnds hold mayBeAlike's bucket counts (bucketLevels).
	levels    []uint64
	levelEnds []int
	seen      map[string]bool
}

var paragraphScratchPool = sync.Pool{New: func() any {
	return &paragraphScratch{seen: map[string]bool{}}
}}

// release empties the scratch and returns it to the pool. The table of
// counts goes back cleared; a very long document's buffers are dropped so
// that one outlier does not pin its memory for the rest of the run.
func (s *paragraphScratch) release() {
	const keep = 1 << 20
	if cap(s.counts) > 16*keep || cap(s.shingles) > keep {
		return
	}
	clear(s.counts)
	clear(s.seen)
	s.paras, s.shingles, s.words, s.lineWords, s.entries, s.spare, s.ends = s.paras[:0], s.shingles[:0], s.words[:0], s.lineWords[:0], s.entries[:0], s.spare[:0], s.ends[:0]
	paragraphScratchPool.Put(s)
}

// repeatedShingles returns the entries of the shingles that occur more than
// once in the document. Most shingles of a text occur once; a table of
// counts, indexed by the hash's top bits and sixteen times larger than the
// number of shingles so that few collide, drops them before the sort that
// pairs the others, which is what makes the rule cheap. A collision in the
// table only keeps a shingle that did not need keeping.
func repeatedShingles(shingles []uint64, ends []int, threshold float64, scratch *paragraphScratch) []uint64 {
	bits := 10
	for 1<<bits < 16*len(shingles) {
		bits++
	}
	if cap(scratch.counts) < 1<<bits {
		scratch.counts = make([]uint8, 1<<bits)
	}
	// A pooled table comes back cleared, whatever length it was used at.
	counts := scratch.counts[:1<<bits]
	scratch.counts = counts
	for _, h := range shingles {
		if c := &counts[h>>(64-bits)]; *c < 2 {
			*c++
		}
	}
	entries := scratch.entries[:0]
	from := 0
	for k, to := range ends {
		own := shingles[from:to]
		from = to
		// Two paragraphs alike at threshold share that share of the
		// shingles of each; a paragraph with fewer repeated shingles than
		// that has no near copy, before or after it.
		repeated := 0
		for _, h := range own {
			if counts[h>>(64-bits)] > 1 {
				repeated++
			}
		}
		if float64(repeated) < threshold*float64(len(own)) {
			continue
		}
		for _, h := range own {
			if counts[h>>(64-bits)] > 1 {
				entries = append(entries, h&^0xffff|uint64(k))
			}
		}
	}
	entries, scratch.spare = sortEntries(entries, scratch.spare)
	// A shingle repeated inside one paragraph counts once.
	return slices.Compact(entries)
}

// sortEntries sorts entries, which come in paragraph order, returning them
// sorted and the other buffer for reuse. A long list is radix-sorted on
// the shingle's 48 bits, a byte at a time; the sort is stable, so entries
// of one shingle stay in paragraph order and the result is that of sorting
// by the whole value. Long documents of stock phrases repeat thousands of
// shingles, and comparison sorting them was a third of the rule. It is the
// loop of dedupe's sortByKey on another type: one generic sort taking the
// key as a function ran at half the speed of either.
func sortEntries(entries, spare []uint64) (sorted, other []uint64) {
	if len(entries) < 64 {
		slices.Sort(entries)
		return entries, spare
	}
	spare = slices.Grow(spare[:0], len(entries))[:len(entries)]
	for shift := 16; shift < 64; shift += 8 {
		var counts [257]int
		for _, e := range entries {
			counts[int(byte(e>>shift))+1]++
		}
		if counts[int(byte(entries[0]>>shift))+1] == len(entries) {
			continue // every entry has the same byte here
		}
		for i := 1; i < len(counts); i++ {
			counts[i] += counts[i-1]
		}
		for _, e := range entries {
			c := byte(e >> shift)
			spare[counts[c]] = e
			counts[c]++
		}
		entries, spare = spare, entries
	}
	return entries, spare
}

// pairCounts counts, for every pair of paragraphs, how many shingles they
// share. Documents of up to denseParagraphs paragraphs count in a triangle
// of small counters, larger ones in a map of the pairs that occur.
type pairCounts struct {
	n      int
	dense  []uint16
	sparse map[uint32]int
}

// denseParagraphs bounds the triangle of counters to about 128 KB.
const denseParagraphs = 360

func (pc *pairCounts) add(i, j int) {
	if pc.dense != nil {
		// Row j holds the pairs (0, j) ... (j-1, j).
		if c := &pc.dense[j*(j-1)/2+i]; *c < 0xffff {
			*c++
		}
		return
	}
	pc.sparse[uint32(i)<<16|uint32(j)]++
}

// each calls f for every pair that shares a shingle.
func (pc *pairCounts) each(f func(i, j, n int)) {
	if pc.dense == nil {
		for pair, n := range pc.sparse {
			f(int(pair>>16), int(pair&0xffff), n)
		}
		return
	}
	for j := 1; j < pc.n; j++ {
		row := pc.dense[j*(j-1)/2 : j*(j+1)/2]
		for i, n := range row {
			if n > 0 {
				f(i, j, int(n))
			}
		}
	}
}

// sharedShingles counts, for every pair of the n paragraphs that share a
// shingle, how many they share, from sorted entries.
func sharedShingles(entries []uint64, n int) *pairCounts {
	pc := &pairCounts{n: n}
	if n <= denseParagraphs {
		pc.dense = make([]uint16, n*(n-1)/2)
	} else {
		pc.sparse = map[uint32]int{}
	}
	for i := 0; i < len(entries); {
		j := i + 1
		for j < len(entries) && entries[j]>>16 == entries[i]>>16 {
			j++
		}
		if j-i > 1 && j-i <= maxShingleParagraphs {
			for a := i; a < j; a++ {
				for b := a + 1; b < j; b++ {
					pc.add(int(entries[a]&0xffff), int(entries[b]&0xffff))
				}
			}
		}
		i = j
	}
	return pc
}

// bestEarlierCopies returns, for each paragraph, the earlier paragraph most
// like it at threshold or above (or -1), and that similarity: the Jaccard
// index of their shingle sets. A paragraph ending like a sentence is only
// compared with another that does, and one that does not with one that
// does not.
func bestEarlierCopies(paras []paragraph, shared *pairCounts, threshold float64) ([]int, []float64) {
	best := make([]int, len(paras))
	sims := make([]float64, len(paras))
	for j := range best {
		best[j] = -1
	}
	shared.each(func(i, j, n int) {
		a, b := paras[i], paras[j]
		sim := similarity(n, a, b)
		if sim < threshold || a.sentence != b.sentence {
			return
		}
		// Ties go to the earlier paragraph, so the result does not depend on
		// a map's order.
		if sim > sims[j] || (sim == sims[j] && i < best[j]) {
			best[j], sims[j] = i, sim
		}
	})
	return best, sims
}

// blankTokens returns a hash for each blank-separated token of a line
// whose words are words, the first of them word first of the word hashes
// joins indexes: the words of a token ("Kiên/TTXVN", "99.000") combined
// into one. A paragraph is read in tokens, not words: a credit or a number
// split in two would add word runs that two captions share without sharing
// a sentence. The tokens are built in *buf when a token joins words; when
// none does, as in most lines, they are words itself, not copied, and must
// not be written to.
func blankTokens(buf *[]uint64, words []uint64, joins dedupe.Joins, first int) []uint64 {
	j, _ := slices.BinarySearch(joins, int32(first))
	if j == len(joins) || int(joins[j]) >= first+len(words) {
		return words
	}
	dst := (*buf)[:0]
	for k, w := range words {
		if j < len(joins) && int(joins[j]) == first+k {
			j++
			if k > 0 {
				last := &dst[len(dst)-1]
				*last = *last*1099511628211 ^ w
				continue
			}
		}
		dst = append(dst, w)
	}
	*buf = dst
	return dst
}
