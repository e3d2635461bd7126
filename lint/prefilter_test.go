package lint

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFirstRunes(t *testing.T) {
	tests := []struct {
		pattern  string
		starts   string // runes a match may start with
		excluded string // runes it cannot
	}{
		{`In bài viết`, "I", "iTB "},
		{`(?i)powered by .+`, "pP", "bB("},
		{`(?i)(proudly )?powered by .+`, "pP", "bB"},
		{`(?i)kelvin`, "kK\u212a", "l"},
		{`\(\d+\) Bình luận`, "(", "0B"},
		{`\d+ (bình luận|ý kiến)`, "0123456789", "b("},
		{`(Tags?|Topics?|Từ khóa): .+`, "T", "tS"},
		{`Bình luận|Ý kiến`, "BÝ", "bý"},
		{`[A-C]x|y`, "ABCy", "Dx"},
		{`\s*Share`, " \tS", "h"},
		{`x*y?z`, "xyz", "w"},
		{`(?:ab){0,2}c`, "ac", "b"},
		{`^Mới nhất$`, "M", "m"},
		{`\bTin\b`, "T", "i"},
		{`(?i)ß`, "ßẞ", "s"},
		{`.{0,5}Share`, "aZ(Đ", ""},
		{`(?s).x`, "\n", ""},
	}
	for _, tt := range tests {
		set := firstRunes(tt.pattern)
		for _, r := range tt.starts {
			if !set.contains(r) {
				t.Errorf("firstRunes(%q) lacks %q", tt.pattern, r)
			}
		}
		for _, r := range tt.excluded {
			if set.contains(r) {
				t.Errorf("firstRunes(%q) has %q", tt.pattern, r)
			}
		}
	}
}

// TestLineMatcherPatternsAsOneAlternation checks that trying only the
// patterns a line's first rune allows answers as one anchored alternation
// of every pattern does.
func TestLineMatcherPatternsAsOneAlternation(t *testing.T) {
	sources := []string{
		`\(\d+\) (Bình luận|Ý kiến)`, `(?i)\d+ (bình luận|ý kiến)`, `(?i)(proudly )?powered by [^,.]{1,40}`,
		`Nổi bật( \p{Lu}[\p{L} ]{0,30})?`, `(Tags?|Từ khóa): ?(?:[^\s,]+ ){0,4}[^\s,]+(?:, (?:[^\s,]+ ){0,4}[^\s,]+)*`,
		`© ?(\d{4}|Copyright).{0,50}`, `(?i)follow us( on (x|facebook))?`, `\s*x?`, `.{0,3}end`,
	}
	lex := &Lexicon{Name: "t"}
	var parts []string
	for _, s := range sources {
		lex.Patterns = append(lex.Patterns, regexp.MustCompile(s))
		parts = append(parts, "(?:"+s+")")
	}
	all := regexp.MustCompile(`^(?:` + strings.Join(parts, "|") + `)$`)
	lines := []string{
		"(3) Bình luận", "(3) bình luận", "12 BÌNH LUẬN", "Proudly Powered by WordPress", "POWERED BY ACME",
		"Powered by solar panels, the ferry", "Nổi bật", "Nổi bật Một thế giới", "nổi bật", "Tags: a, b c",
		"Từ khóa: giá vàng, TP.HCM", "© 2024 Báo Mẫu", "©AFP", "Follow us", "FOLLOW US ON X", "x", "X",
		"the end", "end", "Kend", "ÝÝend", "Bình luận", "", "Tin mới", "Theo TTXVN", "ẞend", "\u212aend",
		"(3)\u00a0Bình luận", "Follow  us on\tX", " \u00a0 end", "Powered by a very long name that goes on and on and on and on",
		strings.Repeat("x", 200) + "end", "©" + strings.Repeat("a", 60),
		// Lines with many spaces, against patterns that bound them.
		"Tags: a b c d e f", "Tags: a b c d e", "Từ khóa: một hai ba bốn năm, sáu bảy tám chín mười",
		"Nổi bật Một hai ba bốn năm sáu bảy", "Nổi bật Một hai ba bốn năm sáu bảy tám chín mười một",
		"(12) Bình luận thêm", "Follow us on x now",
	}
	// Every ASCII first character, which Match looks patterns up by.
	for c := range rune(utf8.RuneSelf) {
		for _, rest := range []string{"", "end", "2end", "ollow us", "3) Bình luận", "ags: a, b"} {
			lines = append(lines, string(c)+rest)
		}
	}
	m := lex.Lines()
	for _, line := range lines {
		collapsed := strings.Join(strings.Fields(line), " ")
		want := collapsed != "" && all.MatchString(collapsed)
		if got := m.Match(line); got != want {
			t.Errorf("Match(%q) = %v, one alternation says %v", line, got, want)
		}
	}
}

