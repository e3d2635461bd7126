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
	if !composedOnly(line) {
		line = norm.NFC.String(line)
	}
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
		word := false
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			word = 'a' <= r && r <= 'z' || '0' <= r && r <= '9'
		} else {
			r = unicode.ToLower(r)
			word = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
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
			if base, moved, ok := foldTone(pending, r); ok {
				hashRune(base)
				hashRune(moved)
				pending = -1
				continue
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
	return dst
}

// composedOnly reports whether line holds only characters that are NFC
// on their own and never compose with the one before: below U+0300,
// Vietnamese letters (Latin Extended Additional) and common punctuation.
// Most lines do, and skip the normaliser.
func composedOnly(line string) bool {
	for i := 0; i < len(line); {
		if line[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		if !composedRune(r) {
			return false
		}
		i += size
	}
	return true
}

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
	if prev < 0xF2 {
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
