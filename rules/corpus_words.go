package rules

import (
	"sort"
	"strings"

	"github.com/scrapelint/scrapelint/internal/dedupe"
	"github.com/scrapelint/scrapelint/internal/fastutf8"
	"github.com/scrapelint/scrapelint/internal/slicepool"
	"github.com/scrapelint/scrapelint/lint"
)

// wordsKey memoizes a document's comparison words per furniture lexicon.
type wordsKey struct{ furniture *lint.LineMatcher }

// comparison is a document's comparison words, and where each line's words
// are among them.
type comparison struct {
	words []uint64
	// joins marks the words that follow the one before them on their line
	// with no blank between ("5/9").
	joins dedupe.Joins
	// lines[i] is where line i's words are in words, when the line was
	// hashed as it stands; start is -1 for a line left out or edited.
	lines []wordSpan
	// exact is exactHash(words) once hashed is set: both duplicate rules
	// keep it, and it is a multiplication chain over every word.
	exact  uint64
	hashed bool
}

// Release hands the comparison's words back for the next document's.
func (c *comparison) Release() {
	wordHashPool.Put(c.words)
	joinsPool.Put(c.joins)
	c.words, c.joins, c.lines = nil, nil, nil
}

var (
	wordHashPool = slicepool.Pool[uint64]{Most: maxPooledWords}
	joinsPool    = slicepool.Pool[int32]{Most: maxPooledWords / 8}
)

// exactHash returns exactHash of the comparison's words, computed once.
func (c *comparison) exactHash() uint64 {
	if !c.hashed {
		c.exact, c.hashed = exactHash(c.words), true
	}
	return c.exact
}

type wordSpan struct{ start, end int32 }

// span returns where line i's words are; start is -1 when the line was
// not hashed as it stands, or no comparison was computed (c is nil).
func (c *comparison) span(i int) wordSpan {
	if c == nil {
		return wordSpan{-1, -1}
	}
	return c.lines[i]
}

// lineWords returns the hashes of line i's words, if the line was hashed
// as it stands.
func (c *comparison) lineWords(i int) ([]uint64, bool) {
	sp := c.span(i)
	if sp.start < 0 {
		return nil, false
	}
	return c.words[sp.start:sp.end], true
}

// comparisonOf returns the document's comparison, computed once: the
// hashes of its normalised words, leaving out what is not the article
// (page furniture lines, CMS tags and image file names). Both duplicate
// rules compare these.
func comparisonOf(d *lint.Document, furniture *lint.LineMatcher) *comparison {
	return d.Memo(wordsKey{furniture}, func() any {
		c := compareWords(d, furniture)
		d.Memo(lineWordsKey{}, func() any { return c })
		return c
	}).(*comparison)
}

// lineWordsKey memoizes the first comparison computed for a document
// whatever its furniture lexicon: a line's words do not depend on the
// lexicon, only whether the line was hashed does.
type lineWordsKey struct{}

// hashedLines returns the document's comparison if a rule has already
// computed one, or nil: boilerplate-line and near-duplicate-paragraph hash
// lines the same way, but would not hash the whole document for it, so
// they take the hashes of the lines it hashed as they stand.
func hashedLines(d *lint.Document) *comparison {
	if v, ok := d.Memoized(lineWordsKey{}); ok {
		return v.(*comparison)
	}
	return nil
}

func compareWords(d *lint.Document, furniture *lint.LineMatcher) *comparison {
	// About one word per six bytes of news text: growing the slice by
	// appends cost a sixth of the hashing.
	words := wordHashPool.Get()
	if cap(words) < len(d.Text)/6+8 {
		words = make([]uint64, 0, len(d.Text)/6+8)
	}
	joins := dedupe.Joins(joinsPool.Get())
	lines := make([]wordSpan, len(d.Lines()))
	isFurniture := furniture.MatchLines(d)
	// The tags are looked for in the whole text first: most documents
	// have none, and a search a line cost more than one for the text.
	seoTags, editorTags := strings.Contains(d.Text, "【"), strings.Contains(d.Text, "编辑")
	for i, l := range d.Lines() {
		lines[i].start = -1
		line := fastutf8.TrimSpace(d.LineText(l))
		if line == "" || isFurniture[i] || isImageFileLine(line) {
			continue
		}
		edited := false
		if seoTags && strings.Contains(line, "【") {
			line, edited = seoTagPattern.ReplaceAllString(line, " "), true
		}
		if editorTags && strings.Contains(line, "编辑") {
			line, edited = editorTagPattern.ReplaceAllString(line, " "), true
		}
		start := len(words)
		words = dedupe.WordHashesJoined(words, &joins, line)
		if !edited {
			lines[i] = wordSpan{int32(start), int32(len(words))}
		}
	}
	return &comparison{words: words, joins: joins, lines: lines}
}

// exactHash sums up the words in order: equal for documents that differ
// only in what comparisonOf leaves out or folds. Four chains take one word
// in four each and are then chained with the words left over: one chain
// over every word waited a multiplication's latency per word, a fortieth
// of a check.
func exactHash(words []uint64) uint64 {
	const offset = 14695981039346656037
	a, b, c, d := uint64(offset), uint64(offset)+1, uint64(offset)+2, uint64(offset)+3
	i := 0
	for ; i+4 <= len(words); i += 4 {
		a, b, c, d = exactStep(a, words[i]), exactStep(b, words[i+1]), exactStep(c, words[i+2]), exactStep(d, words[i+3])
	}
	h := exactStep(exactStep(exactStep(exactStep(offset, a), b), c), d)
	for _, w := range words[i:] {
		h = exactStep(h, w)
	}
	return h
}

func exactStep(h, w uint64) uint64 {
	h = (h ^ w) * 1099511628211
	return h ^ h>>29
}

// describe names a document for a message: its file, and for a JSON Lines
// record, the record's line.
func describe(p *lint.Pass, d *dedupe.Doc) string {
	path := p.PathOf(d.Seq)
	if d.Record > 0 {
		return path + ":" + itoa(int(d.Record))
	}
	return path
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}

// findDoc returns the index in docs (sorted by Seq) of the document with
// the given Seq, or -1.
func findDoc(docs []dedupe.Doc, seq int) int {
	i := sort.Search(len(docs), func(i int) bool { return docs[i].Seq >= seq })
	if i < len(docs) && docs[i].Seq == seq {
		return i
	}
	return -1
}

// firstLineSpan is where a finding about a whole document points: its
// first non-blank line.
func firstLineSpan(d *lint.Document) (int, int) {
	for _, l := range d.Lines() {
		if fastutf8.TrimSpace(d.LineText(l)) != "" {
			return l.Start, l.End
		}
	}
	return 0, 0
}

// The corpus rules can take their first pass from summaries, so that a
// cached re-run reads only the files that changed.
var (
	_ lint.CorpusSummarizer = (*duplicateState)(nil)
	_ lint.CorpusSummarizer = (*nearDuplicateState)(nil)
	_ lint.CorpusSummarizer = (*boilerplateState)(nil)
)