// TestMaxBytes holds LongestLine to each pattern's longest match, the
// pattern anchored at both ends as a line matcher anchors it.
func TestMaxBytes(t *testing.T) {
	tests := []struct {
		pattern string
		want    int
	}{
		{`In bài viết`, len("In bài viết")},
		{`(?i)kelvin`, len("\u212aelvin")},
		{`\d{1,6} bình luận`, 6 + len(" bình luận")},
		{`(Tags?|Từ khóa): x`, len("Từ khóa: x")},
		{`© ?(\d{4}|Bản quyền).{0,10}`, len("© Bản quyền") + 40},
		{`[a-c]{2}|\p{L}`, 4},
		{`^Mới$`, len("Mới")},
		{`\d+ comments`, unbounded},
		{`Share( on X)*`, unbounded},
		{`.{0,5}(x|y+)`, unbounded},
	}
	for _, tt := range tests {
		if got := LongestLine(regexp.MustCompile(`^(?:` + tt.pattern + `)$`)); got != tt.want {
			t.Errorf("LongestLine of %q anchored = %d, want %d", tt.pattern, got, tt.want)
		}
	}
}

func TestLongestLine(t *testing.T) {
	for _, c := range []struct {
		pattern string
		want    int
	}{
		{`^\(\d{1,3}\) (Bình luận|Ý kiến)$`, len("(999) Bình luận")},
		{`^(Theo|Nguồn:?) [^.,;!?]{2,40}$`, len("Nguồn:") + 1 + 40*4},
		{`\./\.$`, -1},          // not anchored at the start
		{`^Theo`, -1},           // not anchored at the end
		{`^\p{Lu}\p{Ll}*$`, -1}, // unbounded repeat
	} {
		if got := LongestLine(regexp.MustCompile(c.pattern)); got != c.want {
			t.Errorf("LongestLine(%q) = %d, want %d", c.pattern, got, c.want)
		}
	}
}

func TestLiteralSuffix(t *testing.T) {
	for _, c := range []struct {
		pattern, want string
	}{
		{`\./\.$`, "./."},
		{`^\(\d+\) (Bình luận|Ý kiến)$`, ""}, // ends in an alternation
		{`Theo TTXVN$`, "Theo TTXVN"},
		{`\d+ ảnh$`, " ảnh"},
		{`(?i)xem thêm$`, ""}, // a case-folded literal is not a byte suffix
		{`x\.$|y$`, ""},       // an alternation of endings
		{`\./\.`, ""},         // not anchored at the end
		{`(?m)\./\.$`, ""},    // $ at every line end
		{`^$`, ""},
	} {
		if got := LiteralSuffix(regexp.MustCompile(c.pattern)); got != c.want {
			t.Errorf("LiteralSuffix(%q) = %q, want %q", c.pattern, got, c.want)
		}
	}
	// Every line the pattern matches ends with the suffix.
	re := regexp.MustCompile(`[^.]{0,20} PV\./\.$`)
	suffix := LiteralSuffix(re)
	for _, line := range []string{"Nhóm PV./.", "abc PV./.", "PV./. nữa", "x PV./", ""} {
		if re.MatchString(line) && !strings.HasSuffix(line, suffix) {
			t.Errorf("%q matches %q but does not end with %q", line, re, suffix)
		}
	}
}

func TestMostSpaces(t *testing.T) {
	for _, c := range []struct {
		pattern string
		want    int
	}{
		{`^\p{Lu}\p{Ll}*( \p{Lu}\p{Ll}*){1,3}$`, 3},
		{`^\p{Lu}\p{Ll}*( \p{Lu}\p{Ll}*){0,3} ?[(/]\p{Lu}[\p{Lu}\p{Ll}+ ]{1,20}\)?$`, 3 + 1 + 20},
		{`^(Theo|Nguồn:?) [^.,;!?]{2,40}$`, 1 + 40},
		{`^\(\d+\) (Bình luận|Ý kiến)$`, 2},
		{`^a\s+b$`, -1},       // \s holds the space, unbounded
		{`^[a-z]+$`, 0},       // no space at all
		{`^.{0,5}$`, 5},       // any character may be a space
		{`\./\.$`, -1},        // not anchored at the start
		{`^Theo (TTXVN)`, -1}, // not anchored at the end
	} {
		if got := MostSpaces(regexp.MustCompile(c.pattern)); got != c.want {
			t.Errorf("MostSpaces(%q) = %d, want %d", c.pattern, got, c.want)
		}
	}
	// A line the pattern matches never holds more spaces than the bound.
	re := regexp.MustCompile(`^\p{Lu}\p{Ll}*( \p{Lu}\p{Ll}*){1,3}$`)
	for _, line := range []string{"Minh Anh", "Nguyễn Văn An Bình", "Nguyễn Văn An Bình Hòa"} {
		if re.MatchString(line) && strings.Count(line, " ") > MostSpaces(re) {
			t.Errorf("%q matches with more spaces than MostSpaces allows", line)
		}
	}
}

