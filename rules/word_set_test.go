package rules

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/internal/randtext"
)

// TestWordSetMatchesAMap asks sets of every size up to a few hundred, with
// hashes that collide in their top bits and the hash 0, the same questions
// as a Go map holding the same hashes: each set made new, and made by
// refilling one set with the sizes in random order, so that a refill
// smaller than the set before it must forget that set's hashes.
func TestWordSetMatchesAMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var refilled wordSet
	for _, n := range rng.Perm(300) {
		var hashes []uint64
		want := map[uint64]bool{}
		for range n {
			h := rng.Uint64()
			switch rng.IntN(4) {
			case 0:
				h &= 0xFF00000000000000 // only top bits: every probe starts in the same few slots
			case 1:
				h &= 0xFF // no top bits: all in slot 0
			}
			hashes = append(hashes, h)
			want[h] = true
		}
		if n%7 == 3 {
			hashes = append(hashes, 0)
			want[0] = true
		}
		set := newWordSet(hashes)
		refilled.fill(hashes)
		asked := append([]uint64{0, 1, 1 << 63, ^uint64(0)}, hashes...)
		for range 200 {
			asked = append(asked, rng.Uint64(), rng.Uint64()&0xFF00000000000000, rng.Uint64()&0xFF)
		}
		for _, h := range asked {
			if got := set.has(h); got != want[h] {
				t.Fatalf("set of %d hashes: has(%#x) = %v, want %v", len(hashes), h, got, want[h])
			}
			if got := refilled.has(h); got != want[h] {
				t.Fatalf("refilled set of %d hashes: has(%#x) = %v, want %v", len(hashes), h, got, want[h])
			}
		}
	}
}

// TestWordSetSpreadsShortWords looks up the syllables of made-up Vietnamese
// text in a set of common ones: with the FNV hashes' own top bits for the
// slots this took 3.7 probes a look-up on the seeds, where a quarter-full
// table of well spread keys takes about 1.2.
func TestWordSetSpreadsShortWords(t *testing.T) {
	onsets := []string{"", "b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x"}
	rhymes := []string{"a", "à", "á", "ả", "ã", "ạ", "an", "ang", "anh", "ao", "ây", "ên", "i", "in", "inh", "o", "ong", "ông", "ơi", "u", "ung", "ư", "ươc", "ương", "ưa"}
	var words []string
	for _, o := range onsets {
		for _, r := range rhymes {
			words = append(words, o+r)
		}
	}
	var common []uint64
	for i, w := range words {
		if i%6 == 0 {
			common = append(common, lowerHash(w))
		}
	}
	set := newWordSet(common)
	probes := 0
	for _, w := range words {
		h := lowerHash(w)
		for i := set.home(h); ; i = (i + 1) & (len(set.slots) - 1) {
			probes++
			if set.slots[i] == h || set.slots[i] == 0 {
				break
			}
		}
	}
	if avg := float64(probes) / float64(len(words)); avg > 1.6 {
		t.Errorf("%.2f probes a look-up among %d words in a set of %d (%d slots): the slots are not spread", avg, len(words), len(common), len(set.slots))
	}
}

// TestNeedleScanFindsEveryOccurrence holds needleScan to a search of every
// offset, for needles searched from their first byte and from a later
// one, as the offsets asked for move on by one or jump ahead.
func TestNeedleScanFindsEveryOccurrence(t *testing.T) {
	needles := []needle{{"ab", 0}, {"b", 0}, {"xa0", 2}, {"u00a0", 1}, {"cab", 1}, {"aa", 1}}
	pieces := []string{"a", "b", "c", "x", "u", "0", "a0", "00", " ", "xa0", "u00a0", "cab"}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, text := range randtext.Pieced(5000, 20, pieces, 13) {
		s := needleScan{text: text, needles: needles}
		for i := 0; i <= len(text); i += 1 + rng.IntN(3) {
			want := len(text)
			for j := i; j < len(text) && want == len(text); j++ {
				for _, n := range needles {
					if strings.HasPrefix(text[j:], n.text) {
						want = j
						break
					}
				}
			}
			if got := s.from(i); got != want {
				t.Fatalf("in %q from %d: %d, want %d", text, i, got, want)
			}
		}
	}
}
