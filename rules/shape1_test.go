package rules

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/internal/corpusgen"
	"github.com/scrapelint/scrapelint/internal/dedupe"
	"github.com/scrapelint/scrapelint/internal/randtext"
	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/lint/linttest"
	"golang.org/x/text/unicode/norm"
)

// spans returns the text of each finding's span.
func spans(text string, fs []lint.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, text[f.Start:f.End])
	}
	return out
}

// fixAll applies a rule's fixes to text until it settles.
func fixAll(t *testing.T, r *lint.Rule, text string, unsafe bool) string {
	t.Helper()
	s := lint.NewSettings(r, Profiles()["vi"])
	rs := &lint.RuleSet{Settings: []*lint.Settings{s}}
	res, err := rs.FixDocument(lint.NewDocument("t.txt", text), unsafe)
	if err != nil {
		t.Fatal(err)
	}
	return res.Text
}

func TestDoubledHeadlineShapes(t *testing.T) {
	const title = "Giá lúa gạo tăng nhẹ sau phiên điều chỉnh"
	tests := []struct {
		name, text string
		spans      []string // the doubled run each finding covers
		fixed      string   // the text after fixing ("" when nothing to fix)
	}{
		{"one space", title + " " + title, []string{title + " " + title}, title},
		{"glued", title + title, []string{title + title}, title},
		{"teaser after", title + " " + title + " Sáng 9/2, giá tăng.", []string{title + " " + title}, title + " Sáng 9/2, giá tăng."},
		{"glued teaser", title + " " + title + "Sáng 9/2", []string{title + " " + title}, title + "Sáng 9/2"},
		{"bullet", "- ·" + title + " " + title + "\n", []string{title + " " + title}, "- ·" + title + "\n"},
		{"indented, trailing spaces", "  " + title + " " + title + "  \n", []string{title + " " + title}, "  " + title + "  \n"},
		{"crlf", title + " " + title + "\r\nSáng nay.\r\n", []string{title + " " + title}, title + "\r\nSáng nay.\r\n"},
		{"three copies", title + " " + title + " " + title, []string{title + " " + title}, title},
		{"five words", "Hà Nội mưa rất lớn Hà Nội mưa rất lớn", []string{"Hà Nội mưa rất lớn Hà Nội mưa rất lớn"}, "Hà Nội mưa rất lớn"},
		{"question", "Ai sẽ vô địch mùa giải này? Ai sẽ vô địch mùa giải này?", []string{"Ai sẽ vô địch mùa giải này? Ai sẽ vô địch mùa giải này?"}, "Ai sẽ vô địch mùa giải này?"},
		{"four words", "Hà Nội mưa lớn Hà Nội mưa lớn", nil, ""},
		{"chant", "Cố lên Việt Nam ơi! Cố lên Việt Nam ơi! Khán giả hô vang.", nil, ""},
		{"sentence twice", "Trận đấu đã kết thúc. Trận đấu đã kết thúc. Hai đội hòa.", nil, ""},
		{"sentences", "Mưa to. Gió lớn cả đêm Mưa to. Gió lớn cả đêm", nil, ""},
		{"numbers", "1 2 3 4 5 1 2 3 4 5", nil, ""},
		{"ellipsis", "Chờ mãi mà chưa thấy đâu… Chờ mãi mà chưa thấy đâu…", nil, ""},
		{"case differs", title + " " + strings.ToLower(title), nil, ""},
		{"lower-case start", "giá lúa gạo tăng nhẹ giá lúa gạo tăng nhẹ", nil, ""},
		{"runs into a word", "Tăng cường hợp tác kinh tế Tăng cường hợp tác kinh tếxã hội", nil, ""},
		{"runs into a digit", "Giá vàng tăng ngày 1 Giá vàng tăng ngày 12", nil, ""},
		{"inside a sentence", "Người dân nói Giá vàng tăng mạnh Giá vàng tăng mạnh", nil, ""},
		{"two spaces", title + "  " + title, nil, ""},
		{"one word", "Hà", nil, ""},
		{"empty", "", nil, ""},
		{"line on its own twice", title + "\n" + title + "\n", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spans(tt.text, findIn(t, DoubledHeadline, "vi", tt.text))
			if !slices.Equal(got, tt.spans) {
				t.Errorf("spans %q, want %q", got, tt.spans)
			}
			want := tt.fixed
			if want == "" {
				want = tt.text
			}
			if fixed := fixAll(t, DoubledHeadline, tt.text, false); fixed != want {
				t.Errorf("fixed %q, want %q", fixed, want)
			}
		})
	}
}

