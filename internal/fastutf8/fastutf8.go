// Package fastutf8 decodes the characters of Latin and Vietnamese text
// without a call for each one, for the scans that read every character of
// a corpus.
package fastutf8

import (
	"unicode"
	"unicode/utf8"
)

// Decode is utf8.DecodeRuneInString(text[i:]) with the two- and three-byte
// sequences of Latin and Vietnamese letters decoded in line: the library's
// function is a call for every non-ASCII character, and the scans over
// every document's text make one for a quarter of Vietnamese characters.
// Anything else, malformed bytes included, goes to the library.
func Decode(text string, i int) (rune, int) {
	c := text[i]
	switch {
	case 0xC2 <= c && c <= 0xDF && i+1 < len(text):
		if t := text[i+1]; t&0xC0 == 0x80 {
			return rune(c&0x1F)<<6 | rune(t&0x3F), 2
		}
	case 0xE1 <= c && c <= 0xEC && i+2 < len(text):
		// E1-EC lead no overlong form and no surrogate: two continuation
		// bytes make a valid character.
		if t1, t2 := text[i+1], text[i+2]; t1&0xC0 == 0x80 && t2&0xC0 == 0x80 {
			return rune(c&0x0F)<<12 | rune(t1&0x3F)<<6 | rune(t2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(text[i:])
}

// MaySpace reports whether the character beyond ASCII at s[i] can be white
// space (unicode.IsSpace), from its first two bytes: U+0085 and U+00A0
// start C2 85 and C2 A0, U+1680 E1 9A, U+2000 to U+205F E2 80 and E2 81,
// U+3000 E3 80. A scan that asks only about white space need decode no
// other character: not the Vietnamese letters of U+1EA0 to U+1EF9, which
// share the E1 lead byte.
func MaySpace(s string, i int) bool {
	if i+1 >= len(s) {
		return false
	}
	switch c, next := s[i], s[i+1]; c {
	case 0xC2:
		return next == 0x85 || next == 0xA0
	case 0xE1:
		return next == 0x9A
	case 0xE2:
		return next == 0x80 || next == 0x81
	case 0xE3:
		return next == 0x80
	}
	return false
}

// MaySpaceLead reports whether c is a first byte MaySpace may accept (its
// cases), for a scan that tells most bytes apart from this one alone.
func MaySpaceLead(c byte) bool { return c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 }

// Latin returns the character at s[i] when it is one of U+0080 to U+02FF
// (two bytes, lead C2 to CB): the accented Latin letters of Vietnamese
// other than U+1EA0-U+1EF9 (à, ă, đ, ơ, ư ...). The scans over every
// document read them by table from the code point, without Decode.
func Latin(s string, i int) (rune, bool) {
	if c := s[i]; c >= 0xC2 && c < 0xCC && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), true
	}
	return 0, false
}

// VietnameseE1 reports whether the bytes after an 0xE1 lead byte encode
// one of U+1EA0 to U+1EF9 (E1 BA A0 to E1 BB B9): the Vietnamese letters
// with two marks, all composed, each capital an even code point and its
// small letter the next, so that scans over every character can take
// their case from the last byte without decoding.
func VietnameseE1(b1, b2 byte) bool {
	return b1 == 0xBA && b2 >= 0xA0 && b2 <= 0xBF || b1 == 0xBB && b2 >= 0x80 && b2 <= 0xB9
}

// TrimSpace is strings.TrimSpace, which for a line that starts or ends
// beyond ASCII decodes the character and searches the unicode package's
// table of white space for it: a Vietnamese line often starts with "Đ" or
// ends with "ọ", and the rules trim every line of every document (one and
// a half per cent of a check). Here only a character MaySpace accepts is
// decoded; the result is the same for any text, malformed or not.
func TrimSpace(s string) string {
	start := 0
	for start < len(s) {
		if c := s[start]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			start++
			continue
		}
		if !MaySpace(s, start) {
			break
		}
		r, size := utf8.DecodeRuneInString(s[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	end := len(s)
	for end > start {
		if c := s[end-1]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			end--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !MaySpace(s[:end], end-size) || !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return s[start:end]
}

// asciiSpace is the ASCII white space unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
