package lint

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/internal/corpusgen"
)

// utf8Frames put a short sequence where the vector code and its tail see
// it: alone (under 32 bytes the library's scalar code runs), at the start,
// across the boundary of two 32-byte blocks, and at the very end of longer
// text, after ASCII and after Vietnamese letters.
var utf8Frames = []struct{ before, after string }{
	{"", ""},
	{"", strings.Repeat("a", 40)},
	{strings.Repeat("b", 30), strings.Repeat("c", 40)},
	{strings.Repeat("ệ", 10) + "x", strings.Repeat("d", 33)},
	{strings.Repeat("Hà Nội ", 9), ""},
}

func checkValidUTF8(t *testing.T, s string) {
	t.Helper()
	for _, f := range utf8Frames {
		framed := f.before + s + f.after
		if got, want := validUTF8(framed), utf8.ValidString(framed); got != want {
			t.Fatalf("validUTF8(%q) = %v, want %v", framed, got, want)
		}
	}
}

// TestValidUTF8EveryShortSequence compares with the standard library on
// every string of one and two bytes, on every three-byte string that is
// valid or starts with a byte from F0 (and on the rest with a few last
// bytes), and on four-byte strings from F0 up with the last bytes that
// decide their fate.
func TestValidUTF8EveryShortSequence(t *testing.T) {
	checkValidUTF8(t, "")
	var b [4]byte
	for x := range 256 {
		b[0] = byte(x)
		checkValidUTF8(t, string(b[:1]))
		for y := range 256 {
			b[1] = byte(y)
			checkValidUTF8(t, string(b[:2]))
			for z := range 256 {
				b[2] = byte(z)
				if utf8.ValidString(string(b[:3])) || x >= 0xF0 || z == 0 || z == 0x80 || z == 0xC2 {
					checkValidUTF8(t, string(b[:3]))
				}
				if x < 0xF0 || y&0xC0 != 0x80 && y != 0 {
					continue
				}
				for _, w := range []byte{0x00, 0x7F, 0x80, 0xBF, 0xC0} {
					b[3] = w
					checkValidUTF8(t, string(b[:4]))
				}
			}
		}
	}
}

func TestValidUTF8RandomText(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", " ", "ă", "ệ", "Đ", "€", "😀", "\u0301", "\xff", "\xc3", "\xe1\xbb", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf", "\n"}
	for range 20000 {
		var sb strings.Builder
		for range rng.IntN(80) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		checkValidUTF8(t, sb.String())
	}
}

func FuzzValidUTF8(f *testing.F) {
	for _, s := range []string{"", "Hà Nội", "\xff", strings.Repeat("ab", 20) + "\xe1\xbb\x87", "\xf0\x9f\x98\x80" + strings.Repeat("x", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validUTF8(s), utf8.ValidString(s); got != want {
			t.Errorf("validUTF8(%q) = %v, want %v", s, got, want)
		}
	})
}

// BenchmarkValidUTF8 compares with the standard library on generated news
// text.
func BenchmarkValidUTF8(b *testing.B) {
	g := corpusgen.New(1)
	var sb strings.Builder
	for sb.Len() < 4<<20 {
		sb.WriteString(g.Next().Text)
	}
	text := sb.String()
	for _, v := range []struct {
		name  string
		valid func(string) bool
	}{{"validUTF8", validUTF8}, {"utf8.ValidString", utf8.ValidString}} {
		b.Run(v.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if !v.valid(text) {
					b.Fatal("generated text is not valid UTF-8")
				}
			}
		})
	}
}