func TestNearDuplicateParagraphPairs(t *testing.T) {
	const lead = "Bộ trưởng Nguyễn Văn An khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay."
	const other = "Đoàn công tác đã thăm hỏi các gia đình bị thiệt hại tại huyện Văn Yên, tỉnh Yên Bái."
	tests := []struct {
		name      string
		lines     []string
		threshold float64
		reported  []int // 1-based lines reported
	}{
		{"name dropped", []string{lead, other, "Bộ trưởng khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay."}, 0.6, []int{3}},
		{"punctuation and case only", []string{lead, strings.ToUpper(lead[:1]) + strings.ReplaceAll(lead[1:], ".", "!")}, 0.6, []int{2}},
		{"exact copy", []string{lead, other, lead}, 0.6, nil},
		{"exact copy with spaces", []string{lead, "  " + lead + " "}, 0.6, nil},
		{"different paragraphs", []string{lead, other}, 0.6, nil},
		{"raised threshold", []string{lead, "Bộ trưởng Nguyễn Văn An khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng cao trong năm nay."}, 0.9, nil},
		{"lowered threshold", []string{lead, "Bộ trưởng Nguyễn Văn An khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng cao trong năm nay."}, 0.6, []int{2}},
		{"caption and sentence", []string{"Bộ trưởng Nguyễn Văn An thăm hỏi nông dân vùng lũ Yên Bái", "Sáng 5/9, Bộ trưởng Nguyễn Văn An thăm hỏi nông dân vùng lũ Yên Bái."}, 0.6, nil},
		{"short lines", []string{"Ảnh: Nguyễn Văn An chụp", "Ảnh: Nguyễn Văn An chụp lại"}, 0.6, nil},
		{"two later copies", []string{lead, "Bộ trưởng khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay.", "Bộ trưởng An khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay."}, 0.6, []int{2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := lint.NewSettings(NearDuplicateParagraph, Profiles()["vi"])
			if err := s.SetOption("threshold", tt.threshold); err != nil {
				t.Fatal(err)
			}
			d := lint.NewDocument("t.txt", strings.Join(tt.lines, "\n")+"\n")
			fs, err := (&lint.RuleSet{Settings: []*lint.Settings{s}}).Check(d)
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, f := range fs {
				line, _ := d.Position(f.Start)
				got = append(got, line)
				if f.Fix == nil || f.Fix.Safety != lint.Unsafe {
					t.Errorf("line %d: fix %+v, want an unsafe deletion", line, f.Fix)
				}
			}
			if !slices.Equal(got, tt.reported) {
				t.Errorf("reported lines %v, want %v", got, tt.reported)
			}
		})
	}
}

func TestNearDuplicateDeletesOnlyTheLaterCopy(t *testing.T) {
	text := "Bộ trưởng Nguyễn Văn An khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay.\r\n" +
		"Bộ trưởng khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay.\r\n" +
		"Tỉnh đã cấp 200 tấn giống lúa cho các xã."
	want := "Bộ trưởng Nguyễn Văn An khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay.\r\n" +
		"Tỉnh đã cấp 200 tấn giống lúa cho các xã."
	if got := fixAll(t, NearDuplicateParagraph, text, true); got != want {
		t.Errorf("unsafe fix gives %q, want %q", got, want)
	}
	if got := fixAll(t, NearDuplicateParagraph, text, false); got != text {
		t.Errorf("safe fixing changed the text to %q", got)
	}
}

