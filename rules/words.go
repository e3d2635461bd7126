package rules

import (
	"hash/maphash"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/internal/fastutf8"
	"github.com/scrapelint/scrapelint/internal/slicepool"
	"github.com/scrapelint/scrapelint/lint"
)

// word is one run of letters in a text: Text[Start:End]. Combining marks
// count as letters, so a word written in NFD stays one word.
type word struct {
	Start, End int
}

// isWordRune reports whether r belongs inside a word: a letter or a
// combining mark.
func isWordRune(r rune) bool { return classOf(r).flags&(runeLetter|runeMark) != 0 }

// isMark reports whether r is a combining (nonspacing) mark.
func isMark(r rune) bool { return classOf(r).flags&runeMark != 0 }

// docWordsKey memoizes a document's letterWords over its whole text.
type docWordsKey struct{}

// documentWords returns letterWords of the whole document, computed once
// per document for every rule that asks; the slice must not be modified.
func documentWords(d *lint.Document) []word {
	return d.Memo(docWordsKey{}, func() any {
		return &docWords{letterWords(letterWordPool.Get(), d.Text)}
	}).(*docWords).words
}

// docWords is a document's memoized letterWords, whose slice goes back to
// be reused when the document is released.
type docWords struct{ words []word }

func (w *docWords) Release() {
	letterWordPool.Put(w.words)
	w.words = nil
}

var letterWordPool = slicepool.Pool[word]{Most: maxPooledWords}

// maxPooledWords bounds the word slices kept for reuse.
const maxPooledWords = 1 << 14

// letterWords appends to dst the runs of letters (and marks) of text.
func letterWords(dst []word, text string) []word {
	// About a word per six bytes: a slice grown by appends, or a reused
	// one too short for the document, was a tenth of a check's allocation.
	words := dst
	if cap(words) < len(text)/6+1 {
		words = make([]word, 0, len(text)/6+1)
	}
	in := -1
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			isLetter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
			if isLetter && in < 0 {
				in = i
			} else if !isLetter && in >= 0 {
				words = append(words, word{in, i})
				in = -1
			}
			i++
			continue
		}
		// The accented letters of Vietnamese are read without decoding:
		// U+1EA0 to U+1EF9 are all letters, U+0080 to U+02FF are looked up.
		var isWord bool
		var size int
		if c == 0xE1 && i+2 < len(text) && fastutf8.VietnameseE1(text[i+1], text[i+2]) {
			isWord, size = true, 3
		} else if r, ok := fastutf8.Latin(text, i); ok {
			isWord, size = isWordRune(r), 2
		} else {
			r, size = fastutf8.Decode(text, i)
			isWord = isWordRune(r)
		}
		if isWord {
			if in < 0 {
				in = i
			}
		} else if in >= 0 {
			words = append(words, word{in, i})
			in = -1
		}
		i += size
	}
	if in >= 0 {
		words = append(words, word{in, len(text)})
	}
	return words
}

// isCapitalised reports whether s starts with an uppercase letter.
func isCapitalised(s string) bool {
	if s == "" {
		return false
	}
	// Asked of every word: an ASCII first byte answers without decoding.
	if c := s[0]; c < utf8.RuneSelf {
		return 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return classOf(r).flags&runeUpper != 0
}

// caseChange returns the offsets inside w where a letter of case from is
// followed by one of case to (unicode.IsLower, unicode.IsUpper). Combining
// marks are skipped: they carry no case and belong to the letter before.
func caseChange(text string, w word, from, to func(rune) bool) []int {
	var offsets []int
	prev := rune(-1)
	for i := w.Start; i < w.End; {
		r, size := fastutf8.Decode(text, i)
		if isMark(r) {
			i += size
			continue
		}
		if prev >= 0 && from(prev) && to(r) {
			offsets = append(offsets, i)
		}
		prev = r
		i += size
	}
	return offsets
}

// wordRuneBefore reports whether the rune just before offset i of text is a
// letter, mark or digit: whether a word or number continues there.
func wordRuneBefore(text string, i int) bool {
	if i <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return isWordRune(r) || unicode.IsDigit(r)
}

// wordRuneAt reports whether the rune at offset i of text is a letter, mark
// or digit.
func wordRuneAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r) || unicode.IsDigit(r)
}

