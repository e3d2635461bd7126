package fastutf8

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestDecodeMatchesUTF8(t *testing.T) {
	inputs := []string{"", "a", "é", "ệ", "Đ", "東", "😀", "\xc3", "\xe1\xbb", "\xc0\x80", "\xe0\x80\x80", "\xed\xa0\x80", "\xe1\x80\xc0", "\xc3(", "ả\xff"}
	// Every two-byte string from a lead byte up, and every three-byte one
	// whose lead Decode handles itself.
	for c := 0x80; c < 0x100; c++ {
		for t := range 0x100 {
			inputs = append(inputs, string([]byte{byte(c), byte(t)}))
		}
	}
	for c := 0xE0; c < 0xF0; c++ {
		for t1 := range 0x100 {
			for t2 := range 0x100 {
				b := [3]byte{byte(c), byte(t1), byte(t2)}
				r, n := Decode(string(b[:]), 0)
				if wr, wn := utf8.DecodeRune(b[:]); r != wr || n != wn {
					t.Fatalf("Decode(%q) = %U, %d; utf8 says %U, %d", b, r, n, wr, wn)
				}
			}
		}
	}
	for _, s := range inputs {
		for i := range len(s) {
			r, n := Decode(s, i)
			wr, wn := utf8.DecodeRuneInString(s[i:])
			if r != wr || n != wn {
				t.Fatalf("Decode(%q, %d) = %U, %d; utf8 says %U, %d", s, i, r, n, wr, wn)
			}
		}
	}
}

// TestMaySpaceCoversEverySpace: every white space character beyond ASCII
// starts with two bytes MaySpace accepts, and the Vietnamese letters led by
// E1 do not.
func TestMaySpaceCoversEverySpace(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		s := string(r)
		if unicode.IsSpace(r) && !MaySpace(s, 0) {
			t.Errorf("%U is white space, led by % x", r, s[:2])
		}
		if MaySpace(s, 0) && !MaySpaceLead(s[0]) {
			t.Errorf("MaySpace accepts %U, led by %#x, which MaySpaceLead refuses", r, s[0])
		}
		if 0x1EA0 <= r && r <= 0x1EF9 && MaySpace(s, 0) {
			t.Errorf("%U, a Vietnamese letter, may be space", r)
		}
	}
	if MaySpace("\xc2", 0) || MaySpace("a\xe2", 1) {
		t.Error("a lead byte at the end of the text may be space")
	}
}

// TestVietnameseE1 holds VietnameseE1 to the block it names, and to what
// its callers read from it: every character there is a letter whose small
// letter is the code point with its low bit set.
func TestVietnameseE1(t *testing.T) {
	for r := rune(0x1000); r <= 0x1FFF; r++ {
		b := []byte(string(r))
		in := 0x1EA0 <= r && r <= 0x1EF9
		if got := VietnameseE1(b[1], b[2]); got != in {
			t.Errorf("VietnameseE1 on %U is %v, want %v", r, got, in)
		}
		if in && (!unicode.IsLetter(r) || unicode.ToLower(r) != r|1) {
			t.Errorf("%U: lower case %U, want %U", r, unicode.ToLower(r), r|1)
		}
	}
}

// TestLatin: Latin takes exactly the well-formed characters from U+0080 to
// U+02FF, as utf8 decodes them, among every pair of bytes.
func TestLatin(t *testing.T) {
	for c := range 0x100 {
		for next := range 0x100 {
			s := string([]byte{byte(c), byte(next)})
			r, ok := Latin(s, 0)
			wr, wn := utf8.DecodeRuneInString(s)
			want := wn == 2 && wr >= 0x80 && wr < 0x300
			if ok != want || ok && r != wr {
				t.Fatalf("Latin(% x) = %U, %v; utf8 says %U, %d", s, r, ok, wr, wn)
			}
		}
	}
	if _, ok := Latin("\xc3", 0); ok {
		t.Error("a lead byte at the end of the text is a character")
	}
}

// TestTrimSpaceMatchesStrings holds TrimSpace to strings.TrimSpace on texts
// of every kind of white space, letters beyond ASCII at either end, and
// malformed bytes, among them the first bytes of a space cut short.
func TestTrimSpaceMatchesStrings(t *testing.T) {
	pieces := []string{" ", "\t", "\n", "\r", "\v", "\f", "\x1c", "\u0085", "\u00a0", "\u1680", "\u2003", "\u200b", "\u2028", "\u202f",
		"\u205f", "\u3000", "\ufeff", "a", "Đ", "ọ", "ở", "\u1680x", "\xc2", "\xe2\x80", "\xe1\x9a", "\xe3", "\xff", "\x80", "\xc2\xa0\xa0"}
	rng := rand.New(rand.NewPCG(3, 4))
	trimmed := 0
	for range 100000 {
		var b strings.Builder
		for range rng.IntN(7) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		got, want := TrimSpace(s), strings.TrimSpace(s)
		if got != want {
			t.Fatalf("TrimSpace(%q) = %q, strings.TrimSpace %q", s, got, want)
		}
		if len(want) < len(s) {
			trimmed++
		}
	}
	if trimmed < 10000 {
		t.Fatalf("only %d texts trimmed: the test does not test", trimmed)
	}
}

func FuzzTrimSpace(f *testing.F) {
	for _, s := range []string{"", " a ", "\u00a0Đà\u3000", "\xc2", "x\xe2\x80", "\u2003\xff\u2003"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := TrimSpace(s), strings.TrimSpace(s); got != want {
			t.Fatalf("TrimSpace(%q) = %q, strings.TrimSpace %q", s, got, want)
		}
	})
}

func BenchmarkTrimSpace(b *testing.B) {
	lines := []string{"Đà Nẵng tiếp tục phát triển", "  Ông nói: “tốt”  ", "Hà Nội, ngày 5 tháng 3 năm 2024\r", "plain ascii line"}
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, l := range lines {
			_ = TrimSpace(l)
		}
	}
}
