package rules

import (
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