// letterCase returns whether r is an uppercase and whether it is a lowercase
// letter.
func letterCase(r rune) (upper, lower bool) {
	c := classOf(r)
	return c.flags&runeUpper != 0, c.flags&runeLower != 0
}

// runeClass is what the scans over every character of every document ask
// of a rune: its lower case and its unicode categories.
type runeClass struct {
	lower rune
	flags uint8
}

const (
	runeUpper = 1 << iota
	runeLower
	runeLetter
	runeDigit
	runeMark // a nonspacing mark (Mn)
)

// classOf answers from runeTable for the code points up to U+206F (Latin
// with every Vietnamese letter, Greek, Cyrillic, the combining marks, and
// General Punctuation, the curly quotes and dashes of news text): the
// unicode package's range tables cost a thousand instructions a character,
// and a check of the generated corpus met a curly quote every 700 bytes.
func classOf(r rune) runeClass {
	if uint32(r) < uint32(len(runeTable)) {
		return runeTable[r]
	}
	return classifyRune(r)
}

func classifyRune(r rune) runeClass {
	c := runeClass{lower: unicode.ToLower(r)}
	for _, f := range []struct {
		is   bool
		flag uint8
	}{
		{unicode.IsUpper(r), runeUpper}, {unicode.IsLower(r), runeLower}, {unicode.IsLetter(r), runeLetter},
		{unicode.IsDigit(r), runeDigit}, {unicode.Is(unicode.Mn, r), runeMark},
	} {
		if f.is {
			c.flags |= f.flag
		}
	}
	return c
}

// runeTable holds classifyRune of the code points up to U+206F (65 KB).
var runeTable = func() *[0x2070]runeClass {
	var t [0x2070]runeClass
	for r := range rune(len(t)) {
		t[r] = classifyRune(r)
	}
	return &t
}()

// textShapeKey memoizes a document's scanTextShape.
type textShapeKey struct{}

// textShape is what one scan over a document's characters tells the rules
// that would each have scanned it: the case shapes missing-dash and
// missing-space look for, and where non-nfc-text has to start looking.
type textShape struct {
	lowerUpper, upperUpperLower bool
	// plainPrefix is the offset of the first character outside
	// plainComposedRune's ranges, or the text's length.
	plainPrefix int
}

func documentShape(d *lint.Document) textShape {
	return d.Memo(textShapeKey{}, func() any { return scanTextShape(d.Text) }).(textShape)
}

// caseShapes reports whether the document's text has a lowercase letter
// directly followed by an uppercase one (missing-space's "nămHà") and two
// uppercase letters followed by a lowercase one (missing-dash's "ÁThái"),
// combining marks skipped. Most documents have neither and are done with
// the one scan.
func caseShapes(d *lint.Document) (lowerUpper, upperUpperLower bool) {
	ts := documentShape(d)
	return ts.lowerUpper, ts.upperUpperLower
}

func scanTextShape(text string) textShape {
	// A shape depends on a character's case and the cases of the two
	// cased characters before it (combining marks skipped: a mark belongs
	// to the letter before it): state holds the three, two bits each, and
	// indexes one table. Every document goes through this scan. An
	// automaton whose next state was a table entry made each character
	// wait for the load of the one before.
	state, flags := uint(0), uint8(0)
	plainPrefix := len(text)
	for i := 0; i < len(text); {
		var k uint8
		if c := text[i]; c < utf8.RuneSelf {
			// No ASCII character is a mark, and none ends the scan early
			// (that is checked after the others, which are rarer).
			state = (state<<2 | uint(asciiCase[c])) & 63
			flags |= caseShapes3[state]
			i++
			continue
		} else if c == 0xE1 && i+2 < len(text) && fastutf8.VietnameseE1(text[i+1], text[i+2]) {
			// U+1EA0 to U+1EF9, half the accented letters of Vietnamese:
			// capitals even, small letters odd, all composed, so the last
			// byte's parity is the case, without decoding.
			k = caseLower
			if text[i+2]&1 == 0 {
				k = caseUpper
			}
			i += 3
		} else if latin, ok := fastutf8.Latin(text, i); ok {
			// U+0080 to U+02FF, the other accented letters of Vietnamese
			// (à, ă, đ, ơ, ư ...), all composed: one table look-up.
			k = latinCase[latin-0x80]
			i += 2
		} else {
			r, size := fastutf8.Decode(text, i)
			if plainPrefix == len(text) && !plainComposedRune(r) {
				plainPrefix = i
			}
			i += size
			k = runeCase(classOf(r))
		}
		if k != caseMark {
			state = (state<<2 | uint(k)) & 63
			flags |= caseShapes3[state]
		}
		if flags&bothShapes == bothShapes && plainPrefix < len(text) {
			break
		}
	}
	return textShape{lowerUpper: flags&shapeLowerUpper != 0, upperUpperLower: flags&shapeUpperUpperLower != 0, plainPrefix: plainPrefix}
}

