package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/scrapelint/scrapelint/internal/fastutf8"
	"github.com/scrapelint/scrapelint/lint"
)

// NonNFCText finds text that is not in Unicode normalization form C
// (DEFECTS.md family 7).
var NonNFCText = &lint.Rule{
	ID:       "non-nfc-text",
	Family:   "7",
	Severity: lint.Error,
	Summary:  "text not in Unicode NFC: letters spelled with combining marks",
	Doc: `Vietnamese letters can be stored precomposed ("ạ", U+1EA1) or as a base
letter followed by combining marks ("a" + U+0323). The two look identical,
but search, deduplication, counting and tokenizers treat them as different
strings. Pages copied from word processors or macOS file names often bring
the decomposed (NFD) spelling into a corpus that is otherwise NFC.

The rule reports each word holding text whose NFC form differs from it.`,
	Before: "Hội nghị diễn ra ta\u0323i Hà Nội.",
	After:  "Hội nghị diễn ra tại Hà Nội.",
	Fix:    lint.SafeFix,
	FixDoc: `Safe: each non-NFC run is replaced by its NFC form. The edit covers only
the run (the normalization segments whose NFC form differs), never the rest
of the word or the document; NFC is canonical equivalence, so the text reads
the same.`,
	Run: runNonNFCText,
}

func runNonNFCText(p *lint.Pass) {
	text := p.Doc.Text
	var edits []lint.Edit
	wordStart, wordEnd := -1, -1
	flush := func() {
		if len(edits) == 0 {
			return
		}
		p.ReportFix(edits[0].Start, edits[len(edits)-1].End, lint.Safe, edits,
			"%q is not in Unicode NFC: %s for %s; it looks the same but does not match the composed spelling",
			text[wordStart:wordEnd], describeRunes(text[edits[0].Start:edits[len(edits)-1].End]), describeRunes(nfcOf(edits)))
		edits = nil
	}
	for _, run := range nonNFCRunsAfter(text, documentShape(p.Doc).plainPrefix) {
		ws, we := wordAround(text, run.Start, run.End)
		if ws != wordStart {
			flush()
			wordStart, wordEnd = ws, we
		}
		edits = append(edits, run)
	}
	flush()
}

// nonNFCRunsAfter returns, as edits to NFC, the maximal runs of consecutive
// normalization segments of text whose NFC form differs from them, given
// the offset k of text's first character outside plainComposedRune's ranges
// (the document's shared character scan finds it). Segments are
// normalized independently of their neighbours (that is what a segment
// boundary means in x/text/unicode/norm), so replacing each run by its NFC
// form turns the whole text into its NFC form.
func nonNFCRunsAfter(text string, k int) []lint.Edit {
	var runs []lint.Edit
	for k < len(text) {
		// The text before k is NFC and each of its characters starts a
		// segment; the character at k may compose with the one before
		// it, so the walk starts there. It stops at the next plain
		// character, which starts a segment of its own: QuickSpan's
		// table lookups go to the stretch of other characters, not to
		// the rest of the document (an emoji in a headline sent every
		// character after it through them).
		_, size := utf8.DecodeLastRuneInString(text[:k])
		end := plainEnd(text, k, false)
		for _, run := range nonNFCRunsFrom(text[:end], k-size) {
			// A plain character with marks after it is the first segment
			// of the next stretch; its run goes on the one before it.
			if n := len(runs); n > 0 && runs[n-1].End == run.Start {
				runs[n-1].End, runs[n-1].NewText = run.End, runs[n-1].NewText+run.NewText
				continue
			}
			runs = append(runs, run)
		}
		k = plainEnd(text, end, true)
	}
	return runs
}

// plainEnd returns the offset of the first character of text at or after
// i that is inside plainComposedRune's ranges when plain is false, outside
// them when it is true; len(text) when there is none.
func plainEnd(text string, i int, plain bool) int {
	for i < len(text) {
		size := 1
		isPlain := text[i] < utf8.RuneSelf
		if !isPlain {
			var r rune
			r, size = fastutf8.Decode(text, i)
			isPlain = plainComposedRune(r)
		}
		if isPlain != plain {
			return i
		}
		i += size
	}
	return len(text)
}

// nonNFCRunsFrom is nonNFCRuns of text, with text[:start] known to be NFC
// and start a segment boundary.
func nonNFCRunsFrom(text string, start int) []lint.Edit {
	var runs []lint.Edit
	i := start
	for i < len(text) {
		n := norm.NFC.QuickSpanString(text[i:])
		if i+n == len(text) {
			break
		}
		// QuickSpan stops at the boundary before the first segment it is
		// not sure of; walk segments from there until one is normal again.
		i += n
		run := lint.Edit{Start: -1}
		for i < len(text) {
			size := norm.NFC.NextBoundaryInString(text[i:], true)
			if size <= 0 {
				size = len(text) - i
			}
			seg := text[i : i+size]
			nfc := seg
			if utf8.ValidString(seg) {
				nfc = norm.NFC.String(seg)
			}
			if nfc == seg {
				i += size
				break
			}
			if run.Start < 0 {
				run.Start = i
			}
			run.End = i + size
			run.NewText += nfc
			i += size
		}
		if run.Start >= 0 {
			runs = append(runs, run)
		}
	}
	return runs
}

// plainComposedRune reports whether r is a character that is NFC on its
// own and never composes with the character before it, so that a text made
// of them alone is NFC: below U+0300 (ASCII, Latin-1, Latin Extended),
// Latin Extended Additional (Vietnamese letters with two marks) and most of
// General Punctuation (dashes, quotes, the ellipsis). Nearly every line of a
// Vietnamese or English corpus is made of these alone, and checking them is
// several times faster than QuickSpan's table lookups.
// TestPlainComposedRanges holds the ranges to that promise.
func plainComposedRune(r rune) bool {
	return r < 0x300 && r != utf8.RuneError ||
		0x1E00 <= r && r <= 0x1EFF ||
		0x2010 <= r && r <= 0x2027 && r != 0x2017 ||
		0x2030 <= r && r <= 0x205E && r != 0x203E
}

func nfcOf(edits []lint.Edit) string {
	var b strings.Builder
	for _, e := range edits {
		b.WriteString(e.NewText)
	}
	return b.String()
}

// wordAround returns the bounds of the white-space delimited word holding
// text[start:end].
func wordAround(text string, start, end int) (int, int) {
	ws := 0
	if k := strings.LastIndexFunc(text[:start], unicode.IsSpace); k >= 0 {
		_, size := utf8.DecodeRuneInString(text[k:])
		ws = k + size
	}
	we := strings.IndexFunc(text[end:], unicode.IsSpace)
	if we < 0 {
		return ws, len(text)
	}
	return ws, end + we
}

// describeRunes names the code points of s, which is short (a few letters
// with their marks), so that a reader sees why two equal-looking strings
// differ.
func describeRunes(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == 8 {
			b.WriteString(" ...")
			break
		}
		if n > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "U+%04X", r)
		n++
	}
	return b.String()
}
