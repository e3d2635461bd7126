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

// WordHashes appends to dst a hash of each word of the line as Normalize
// would write it: a run of letters, digits and combining marks. Punctuation
// and spacing do not count. It does in one pass what Normalize does in
// three (lower-casing, tone folding, hashing), since every document of a
// corpus goes through it.
func WordHashes(dst []uint64, line string) []uint64 {
	words := len(dst)
	out, composed := wordHashes(dst, line, true)
	if composed {
		return out
	}
	// A character that NFC might change: start again on the NFC form.
	out, _ = wordHashes(out[:words], norm.NFC.String(line), false)
	return out
}

// wordHashes is WordHashes on a line; with stopAtDecomposed, it stops at
// the first character NFC might change, and reports false.
func wordHashes(dst []uint64, line string, stopAtDecomposed bool) ([]uint64, bool) {
	h := uint64(fnvOffset)
	inWord := false
	pending := rune(-1) // the last letter, held back in case a tone moves
	hashRune := func(r rune) {
		if r < utf8.RuneSelf {
			h = (h ^ uint64(r)) * fnvPrime
			return
		}
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		for _, c := range buf[:n] {
			h = (h ^ uint64(c)) * fnvPrime
		}
	}
	for _, r := range line {
		if stopAtDecomposed && r >= utf8.RuneSelf && !composedRune(r) {
			return dst, false
		}
		var word bool
		if r < utf8.RuneSelf {
			// wordRune's first case, written out: most characters are
			// ASCII, and wordRune is too big to inline.
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			word = 'a' <= r && r <= 'z' || '0' <= r && r <= '9'
		} else {
			r, word = wordRune(r)
		}
		if !word {
			if inWord {
				if pending >= 0 {
					hashRune(pending)
				}
				dst = append(dst, h)
				h, inWord, pending = fnvOffset, false, -1
			}
			continue
		}
		inWord = true
		if pending >= 0 {
			// foldTone's own first test, written here: most letters follow
			// one that no tone moves from, and foldTone is a call.
			if pending >= 0xF2 && (r == 'a' || r == 'e' || r == 'y') {
				if base, moved, ok := foldTone(pending, r); ok {
					hashRune(base)
					hashRune(moved)
					pending = -1
					continue
				}
			}
			hashRune(pending)
		}
		pending = r
	}
	if inWord {
		if pending >= 0 {
			hashRune(pending)
		}
		dst = append(dst, h)
	}
	return dst, true
}

// wordRune returns r in lower case and whether it belongs to a word (a
// letter, a digit or a combining mark).
func wordRune(r rune) (rune, bool) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r, 'a' <= r && r <= 'z' || '0' <= r && r <= '9'
	}
	if r < rune(len(lowerWordTable)) {
		v := lowerWordTable[r]
		return rune(v &^ wordBit), v&wordBit != 0
	}
	return wordRuneSlow(r)
}

func wordRuneSlow(r rune) (rune, bool) {
	r = unicode.ToLower(r)
	return r, isWord(r)
}

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

const wordBit = 1 << 31

// lowerWordTable holds wordRune's answer for the first 8192 code points
// (Latin with every Vietnamese letter, Greek, Cyrillic, the combining
// marks), each as the lower-case rune with wordBit set for a word rune: the
// unicode package's range tables cost a binary search per character, and
// every character of the corpus goes through here. It takes 32 KB.
var lowerWordTable = func() *[0x2000]uint32 {
	var t [0x2000]uint32
	for r := range rune(len(t)) {
		l := unicode.ToLower(r)
		v := uint32(l)
		if isWord(l) {
			v |= wordBit
		}
		t[r] = v
	}
	return &t
}()

// composedRune reports whether r is a character NFC leaves as it is in any
// context: ASCII and Latin below the combining marks, the precomposed
// Vietnamese letters, general punctuation.
func composedRune(r rune) bool {
	return r < 0x300 && r != utf8.RuneError || 0x1E00 <= r && r <= 0x1EFF || 0x2010 <= r && r <= 0x2027 && r != 0x2017
}

// tones lists, for each base vowel the fold involves, its five toned
// forms: grave, acute, hook above, tilde, dot below.
var tones = map[rune][5]rune{
	'o': {'ò', 'ó', 'ỏ', 'õ', 'ọ'},
	'u': {'ù', 'ú', 'ủ', 'ũ', 'ụ'},
	'a': {'à', 'á', 'ả', 'ã', 'ạ'},
	'e': {'è', 'é', 'ẻ', 'ẽ', 'ẹ'},
	'y': {'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'},
}

// tonedFirst maps a toned o or u to its base and tone.
var tonedFirst = func() map[rune][2]rune {
	m := map[rune][2]rune{}
	for _, base := range []rune{'o', 'u'} {
		for t, r := range tones[base] {
			m[r] = [2]rune{base, rune(t)}
		}
	}
	return m
}()

// foldTone moves a tone from the first vowel of "oa", "oe", "uy" to the
// second, as toneFolder does: prev and next are consecutive letters.
func foldTone(prev, next rune) (base, moved rune, ok bool) {
	if next != 'a' && next != 'e' && next != 'y' || prev < 0xF2 {
		return 0, 0, false // no toned o or u is below ò
	}
	bt, ok := tonedFirst[prev]
	if !ok {
		return 0, 0, false
	}
	if (bt[0] == 'o' && (next == 'a' || next == 'e')) || (bt[0] == 'u' && next == 'y') {
		return bt[0], tones[next][bt[1]], true
	}
	return 0, 0, false
}
