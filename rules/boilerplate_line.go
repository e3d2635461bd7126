package rules

import (
	"encoding/binary"
	"math"
	"math/bits"
	"sync"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/internal/dedupe"
	"github.com/scrapelint/scrapelint/internal/fastutf8"
	"github.com/scrapelint/scrapelint/lint"
)

// BoilerplateLine finds lines that recur across many documents of the
// corpus: a site's footer, navigation, a sidebar headline on every page
// (DEFECTS.md family 8).
var BoilerplateLine = &lint.Rule{
	ID:       "boilerplate-line",
	Family:   "8",
	Severity: lint.Warning,
	Summary:  "a line that recurs in many documents of the corpus: a site's footer, navigation or sidebar",
	Doc: `A site prints the same footer ("Báo X - Cơ quan của ..., giấy phép số ..."),
navigation and featured headlines on every page, and a scraper keeps them in
every article. Such a line is found by counting, across the corpus, how many
documents hold it.

A line is boilerplate when it is at most max-length characters long and occurs
in at least min-documents documents, and in at least min-share of all the
documents, and not only in documents with the same headline (an article
republished many times repeats its own lines, which are not boilerplate).
Lines are compared after normalisation (NFC, case, spacing). The lexicon
boilerplate-allow lists lines that are legitimately common, such as a source
line ("Theo TTXVN") or a lone date; page furniture is left to page-furniture.

The first pass keeps one 8-byte hash and three counters per distinct line, in
an exact count, never a text.`,
	Before: "(a line such as \"Báo Mẫu - Cơ quan ngôn luận của Hội Nhà báo\" at the foot of 30 documents of a corpus of 100)",
	After:  "(the line is deleted from each of them)",
	Fix:    lint.SafeFix,
	FixDoc: `Safe: the line is deleted with its line break in every document that holds
it; no other byte changes.`,
	Options: []lint.Option{
		{Name: "min-documents", Default: 10, Doc: "fewest documents a line must occur in"},
		{Name: "min-share", Default: 0.001, Doc: "smallest share of the corpus's documents a line must occur in"},
		{Name: "max-length", Default: 200, Doc: "longest line, in characters, that may be boilerplate (longer lines are article paragraphs)"},
	},
	Lexicons:  []string{"boilerplate-allow", "page-furniture"},
	NewCorpus: newBoilerplateState,
	Run:       runBoilerplateLine,
}

// lineCount is what the first pass keeps per distinct line.
type lineCount struct {
	docs uint32
	// firstTitle is the headline hash of the first document holding the
	// line; otherTitles counts holders with another headline.
	firstTitle  uint32
	otherTitles uint32
}

type boilerplateState struct {
	allow, furniture *lint.LineMatcher
	maxLength        int
	minDocs          int
	minShare         float64

	mu    sync.Mutex
	docs  int
	lines map[uint64]lineCount
	// common is the outcome: the lines found to be boilerplate, and in
	// how many documents each occurs.
	common map[uint64]uint32
	// commonLengths marks the byte lengths of the common lines (see
	// lineKey): the second pass hashes only lines of those lengths, which
	// most lines are not.
	commonLengths [maxKeyLength + 1]bool
}

func newBoilerplateState(s *lint.Settings) lint.CorpusState {
	return &boilerplateState{
		allow: s.Lexicon("boilerplate-allow").Lines(), furniture: s.Lexicon("page-furniture").Lines(),
		maxLength: s.Int("max-length"), minDocs: s.Int("min-documents"), minShare: s.Float("min-share"),
		lines: map[uint64]lineCount{},
	}
}

// candidateLines calls emit with the hash of each distinct line of d that
// could be boilerplate.
// With onlyCommon, it skips lines no common line has the length of.
func (st *boilerplateState) candidateLines(d *lint.Document, onlyCommon bool, emit func(i int, h uint64)) {
	seen := map[uint64]bool{}
	var words []uint64
	shared := hashedLines(d)
	// The first pass has every line matched against the furniture lexicon
	// for the duplicate rules. The second asks only of the lines that are
	// common ones (a few), and page-furniture, which would have matched
	// every line, leaves most documents alone in a check.
	var isFurniture []bool
	if !onlyCommon {
		isFurniture = st.furniture.MatchLines(d)
	}
	for i, l := range d.Lines() {
		line := fastutf8.TrimSpace(d.LineText(l))
		if line == "" || len(line) > 4*st.maxLength || onlyCommon && !st.commonLengths[min(len(line), maxKeyLength)] ||
			(len(line) > st.maxLength && !runesAtMost(line, st.maxLength)) {
			continue
		}
		var h uint64
		if ws, ok := shared.lineWords(i); ok {
			h = hashLineWords(ws, line)
		} else {
			h, words = lineHash(words[:0], line)
		}
		if _, common := st.common[h]; onlyCommon && !common {
			continue
		}
		furniture := isFurniture != nil && isFurniture[i] || isFurniture == nil && st.furniture.Match(line)
		if furniture || st.allow.Match(line) || seen[h] {
			continue
		}
		seen[h] = true
		emit(i, h)
	}
}

