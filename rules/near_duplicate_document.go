package rules

import (
	"encoding/binary"

	"github.com/scrapelint/scrapelint/internal/dedupe"
	"github.com/scrapelint/scrapelint/lint"
)

// NearDuplicateDocument finds documents that are mostly another's text
// (DEFECTS.md family 8).
var NearDuplicateDocument = &lint.Rule{
	ID:       "near-duplicate-document",
	Family:   "8",
	Severity: lint.Warning,
	Summary:  "a document that is mostly the text of an earlier document",
	Doc: `An agency story republished by many sites comes back with a sentence edited,
a different headline, or another site's sidebar and footer around it.

Each document's normalised words (as duplicate-document normalises them) are cut
into overlapping five-word shingles and summed up in a MinHash signature of 64
values; locality-sensitive hashing over bands of the signature finds candidate
pairs, and each candidate is verified on the whole signature. Two documents are
near copies when the estimated Jaccard similarity of their shingles, or the
containment of the smaller in the larger (the share of its shingles found in
the other, which extra sidebars and footers do not lower), is at or above the
threshold. Containment counts only between documents of comparable length
(the larger at most three times the smaller): a short story quoted in a long
roundup is not a copy of it, and the containment estimate's error grows with
the ratio. The later one is reported with both figures, naming the earlier.
Documents shorter than min-shingles shingles are left to duplicate-document.`,
	Before: "(a document that repeats an earlier one with one sentence reworded)",
	After:  "(reported on the later copy: near copy of corpus/a.txt, Jaccard 0.86, containment 0.93)",
	Fix:    lint.NoFix,
	FixDoc: `None: dropping a document is for "scrapelint dedup --out".`,
	Options: []lint.Option{
		{Name: "threshold", Default: 0.8, Doc: "similarity (Jaccard or containment) at which two documents are near copies"},
		{Name: "min-shingles", Default: 20, Doc: "documents with fewer shingles (about as many words) are too short to judge"},
	},
	Lexicons:  []string{"page-furniture"},
	NewCorpus: newNearDuplicateState,
	Run:       runNearDuplicateDocument,
}

type nearDuplicateState struct {
	furniture *lint.LineMatcher
	index     *dedupe.Index
}

func newNearDuplicateState(s *lint.Settings) lint.CorpusState {
	return &nearDuplicateState{furniture: s.Lexicon("page-furniture").Lines(), index: dedupe.NewIndex(DedupOptions(s))}
}

// DedupOptions are the thresholds of near-duplicate-document as
// configured in s (its Settings), for "scrapelint dedup".
func DedupOptions(s *lint.Settings) dedupe.Options {
	opt := dedupe.DefaultOptions()
	opt.Threshold = s.Float("threshold")
	opt.MinShingles = s.Int("min-shingles")
	return opt
}

// DedupDoc is what near-duplicate-document keeps of d (Settings s): its
// exact hash, length and MinHash signature. File and Record are left for
// the caller.
func DedupDoc(d *lint.Document, s *lint.Settings) dedupe.Doc {
	c := comparisonOf(d, s.Lexicon("page-furniture").Lines())
	sig, n := dedupe.Sign(c.words)
	return dedupe.Doc{Seq: d.Seq, Exact: c.exactHash(), Length: int32(len(c.words)), Shingles: int32(n), Sig: &sig}
}

func (st *nearDuplicateState) Observe(d *lint.Document) { st.ObserveSummary(d.Ref(), st.Summarize(d)) }

// Summarize keeps the hash and length of the document's words, its number
// of shingles and its signature: 144 bytes.
func (st *nearDuplicateState) Summarize(d *lint.Document) []byte {
	c := comparisonOf(d, st.furniture)
	sig, n := dedupe.Sign(c.words)
	b := binary.LittleEndian.AppendUint64(make([]byte, 0, 16+2*dedupe.Size), c.exactHash())
	b = binary.LittleEndian.AppendUint32(b, uint32(len(c.words)))
	b = binary.LittleEndian.AppendUint32(b, uint32(n))
	for _, v := range sig {
		b = binary.LittleEndian.AppendUint16(b, v)
	}
	return b
}

func (st *nearDuplicateState) ObserveSummary(ref lint.DocRef, sum []byte) {
	if len(sum) != 16+2*dedupe.Size {
		return
	}
	d := dedupe.Doc{
		Seq: ref.Seq, Record: int32(ref.Record),
		Exact:    binary.LittleEndian.Uint64(sum),
		Length:   int32(binary.LittleEndian.Uint32(sum[8:])),
		Shingles: int32(binary.LittleEndian.Uint32(sum[12:])),
		Sig:      new(dedupe.Signature),
	}
	for i := range d.Sig {
		d.Sig[i] = binary.LittleEndian.Uint16(sum[16+2*i:])
	}
	st.index.Add(d)
}

func (st *nearDuplicateState) Reports(ref lint.DocRef, _ []byte) bool {
	m, ok := st.match(ref.Seq)
	return ok && !m.Exact
}

func (st *nearDuplicateState) match(seq int) (dedupe.Match, bool) {
	i := findDoc(st.index.Docs, seq)
	if i < 0 {
		return dedupe.Match{}, false
	}
	m, ok := st.index.Matches[i]
	return m, ok
}

func (st *nearDuplicateState) Finish() { st.index.Finish() }

func runNearDuplicateDocument(p *lint.Pass) {
	st, ok := p.Corpus.(*nearDuplicateState)
	if !ok {
		return
	}
	m, found := st.match(p.Doc.Seq)
	if !found || m.Exact {
		return
	}
	start, end := firstLineSpan(p.Doc)
	p.Reportf(start, end, "near copy of %s (Jaccard %.2f, containment %.2f)", describe(p, &st.index.Docs[m.Of]), m.Jaccard, m.Containment)
}
