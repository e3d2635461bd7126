package lint_test

import (
	"regexp"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
)

func TestLineMatcher(t *testing.T) {
	lex := &lint.Lexicon{
		Name:     "furniture",
		Literals: []string{"In bài viết", "Continue reading the main story"},
		Patterns: []*regexp.Regexp{regexp.MustCompile(`\(\d+\) Bình luận`), regexp.MustCompile(`POWERED BY .+`)},
	}
	m := lex.Lines()
	if lex.Lines() != m {
		t.Error("the matcher is built again on each call")
	}
	for _, c := range []struct {
		line string
		want bool
	}{
		{"In bài viết", true},
		{"  in BÀI viết \r", true},
		{"In  bài viết", true},
		{"continue reading the main story", true},
		{"(12) Bình luận", true},
		{"POWERED BY ONECMS - A PRODUCT OF NEKO", true},
		// A phrase inside a sentence is not the line.
		{"Bạn có thể In bài viết này để đọc sau.", false},
		{"Xem (12) Bình luận bên dưới", false},
		{"", false},
		{"In bài", false},
	} {
		if got := m.Match(c.line); got != c.want {
			t.Errorf("Match(%q) = %v, want %v", c.line, got, c.want)
		}
	}
	empty := (&lint.Lexicon{Name: "empty"}).Lines()
	if empty.Match("anything") {
		t.Error("an empty lexicon matched a line")
	}
}

func TestLineMatcherMatchLines(t *testing.T) {
	lex := &lint.Lexicon{Name: "furniture", Literals: []string{"In bài viết"}, Patterns: []*regexp.Regexp{regexp.MustCompile(`\(\d+\) Bình luận`)}}
	other := &lint.Lexicon{Name: "other", Literals: []string{"Xem thêm"}}
	d := lint.NewDocument("a.txt", "Tin chính.\r\nIn bài viết\r\n\n(3) Bình luận\nXem thêm\nBạn có thể In bài viết này.")
	want := []bool{false, true, false, true, false, false}
	got := lex.Lines().MatchLines(d)
	if len(got) != len(want) {
		t.Fatalf("MatchLines gave %d lines, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: MatchLines = %v, want %v", i+1, got[i], want[i])
		}
	}
	// Each matcher keeps its own answer for the document.
	if o := other.Lines().MatchLines(d); !o[4] || o[1] {
		t.Errorf("a second matcher got the first one's lines: %v", o)
	}
}

func TestLineMatcherSeesExtensions(t *testing.T) {
	rule := &lint.Rule{ID: "t", Lexicons: []string{"furniture"}}
	profile := &lint.Profile{Lang: "vi", Lexicons: map[string]*lint.Lexicon{"furniture": {Name: "furniture", Literals: []string{"In bài viết"}}}}
	s := lint.NewSettings(rule, profile)
	if s.Lexicon("furniture").Lines().Match("Xem thêm") {
		t.Fatal("matched a line before it was added")
	}
	if err := s.ExtendLexicon("furniture", []string{"Xem thêm"}, []*regexp.Regexp{regexp.MustCompile(`Trang \d+`)}); err != nil {
		t.Fatal(err)
	}
	m := s.Lexicon("furniture").Lines()
	for _, line := range []string{"In bài viết", "Xem thêm", "Trang 2"} {
		if !m.Match(line) {
			t.Errorf("%q: the matcher misses the lexicon's entries after ExtendLexicon", line)
		}
	}
}

func TestLineMatcherBlanks(t *testing.T) {
	lex := &lint.Lexicon{
		Name:     "furniture",
		Literals: []string{"In bài viết"},
		Patterns: []*regexp.Regexp{regexp.MustCompile(`\(\d+\) Bình luận`), regexp.MustCompile(`Share on (Facebook|X)`)},
	}
	m := lex.Lines()
	for _, c := range []struct {
		line string
		want bool
	}{
		{"In\u00a0bài viết", true},
		{"(0)\u00a0Bình luận", true},
		{"(0)  Bình\tluận", true},
		{"\u00a0Share on X\u00a0", true},
		{"Share on\u00a0Facebook", true},
		{"Share onFacebook", false},
		{"(0)Bình luận", false},
	} {
		if got := m.Match(c.line); got != c.want {
			t.Errorf("Match(%q) = %v, want %v", c.line, got, c.want)
		}
	}
}