func TestRequiredRunes(t *testing.T) {
	tests := []struct {
		pattern, want string
	}{
		{`^\p{Lu}\p{Ll}*( \p{Lu}\p{Ll}*){0,3} ?[(/]\p{Lu}[\p{Lu}\p{Ll}+ ]{1,20}\)?$`, "(/"},
		{`^\(\d+\) (Bình luận|Ý kiến)$`, "("},
		{`Đường dẫn bài viết: ?\S{1,300}`, ":"},
		{`(Từ khóa|Từ khoá|Tags?): ?\S+`, ":"},
		{`(?i)(bản quyền|copyright) ?(©|\(c\)).{0,150}`, "©("},
		{`© ?(\d{4}|Bản quyền)`, "©"},
		{`x(a|b/)`, ""},                       // a branch without one
		{`(Theo|Nguồn:?) [^.,;!?]{2,40}`, ""}, // letters and blanks only
		{`a\.b,c`, ""},                        // full stops and commas are in every paragraph
		{`(:)?x`, ""},                         // optional
		{`x(:)*`, ""},
		{`x(:){1,2}`, ":"},
		{`[!-/]`, ""}, // too many to search for
		{`(a|b|c|d|e)[:;]`, ":;"},
		{`\(`, "("},
	}
	for _, tt := range tests {
		if got := RequiredRunes(regexp.MustCompile(tt.pattern)); got != tt.want {
			t.Errorf("RequiredRunes(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
}

func TestLiteralPrefixes(t *testing.T) {
	tests := []struct {
		pattern string
		want    []string
	}{
		{`^(Theo|Nguồn:?) [^.,;!?]{2,40}$`, []string{"Theo", "Nguồn"}}, // a branch that does not end whole stops the texts
		{`^\((责任编辑|编辑|Biên tập|BTV)\s*[:：].{0,40}\)$`, []string{"(责任编辑", "(编辑", "(Biên tập", "(BTV"}},
		{`^(?:Theo dõi .{1,60} trên Google News)$`, []string{"Theo dõi "}},
		{`^(?:Nổi bật( \p{Lu}[\p{L} ]{0,30})?)$`, []string{"Nổi bật"}},
		{`^(?:(Ghi|ghi) rõ nguồn .{1,80})$`, []string{"Ghi rõ nguồn ", "ghi rõ nguồn "}},
		{`^(?:(Từ khóa|Từ khoá|Tags?): ?\S+)$`, []string{"Từ khóa", "Từ khoá", "Tag"}},
		{`^[Tt]in (mới|nóng)`, []string{"Tin mới", "Tin nóng", "tin mới", "tin nóng"}},
		{`^(?:(?i)powered by .+)$`, []string{"POW", "POw", "PoW", "Pow", "pOW", "pOw", "poW", "pow"}}, // folded, while few
		{`^(?i)k`, []string{"K", "k", "\u212a"}},
		{`^\p{Lu}\p{Ll}*( \p{Lu}\p{Ll}*){1,3}$`, nil}, // a class too large
		{`\./\.$`, nil},                // not anchored at its start
		{`^(a|b|c|d|e|f|g|h|i)x`, nil}, // too many
		{`^(ab|)c`, nil},               // one branch starts with nothing
		{`^x+y`, []string{"x"}},
	}
	for _, tt := range tests {
		if got := LiteralPrefixes(regexp.MustCompile(tt.pattern)); !slices.Equal(got, tt.want) {
			t.Errorf("LiteralPrefixes(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
	for _, tt := range []struct {
		line, prefix string
		want         bool
	}{
		{"Theo dõi VTV trên Google News", "Theo dõi ", true},
		{"Theo  dõi\u00a0VTV", "Theo dõi ", true},
		{"Theo\tdõi", "Theo dõi", true},
		{"Theodõi", "Theo dõi", false},
		{"Theo", "Theo ", false},
		{"Theo ông", "Theo dõi ", false},
		{"theo dõi", "Theo dõi", false},
		{"", "x", false},
		{"x", "", true},
	} {
		if got := StartsLike(tt.line, []string{tt.prefix}); got != tt.want {
			t.Errorf("StartsLike(%q, %q) = %v, want %v", tt.line, tt.prefix, got, tt.want)
		}
	}
}
