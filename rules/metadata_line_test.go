package rules

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/internal/randtext"
	"github.com/scrapelint/scrapelint/lint"
)

// TestMetadataLineCases checks which lines metadata-line reports and the
// value its message carries; want "" means the line must not be reported.
func TestMetadataLineCases(t *testing.T) {
	cases := []struct {
		lang, line, want string
	}{
		// Date and timestamp lines.
		{"vi", "18/10/2024", "date 2024-10-18"},
		{"vi", "12:28 | 28/04/2022", "timestamp 2022-04-28 12:28"},
		{"vi", "Thứ Sáu, 18/10/2024 - 14:30 (GMT+7)", "timestamp 2024-10-18 14:30"},
		{"vi", "Cập nhật lúc 07h05 ngày 3/1/2025", "timestamp 2025-01-03 07:05"},
		{"vi", "Chủ nhật, 5.1.2025, 9:00 GMT+7", "timestamp 2025-01-05 09:00"},
		{"vi", "  Ngày 18 tháng 10 năm 2024  ", "date 2024-10-18"},
		{"vi", "2024-10-18T14:30:00+07:00", "timestamp 2024-10-18 14:30"},
		{"en", "Published: October 18, 2024 2:30 PM ET", "timestamp 2024-10-18 14:30"},
		{"en", "Updated Fri 18 Oct 2024 10.30", "timestamp 2024-10-18 10:30"},
		{"en", "Sat., Sept. 7th, 2024 at 9:15 a.m.", "timestamp 2024-09-07 09:15"},
		// Section, source or byline with the date.
		{"vi", "Bộ Công an 10/01/2024 21:00", `section or source "Bộ Công an", timestamp 2024-01-10 21:00`},
		{"vi", "Thời sự 18/10/2024", `section "Thời sự", date 2024-10-18`},
		{"vi", "Kinh tế | 18/10/2024 08:15", `section "Kinh tế", timestamp 2024-10-18 08:15`},
		{"vi", "Theo Minh Anh - 18/10/2024", `byline "Minh Anh", date 2024-10-18`},
		{"vi", "Nguyễn Lan | 18/10/2024 10:30", `section or source "Nguyễn Lan", timestamp 2024-10-18 10:30`},
		{"en", "By Jane Doe and Tom Lee | Oct 18, 2024", `byline "Jane Doe and Tom Lee", date 2024-10-18`},
		{"en", "Jane Doe jane.doe@example.com 18 October 2024", `byline "Jane Doe", e-mail jane.doe@example.com, date 2024-10-18`},
		// Date order.
		{"en", "10/18/2024", "date 2024-10-18"},
		{"en", "03/04/2024", "date 2024-04-03"},
		// Not metadata lines.
		{"vi", "Chiều 10.1.2024, tại Hà Nội, hai bộ tổ chức hội nghị đối thoại.", ""},
		{"vi", "Hội nghị diễn ra ngày 18/10/2024.", ""},
		{"vi", "Hội nghị khai mạc lúc 08:00 ngày 18/10/2024", ""},
		{"vi", "Hà Nội, ngày 18/10/2024", ""},
		{"vi", "Ngày 27/4 và 28/4", ""},
		{"vi", "Việt Nam xếp hạng 25/194 quốc gia", ""},
		{"vi", "Từ ngày 14-18/10/2024", ""},
		{"vi", "32/13/2024", ""},
		{"vi", "31/02/2024", ""},
		{"vi", "18/10/1850", ""},
		{"vi", "Mã hồ sơ 1.18.10.2024", ""},
		{"vi", "Quyết định số 1234/QĐ-TTg ngày 18/10/2024", ""},
		{"vi", "Thông tư 18/10/2024/TT-BCT", ""},
		{"vi", "Ngày 18/10/2024, 10:30, 11:45 và 14:00 là ba phiên họp", ""},
		{"vi", "Điện thoại 0912.345.678", ""},
		{"vi", "Giá vàng 12:30 hôm nay tăng", ""},
		{"vi", "(Ảnh: Phạm Kiên/TTXVN)", ""},
		{"vi", "Theo TTXVN", ""},
		{"vi", "Công Tuấn", ""},
		{"vi", "Hiệp định ký ngày 18/10/2024 có hiệu lực từ 2025", ""},
		{"vi", "Trận Việt Nam - Thái Lan 19:30 20/12/2024 trên sân Mỹ Đình", ""},
		{"en", "The vote on 18 October 2024 passed.", ""},
		{"en", "Officials met at 10:30 on October 18, 2024", ""},
	}
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			rs := ruleSetFor(t, MetadataLine, c.lang)
			text := "Bài viết mở đầu bằng một câu.\n" + c.line + "\nCâu cuối của bài.\n"
			fs, err := rs.Check(lint.NewDocument("case.txt", text))
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if len(fs) > 0 {
				got = fs[0].Message
			}
			want := ""
			if c.want != "" {
				want = "line holds only page metadata: " + c.want
			}
			if got != want || len(fs) > 1 {
				t.Errorf("%q: got %d findings, first %q; want %q", c.line, len(fs), got, want)
			}
		})
	}
}

