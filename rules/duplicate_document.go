package rules

import (
	"encoding/binary"

	"github.com/scrapelint/scrapelint/internal/dedupe"
	"github.com/scrapelint/scrapelint/lint"
)

// DuplicateDocument finds documents whose text is another's, once
// normalised (DEFECTS.md family 8).
var DuplicateDocument = &lint.Rule{
	ID:       "duplicate-document",
	Family:   "8",
	Severity: lint.Warning,
	Summary:  "a document whose text is the same as an earlier document's",
	Doc: `The same article is often saved twice: scraped again on a later run, or
republished word for word by another site. A corpus wants it once.

Documents are compared after normalisation: NFC, case, spacing and punctuation
folded, Vietnamese tone marks placed one way ("hoá" and "hóa" are the same
word; diacritics are kept, so "hoa" and "hóa" are not), and page furniture
lines, CMS tags and image file names left out. Each later copy is reported once,
naming the first. "scrapelint dedup" groups the copies and writes a corpus with
one of each.`,
	Before:    "(a document whose text is that of an earlier one, up to case, spacing and page furniture)",
	After:     "(reported on the later copy: same text as corpus/a.txt)",
	Fix:       lint.NoFix,
	FixDoc:    `None: dropping a document is for "scrapelint dedup --out".`,
	Lexicons:  []string{"page-furniture"},
	NewCorpus: newDuplicateState,
	Run:       runDuplicateDocument,
}

type duplicateState struct {
	furniture *lint.LineMatcher
	index     *dedupe.Index
}

func newDuplicateState(s *lint.Settings) lint.CorpusState {
	return &duplicateState{furniture: s.Lexicon("page-furniture").Lines(), index: dedupe.NewIndex(dedupe.DefaultOptions())}
}

func (st *duplicateState) Observe(d *lint.Document) { st.ObserveSummary(d.Ref(), st.Summarize(d)) }

// Summarize keeps the hash and length of the document's words.
func (st *duplicateState) Summarize(d *lint.Document) []byte {
	c := comparisonOf(d, st.furniture)
	return binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint64(nil, c.exactHash()), uint32(len(c.words)))
}

func (st *duplicateState) ObserveSummary(ref lint.DocRef, sum []byte) {
	if len(sum) != 12 {
		return
	}
	st.index.Add(dedupe.Doc{
		Seq: ref.Seq, Record: int32(ref.Record),
		Exact: binary.LittleEndian.Uint64(sum), Length: int32(binary.LittleEndian.Uint32(sum[8:])),
	})
}

func (st *duplicateState) Reports(ref lint.DocRef, _ []byte) bool {
	m, ok := st.match(ref.Seq)
	return ok && m.Exact
}

// match returns what the document numbered seq copies, if anything.
func (st *duplicateState) match(seq int) (dedupe.Match, bool) {
	i := findDoc(st.index.Docs, seq)
	if i < 0 {
		return dedupe.Match{}, false
	}
	m, ok := st.index.Matches[i]
	return m, ok
}

func (st *duplicateState) Finish() { st.index.FinishExact() }

func runDuplicateDocument(p *lint.Pass) {
	st, ok := p.Corpus.(*duplicateState)
	if !ok {
		return
	}
	m, found := st.match(p.Doc.Seq)
	if !found || !m.Exact {
		return
	}
	start, end := firstLineSpan(p.Doc)
	p.Reportf(start, end, "same text as %s (after normalising case, spacing, Unicode and page furniture)", describe(p, &st.index.Docs[m.Of]))
}