// runeCase is the case class scanTextShape reads for a character.
func runeCase(c runeClass) uint8 {
	switch {
	case c.flags&runeUpper != 0:
		return caseUpper
	case c.flags&runeLower != 0:
		return caseLower
	case c.flags&runeMark != 0:
		return caseMark
	}
	return caseOther
}

// The shapes scanTextShape finds: a lowercase letter directly followed by
// an uppercase one, and two uppercase letters followed by a lowercase one.
const (
	shapeLowerUpper      = 0x10
	shapeUpperUpperLower = 0x20
	bothShapes           = shapeLowerUpper | shapeUpperUpperLower
)

// caseShapes3 is the shape a character of case k makes after characters of
// cases prev2 and prev1, at prev2<<4 | prev1<<2 | k.
var caseShapes3 = func() (t [64]uint8) {
	for prev2 := range uint8(4) {
		for prev1 := range uint8(4) {
			for k := range uint8(4) {
				var shapes uint8
				if k == caseUpper && prev1 == caseLower {
					shapes |= shapeLowerUpper
				}
				if k == caseLower && prev1 == caseUpper && prev2 == caseUpper {
					shapes |= shapeUpperUpperLower
				}
				t[prev2<<4|prev1<<2|k] = shapes
			}
		}
	}
	return t
}()

const (
	caseOther = iota
	caseUpper
	caseLower
	caseMark
)

// latinCase is runeCase of U+0080 to U+02FF (fastutf8.Latin), at the
// code point less 0x80.
var latinCase = func() (t [0x300 - 0x80]uint8) {
	for i := range t {
		t[i] = runeCase(classOf(rune(i + 0x80)))
	}
	return t
}()

// asciiCase tells an ASCII byte's case.
var asciiCase = func() (t [utf8.RuneSelf]uint8) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c], t[c+'a'-'A'] = caseUpper, caseLower
	}
	return t
}()

// needleScan finds, in order, where in a text any of a few strings occurs,
// each with its own vector search (strings.IndexByte or strings.Index,
// many bytes at a time) instead of a test of every byte: the strings a
// rule looks for are rare, and testing every byte of the corpus for each
// was most of such a rule's cost. It remembers where each string occurs
// next, so that a text full of one of them is not searched again for the
// others at each.
type needleScan struct {
	text    string
	needles []needle // at most maxNeedles
	// at[k] is where needles[k] occurs next from where it was last
	// searched for, or len(text) when it does not.
	at      [maxNeedles]int
	started bool
}

// needle is a string a needleScan looks for. The search is for its bytes
// from rare on: "xa0" starts with a letter common in the text, and
// strings.Index, which hops from one occurrence of the first byte to the
// next, is a call for each; its "0" is rare.
type needle struct {
	text string
	rare int // where in text the searched bytes start
}

const maxNeedles = 8

// from returns the offset of the first occurrence of a needle at or after
// i, or len(text); i must not decrease from one call to the next.
func (s *needleScan) from(i int) int {
	first := len(s.text)
	for k, n := range s.needles {
		if !s.started || (s.at[k] < i && s.at[k] < len(s.text)) {
			s.at[k] = s.next(n, i)
		}
		first = min(first, s.at[k])
	}
	s.started = true
	return first
}

