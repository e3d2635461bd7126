package rules

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/internal/dedupe"
	"github.com/scrapelint/scrapelint/internal/randtext"
	"github.com/scrapelint/scrapelint/lint"
)

func TestWordCountMatchesStringsFields(t *testing.T) {
	lines := []string{"", "  ", "một", " Hà  Nội\t5/9 ", "a\u00a0b\u2003c", "x\u3000y\r", "“khai giảng”  !"}
	// Random lines with every kind of white space (wordCount decodes
	// only the lead bytes spaces have) and malformed bytes.
	pieces := []string{"a", "Nội", " ", "  ", "\t", "\n", "\u00a0", "\u0085", "\u1680", "\u2003", "\u202f", "\u205f", "\u3000", "\u2028",
		"\xc2", "\xe2\x80", "\xe1\x9a", "ỹ", "–", "中", "\xff", "x\u0301"}
	lines = append(lines, randtext.Pieced(30000, 10, pieces, 41)...)
	for _, line := range lines {
		want := len(strings.Fields(line))
		if got := wordCount(line, math.MaxInt); got != want {
			t.Fatalf("wordCount(%q) = %d, want %d", line, got, want)
		}
		if got := wordCount(line, 3); got != min(want, 3) {
			t.Fatalf("wordCount(%q, 3) = %d, want %d", line, got, min(want, 3))
		}
	}
}

// contentPairsReference is contentPairs written plainly, rune by rune.
func contentPairsReference(s string, stop map[uint64]bool) []uint64 {
	var out []uint64
	var prev uint64
	havePrev := false
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			if strings.ContainsRune(".,;:!?", r) {
				havePrev = false
			}
			i++
			continue
		}
		j, letters := i, false
		for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || unicode.Is(unicode.Mn, rs[j])) {
			letters = letters || unicode.IsLetter(rs[j])
			j++
		}
		h := lowerHash(string(rs[i:j]))
		i = j
		if !letters || stop[h] {
			continue
		}
		if havePrev {
			out = append(out, prev*1099511628211^h)
		}
		prev, havePrev = h, true
	}
	return out
}

