package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
)

// findingsOf runs one rule with the named profile over text and returns its
// findings and the text with its fixes (unsafe ones too) applied.
func findingsOf(t *testing.T, r *lint.Rule, lang, text string, options map[string]any) ([]lint.Finding, string) {
	t.Helper()
	s := lint.NewSettings(r, Profiles()[lang])
	for name, v := range options {
		if err := s.SetOption(name, v); err != nil {
			t.Fatal(err)
		}
	}
	rs := &lint.RuleSet{Settings: []*lint.Settings{s}}
	d := lint.NewDocument("t.txt", text)
	fs, err := rs.Check(d)
	if err != nil {
		t.Fatal(err)
	}
	res, err := rs.FixDocument(d, true)
	if err != nil {
		t.Fatal(err)
	}
	return fs, res.Text
}

func TestValidDate(t *testing.T) {
	for _, c := range []struct {
		day, month, year int
		want             bool
	}{
		{15, 3, 2021, true},
		{31, 1, 2024, true},
		{29, 2, 2024, true},
		{29, 2, 2023, false},
		{29, 2, 2000, true},
		{29, 2, 1900, false},
		{31, 4, 2024, false},
		{0, 5, 2024, false},
		{10, 0, 2024, false},
		{10, 13, 2024, false},
		{10, 10, 1899, false},
		{10, 10, 2100, false},
	} {
		if got := validDate(c.day, c.month, c.year); got != c.want {
			t.Errorf("validDate(%d, %d, %d) = %v, want %v", c.day, c.month, c.year, got, c.want)
		}
	}
}

func TestGluedDateAfterDateWord(t *testing.T) {
	for _, c := range []struct {
		lang, text, fixed string
		options           map[string]any
	}{
		{"vi", "Ngày 15032021 trời mưa.", "Ngày 15/03/2021 trời mưa.", nil},
		{"vi", "(ngày 05062023)", "(ngày 05/06/2023)", nil},
		{"vi", "Rạng sáng 01012020, đoàn xuất phát.", "Rạng sáng 01/01/2020, đoàn xuất phát.", nil},
		// Not after a date word: a year range if anything, never a date.
		{"vi", "Mã 15032021 hết hạn.", "Mã 15032021 hết hạn.", nil},
		{"vi", "giai đoạn 20142020", "giai đoạn 2014-2020", nil},
		// A date word, but the digits are no date: the year reading stands.
		{"vi", "ngày 20202024", "ngày 2020-2024", nil},
		{"vi", "ngày 31042024 sai", "ngày 31042024 sai", nil},
		// "hôm" must be a word of its own, not the end of another.
		{"vi", "xhôm 15032021", "xhôm 15032021", nil},
		{"en", "on 15032021", "on 15/03/2021", nil},
		{"en", "on 03152021", "on 03152021", nil},
		{"en", "on 03152021", "on 03/15/2021", map[string]any{"date-order": "mdy"}},
		{"en", "Dated 15032021.", "Dated 15/03/2021.", nil},
	} {
		_, got := findingsOf(t, GluedDate, c.lang, c.text, c.options)
		if got != c.fixed {
			t.Errorf("%s %q fixed to %q, want %q", c.lang, c.text, got, c.fixed)
		}
	}
}

// manyScores is a results table of twenty dashed pairs, the last "Ấn
// Độ-Thái Lan".
var manyScores = func() string {
	var b strings.Builder
	for i := range 19 {
		fmt.Fprintf(&b, "Hà Nội - Phố Hiến %c: %d-1. ", 'A'+i, i)
	}
	b.WriteString("Ấn Độ-Thái Lan. ")
	return b.String()
}()

