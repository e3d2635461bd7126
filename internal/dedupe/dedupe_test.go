package dedupe

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/scrapelint/scrapelint/internal/corpusgen"
	"github.com/scrapelint/scrapelint/internal/randtext"
)

func TestNormalizeFoldsToneMarkPlacementNotDiacritics(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"văn hoá", "văn hóa", true},
		{"THUỶ ĐIỆN", "thủy điện", true},
		{"Ha\u0300 Nội", "Hà Nội", true}, // NFD and NFC
		{"khoẻ", "khỏe", true},
		{"hoa", "hóa", false}, // diacritics are kept
		{"họa", "hóa", false},
		{"Việt", "Viet", false},
	} {
		if got := Normalize(c.a) == Normalize(c.b); got != c.same {
			t.Errorf("Normalize(%q) == Normalize(%q) is %v, want %v", c.a, c.b, got, c.same)
		}
	}
	// WordHashes must hash the words Normalize writes.
	for _, line := range []string{"Văn HÓA, thủy điện; KHOẺ hòa Hà Nội", "Ha\u0300 No\u0323\u0302i “hoà” 2024-2025", "ÒA Úy Ọe óA"} {
		if got, want := WordHashes(nil, line), normalizedWordHashes(line); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("WordHashes(%q) = %v, want the hashes of Normalize's words %v", line, got, want)
		}
	}
	if got := WordHashes(nil, "Hà Nội, ngày 5/9: “khai giảng”!"); len(got) != 7 {
		t.Errorf("%d words, want 7 (punctuation is not a word; 5/9 is two)", len(got))
	}
}

// TestWordHashesJoined checks which words are recorded as following the
// word before them with no blank, after words already in the slice, and
// on a line read again in NFC.
func TestWordHashesJoined(t *testing.T) {
	for _, c := range []struct {
		line  string
		joins []int32 // indexes, after the two words already there
	}{
		{"Hà Nội, ngày 5/9: “khai giảng”!", []int32{6}},
		{"(Ảnh: Phạm Kiên/TTXVN)", []int32{5}},
		{"nay.Bộ trưởng U.S.A 99.000", []int32{3, 6, 7, 9}},
		{"a\u00a0b\tc\u2009d – e — f", nil},
		{"/a, b", nil},
		{"x/y Ha\u0300 No\u0323\u0302i/Hue\u0302\u0301", []int32{3, 6}},
		{"", nil},
	} {
		joins := Joins{1}
		dst := WordHashesJoined([]uint64{1, 2}, &joins, c.line)
		if want := append(Joins{1}, c.joins...); !slices.Equal(joins, want) {
			t.Errorf("%q: joins %v, want %v", c.line, joins, want)
		}
		if plain := WordHashes([]uint64{1, 2}, c.line); !slices.Equal(dst, plain) {
			t.Errorf("%q: hashes %v with joins, %v without", c.line, dst, plain)
		}
	}
}

// TestWordHashesMatchesNormalize holds WordHashes to the hashes of the words
// Normalize writes, on text pieced together from letters around which
// tones move, ASCII and Vietnamese letters, marks, digits and punctuation.
func TestWordHashesMatchesNormalize(t *testing.T) {
	pieces := []string{"o", "O", "a", "e", "y", "u", "ò", "Ó", "ủ", "ụ", "Ũ", "hoà", "HÒA", "khỏe", "thuỷ", "\u0301", "\u0323",
		"Đ", "ơ", "1", "9", " ", ",", "-", "“", "\u00a0", "東", "Σ", "Ǆ", "x", "Q", "_", "\xff",
		// Four bytes, the E0 and ED leads, beyond the table, overlong,
		// cut short, a lone continuation, a control character.
		"😀", "\u0800", "\ud7ff", "™", "\u2100", "\xe0\x80\x80", "\xc0\xaf", "\xe1\xba", "\xe1", "\x80", "\x01"}
	for _, line := range randtext.Pieced(20000, 12, pieces, 11) {
		if got, want := WordHashes(nil, line), normalizedWordHashes(line); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("WordHashes(%q) = %v, want the hashes of Normalize's words %v", line, got, want)
		}
	}
}

// normalizedWordHashes is what WordHashes must give: the FNV-1a hashes of
// the words of Normalize's form of line, over their code points.
func normalizedWordHashes(line string) []uint64 {
	want := []uint64{}
	for _, w := range strings.FieldsFunc(Normalize(line), func(r rune) bool { return !isWordRune(r) }) {
		h := uint64(fnvOffset)
		for _, r := range w {
			h = (h ^ uint64(r)) * fnvPrime
		}
		want = append(want, h)
	}
	return want
}

