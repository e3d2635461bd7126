// Package dedupe finds duplicate and near-duplicate documents in a corpus
// from small per-document signatures: a hash of the normalised text for
// exact copies, and a MinHash signature of word shingles, banded for
// locality-sensitive hashing, for near copies. It keeps no text, so its
// memory grows by a few hundred bytes per document, not with the corpus's
// size.
package dedupe

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// toneFolder moves a Vietnamese tone mark written on the first vowel of
// "oa", "oe" and "uy" (the old style, "hóa") onto the second (the new
// style, "hoá"), so that both spellings of a word compare equal. Only the
// placement is folded: the marks themselves are kept, since dropping them
// merges distinct words ("hoa", "hóa", "họa").
var toneFolder = strings.NewReplacer(
	"òa", "oà", "óa", "oá", "ỏa", "oả", "õa", "oã", "ọa", "oạ",
	"òe", "oè", "óe", "oé", "ỏe", "oẻ", "õe", "oẽ", "ọe", "oẹ",
	"ùy", "uỳ", "úy", "uý", "ủy", "uỷ", "ũy", "uỹ", "ụy", "uỵ",
)

// Normalize is the form in which texts are compared: NFC, lower case, tone
// marks placed one way. Diacritics stay.
func Normalize(s string) string {
	if norm.NFC.QuickSpanString(s) != len(s) {
		s = norm.NFC.String(s)
	}
	return toneFolder.Replace(strings.ToLower(s))
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// WordHashes appends to dst a hash of each word of the normalised line: a
// run of letters, digits and combining marks. Punctuation and spacing do
// not count.
func WordHashes(dst []uint64, line string) []uint64 {
	line = Normalize(line)
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		h := uint64(fnvOffset)
		for i < len(line) {
			r, size = utf8.DecodeRuneInString(line[i:])
			if !isWordRune(r) {
				break
			}
			for k := i; k < i+size; k++ {
				h = (h ^ uint64(line[k])) * fnvPrime
			}
			i += size
		}
		dst = append(dst, h)
	}
	return dst
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