func TestMissingDashCases(t *testing.T) {
	for _, c := range []struct {
		lang, text, fixed string
	}{
		{"vi", "châu ÁThái Bình Dương", "châu Á-Thái Bình Dương"},
		{"vi", "tuyến ÁÂu", "tuyến Á-Âu"},
		{"en", "a TShirt", "a T-Shirt"},
		// The document writes the pair apart with a space: no dash.
		{"vi", "Á Hậu Lan, ÁHậu trẻ", "Á Hậu Lan, ÁHậu trẻ"},
		// Roman numerals, stop words, brands, acronyms, codes.
		{"vi", "Đại hội VĐảng bộ", "Đại hội VĐảng bộ"},
		{"vi", "Đại hội XĐảng bộ", "Đại hội XĐảng bộ"},
		{"en", "AMeeting", "AMeeting"},
		{"vi", "ngân hàng KBank", "ngân hàng KBank"},
		{"vi", "TTXVN, VH-TT&DL, HĐND, UBND", "TTXVN, VH-TT&DL, HĐND, UBND"},
		{"vi", "tệp ÁThái.jpg, mã ÁThái_2", "tệp ÁThái.jpg, mã ÁThái_2"},
		// Two capitals glued to a word are an acronym and a word, not a
		// dropped dash.
		{"vi", "công ty TPBank và VNExpress", "công ty TPBank và VNExpress"},
		// Pairs the document writes with a dash elsewhere.
		{"vi", "Việt Nam - Lào. Hợp tác Việt Nam Lào.", "Việt Nam - Lào. Hợp tác Việt Nam - Lào."},
		{"vi", "Bà Rịa-Vũng Tàu và Bà Rịa Vũng Tàu", "Bà Rịa-Vũng Tàu và Bà Rịa-Vũng Tàu"},
		{"vi", "Ấn Độ-Thái Bình Dương, ĐộThái", "Ấn Độ-Thái Bình Dương, Độ-Thái"},
		// Only part of a dashed pair, or a longer dashed name: left alone.
		{"vi", "Việt Nam - Trung Quốc; Nam Trung Bộ", "Việt Nam - Trung Quốc; Nam Trung Bộ"},
		{"vi", "Việt Nam - Lào; Việt Nam Lào - Campuchia", "Việt Nam - Lào; Việt Nam Lào - Campuchia"},
		// A dash between lowercase words makes no pair.
		{"vi", "Tin tức - Sự kiện; Tin tức Sự kiện", "Tin tức - Sự kiện; Tin tức Sự kiện"},
		{"vi", "Covid-19 và Covid 19", "Covid-19 và Covid 19"},
		// More dashed pairs than occursIn searches for one by one.
		{"vi", manyScores + "Hà Nội Phố Hiến B thắng.", manyScores + "Hà Nội - Phố Hiến B thắng."},
		{"vi", manyScores + "ĐộThái", manyScores + "Độ-Thái"},
		{"vi", manyScores, manyScores},
	} {
		_, got := findingsOf(t, MissingDash, c.lang, c.text, nil)
		if got != c.fixed {
			t.Errorf("%s %q fixed to %q, want %q", c.lang, c.text, got, c.fixed)
		}
	}
}

func TestMissingSpaceCases(t *testing.T) {
	for _, c := range []struct {
		lang, text, fixed string
	}{
		{"vi", "năm nay Hà Nội; trong nămHà Nội", "năm nay Hà Nội; trong năm Hà Nội"},
		// The first half may start a sentence elsewhere: "Của".
		{"vi", "Của WHO. Báo cáo củaWHO.", "Của WHO. Báo cáo của WHO."},
		{"vi", "Nội và Đà; Hà NộiĐà Nẵng", "Nội và Đà; Hà Nội Đà Nẵng"},
		{"en", "the ministry. The ministryThe", "the ministry. The ministry The"},
		// A half the document never uses alone.
		{"vi", "trong nămHà Nội", "trong nămHà Nội"},
		{"vi", "năm nay, nămHà", "năm nay, nămHà"},
		// The glued form recurs: a name, not an accident.
		{"vi", "năm Hà nămHà nămHà", "năm Hà nămHà nămHà"},
		// One-letter first halves, listed brands, ASCII camel case, Roman
		// numerals, acronym-first words, codes.
		{"en", "i Phone iPhone", "i Phone iPhone"},
		{"en", "You Tube YouTube", "You Tube YouTube"},
		{"en", "Power Point PowerPoint", "Power Point PowerPoint"},
		{"vi", "khóa XV, khóaXV", "khóa XV, khóaXV"},
		{"vi", "Ho SE HoSE", "Ho SE HoSE"},
		{"vi", "năm Hà https://x.vn/nămHà", "năm Hà https://x.vn/nămHà"},
		{"vi", "năm Hà nămHà@x.vn", "năm Hà nămHà@x.vn"},
		// Halves the document writes with a dash: missing-dash's case.
		{"vi", "Độ-Thái và Độ Thái, ĐộThái", "Độ-Thái và Độ Thái, ĐộThái"},
		// Two case changes: not two plain words.
		{"vi", "năm Hà Nội nămHàNội", "năm Hà Nội nămHàNội"},
	} {
		_, got := findingsOf(t, MissingSpace, c.lang, c.text, nil)
		if got != c.fixed {
			t.Errorf("%s %q fixed to %q, want %q", c.lang, c.text, got, c.fixed)
		}
	}
}

func TestWordScanners(t *testing.T) {
	nfd := "ba\u0300n tay"
	words := letterWords(nil, nfd)
	if len(words) != 2 || nfd[words[0].Start:words[0].End] != "ba\u0300n" {
		t.Errorf("letterWords(%q) = %v, want the NFD word kept whole", nfd, words)
	}
	for _, c := range []struct {
		text                 string
		lowerUpper, capitals bool
	}{
		{"nămHà", true, false},
		{"ệĐ", true, false},
		{"ÁThái", false, true},
		{"châu ÁThái, nămHà", true, true},
		{"ÁÂu", false, true},
		{"TTXVN và HĐND", false, false},
		{"Việt Nam", false, false},
		{"a\u0300B", true, false},
	} {
		cs := scanTextShape(c.text)
		if cs.lowerUpper != c.lowerUpper {
			t.Errorf("scanTextShape(%q).lowerUpper = %v, want %v", c.text, cs.lowerUpper, c.lowerUpper)
		}
		if cs.upperUpperLower != c.capitals {
			t.Errorf("scanTextShape(%q).upperUpperLower = %v, want %v", c.text, cs.upperUpperLower, c.capitals)
		}
	}
}