func TestTruncatedRangeEnds(t *testing.T) {
	tests := []struct {
		name, text string
		spans      []string
	}{
		{"period of years", "Quy hoạch vùng Tây Nguyên thời kỳ 2021", []string{"2021"}},
		{"at line start", "Thời kỳ 2021", []string{"2021"}},
		{"amount", "Giá heo hơi dao động từ 52.000\nGiá lúa ổn định.", []string{"52.000"}},
		{"decimal", "Lãi suất dao động từ 6,5", []string{"6,5"}},
		{"plate series", "Đấu giá biển số xe 30K", []string{"30K"}},
		{"plate series with digit", "Đấu giá biển kiểm soát 51H1", []string{"51H1"}},
		{"trailing space and crlf", "Đại hội nhiệm kỳ 2023  \r\nTiếp theo.", []string{"2023"}},
		{"in parentheses", "Chiến lược ngành điện (giai đoạn 2026", []string{"2026"}},
		{"two lines", "Thời kỳ 2021\nGiai đoạn 2025\n", []string{"2021", "2025"}},
		{"whole range", "Quy hoạch vùng thời kỳ 2021-2030", nil},
		{"spaced range", "Quy hoạch vùng thời kỳ 2021 - 2030", nil},
		{"full stop", "Ngành đã tổng kết giai đoạn 2021.", nil},
		{"from a year on", "Hà Nội cấm xe máy từ 2030", nil},
		{"a year", "Kết quả hoạt động trong năm 2024", nil},
		{"phase number", "Khởi công giai đoạn 2", nil},
		{"small number", "Giá heo hơi dao động từ 52", nil},
		{"lower-case plate", "Đấu giá biển số xe 30k", nil},
		{"not a year", "Thời kỳ 1850", nil},
		{"opener inside a word", "Tin tức thờikỳ 2021", nil},
		{"number mid-line", "Thời kỳ 2021 có nhiều thay đổi", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spans(tt.text, findIn(t, TruncatedRange, "vi", tt.text))
			if !slices.Equal(got, tt.spans) {
				t.Errorf("spans %q, want %q", got, tt.spans)
			}
		})
	}
	if got := spans("Prices fluctuated between 9,500", findIn(t, TruncatedRange, "en", "Prices fluctuated between 9,500")); !slices.Equal(got, []string{"9,500"}) {
		t.Errorf("en: spans %q, want [9,500]", got)
	}
	if got := findIn(t, TruncatedRange, "en", "Fares rise in"+"between 2026"); len(got) != 0 { // an opener inside a longer word
		t.Errorf("en: opener inside a word reported: %v", got)
	}
}

// TestTruncatedRangeUserPattern checks that a pattern added in the
// configuration is matched against the text before the number.
func TestTruncatedRangeUserPattern(t *testing.T) {
	s := lint.NewSettings(TruncatedRange, Profiles()["vi"])
	if err := s.ExtendLexicon("range-openers", nil, []*regexp.Regexp{regexp.MustCompile(`(?i)\bgiá vé từ$`)}); err != nil {
		t.Fatal(err)
	}
	rs := &lint.RuleSet{Settings: []*lint.Settings{s}}
	text := "Giá vé từ 99.000\nVé máy bay từ 99.000\n"
	fs, err := rs.Check(lint.NewDocument("t.txt", text))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || text[fs[0].Start:fs[0].End] != "99.000" || fs[0].Start > 16 {
		t.Errorf("findings %v, want one on the first line's amount", fs)
	}
}

// TestNearDuplicateParagraphWords checks that paragraphs are read word by
// word as the duplicate rules read documents: case, spacing, punctuation
// and the placement of a tone mark do not make two paragraphs differ, the
// marks themselves do.
func TestNearDuplicateParagraphWords(t *testing.T) {
	const lead = "Ủy ban tỉnh Hòa Bình đã hỗ trợ nông dân vùng lũ khôi phục sản xuất trong năm nay."
	tests := []struct {
		name, copy string
		reported   bool
	}{
		{"capitals", "ỦY BAN TỈNH HÒA BÌNH ĐÃ HỖ TRỢ NÔNG DÂN VÙNG LŨ KHÔI PHỤC SẢN XUẤT TRONG NĂM NAY.", true},
		{"blanks and quotes", "“Ủy ban\u00a0tỉnh Hòa Bình” đã hỗ trợ\tnông dân vùng lũ – khôi phục sản xuất trong năm nay…", true},
		{"new tone placement", "Uỷ ban tỉnh Hoà Bình đã hỗ trợ nông dân vùng lũ khôi phục sản xuất trong năm nay.", true},
		{"decomposed marks", norm.NFD.String(lead) + " ", true},
		{"marks dropped", "Uy ban tinh Hoa Binh da ho tro nong dan vung lu khoi phuc san xuat trong nam nay.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := lint.NewSettings(NearDuplicateParagraph, Profiles()["vi"])
			d := lint.NewDocument("t.txt", lead+"\n"+tt.copy+"\n")
			fs, err := (&lint.RuleSet{Settings: []*lint.Settings{s}}).Check(d)
			if err != nil {
				t.Fatal(err)
			}
			if tt.reported && (len(fs) != 1 || !strings.Contains(fs[0].Message, "(100% of word runs shared)")) {
				t.Errorf("findings %v, want the copy reported with every word run shared", fs)
			}
			if !tt.reported && len(fs) > 0 {
				t.Errorf("findings %v, want none", fs)
			}
		})
	}
}

