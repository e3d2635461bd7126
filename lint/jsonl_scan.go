package lint

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// scanRecord is the fast path of locateFields: one pass over the record
// that validates it as JSON, finds the text and id fields' values and
// decodes them, without encoding/json's token allocations (reading JSON
// Lines with json.Decoder ran at about 75 MB/s; this runs several times
// faster). ok is false for anything unusual — malformed JSON, a key with
// escapes, a text that is not a string, an id that is neither a string nor a
// number, deep nesting — and the caller then takes the encoding/json path,
// which gives the same answer or the precise error. So the fast path only
// has to be right when it says ok.
func scanRecord(raw string, opt InputOptions) (rec *JSONLRecord, id, text string, ok bool) {
	sc := jsonScanner{s: raw}
	sc.space()
	if !sc.eat('{') {
		return nil, "", "", false
	}
	valueStart, valueEnd := -1, -1
	sc.space()
	if !sc.eat('}') {
		for {
			keyStart := sc.i
			if !sc.skipString() {
				return nil, "", "", false
			}
			key := raw[keyStart+1 : sc.i-1]
			if strings.IndexByte(key, '\\') >= 0 {
				return nil, "", "", false
			}
			sc.space()
			if !sc.eat(':') {
				return nil, "", "", false
			}
			sc.space()
			start := sc.i
			if !sc.skipValue(0) {
				return nil, "", "", false
			}
			value := raw[start:sc.i]
			switch key {
			case opt.TextField:
				if value[0] != '"' {
					return nil, "", "", false
				}
				valueStart, valueEnd = start, sc.i
			case opt.IDField:
				switch c := value[0]; {
				case c == '"':
					id, _ = unquote(value)
				case c == '-' || (c >= '0' && c <= '9'):
					id = value
				default:
					return nil, "", "", false
				}
			}
			sc.space()
			if sc.eat(',') {
				sc.space()
				continue
			}
			if sc.eat('}') {
				break
			}
			return nil, "", "", false
		}
	}
	sc.space()
	if sc.i != len(raw) || valueStart < 0 {
		return nil, "", "", false
	}
	text, ok = unquote(raw[valueStart:valueEnd])
	if !ok {
		return nil, "", "", false
	}
	return &JSONLRecord{Line: raw, ValueStart: valueStart, ValueEnd: valueEnd}, id, text, true
}

// jsonScanner walks a JSON text, validating what it skips.
type jsonScanner struct {
	s string
	i int
}

// maxScanDepth bounds nesting on the fast path; deeper records take the
// encoding/json path.
const maxScanDepth = 100

func (sc *jsonScanner) space() {
	for sc.i < len(sc.s) {
		switch sc.s[sc.i] {
		case ' ', '\t', '\n', '\r':
			sc.i++
		default:
			return
		}
	}
}

func (sc *jsonScanner) eat(c byte) bool {
	if sc.i < len(sc.s) && sc.s[sc.i] == c {
		sc.i++
		return true
	}
	return false
}

func (sc *jsonScanner) skipValue(depth int) bool {
	if sc.i >= len(sc.s) || depth > maxScanDepth {
		return false
	}
	switch c := sc.s[sc.i]; {
	case c == '"':
		return sc.skipString()
	case c == '{':
		return sc.skipObject(depth)
	case c == '[':
		return sc.skipArray(depth)
	case c == 't':
		return sc.literal("true")
	case c == 'f':
		return sc.literal("false")
	case c == 'n':
		return sc.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return sc.skipNumber()
	}
	return false
}

func (sc *jsonScanner) literal(word string) bool {
	if strings.HasPrefix(sc.s[sc.i:], word) {
		sc.i += len(word)
		return true
	}
	return false
}

func (sc *jsonScanner) skipObject(depth int) bool {
	sc.i++ // {
	sc.space()
	if sc.eat('}') {
		return true
	}
	for {
		if !sc.skipString() {
			return false
		}
		sc.space()
		if !sc.eat(':') {
			return false
		}
		sc.space()
		if !sc.skipValue(depth + 1) {
			return false
		}
		sc.space()
		if sc.eat('}') {
			return true
		}
		if !sc.eat(',') {
			return false
		}
		sc.space()
	}
}

func (sc *jsonScanner) skipArray(depth int) bool {
	sc.i++ // [
	sc.space()
	if sc.eat(']') {
		return true
	}
	for {
		if !sc.skipValue(depth + 1) {
			return false
		}
		sc.space()
		if sc.eat(']') {
			return true
		}
		if !sc.eat(',') {
			return false
		}
		sc.space()
	}
}

// skipString skips a string, quotes included, checking its escapes and that
// it holds no raw control character. The input is known to be valid UTF-8.
func (sc *jsonScanner) skipString() bool {
	if !sc.eat('"') {
		return false
	}
	s := sc.s
	for i := sc.i; i < len(s); {
		// Find the next byte that needs a look; the text between is copied
		// as is. Eight bytes at a time while none does: a record is almost
		// all its text, and a byte at a time this was most of reading a
		// JSON Lines corpus, after decompressing it.
		j := i
		for j+8 <= len(s) && !jsonStringStop(binary.LittleEndian.Uint64([]byte(s[j:j+8]))) {
			j += 8
		}
		for j < len(s) && s[j] != '"' && s[j] != '\\' && s[j] >= 0x20 {
			j++
		}
		if j == len(s) || s[j] < 0x20 {
			return false
		}
		if s[j] == '"' {
			sc.i = j + 1
			return true
		}
		// A backslash.
		if j+1 >= len(s) {
			return false
		}
		switch s[j+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i = j + 2
		case 'u':
			if hex4(s, j+2) < 0 {
				return false
			}
			i = j + 6
		default:
			return false
		}
	}
	return false
}

// jsonStringStop reports whether any of the eight bytes of x ends a
// string's plain run: a quote, a backslash or a control character. A
// borrow in x-ones*n starts only at a byte below n, so each test is exact
// for the word as a whole.
func jsonStringStop(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := x^(ones*'"'), x^(ones*'\\')
	return ((quote-ones)&^quote|(backslash-ones)&^backslash|(x-ones*0x20)&^x)&highs != 0
}

func (sc *jsonScanner) skipNumber() bool {
	s, i := sc.s, sc.i
	if s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	sc.i = i
	return true
}

// hex4 reads the four hex digits at s[i:], or returns -1.
func hex4(s string, i int) rune {
	if i+4 > len(s) {
		return -1
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// unquote decodes a JSON string that skipString accepted, as encoding/json
// does: a lone or mismatched UTF-16 surrogate becomes U+FFFD. A string with
// no escape is returned as a slice of q, without copying.
func unquote(q string) (string, bool) {
	s := q[1 : len(q)-1]
	first := strings.IndexByte(s, '\\')
	if first < 0 {
		return s, true
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:first])
	for i := first; i < len(s); {
		c := s[i]
		if c != '\\' {
			j := strings.IndexByte(s[i:], '\\')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		if i+1 >= len(s) {
			return "", false
		}
		switch s[i+1] {
		case '"', '\\', '/':
			b.WriteByte(s[i+1])
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r := hex4(s, i+2)
			if r < 0 {
				return "", false
			}
			i += 6
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
					r2 = hex4(s, i+2)
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					i += 6
					r = dec
				} else {
					r = utf8.RuneError
				}
			}
			b.WriteRune(r)
			continue
		default:
			return "", false
		}
		i += 2
	}
	return b.String(), true
}