// words returns n distinct word hashes starting at from.
func words(from, n int) []uint64 {
	var out []uint64
	for i := from; i < from+n; i++ {
		out = WordHashes(out, fmt.Sprintf("từ%d", i))
	}
	return out
}

// TestJaccardEstimateUnbiased averages the estimate over many pairs of
// sets with a known Jaccard similarity: its mean must sit on the truth.
func TestJaccardEstimateUnbiased(t *testing.T) {
	const n, shared, trials = 600, 400, 200
	sum, want := 0.0, 0.0
	for k := range trials {
		base := 100000 * (k + 1)
		a := words(base, n)
		b := append(words(base, shared), words(base+50000, n-shared)...)
		sa, na := Sign(a)
		sb, nb := Sign(b)
		inter := float64(shared - ShingleWords + 1)
		want = inter / (float64(na+nb) - inter)
		sum += Jaccard(&sa, &sb)
	}
	if mean := sum / trials; math.Abs(mean-want) > 0.02 {
		t.Errorf("mean Jaccard estimate %.3f over %d pairs, true %.3f", mean, trials, want)
	} else {
		t.Logf("mean Jaccard estimate %.3f over %d pairs, true %.3f", mean, trials, want)
	}
}

// TestJaccardEstimate compares the estimate with the true Jaccard
// similarity of two shingle sets that share a known part.
func TestJaccardEstimate(t *testing.T) {
	const n = 2000
	for _, shared := range []int{2000, 1600, 1000, 400, 0} {
		a := words(0, n)
		b := append(words(0, shared), words(10*n, n-shared)...)
		sa, na := Sign(a)
		sb, nb := Sign(b)
		// Shingles that straddle the join of b's two parts are extra.
		inter := float64(max(0, shared-ShingleWords+1))
		want := inter / (float64(na+nb) - inter)
		got := Jaccard(&sa, &sb)
		if math.Abs(got-want) > 0.15 {
			t.Errorf("shared %d: Jaccard estimate %.3f, true %.3f", shared, got, want)
		}
		t.Logf("shared %4d of %d words: Jaccard %.3f (true %.3f), containment %.3f", shared, n, got, want, Containment(got, na, nb))
	}
}

func TestContainment(t *testing.T) {
	// A in B, |A| = 100, |B| = 200: J = 0.5, containment of A is 1.
	if got := Containment(0.5, 100, 200); math.Abs(got-1) > 1e-9 {
		t.Errorf("Containment(0.5, 100, 200) = %v, want 1", got)
	}
	if got := Containment(0, 100, 200); got != 0 {
		t.Errorf("Containment(0, ...) = %v", got)
	}
}

// TestIndexGroups: an exact copy, a near copy and a contained copy join
// their original; a different text does not.
func TestIndexGroups(t *testing.T) {
	base := words(0, 300)
	docs := [][]uint64{
		base,
		base, // exact
		append(append([]uint64(nil), base[:290]...), words(5000, 10)...), // edited end
		append(append([]uint64(nil), base...), words(7000, 150)...),      // contained, with a sidebar
		words(9000, 300), // different
	}
	ix := NewIndex(DefaultOptions())
	for i, w := range docs {
		ix.Add(testDoc(len(docs)-1-i, w))
	}
	ix.Finish()
	groups := ix.Groups()
	if len(groups) != 1 || len(groups[0]) != 4 {
		t.Fatalf("groups %v, want one of four", groups)
	}
	exact := 0
	for _, m := range ix.Matches {
		if m.Exact {
			exact++
		}
	}
	if exact != 1 {
		t.Errorf("%d exact matches, want 1: %v", exact, ix.Matches)
	}
}

// testDoc is the index's record of a document of words numbered seq, with
// a hash of its words for exact matching.
func testDoc(seq int, words []uint64) Doc {
	sig, n := Sign(words)
	h := uint64(0)
	for _, x := range words {
		h = h*31 + x
	}
	return Doc{Seq: seq, Exact: h, Length: int32(len(words)), Shingles: int32(n), Sig: &sig}
}

// BenchmarkSign measures signature computation (shingling and 64 MinHash
// values) on news-like text.
func BenchmarkSign(b *testing.B) {
	text := strings.Repeat("Sáng 10/3, thành phố Hà Nội đã khởi công tuyến đường sắt đô thị số 5 nối quận Ba Đình với huyện Hòa Lạc. ", 40)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Sign(WordHashes(nil, text))
	}
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// The table behind wordRune must answer as the unicode package does, for
// every code point it covers and some beyond.
func TestWordRuneMatchesUnicode(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		lower := unicode.ToLower(r)
		got, word := wordRune(r)
		if got != lower || word != isWordRune(lower) {
			t.Fatalf("wordRune(%U) = %U, %v; want %U, %v", r, got, word, lower, isWordRune(lower))
		}
	}
}