// TestHints runs each rule that takes a hint on generated documents as
// check does (the duplicate rules' first pass, whose work the hints reuse,
// then the second) and alone: the findings must be the same, and the hint
// must spare the second pass most documents.
func TestHints(t *testing.T) {
	g := corpusgen.New(7)
	var texts []string
	for range 300 {
		texts = append(texts, g.Next().Text)
	}
	read := func(i int) *lint.Document {
		d := lint.NewDocument(fmt.Sprintf("%d.txt", i), texts[i])
		d.Seq = i
		return d
	}
	hinted := 0
	for _, rule := range All {
		if rule.NewHint == nil {
			continue
		}
		hinted++
		t.Run(rule.ID, func(t *testing.T) {
			rs, err := lint.Configure([]*lint.Rule{DuplicateDocument, rule}, Profiles(), nil, lint.Selection{})
			if err != nil {
				t.Fatal(err)
			}
			rs.Hints = true
			alone := &lint.RuleSet{Settings: []*lint.Settings{lint.NewSettings(rule, Profiles()["vi"])}}
			rs.StartCorpus()
			for i := range texts {
				d := read(i)
				if err := rs.Observe(d); err != nil {
					t.Fatal(err)
				}
				d.Release()
			}
			rs.FinishCorpus()
			found := 0
			for i := range texts {
				got, err := rs.Check(read(i))
				if err != nil {
					t.Fatal(err)
				}
				got = slices.DeleteFunc(got, func(f lint.Finding) bool { return f.Rule != rule.ID })
				want, err := alone.Check(read(i))
				if err != nil {
					t.Fatal(err)
				}
				if len(got)+len(want) > 0 && !reflect.DeepEqual(got, want) {
					t.Fatalf("document %d: %d findings after the first pass, %d alone", i, len(got), len(want))
				}
				found += len(want)
			}
			if found == 0 {
				t.Fatalf("no findings on the generated documents; the test needs some")
			}
			// A fresh hint shown the documents again says which it spares.
			h := rule.NewHint(lint.NewSettings(rule, Profiles()["vi"])).(interface {
				lint.Hint
				spares(*lint.Document) bool
			})
			spared := 0
			for i := range texts {
				h.Observe(read(i))
				if h.spares(read(i)) {
					spared++
				}
			}
			if spared < len(texts)/2 {
				t.Errorf("the hint spares %d of %d documents, want most", spared, len(texts))
			}
		})
	}
	if hinted == 0 {
		t.Errorf("no rule takes a hint, want near-duplicate-paragraph to")
	}
}