// lineHash hashes the line's normalised words and how many space-separated
// fields it has, and keeps the line's byte length (up to maxKeyLength) in
// the top bits, so that a line's length tells whether it can be common
// before it is hashed; words is scratch space, returned for reuse.
func lineHash(words []uint64, line string) (uint64, []uint64) {
	words = dedupe.WordHashes(words, line)
	return hashLineWords(words, line), words
}

// hashLineWords is lineHash from the line's word hashes.
func hashLineWords(words []uint64, line string) uint64 {
	h := exactHash(words) ^ uint64(wordCount(line, math.MaxInt))
	return h&(1<<keyLengthShift-1) | uint64(min(len(line), maxKeyLength))<<keyLengthShift
}

const (
	keyLengthShift = 52
	maxKeyLength   = 1<<(64-keyLengthShift) - 1
)

// runesAtMost reports whether s has at most n characters, reading no
// further than the (n+1)th: most lines tried are paragraphs far longer.
func runesAtMost(s string, n int) bool {
	count := 0
	i := 0
	// Eight bytes at a time: a byte starts a character unless it is a
	// continuation byte (10xxxxxx), and the mask has the top bit of each
	// continuation byte. Lines of 1-4 times the limit are counted for
	// every document, and a byte at a time this was a third of the
	// rule's first pass.
	for ; i+8 <= len(s) && count <= n; i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		count += 8 - bits.OnesCount64(x&^(x<<1)&0x8080808080808080)
	}
	if count > n {
		return false
	}
	for ; i < len(s); i++ {
		if utf8.RuneStart(s[i]) {
			if count++; count > n {
				return false
			}
		}
	}
	return true
}

func (st *boilerplateState) Observe(d *lint.Document) { st.ObserveSummary(d.Ref(), st.Summarize(d)) }

// Summarize keeps the hash of the document's headline and of each distinct
// line that could be boilerplate.
func (st *boilerplateState) Summarize(d *lint.Document) []byte {
	b := binary.LittleEndian.AppendUint32(nil, uint32(st.titleHash(d)))
	st.candidateLines(d, false, func(_ int, h uint64) { b = binary.LittleEndian.AppendUint64(b, h) })
	return b
}

// titleHash is lineHash of the document's headline, from the duplicate
// rules' word hashes when they have hashed it: a single-line document's
// headline is the whole document.
func (st *boilerplateState) titleHash(d *lint.Document) uint64 {
	i, title := firstLine(d)
	if i >= 0 {
		if ws, ok := hashedLines(d).lineWords(i); ok {
			return hashLineWords(ws, title)
		}
	}
	h, _ := lineHash(nil, title)
	return h
}

func (st *boilerplateState) ObserveSummary(_ lint.DocRef, sum []byte) {
	if len(sum) < 4 || (len(sum)-4)%8 != 0 {
		return
	}
	title := binary.LittleEndian.Uint32(sum)
	st.mu.Lock()
	defer st.mu.Unlock()
	st.docs++
	for k := 4; k < len(sum); k += 8 {
		h := binary.LittleEndian.Uint64(sum[k:])
		c := st.lines[h]
		if c.docs == 0 {
			c.firstTitle = title
		} else if title != c.firstTitle {
			c.otherTitles++
		}
		c.docs++
		st.lines[h] = c
	}
}

func (st *boilerplateState) Reports(_ lint.DocRef, sum []byte) bool {
	for k := 4; k+8 <= len(sum); k += 8 {
		if _, ok := st.common[binary.LittleEndian.Uint64(sum[k:])]; ok {
			return true
		}
	}
	return false
}

func (st *boilerplateState) Finish() {
	need := max(float64(st.minDocs), st.minShare*float64(st.docs))
	st.common = map[uint64]uint32{}
	for h, c := range st.lines {
		if float64(c.docs) >= need && float64(c.otherTitles+1) >= float64(st.minDocs) {
			st.common[h] = c.docs
			st.commonLengths[h>>keyLengthShift] = true
		}
	}
	st.lines = nil // the counts are done with; keep only the verdicts
}

func runBoilerplateLine(p *lint.Pass) {
	st, ok := p.Corpus.(*boilerplateState)
	if !ok || len(st.common) == 0 {
		return
	}
	d := p.Doc
	lines := d.Lines()
	st.candidateLines(d, true, func(i int, h uint64) {
		n := st.common[h]
		l := lines[i]
		p.ReportFix(l.Start, l.End, lint.Safe, []lint.Edit{deleteLine(d, i)},
			"line recurs in %d of the corpus's %d documents: a site's footer, navigation or sidebar, not this article", n, st.docs)
	})
}