// BenchmarkWordHashes measures the word pass every document of a corpus
// goes through, on news-like Vietnamese text.
func BenchmarkWordHashes(b *testing.B) {
	text := strings.Repeat("Sáng 10/3, thành phố Hà Nội đã khởi công tuyến đường sắt đô thị số 5 nối quận Ba Đình với huyện Hòa Lạc. ", 40)
	b.SetBytes(int64(len(text)))
	var dst []uint64
	for b.Loop() {
		dst = WordHashes(dst[:0], text)
	}
}

func BenchmarkWordHashesJoined(b *testing.B) {
	text := strings.Repeat("Sáng 10/3, thành phố Hà Nội đã khởi công tuyến đường sắt đô thị số 5 nối quận Ba Đình với huyện Hòa Lạc. ", 40)
	b.SetBytes(int64(len(text)))
	var dst []uint64
	var joins Joins
	for b.Loop() {
		dst = WordHashesJoined(dst[:0], &joins, text)
	}
}

// BenchmarkWordHashesGenerated measures the word pass on 2 MB of the
// generated corpus: the sentence above repeats, and a branch predictor
// learns it, which real text does not allow.
func BenchmarkWordHashesGenerated(b *testing.B) {
	g := corpusgen.New(1)
	var texts []string
	var size int64
	for size < 2e6 {
		d := g.Next()
		texts = append(texts, d.Text)
		size += int64(len(d.Text))
	}
	b.SetBytes(size)
	var dst []uint64
	var joins Joins
	for b.Loop() {
		for _, t := range texts {
			joins = joins[:0]
			dst = WordHashesJoined(dst[:0], &joins, t)
		}
	}
}

func TestSortByKeyIsAStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	for _, n := range []int{0, 1, 2, 3, smallSort - 1, smallSort, smallSort + 1, 100, 5000} {
		entries := make([]bandEntry, n)
		for i := range entries {
			// Few distinct keys, so that ties are common; some share
			// low bytes and differ only in high ones.
			entries[i] = bandEntry{key: uint64(rng.IntN(20)) << (8 * uint(rng.IntN(6))), doc: int32(i)}
		}
		want := slices.Clone(entries)
		slices.SortStableFunc(want, func(x, y bandEntry) int { return cmp.Compare(x.key, y.key) })
		got, _ := sortByKey(entries, nil)
		if !slices.Equal(got, want) {
			t.Fatalf("n=%d: sortByKey differs from a stable sort", n)
		}
	}
}

// TestIndexWithoutSignatures adds documents for exact matching only: they
// match exactly, take no part in near matching (even beside signed ones),
// and Jaccard of a missing signature is 0.
func TestIndexWithoutSignatures(t *testing.T) {
	w := words(100, 200)
	sig, n := Sign(w)
	ix := NewIndex(DefaultOptions())
	ix.Add(Doc{Seq: 2, Exact: 7, Length: 200, Shingles: int32(n)})
	ix.Add(Doc{Seq: 0, Exact: 7, Length: 200, Shingles: int32(n)})
	ix.Add(Doc{Seq: 1, Exact: 8, Length: 200, Shingles: int32(n), Sig: &sig})
	ix.Add(Doc{Seq: 3, Exact: 9, Length: 200, Shingles: int32(n)})
	ix.Add(Doc{Seq: 4, Exact: 10, Length: 200, Shingles: int32(n), Sig: &sig})
	ix.Finish()
	want := map[int]Match{2: {Of: 0, Exact: true, Jaccard: 1, Containment: 1}, 4: {Of: 1, Jaccard: 1, Containment: 1}}
	if len(ix.Matches) != len(want) {
		t.Errorf("matches %v, want %v", ix.Matches, want)
	}
	for i, m := range want {
		if ix.Matches[i] != m {
			t.Errorf("document %d: match %+v, want %+v", i, ix.Matches[i], m)
		}
	}
	if j := Jaccard(&sig, nil); j != 0 {
		t.Errorf("Jaccard with a missing signature: %v", j)
	}
	short := NewIndex(DefaultOptions())
	short.Add(Doc{Seq: 0, Exact: 1, Length: 5, Shingles: int32(DefaultOptions().MinShingles - 1), Sig: &sig})
	short.Add(Doc{Seq: 1, Exact: 2, Length: 50, Shingles: int32(DefaultOptions().MinShingles), Sig: &sig})
	if short.Docs[0].Sig != nil || short.Docs[1].Sig == nil {
		t.Errorf("signatures kept: %v for a document too short to match, %v for one long enough", short.Docs[0].Sig != nil, short.Docs[1].Sig != nil)
	}
}