// next returns the offset of the first occurrence of n at or after i, or
// len(text).
func (s *needleScan) next(n needle, i int) int {
	lead, rest := n.text[:n.rare], n.text[n.rare:]
	for j := i + len(lead); j <= len(s.text); {
		var p int
		if len(rest) == 1 {
			p = strings.IndexByte(s.text[j:], rest[0])
		} else {
			p = strings.Index(s.text[j:], rest)
		}
		if p < 0 {
			break
		}
		at := j + p - len(lead)
		if s.text[at:at+len(lead)] == lead {
			return at
		}
		j += p + 1
	}
	return len(s.text)
}

// hasSpaced reports whether s holds c with a space on each side (" | "):
// strings.Contains(s, " | ") hops from space to space, a call at every
// word of every line, where c is rare.
func hasSpaced(s string, c byte) bool {
	for i := 0; ; i++ {
		j := strings.IndexByte(s[i:], c)
		if j < 0 {
			return false
		}
		i += j
		if i > 0 && i+1 < len(s) && s[i-1] == ' ' && s[i+1] == ' ' {
			return true
		}
	}
}

// wordCount counts the blank-separated words of s, stopping at limit: the
// rules ask "more than n words?" of every line, and strings.Fields would
// build the words to count them.
func wordCount(s string, limit int) int {
	// Bytes, not characters: beyond ASCII only a character whose first two
	// bytes a space's could be is decoded; any other byte of a multi-byte
	// (or malformed) character is inside a word, as its character is. A
	// word starts at a byte inside one after a blank, which is counted
	// without a branch: every line of every document is counted, and a
	// test of the byte's kind and then of the word's start was a branch
	// mispredicted at each of the frequent changes.
	n, prev := 0, uint8(0)
	for i := 0; i < len(s); i++ {
		k := wordByte[s[i]]
		if k == wordByteMaySpace {
			k = 1
			if fastutf8.MaySpace(s, i) {
				if r, size := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
					k = 0
					i += size - 1
				}
			}
		}
		n += int(k &^ prev)
		prev = k
		if n >= limit {
			return n
		}
	}
	return n
}

// wordByte is what wordCount reads of a byte: 0 for ASCII white space, 1
// for a byte inside a word, wordByteMaySpace for a first byte MaySpace may
// accept.
var wordByte = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c < utf8.RuneSelf && unicode.IsSpace(rune(c)):
		case fastutf8.MaySpaceLead(byte(c)):
			t[c] = wordByteMaySpace
		default:
			t[c] = 1
		}
	}
	return t
}()

const wordByteMaySpace = 2

// docMap maps documents as a run's first pass read them to what a hint
// (lint.Rule.NewHint) learnt of each: it is keyed by a hash of each one's
// Seq and text, so that a document whose text changed since (a fix, a
// file rewritten during the run) is not in it. Safe for concurrent use.
type docMap[V any] struct {
	mu     sync.Mutex
	values map[uint64]V
}

func (m *docMap[V]) put(d *lint.Document, v V) {
	key := documentKey(d)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.values == nil {
		m.values = map[uint64]V{}
	}
	m.values[key] = v
}

func (m *docMap[V]) get(d *lint.Document) (V, bool) {
	key := documentKey(d)
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.values[key]
	return v, ok
}

// docSet is a set of documents as a run's first pass read them.
type docSet struct{ docMap[struct{}] }

func (s *docSet) add(d *lint.Document) { s.put(d, struct{}{}) }

func (s *docSet) has(d *lint.Document) bool {
	_, ok := s.get(d)
	return ok
}

// documentKeySeed seeds documentKey for the life of the process.
var documentKeySeed = maphash.MakeSeed()

// documentKey hashes a document's Seq and text together, once per
// document for all the hints that ask.
func documentKey(d *lint.Document) uint64 {
	return d.Memo(documentKeyKey{}, func() any {
		var h maphash.Hash
		h.SetSeed(documentKeySeed)
		maphash.WriteComparable(&h, d.Seq)
		h.WriteString(d.Text)
		return h.Sum64()
	}).(uint64)
}

type documentKeyKey struct{}