// TestMetadataLineDateOrder checks the date-order option on an ambiguous
// date.
func TestMetadataLineDateOrder(t *testing.T) {
	for order, want := range map[string]string{"dmy": "date 2024-04-03", "mdy": "date 2024-03-04", "auto": "date 2024-04-03"} {
		rs := ruleSetFor(t, MetadataLine, "en")
		if err := rs.Settings[0].SetOption("date-order", order); err != nil {
			t.Fatal(err)
		}
		fs, err := rs.Check(lint.NewDocument("case.txt", "03/04/2024\n"))
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || fs[0].Message != "line holds only page metadata: "+want {
			t.Errorf("date-order %s: got %v, want %q", order, fs, want)
		}
	}
}

// hasFourDigits skips lines before the date patterns run: that is right
// only while every date format needs a four-digit year.
func TestEveryDateFormatNeedsFourDigits(t *testing.T) {
	for _, f := range dateFormats {
		if !strings.Contains(f.re.String(), `(\d{4})`) {
			t.Errorf("date pattern %s has no four-digit year: hasFourDigits would skip its dates", f.re)
		}
	}
	for s, want := range map[string]bool{"": false, "12/3/202": false, "ngày 2024": true, "a1b2c3d4": false, "19:30 05/06/2023": true} {
		if got := hasFourDigits(s); got != want {
			t.Errorf("hasFourDigits(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestDateFormatsSkipNoMatch holds each format's needs to its pattern: a
// line the pattern finds a date in must never be skipped.
func TestDateFormatsSkipNoMatch(t *testing.T) {
	values := []string{"2024", "2024", "2024", "12", "12", "5", "5", "31", "20245", "Oct", "OCT", "october", "Sept", "ſep", "aug", "MAY", "5th", "x", "ỹ"}
	seps := []string{" ", "/", "/", "-", "-", ".", ", ", ". ", " tháng ", " THÁNG ", " Tháng ", " thang ", " năm ", "\t", "", "T", ":", "@"}
	rng := rand.New(rand.NewPCG(71, 72))
	skipped, matched := 0, map[int]int{}
	for range 40000 {
		// Values and separators in turn make dates of every format
		// often, and near misses of them.
		var b strings.Builder
		for k := range 1 + rng.IntN(9) {
			if k%2 == 0 {
				b.WriteString(values[rng.IntN(len(values))])
			} else {
				b.WriteString(seps[rng.IntN(len(seps))])
			}
		}
		s := b.String()
		clues := dateCluesOf(s)
		for k, f := range dateFormats {
			may := clues&f.needs == f.needs
			if !may {
				skipped++
			}
			if !f.re.MatchString(s) {
				continue
			}
			matched[k]++
			if !may {
				t.Fatalf("format %d (%s) skips %q, where its pattern finds %q", k, f.re, s, f.re.FindString(s))
			}
		}
	}
	for k := range dateFormats {
		if matched[k] < 20 {
			t.Errorf("format %d matched only %d lines: the test does not test it", k, matched[k])
		}
	}
	if skipped < 1000 {
		t.Errorf("only %d lines skipped: the prefilters do not filter", skipped)
	}
}

// TestHasFourDigitsLooksEverywhere holds the strided search to a scan of
// every byte.
func TestHasFourDigitsLooksEverywhere(t *testing.T) {
	pieces := []string{"1", "2", "20", "202", "x", " ", "/", "ỹ", ":"}
	yes := 0
	for _, s := range randtext.Pieced(30000, 8, pieces, 61) {
		want, run := false, 0
		for i := 0; i < len(s); i++ {
			run++
			if !isDigit(s[i]) {
				run = 0
			}
			want = want || run >= 4
		}
		if got := hasFourDigits(s); got != want {
			t.Fatalf("hasFourDigits(%q) = %v, want %v", s, got, want)
		}
		if want {
			yes++
		}
	}
	if yes < 1000 {
		t.Fatalf("only %d texts with four digits: the test does not test", yes)
	}
}