// TestJaccardCountsEveryAgreement holds the four-at-a-time comparison to
// counting agreeing values one by one, for signatures that differ in any
// lane by any bit (the high bit of a lane included).
func TestJaccardCountsEveryAgreement(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		var a, b Signature
		for i := range a {
			a[i] = uint16(rng.Uint32())
			b[i] = a[i]
			switch rng.IntN(4) {
			case 0:
				b[i] ^= 1 << rng.IntN(16)
			case 1:
				b[i] = uint16(rng.Uint32())
			}
		}
		same := 0
		for i := range a {
			if a[i] == b[i] {
				same++
			}
		}
		if got, want := Jaccard(&a, &b), float64(same)/Size; got != want {
			t.Fatalf("Jaccard = %v, want %v", got, want)
		}
	}
}

func BenchmarkJaccard(b *testing.B) {
	rng := rand.New(rand.NewPCG(13, 14))
	sigs := make([]Signature, 256)
	for k := range sigs {
		for i := range sigs[k] {
			sigs[k][i] = uint16(rng.IntN(4)) // many agreements, as among candidates
		}
	}
	sum := 0.0
	for b.Loop() {
		for k := 1; k < len(sigs); k++ {
			sum += Jaccard(&sigs[k-1], &sigs[k])
		}
	}
	if sum < 0 {
		b.Fatal(sum)
	}
}

// TestIndexWorkersFindWhatOneDoes runs the near-copy search on one worker,
// which verifies the bands in order, and on several, which share them out:
// the matches (the original kept for each copy, among equally similar ones
// the first verified) and the groups must be the same.
func TestIndexWorkersFindWhatOneDoes(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	var docs [][]uint64
	var twins []int // documents given their own exact hash
	for family := range 30 {
		base := words(family*10000, 120+family*7)
		for member := range 8 {
			w := slices.Clone(base)
			// Few edits, so that many pairs pass and some tie: two
			// members edited alike are equally similar to a third.
			for range 1 + rng.IntN(3)*3 {
				w[rng.IntN(len(w))] = uint64(rng.IntN(3))
			}
			if rng.IntN(4) == 0 {
				w = append(w, words(900000+family*100, 40)...)
			}
			docs = append(docs, w)
			if member == 0 {
				// A twin of the family's first member, the same words
				// under another exact hash: every later member is as
				// similar to one as to the other, and keeps the first,
				// whichever worker verifies which pair.
				twins = append(twins, len(docs))
				docs = append(docs, w)
			}
		}
	}
	run := func(procs int) (map[int]Match, [][]int) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		ix := NewIndex(DefaultOptions())
		for i, w := range docs {
			d := testDoc(i, w)
			if slices.Contains(twins, i) {
				d.Exact = ^d.Exact
			}
			ix.Add(d)
		}
		ix.Finish()
		return ix.Matches, ix.Groups()
	}
	wantMatches, wantGroups := run(1)
	near := 0
	for _, m := range wantMatches {
		if !m.Exact {
			near++
		}
	}
	if near < 100 || len(wantGroups) < 20 {
		t.Fatalf("%d near matches in %d groups: the corpus no longer exercises the merge", near, len(wantGroups))
	}
	for _, procs := range []int{2, 3, 5, Bands, 2 * Bands} {
		matches, groups := run(procs)
		if !maps.Equal(matches, wantMatches) {
			for i, m := range wantMatches {
				if matches[i] != m {
					t.Errorf("%d workers: document %d matches %+v, one worker %+v", procs, i, matches[i], m)
				}
			}
			t.Fatalf("%d workers: %d matches, one worker %d", procs, len(matches), len(wantMatches))
		}
		if !slices.EqualFunc(groups, wantGroups, slices.Equal) {
			t.Errorf("%d workers: groups %v, one worker %v", procs, groups, wantGroups)
		}
	}
}

// TestShingleAtIsShingle holds the unrolled shingle hash to the loop.
func TestShingleAtIsShingle(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	words := make([]uint64, 200)
	for i := range words {
		words[i] = rng.Uint64()
	}
	for i := 0; i+ShingleWords <= len(words); i++ {
		if got, want := shingleAt(words, i), shingle(words[i:i+ShingleWords]); got != want {
			t.Fatalf("shingleAt(words, %d) = %#x, shingle %#x", i, got, want)
		}
	}
}
