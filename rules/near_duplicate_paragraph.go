package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

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

Each line of at least min-words words is a paragraph. Its words, lower-cased
and stripped of the punctuation around them, are cut into overlapping runs of
three (shingles), and a paragraph is reported when the Jaccard similarity of
its shingles with an earlier paragraph's is threshold or more. Exact copies
are left to repeated-line. A paragraph ending like a sentence and one that
does not (a caption or a headline restated by the sentence under it) are
never compared: a photo caption usually repeats its paragraph's words on
purpose.`,
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
	Run: runNearDuplicateParagraph,
}

// shingleWords is the length of the word runs paragraphs are compared by:
// three words survive a changed word elsewhere in the paragraph while two
// common words in a row ("của các", "of the") do not make paragraphs alike.
const shingleWords = 3

// maxPostings bounds how many paragraphs a shingle remembers. A run of three
// words found in more paragraphs than this is a formula of the text ("theo
// kế hoạch", "of the year"), not a sign of a copy; remembering it would make
// a long document cost the square of its paragraphs. Pairs that share it
// only count it less, which can only hide a finding.
const maxPostings = 64

// paragraph is one line the rule compares.
type paragraph struct {
	line     int
	text     string
	shingles []uint64
	sentence bool
}

func runNearDuplicateParagraph(p *lint.Pass) {
	threshold := p.Float("threshold")
	paras := collectParagraphs(p.Doc, p.Int("min-words"))
	if len(paras) < 2 {
		return
	}
	// postings maps a shingle to the earlier paragraphs that have it, so
	// that each paragraph is compared only with those it shares a shingle
	// with, not with every earlier one.
	postings := map[uint64][]int32{}
	shared := make([]int, len(paras))
	exact := make(map[string]bool, len(paras))
	for j, para := range paras {
		if exact[para.text] {
			continue // an exact copy, repeated-line's to report
		}
		exact[para.text] = true
		clear(shared[:j])
		for _, h := range para.shingles {
			for _, i := range postings[h] {
				shared[i]++
			}
		}
		if i, sim := bestMatch(paras, shared[:j], j, threshold); i >= 0 {
			l := p.Doc.Lines()[para.line]
			p.ReportFix(l.Start, l.End, lint.Unsafe, []lint.Edit{deleteLine(p.Doc, para.line)},
				"paragraph nearly repeats line %d (%.0f%% of word runs shared)", paras[i].line+1, 100*sim)
		}
		for _, h := range para.shingles {
			if ps := postings[h]; len(ps) < maxPostings {
				postings[h] = append(ps, int32(j))
			}
		}
	}
}

// bestMatch returns the earlier paragraph most similar to paras[j], if its
// similarity reaches threshold.
func bestMatch(paras []paragraph, shared []int, j int, threshold float64) (int, float64) {
	best, bestSim := -1, 0.0
	b := paras[j]
	for i, n := range shared {
		if n == 0 {
			continue
		}
		a := paras[i]
		sim := float64(n) / float64(len(a.shingles)+len(b.shingles)-n)
		if sim < threshold || sim <= bestSim || a.sentence != b.sentence {
			continue
		}
		best, bestSim = i, sim
	}
	return best, bestSim
}

// collectParagraphs returns the document's lines of at least minWords
// words, with their distinct shingles.
func collectParagraphs(d *lint.Document, minWords int) []paragraph {
	var paras []paragraph
	var words []string
	for i, l := range d.Lines() {
		text := strings.TrimSpace(d.LineText(l))
		words = normalizedWords(text, words[:0])
		if len(words) < minWords || len(words) < shingleWords {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(text)
		paras = append(paras, paragraph{
			line: i, text: text, shingles: shingleSet(words),
			sentence: strings.ContainsRune(".!?…\"”", last),
		})
	}
	return paras
}

// normalizedWords appends text's words to dst, lower-cased and without the
// punctuation around them; tokens with no letter or digit are dropped.
func normalizedWords(text string, dst []string) []string {
	for _, w := range strings.Fields(text) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w != "" {
			dst = append(dst, strings.ToLower(w))
		}
	}
	return dst
}

// shingleSet hashes every run of shingleWords words, without repeats.
func shingleSet(words []string) []uint64 {
	seen := make(map[uint64]bool, len(words))
	out := make([]uint64, 0, len(words))
	for i := 0; i+shingleWords <= len(words); i++ {
		h := uint64(14695981039346656037)
		for _, w := range words[i : i+shingleWords] {
			h = (h ^ hashWord(w)) * 1099511628211
		}
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}