// TestNearDuplicateParagraphHintChangedText checks that a document whose
// text changed after the first pass (a fix, a file rewritten during the
// run) is checked again, not spared.
func TestNearDuplicateParagraphHintChangedText(t *testing.T) {
	const lead = "Bộ trưởng Nguyễn Văn An khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay."
	rs, err := lint.Configure([]*lint.Rule{DuplicateDocument, NearDuplicateParagraph}, Profiles(), nil, lint.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	rs.Hints = true
	rs.StartCorpus()
	before := lint.NewDocument("a.txt", lead+"\n")
	if err := rs.Observe(before); err != nil {
		t.Fatal(err)
	}
	rs.FinishCorpus()
	after := lint.NewDocument("a.txt", lead+"\nBộ trưởng khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay.\n")
	fs, err := rs.Check(after)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Rule != NearDuplicateParagraph.ID {
		t.Errorf("findings %v on the changed text, want its near copy", fs)
	}
}

// BenchmarkShape1Seeds measures the three rules on real scraped news: the
// seed articles, when present, each repeated as 40 documents (about 2 MB).
// BenchmarkRule/<id> measures them on the generated corpus, whose formulaic
// sentences share more word runs than news prose does.
func BenchmarkShape1Seeds(b *testing.B) {
	dir := linttest.Seeds(b)
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var docs []*lint.Document
	var size int64
	for range 40 {
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, lint.NewDocument(p, string(data)))
			size += int64(len(data))
		}
	}
	for _, r := range []*lint.Rule{DoubledHeadline, NearDuplicateParagraph, TruncatedRange} {
		b.Run(r.ID, func(b *testing.B) {
			rs := ruleSet(b, r)
			b.SetBytes(size)
			for b.Loop() {
				checkAll(b, rs, freshDocs(docs))
			}
		})
	}
}

// FuzzShape1Rules holds the three rules to the engine's invariants on any
// text: no panic, spans and edits on character boundaries (Check returns
// the violations as errors), fixes that settle and keep valid UTF-8 valid.
func FuzzShape1Rules(f *testing.F) {
	f.Add("Giá lúa gạo tăng nhẹ hôm nay Giá lúa gạo tăng nhẹ hôm nay\nthời kỳ 2021\n")
	f.Add("Bộ trưởng An khẳng định ngành sẽ hỗ trợ nông dân vùng lũ.\r\nBộ trưởng khẳng định ngành sẽ hỗ trợ nông dân vùng lũ.")
	f.Add("- ·Ưu tiên ƠN Đà Nẵng“ –\u00a0Ưu tiên ƠN Đà Nẵng“ –\u00a0x\xff")
	f.Add("AAAA AAAA AAAA AAAA AAAA AAAA AAAA AAAA AAAA AAAA")
	profiles := Profiles()
	f.Fuzz(func(t *testing.T, text string) {
		var settings []*lint.Settings
		for _, r := range []*lint.Rule{DoubledHeadline, NearDuplicateParagraph, TruncatedRange} {
			settings = append(settings, lint.NewSettings(r, profiles["vi"]))
		}
		rs := &lint.RuleSet{Settings: settings}
		d := lint.NewDocument("f.txt", text)
		if _, err := rs.Check(d); err != nil {
			t.Fatal(err)
		}
		res, err := rs.FixDocument(d, true)
		if err != nil {
			t.Fatal(err)
		}
		if utf8.ValidString(text) && !utf8.ValidString(res.Text) {
			t.Fatalf("fixing valid UTF-8 %q gave invalid %q", text, res.Text)
		}
	})
}

// TestDoubledPrefixReadsHalfTheLine: bounding the search to where a second
// copy can start finds what a search of the whole line finds, on lines of
// odd and even length, copies joined by a space or glued.
func TestDoubledPrefixReadsHalfTheLine(t *testing.T) {
	words := []string{"Hà", "Nội", "mưa", "to", "Bão", "số", "3"}
	rng := rand.New(rand.NewPCG(17, 18))
	found := 0
	for range 20000 {
		var title []string
		for range 1 + rng.IntN(6) {
			title = append(title, words[rng.IntN(len(words))])
		}
		t1 := strings.Join(title, " ")
		line := t1
		switch rng.IntN(3) {
		case 0:
			line = t1 + " " + t1
		case 1:
			line = t1 + t1
		}
		for range rng.IntN(3) {
			line += " " + words[rng.IntN(len(words))]
		}
		for _, minWords := range []int{1, 3} {
			gt, gs, gok := doubledPrefix(line, minWords)
			wt, ws, wok := doubledPrefixBefore(line, minWords, len(line))
			if gt != wt || gs != ws || gok != wok {
				t.Fatalf("doubledPrefix(%q, %d) = %q, %d, %v; the whole-line search says %q, %d, %v", line, minWords, gt, gs, gok, wt, ws, wok)
			}
			if gok {
				found++
			}
		}
	}
	if found < 1000 {
		t.Fatalf("only %d doubled titles among the lines: the test does not test", found)
	}
}

