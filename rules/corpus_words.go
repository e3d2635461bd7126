package rules

import (
	"sort"
	"strings"
	"sync"

	"github.com/scrapelint/scrapelint/internal/dedupe"
	"github.com/scrapelint/scrapelint/lint"
)

// wordsKey memoizes a document's comparison words per furniture lexicon.
type wordsKey struct{ furniture *lint.LineMatcher }

// comparisonWords returns the hashes of the document's normalised words,
// leaving out what is not the article: page furniture lines, CMS tags and
// image file names. Both duplicate rules compare these.
func comparisonWords(d *lint.Document, furniture *lint.LineMatcher) []uint64 {
	return d.Memo(wordsKey{furniture}, func() any {
		// About one word per six bytes of news text: growing the slice
		// by appends cost a sixth of the hashing.
		words := make([]uint64, 0, len(d.Text)/6+8)
		isFurniture := furniture.MatchLines(d)
		for i, l := range d.Lines() {
			line := strings.TrimSpace(d.LineText(l))
			if line == "" || isFurniture[i] || isImageFileLine(line) {
				continue
			}
			if strings.Contains(line, "【") {
				line = seoTagPattern.ReplaceAllString(line, " ")
			}
			if strings.Contains(line, "编辑") {
				line = editorTagPattern.ReplaceAllString(line, " ")
			}
			words = dedupe.WordHashes(words, line)
		}
		return words
	}).([]uint64)
}

// exactHash sums up the words in order: equal for documents that differ
// only in what comparisonWords leaves out or folds.
func exactHash(words []uint64) uint64 {
	h := uint64(14695981039346656037)
	for _, w := range words {
		h = (h ^ w) * 1099511628211
		h ^= h >> 29
	}
	return h
}

// docFiles numbers the files of a corpus so that a document is located by
// two small integers rather than by strings.
type docFiles struct {
	mu    sync.Mutex
	index map[string]int32
	paths []string
}

func (f *docFiles) id(path string) int32 {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.index == nil {
		f.index = map[string]int32{}
	}
	i, ok := f.index[path]
	if !ok {
		i = int32(len(f.paths))
		f.index[path] = i
		f.paths = append(f.paths, path)
	}
	return i
}

// describe names a document for a message: its file, and for a JSON Lines
// record, the record's line.
func (f *docFiles) describe(d *dedupe.Doc) string {
	path := f.paths[d.File]
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
		if strings.TrimSpace(d.LineText(l)) != "" {
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
