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

	"github.com/scrapelint/scrapelint/internal/fastutf8"
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
// corpus goes through it. A word's hash is FNV-1a over its code points, not
// its UTF-8 bytes: one step for each Vietnamese letter instead of two or
// three, and the hashes are only compared with one another.
func WordHashes(dst []uint64, line string) []uint64 {
	return WordHashesJoined(dst, nil, line)
}

// Joins lists, in increasing order, the indexes in a slice of word hashes
// of the words that follow the word before them on their line with no
// blank between: "5/9", "Kiên/TTXVN" and "nay.Bộ" are two words each, the
// second joined. Few words are, so a list is cheaper to keep than a bit
// for every word.
type Joins []int32

// WordHashesJoined is WordHashes that also records in joins, when it is not
// nil, which of the words it appends are joined to the word before them.
// A reader of whole blank-separated tokens ("5/9" as one) can combine the
// words back without reading the line again.
func WordHashesJoined(dst []uint64, joins *Joins, line string) []uint64 {
	words := len(dst)
	joined := 0
	if joins != nil {
		joined = len(*joins)
	}
	out, composed := wordHashes(dst, joins, line, true)
	if composed {
		return out
	}
	// A character that NFC might change: start again on the NFC form.
	if joins != nil {
		*joins = (*joins)[:joined]
	}
	out, _ = wordHashes(out[:words], joins, norm.NFC.String(line), false)
	return out
}

// wordHashes is WordHashesJoined on a line; with stopAtDecomposed, it stops
// at the first character NFC might change, and reports false.
func wordHashes(dst []uint64, joins *Joins, line string, stopAtDecomposed bool) ([]uint64, bool) {
	h := uint64(fnvOffset)
	inWord := false
	// blank is whether a blank (or the line's start) came between the last
	// word and the next: it changes only between words, so while a word
	// is read it says whether the word follows the one before without.
	blank := true
	// A toned o or u is held back, unhashed, until the next letter says
	// whether its tone moves; any other letter is hashed as it is read.
	// Holding every letter from ò up, as this once did, made the test for
	// a held letter go one way after each accented letter and the other
	// after each plain one, a branch no predictor learns.
	held := rune(-1)
	for i := 0; i < len(line); {
		var r rune
		var word, space bool
		if c := line[i]; c < utf8.RuneSelf {
			// wordRune's first case, as a table: most characters are
			// ASCII, and wordRune is too big to inline.
			v := asciiWord[c]
			i++
			if v != 0 && held < 0 {
				// A letter or digit with no letter held before it, most
				// characters of a text: hashed here, past the tests
				// below, none of which it needs.
				inWord = true
				h = fnvStep(h, rune(v))
				continue
			}
			r, word, space = rune(v), v != 0, c <= ' '
		} else if c == 0xE1 && i+2 < len(line) && fastutf8.VietnameseE1(line[i+1], line[i+2]) {
			// U+1EA0 to U+1EF9, half the accented letters of Vietnamese:
			// composed, capitals even and small letters odd, so the small
			// letter is the code point with its low bit set.
			r, word = (0x1000|rune(line[i+1]&0x3F)<<6|rune(line[i+2]&0x3F))|1, true
			i += 3
		} else if latin, ok := fastutf8.Latin(line, i); ok {
			// Composed, and looked up without decoding.
			v := lowerWordTable[latin]
			r, word = rune(v&^wordBit), v&wordBit != 0
			space = latin == 0x85 || latin == 0xA0
			i += 2
		} else {
			var size int
			r, size = fastutf8.Decode(line, i)
			i += size
			if stopAtDecomposed && !composedRune(r) {
				return dst, false
			}
			raw := r
			if r, word = wordRune(r); !word {
				space = unicode.IsSpace(raw)
			}
		}
		if !word {
			if inWord {
				if held >= 0 {
					h = fnvStep(h, held)
				}
				if !blank && joins != nil {
					*joins = append(*joins, int32(len(dst)))
				}
				dst = append(dst, h)
				h, inWord, held, blank = fnvOffset, false, -1, space
				continue
			}
			blank = blank || space
			continue
		}
		inWord = true
		if held >= 0 {
			if base, moved, ok := foldTone(held, r); ok {
				h = fnvStep(fnvStep(h, base), moved)
				held = -1
				continue
			}
			h = fnvStep(h, held)
			held = -1
		}
		if tonedFirst[r&31].r == r {
			held = r
			continue
		}
		h = fnvStep(h, r)
	}
	if inWord {
		if held >= 0 {
			h = fnvStep(h, held)
		}
		if !blank && joins != nil {
			*joins = append(*joins, int32(len(dst)))
		}
		dst = append(dst, h)
	}
	return dst, true
}

// asciiWord is an ASCII letter or digit lower-cased, and 0 for any other
// byte.
var asciiWord = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			t[c] = byte(c)
		}
	}
	return t
}()

// fnvStep adds one character to an FNV-1a hash.
func fnvStep(h uint64, r rune) uint64 { return (h ^ uint64(r)) * fnvPrime }

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

// lowerWordTable holds wordRune's answer for the code points up to U+206F
// (Latin with every Vietnamese letter, Greek, Cyrillic, the combining
// marks, and General Punctuation, the curly quotes and dashes of news
// text), each as the lower-case rune with wordBit set for a word rune: the
// unicode package's range tables cost 700 instructions a character, and
// every character of the corpus goes through here. It takes 32.4 KB.
var lowerWordTable = func() *[0x2070]uint32 {
	var t [0x2070]uint32
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

// tonedFirst maps a toned o or u to its base and tone, at the rune's low
// five bits, which differ for the ten (an empty slot holds 0, which no
// letter is): wordHashes asks it of every letter whether to hold it, and
// foldTone of every held letter before a, e or y, where a map lookup was a
// tenth of hashing a Vietnamese text.
var tonedFirst = func() (t [32]struct {
	r, base rune
	tone    uint8
}) {
	for _, base := range []rune{'o', 'u'} {
		for tone, r := range tones[base] {
			e := &t[r&31]
			if e.r != 0 {
				panic("tonedFirst: two toned letters share a slot")
			}
			e.r, e.base, e.tone = r, base, uint8(tone)
		}
	}
	return t
}()

// foldTone moves a tone from the first vowel of "oa", "oe", "uy" to the
// second, as toneFolder does: prev, a toned o or u (a held letter), and
// next are consecutive letters.
func foldTone(prev, next rune) (base, moved rune, ok bool) {
	if next != 'a' && next != 'e' && next != 'y' {
		return 0, 0, false
	}
	bt := &tonedFirst[prev&31]
	if (bt.base == 'o' && (next == 'a' || next == 'e')) || (bt.base == 'u' && next == 'y') {
		return bt.base, tones[next][bt.tone], true
	}
	return 0, 0, false
}