// TestEightDigitsFindsEveryRunOfEight holds the strided search to a scan
// of every byte: the same maximal runs of exactly eight digits, in order.
func TestEightDigitsFindsEveryRunOfEight(t *testing.T) {
	pieces := []string{"1", "2", "20", "2024", "20202024", "x", " ", "-", "năm", "123456789", "1234567", "ỹ"}
	found := 0
	for _, text := range randtext.Pieced(30000, 12, pieces, 51) {
		var want [][2]int
		for i := 0; i < len(text); {
			if !isDigit(text[i]) {
				i++
				continue
			}
			j := i
			for j < len(text) && isDigit(text[j]) {
				j++
			}
			if j-i == 8 {
				want = append(want, [2]int{i, j})
			}
			i = j
		}
		var got [][2]int
		for i, j := eightDigits(text, 0); i >= 0; i, j = eightDigits(text, j) {
			got = append(got, [2]int{i, j})
		}
		if !slices.Equal(got, want) {
			t.Fatalf("eightDigits in %q: %v, want %v", text, got, want)
		}
		found += len(want)
	}
	if found < 1000 {
		t.Fatalf("only %d runs of eight: the test does not test", found)
	}
}

// The levels bucketLevels writes must give, for every pair of paragraphs,
// the sum over the buckets of the lesser count, which is mayBeAlike's bound;
// a paragraph with more levels than buckets must stop it.
func TestBucketLevelsSumTheLesserCounts(t *testing.T) {
	for _, n := range []int{alikeBuckets, alikeBuckets + 1} {
		same := slices.Repeat([]uint64{7}, n)
		if _, _, ok := bucketLevels(same, []int{n}, nil, nil); ok != (n <= alikeBuckets) {
			t.Errorf("%d shingles in one bucket: bucketLevels reports %v", n, ok)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 200 {
		var shingles []uint64
		var ends []int
		for range 1 + rng.IntN(6) {
			// Few buckets in some paragraphs, so that counts reach
			// several levels, and past alikeBuckets now and then.
			buckets := 1 + rng.IntN(alikeBuckets)
			for range rng.IntN(300) {
				shingles = append(shingles, uint64(rng.IntN(buckets))<<(64-alikeBucketBits)|rng.Uint64()>>alikeBucketBits)
			}
			ends = append(ends, len(shingles))
		}
		counts := make([][alikeBuckets]int, len(ends))
		from, most := 0, 0
		for k, to := range ends {
			for _, h := range shingles[from:to] {
				counts[k][h>>(64-alikeBucketBits)]++
				most = max(most, counts[k][h>>(64-alikeBucketBits)])
			}
			from = to
		}
		levels, levelEnds, ok := bucketLevels(shingles, ends, nil, nil)
		if ok != (most <= alikeBuckets) {
			t.Fatalf("round %d: bucketLevels reports %v with a bucket of %d shingles", round, ok, most)
		}
		if !ok {
			continue
		}
		for i := range ends {
			for j := range ends {
				want := 0
				for x := range alikeBuckets {
					want += min(counts[i][x], counts[j][x])
				}
				la, lb := levels[levelEnds[i]:levelEnds[i+1]], levels[levelEnds[j]:levelEnds[j+1]]
				got := 0
				for x := range min(len(la), len(lb)) {
					got += bits.OnesCount64(la[x] & lb[x])
				}
				if got != want {
					t.Fatalf("round %d, paragraphs %d and %d: levels share %d, lesser counts sum to %d", round, i, j, got, want)
				}
			}
		}
	}
}

// blankTokens joins a token's words whether the joins fall in the line's
// words or around them, and hands back the words themselves, uncopied, only
// when no join falls in them.
func TestBlankTokens(t *testing.T) {
	line := dedupe.WordHashes(nil, "a b c d e f g h")
	for _, c := range []struct {
		joins  dedupe.Joins
		first  int
		n      int
		want   []int // indexes into line of each token's first word; a token runs to the next
		shared bool
	}{
		{nil, 0, 8, []int{0, 1, 2, 3, 4, 5, 6, 7}, true},
		{dedupe.Joins{1, 9}, 2, 4, []int{2, 3, 4, 5}, true}, // joins before and after the words
		{dedupe.Joins{6}, 2, 4, []int{2, 3, 4, 5}, true},    // the join just after them
		{dedupe.Joins{2}, 2, 4, []int{2, 3, 4, 5}, false},   // a join on the first word joins nothing
		{dedupe.Joins{1, 3, 5}, 2, 4, []int{2, 4}, false},   // "c+d", "e+f"
		{dedupe.Joins{3, 4, 5}, 2, 4, []int{2}, false},      // one token
		{dedupe.Joins{5}, 2, 4, []int{2, 3, 4}, false},      // the last word joined
	} {
		words := line[c.first : c.first+c.n]
		buf := []uint64{99}
		got := blankTokens(&buf, words, c.joins, c.first)
		var want []uint64
		for k, w := range words {
			if slices.Contains(c.want, c.first+k) {
				want = append(want, w)
			} else {
				want[len(want)-1] = want[len(want)-1]*1099511628211 ^ w
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("joins %v from %d: tokens %x, want %x", c.joins, c.first, got, want)
		}
		if shared := &got[0] == &words[0]; shared != c.shared {
			t.Errorf("joins %v from %d: tokens are the words themselves: %v, want %v", c.joins, c.first, shared, c.shared)
		}
		if c.shared && buf[0] != 99 {
			t.Errorf("joins %v from %d: the buffer was written to", c.joins, c.first)
		}
	}
}

// TestMayBeAlikeKeepsEveryCopy holds the bucket bound to the exact count:
// on generated documents (near copies of paragraphs injected) and on
// documents pieced from paragraphs that share most of their words, every
// document in which the exact count finds a near copy at a threshold is
// one mayBeAlike lets through; and it lets few of the others through.
func TestMayBeAlikeKeepsEveryCopy(t *testing.T) {
	var docs []*lint.Document
	g := corpusgen.New(11)
	for range 400 {
		d := g.Next()
		docs = append(docs, lint.NewDocument(d.ID+".txt", d.Text))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("bộ trưởng khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay đoàn công tác thăm hỏi gia đình")
	for range 300 {
		var lines []string
		for range 2 + rng.IntN(6) {
			n := 8 + rng.IntN(30)
			line := make([]string, n)
			for k := range line {
				line[k] = words[rng.IntN(len(words))]
			}
			lines = append(lines, strings.Join(line, " ")+".")
			if rng.IntN(4) == 0 {
				// A near copy: one word changed.
				line[rng.IntN(n)] = "khác"
				lines = append(lines, strings.Join(line, " ")+".")
			}
		}
		docs = append(docs, lint.NewDocument("p.txt", strings.Join(lines, "\n")))
	}
	for _, threshold := range []float64{0.3, 0.6, 0.85} {
		copies, passed, without := 0, 0, 0
		for _, d := range docs {
			scratch := paragraphScratchPool.Get().(*paragraphScratch)
			paras, _ := collectParagraphs(d, 8, threshold, scratch)
			alike := len(paras) >= 2 && mayBeAlike(paras, scratch.shingles, scratch.ends, threshold, scratch)
			// The exact count, as nearCopies makes it without the bound.
			found := false
			if len(paras) >= 2 {
				entries := repeatedShingles(scratch.shingles, scratch.ends, threshold, scratch)
				best, _ := bestEarlierCopies(paras, sharedShingles(entries, len(paras)), threshold)
				found = slices.ContainsFunc(best, func(i int) bool { return i >= 0 })
			}
			scratch.release()
			if found {
				copies++
				if !alike {
					t.Fatalf("threshold %.2f, %s: a near copy the bound rules out", threshold, d.Path)
				}
			}
			if alike {
				passed++
			} else {
				without++
			}
		}
		if copies == 0 || without == 0 {
			t.Errorf("threshold %.2f: %d documents with a near copy, %d ruled out; the test needs some of each", threshold, copies, without)
		}
		t.Logf("threshold %.2f: %d documents, %d with a near copy, %d let through", threshold, len(docs), copies, passed)
	}
}