func TestContentPairsMatchesReference(t *testing.T) {
	stopWords := map[uint64]bool{lowerHash("và"): true, lowerHash("the"): true}
	stop := newWordSet([]uint64{lowerHash("và"), lowerHash("the")})
	// Every character contentPairs decodes on its own (U+0080 to U+02FF,
	// U+1EA0 to U+1EF9) inside words, and cut off at the end of the text.
	var inside strings.Builder
	for r := rune(0x80); r < 0x1F00; r++ {
		if r < 0x300 || r >= 0x1EA0 {
			inside.WriteString("x" + string(r) + " ")
		}
	}
	for _, s := range []string{
		inside.String(), "Nguyễ\xe1\xbb", "Nguy\xc3", "ab\xe1\xbb\x80cd",
		"", "Hà Nội và TP.HCM hợp tác phát triển", "VỀ ĐÍCH: Đội tuyển 2024 thắng 3-1!",
		"Ha\u0300 No\u0323\u0302i, the Quick brown FOX; 12abc x9", "Ωμέγα ΣΊΣΥΦΟΣ «Привет мир» 東京 タワー",
		"\xff\xfe bad bytes ok", "a.b,c;d:e!f?g h",
	} {
		got := contentPairs(s, stop, nil)
		if want := contentPairsReference(s, stopWords); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("contentPairs(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestRuneClassMatchesUnicode(t *testing.T) {
	for r := rune(-1); r < 0x3000; r++ {
		upper, lower := letterCase(r)
		if upper != unicode.IsUpper(r) || lower != unicode.IsLower(r) {
			t.Fatalf("letterCase(%U) = %v, %v; want %v, %v", r, upper, lower, unicode.IsUpper(r), unicode.IsLower(r))
		}
		if got, want := isWordRune(r), unicode.IsLetter(r) || unicode.Is(unicode.Mn, r); got != want {
			t.Fatalf("isWordRune(%U) = %v, want %v", r, got, want)
		}
		c := classOf(r)
		if c.lower != unicode.ToLower(r) || (c.flags&runeLetter != 0) != unicode.IsLetter(r) ||
			(c.flags&runeDigit != 0) != unicode.IsDigit(r) || (c.flags&runeMark != 0) != unicode.Is(unicode.Mn, r) {
			t.Fatalf("classOf(%U) = %+v, unlike the unicode package", r, c)
		}
	}
}

func TestRunesAtMost(t *testing.T) {
	texts := []string{"", "a", "ạ", "Hà Nội", "\xff\xfe", "ạạạ"}
	// Longer texts cross the eight-byte steps with characters of every
	// length, split anywhere by a step.
	parts := []string{"a", "ạ", "đ", "€", "𝄞", " ", "Nội"}
	for k := range 200 {
		var b strings.Builder
		for j := 0; b.Len() < k%60; j++ {
			b.WriteString(parts[(k*7+j*j)%len(parts)])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		for n := 0; n < 64; n++ {
			if got, want := runesAtMost(s, n), utf8.RuneCountInString(s) <= n; got != want {
				t.Errorf("runesAtMost(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

// The two scans caseShapes replaced, kept as its reference.

// hasLowerUpperReference reports whether text has a lowercase letter directly
// followed by an uppercase one anywhere: most documents have none, and are
// done with at the cost of one scan.
func hasLowerUpperReference(text string) bool {
	prevLower := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			upper := 'A' <= c && c <= 'Z'
			if prevLower && upper {
				return true
			}
			prevLower = 'a' <= c && c <= 'z'
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		upper, lower := letterCase(r)
		if prevLower && upper {
			return true
		}
		if upper || lower || !isMark(r) {
			prevLower = lower
		}
	}
	return false
}

// hasUpperUpperLowerReference reports whether text has two uppercase letters followed
// by a lowercase one anywhere, the shape of "ÁThái"; most documents have
// none and are done with at the cost of one scan.
func hasUpperUpperLowerReference(text string) bool {
	uppers := 0
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				uppers++
			case 'a' <= c && c <= 'z':
				if uppers >= 2 {
					return true
				}
				uppers = 0
			default:
				uppers = 0
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		upper, lower := letterCase(r)
		switch {
		case upper:
			uppers++
		case lower:
			if uppers >= 2 {
				return true
			}
			uppers = 0
		case isMark(r):
		default:
			uppers = 0
		}
	}
	return false
}

func TestCaseShapesMatchesTheScansItReplaced(t *testing.T) {
	alphabet := []rune{'a', 'A', 'b', 'Z', 'Á', 'ạ', 'Ư', 'đ', '\u0301', '\u0323', ' ', '1', '-', 'ß', 'Ω', 'ω', '\u00a0'}
	rng := rand.New(rand.NewPCG(3, 5))
	texts := []string{"", "nămHà Nội", "châu ÁThái Bình", "TTXVN", "iPhone", "Ha\u0300Nội", "A\u0301Bc"}
	for range 20000 {
		n := rng.IntN(8)
		var sb strings.Builder
		for range n {
			sb.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, sb.String())
	}
	for _, text := range texts {
		cs := scanTextShape(text)
		if cs.lowerUpper != hasLowerUpperReference(text) || cs.upperUpperLower != hasUpperUpperLowerReference(text) {
			t.Fatalf("scanTextShape(%q) = %+v; the reference scans say %v, %v", text, cs, hasLowerUpperReference(text), hasUpperUpperLowerReference(text))
		}
	}
}

// caseShape is the part of textShape the case scan gives.
type caseShape struct{ lowerUpper, upperUpperLower bool }

// scanCaseShapesReference is scanTextShape's case shapes written as tests,
// character by character.
func scanCaseShapesReference(text string) caseShape {
	var cs caseShape
	prevLower := false
	uppers := 0
	for i := 0; i < len(text); {
		var upper, lower, mark bool
		if c := text[i]; c < utf8.RuneSelf {
			upper, lower = 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			i += size
			class := classOf(r)
			upper, lower, mark = class.flags&runeUpper != 0, class.flags&runeLower != 0, class.flags&runeMark != 0
		}
		if prevLower && upper {
			cs.lowerUpper = true
		}
		if upper || lower || !mark {
			prevLower = lower
		}
		switch {
		case upper:
			uppers++
		case lower:
			if uppers >= 2 {
				cs.upperUpperLower = true
			}
			uppers = 0
		case mark:
		default:
			uppers = 0
		}
		if cs.lowerUpper && cs.upperUpperLower {
			break
		}
	}
	return cs
}

func TestScanCaseShapesMatchesReference(t *testing.T) {
	parts := []string{"a", "B", "Đ", "ư", "Ả", "\u0301", "\u0323", " ", ".", "1", "Σ", "ß", "ǅ", "東", "\xff", "iPhone", "TTXVN", "ÁThái", "nămHà",
		// The ends of the range read without decoding, the characters
		// just outside it, and broken sequences of its lead bytes.
		"Ạ", "ạ", "Ỹ", "ỹ", "\u1e9f", "\u1efa", "\u1e00", "\xe1\xbb", "\xe1\xbbA", "\xe1\xba\x41", "\xe1\xba"}
	for _, s := range randtext.Pieced(20000, 10, parts, 5) {
		got := scanTextShape(s)
		if want := scanCaseShapesReference(s); got.lowerUpper != want.lowerUpper || got.upperUpperLower != want.upperUpperLower {
			t.Fatalf("scanTextShape(%q) = %+v, want the case shapes %+v", s, got, want)
		}
		if want := plainComposedPrefix(s); got.plainPrefix != want {
			t.Fatalf("scanTextShape(%q).plainPrefix = %d, plainComposedPrefix says %d", s, got.plainPrefix, want)
		}
	}
}

// TestScanCaseShapesReadsTheTabledRanges: every character from U+0080 to
// U+036F and from U+1E00 to U+1EFF (the Vietnamese ones are read by table
// or by parity, without decoding), and broken two-byte sequences, between
// letters of either case, scan as the reference says.
func TestScanCaseShapesReadsTheTabledRanges(t *testing.T) {
	var chars []string
	for r := rune(0x80); r <= 0x36F; r++ {
		chars = append(chars, string(r))
	}
	for r := rune(0x1E00); r <= 0x1EFF; r++ {
		chars = append(chars, string(r))
	}
	chars = append(chars, "\xc3", "\xc3A", "\xcb\xff", "\xc2\xc3\xa0")
	for _, c := range chars {
		for _, before := range []string{"", "a", "A", "AB", "\u0301"} {
			for _, after := range []string{"", "a", "B", "\u0323b"} {
				s := before + c + after
				got := scanTextShape(s)
				if want := scanCaseShapesReference(s); got.lowerUpper != want.lowerUpper || got.upperUpperLower != want.upperUpperLower {
					t.Fatalf("scanTextShape(%q) = %+v, want the case shapes %+v", s, got, want)
				}
				if want := plainComposedPrefix(s); got.plainPrefix != want {
					t.Fatalf("scanTextShape(%q).plainPrefix = %d, plainComposedPrefix says %d", s, got.plainPrefix, want)
				}
			}
		}
	}
}

// TestSortEntriesIsAFullSort holds the radix sort, which orders by the
// shingle alone, to sorting by the whole value, for entries made as
// repeatedShingles makes them: in paragraph order.
func TestSortEntriesIsAFullSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{0, 1, 63, 64, 65, 255, 256, 1000, 5000} {
		// Few distinct shingles, so that many are shared by paragraphs.
		shingles := make([]uint64, 1+n/4)
		for i := range shingles {
			shingles[i] = rng.Uint64() &^ 0xffff
			switch i % 3 {
			case 0:
				shingles[i] &= 0xffffffff00000000 // bytes alike, skipped passes
			case 1:
				// Alike but for the shingle's lowest byte.
				shingles[i] = shingles[i-1] ^ uint64(1+rng.IntN(255))<<16
			}
		}
		var entries []uint64
		for para := 0; len(entries) < n; para++ {
			for range 1 + rng.IntN(20) {
				entries = append(entries, shingles[rng.IntN(len(shingles))]|uint64(para))
			}
		}
		entries = entries[:n]
		want := slices.Clone(entries)
		slices.Sort(want)
		got, _ := sortEntries(entries, nil)
		if !slices.Equal(got, want) {
			t.Fatalf("n=%d: sortEntries differs from slices.Sort", n)
		}
	}
}

// TestPrecededByAnyMatchesTheWholeLine holds precededByAny, which lower-cases
// only the tail of the line, to lower-casing the whole line before end.
func TestPrecededByAnyMatchesTheWholeLine(t *testing.T) {
	phrases := []string{"giai đoạn", "từ năm", "ngày", "İstanbul", "K"}
	pieces := []string{"Giai đoạn", "GIAI ĐOẠN", "giai", " đoạn", "từ năm", "Ngày", "NGÀY", "ngày ", " ", "(", "“", "\"", "\t", "\n",
		"x", "xngày", "İ", "\u212a", "K", "İstanbul", "đoạn", "20142020", "5", "Hà Nội ", strings.Repeat("chữ ", 30)}
	for _, text := range randtext.Pieced(20000, 14, pieces, 9) {
		for end := 0; end <= len(text); end += 1 + len(text)/9 {
			if got, want := precededByAny(text, end, phrases), precededByAnyInLine(text, end, phrases); got != want {
				t.Fatalf("precededByAny(%q, %d) = %v, the whole line says %v", text, end, got, want)
			}
		}
	}
}

// TestBoilerplateReusesComparisonWords checks that boilerplate-line hashes
// every candidate line the same whether it hashes the line itself or takes
// the words the duplicate rules hashed, and that it does take them for the
// lines those rules hashed as they stand (not the edited tag lines).
func TestBoilerplateReusesComparisonWords(t *testing.T) {
	text := "Tiêu đề bài báo hôm nay\n" +
		"Đoạn văn đầu tiên của bài, dài hơn một dòng tiêu đề và kết thúc bằng dấu chấm.\n" +
		"In bài viết\n" +
		"\n" +
		"【bxh bd uc】 Bảng xếp hạng\n" +
		"(责任编辑:王) Tin liên quan\n" +
		"k1.jpg\n" +
		"Theo TTXVN\n" +
		"  Đăng ký nhận tin  \n" +
		"Theo TTXVN\n" +
		strings.Repeat("Một đoạn văn rất dài của bài báo. ", 20) + "\n"
	st := newBoilerplateState(lint.NewSettings(BoilerplateLine, Profiles()["vi"])).(*boilerplateState)
	candidates := func(d *lint.Document) []string {
		var out []string
		st.candidateLines(d, false, func(i int, h uint64) { out = append(out, fmt.Sprintf("%d:%x", i, h)) })
		return out
	}
	alone := candidates(lint.NewDocument("a.txt", text))
	d := lint.NewDocument("a.txt", text)
	comparisonOf(d, st.furniture)
	shared := hashedLines(d)
	if shared == nil {
		t.Fatal("no comparison memoized after comparisonOf")
	}
	if got := candidates(d); !slices.Equal(got, alone) {
		t.Errorf("with the shared words: %v\nhashing alone: %v", got, alone)
	}
	if len(alone) < 5 {
		t.Errorf("only %d candidate lines: %v", len(alone), alone)
	}
	for i, want := range []bool{true, true, false, false, false, false, false, true, true, true, true} {
		if _, ok := shared.lineWords(i); ok != want {
			t.Errorf("line %d: shared words %v, want %v", i, ok, want)
		}
	}
	if ws, _ := shared.lineWords(0); !slices.Equal(ws, dedupe.WordHashes(nil, "Tiêu đề bài báo hôm nay")) {
		t.Errorf("line 0's shared words %v are not its own", ws)
	}
}

// The headline's hash is the same whether it comes from the duplicate
// rules' word hashes or is computed alone, for a headline they hashed, one
// they edited or left out, and a document with no headline at all.
func TestBoilerplateTitleReusesComparisonWords(t *testing.T) {
	st := newBoilerplateState(lint.NewSettings(BoilerplateLine, Profiles()["vi"])).(*boilerplateState)
	for _, text := range []string{
		"Tiêu đề bài báo hôm nay\nĐoạn văn đầu tiên.\n",
		"\n  Tiêu đề sau một dòng trống  \nĐoạn văn.\n",
		"【bxh bd uc】 Tiêu đề có thẻ\nĐoạn văn.\n",
		"In bài viết\nĐoạn văn.\n",
		strings.Repeat("Một tài liệu chỉ có một dòng rất dài. ", 50),
		"",
		"\n\n",
	} {
		want, _ := lineHash(nil, firstLineText(lint.NewDocument("a.txt", text)))
		if got := st.titleHash(lint.NewDocument("a.txt", text)); got != want {
			t.Errorf("%.30q alone: %x, want %x", text, got, want)
		}
		d := lint.NewDocument("a.txt", text)
		comparisonOf(d, st.furniture)
		if got := st.titleHash(d); got != want {
			t.Errorf("%.30q with the shared words: %x, want %x", text, got, want)
		}
	}
}

// TestWordShapeAgreesWithCaseChange: missing-space asks the case-shape scan
// of a word before caseChange; for every letter word of pieced texts the
// scan must see a lower-to-upper change exactly when caseChange finds one.
func TestWordShapeAgreesWithCaseChange(t *testing.T) {
	parts := []string{"a", "B", "Đ", "ư", "Ả", "ạ", "\u0301", "\u0323", " ", "1", "Σ", "ß", "ǅ", "東", "iPhone", "nămHà", "ÁThái", "TTXVN", "HàNội", "ǈa"}
	for _, s := range randtext.Pieced(20000, 8, parts, 7) {
		for _, w := range letterWords(nil, s) {
			got := scanTextShape(s[w.Start:w.End]).lowerUpper
			if want := len(caseChange(s, w, unicode.IsLower, unicode.IsUpper)) > 0; got != want {
				t.Fatalf("word %q of %q: the scan says a lower-to-upper change %v, caseChange %v", s[w.Start:w.End], s, got, want)
			}
		}
	}
}

// TestLetterWordsReadsTheTabledRanges: letterWords, which reads the
// Vietnamese blocks without decoding, finds the words a character-by-
// character scan finds, over every character from U+0080 to U+036F and
// U+1E00 to U+1EFF between letters, and over pieced texts.
func TestLetterWordsReadsTheTabledRanges(t *testing.T) {
	// A word grows by each letter or mark that follows it directly.
	reference := func(text string) []word {
		var words []word
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				if n := len(words); n > 0 && words[n-1].End == i {
					words[n-1].End += size
				} else {
					words = append(words, word{i, i + size})
				}
			}
			i += size
		}
		return words
	}
	var texts []string
	for _, block := range [][2]rune{{0x80, 0x36F}, {0x1E00, 0x1EFF}} {
		for r := block[0]; r <= block[1]; r++ {
			for _, around := range []string{"", "a", " ", "\u0301"} {
				texts = append(texts, around+string(r)+around, "x"+string(r)+" y")
			}
		}
	}
	texts = append(texts, "\xe1\xbb", "a\xe1\xbbb", "\xc3", "a\xc3 b", "\xe1\xba\x41", "Đ\xff")
	texts = append(texts, randtext.Pieced(5000, 10, []string{"a", "Đ", "ư", "ệ", "Ả", "\u0301", " ", ".", "1", "東", "ʻ", "\xff", "\xe1\xbb"}, 9)...)
	for _, s := range texts {
		if got, want := letterWords(nil, s), reference(s); !slices.Equal(got, want) {
			t.Fatalf("letterWords(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestExactHashTellsOrderAndLength: documents whose words differ only in
// order, by a word added or dropped at any place (each of the four chains
// and the words left over), or by one word moved across a chain, hash
// apart; the same words hash alike.
func TestExactHashTellsOrderAndLength(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 13 {
		words := make([]uint64, n)
		for i := range words {
			words[i] = rng.Uint64()
		}
		h := exactHash(words)
		if exactHash(slices.Clone(words)) != h {
			t.Fatalf("n=%d: the same words hash apart", n)
		}
		seen := map[uint64]string{}
		variant := func(name string, v []uint64) {
			x := exactHash(v)
			if x == h {
				t.Errorf("n=%d: %s hashes as the words do", n, name)
			}
			if other, ok := seen[x]; ok {
				t.Errorf("n=%d: %s hashes as %s", n, name, other)
			}
			seen[x] = name
		}
		for i := 0; i+1 < n; i++ {
			v := slices.Clone(words)
			v[i], v[i+1] = v[i+1], v[i]
			variant(fmt.Sprintf("swap %d", i), v)
		}
		for i := range n {
			variant(fmt.Sprintf("drop %d", i), slices.Delete(slices.Clone(words), i, i+1))
		}
		for i := range n + 1 {
			variant(fmt.Sprintf("insert at %d", i), slices.Insert(slices.Clone(words), i, 42))
		}
	}
}
