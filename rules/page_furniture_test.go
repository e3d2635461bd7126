package rules

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/internal/corpusgen"
	"github.com/scrapelint/scrapelint/lint"
)

// sentenceFrames put a furniture phrase inside article text: the phrase is
// then never a whole line of furniture.
var sentenceFrames = map[string][]string{
	"vi": {
		"Theo ông Nam, %s là mục được bạn đọc dùng nhiều nhất.",
		"%s của tòa soạn đã được thay đổi từ tháng trước.",
		"Bạn đọc có thể bấm vào mục %s",
	},
	"en": {
		"The editor said %s was the most used part of the page.",
		"%s is what readers clicked first, the survey found.",
		"Readers could click the button labelled %s",
	},
}

// TestFurnitureLiteralsOnlyAsWholeLines checks every literal of every
// profile: alone on a line (in any case, with blanks around) it is
// furniture; inside a sentence it is not.
func TestFurnitureLiteralsOnlyAsWholeLines(t *testing.T) {
	for lang, profile := range Profiles() {
		lex := profile.Lexicons["page-furniture"]
		lines := lex.Lines()
		for _, lit := range lex.Literals {
			for _, whole := range []string{lit, "  " + strings.ToUpper(lit) + " \r", strings.ToLower(lit)} {
				if !lines.Match(whole) {
					t.Errorf("%s: %q is not furniture as a whole line", lang, whole)
				}
			}
			for _, frame := range sentenceFrames[lang] {
				if s := strings.Replace(frame, "%s", lit, 1); lines.Match(s) {
					t.Errorf("%s: the sentence %q is furniture", lang, s)
				}
			}
		}
	}
}

// furniturePatternCases are lines each pattern must match and look-alikes
// none may match. Every pattern of a profile must match one of its
// positive cases, so a new pattern comes with a test.
var furniturePatternCases = map[string]struct{ furniture, text []string }{
	"vi": {
		furniture: []string{
			"(0) Bình luận", "(12) ý kiến", "3 bình luận", "12 Bình luận", "Bình luận (4)", "Ý kiến bạn đọc (0)",
			"Đường dẫn bài viết: https://example.vn/bai-viet-123.html",
			"POWERED BY SOMECMS - A PRODUCT OF ACME", "Powered by WordPress",
			"Nổi bật", "Nổi bật Một thế giới",
			"Từ khóa: giá vàng, TP.HCM, Thủ tướng Phạm Minh Chính", "Tags: an ninh mạng", "Từ khoá: chuyển đổi số; dữ liệu",
			"Chia sẻ Facebook Zalo Email",
			"© 2024 Báo Mẫu. Giấy phép số 123/GP-BTTTT.", "Bản quyền © Báo Mẫu", "Copyright (c) 2024 Báo Mẫu",
			"Ghi rõ nguồn \"Báo Mẫu\" khi phát hành lại thông tin từ website này.",
			"Theo dõi Báo Mẫu trên Google News",
		},
		text: []string{
			"Từ khóa: chuyển đổi số là trọng tâm của năm nay.",
			"Từ khóa của năm nay là chuyển đổi số, giới trẻ cho biết",
			"Tags: những chiếc thẻ nhỏ được gắn trên mỗi kiện hàng trong kho của công ty vận tải",
			"Có 3 bình luận trái chiều về dự án.",
			"Đường dẫn bài viết được gửi cho bạn đọc qua thư điện tử.",
			"Nổi bật trong năm qua là việc thành phố hoàn thành 12 km đường vành đai.",
			"Chia sẻ với báo chí, ông Nam cho biết dự án sẽ hoàn thành vào cuối năm.",
			"Theo dõi diễn biến mưa lũ, tỉnh đã sơ tán 300 hộ dân.",
			"Bản quyền tác giả được bảo hộ theo luật.",
			"Ông Nam cho biết bản quyền © của bức ảnh thuộc về tác giả.",
			"© Minh Anh/TTXVN",
			"Powered by năng lượng mặt trời, con tàu mới giảm một nửa lượng khí thải.",
			"Ghi rõ nguồn gốc hàng hóa là yêu cầu bắt buộc với doanh nghiệp.",
		},
	},
	"en": {
		furniture: []string{
			"12 Comments", "1 comment", "Comments (3)", "View comments (12)",
			"Powered by WordPress VIP", "Proudly powered by WordPress.com",
			"Share on Facebook Twitter Email", "Share this Facebook LinkedIn", "Facebook Twitter Email Print",
			"Tags: budget, library", "Topics: City Hall | Housing",
			"Advertisement · Scroll to continue", "ADVERTISEMENT - SCROLL TO CONTINUE READING",
			"Listen to this article", "Listen to article 4:32 min",
			"5 min read", "4 minutes read",
			"Follow us", "Follow us on Twitter", "Follow us on Facebook, Instagram and YouTube",
			"Sign up for our Morning Briefing newsletter.", "Subscribe to the Metro Gazette newsletters",
			"© 2024 The Harbour Post. All rights reserved.", "Copyright © 2024 Metro Gazette",
		},
		text: []string{
			"Topics: the council debated housing, transport and the new library for three hours.",
			"Tags: small labels attached to each parcel, which the company scans at every depot",
			"There were 12 comments at the hearing, the clerk said.",
			"Share on Facebook what you think, the mayor urged residents.",
			"Follow us on the long road to the coast, the guide told the group.",
			"Listen to this story of a town that rebuilt its library.",
			"Sign up for our tour of the new library before Friday, the mayor said.",
			"Copyright law has changed since 2024, the court said.",
			"The studio kept all rights reserved.",
			"5 min read of the report convinced the council.",
			"Powered by solar panels, the new ferry cuts emissions by half.",
			"Powered by solar panels the ferry now runs all day.",
			"© AFP/Getty Images",
		},
	},
}

func TestFurniturePatterns(t *testing.T) {
	for lang, profile := range Profiles() {
		lex := profile.Lexicons["page-furniture"]
		lines := lex.Lines()
		cases, ok := furniturePatternCases[lang]
		if !ok {
			t.Errorf("%s: no pattern cases", lang)
			continue
		}
		for _, line := range cases.furniture {
			if !lines.Match(line) {
				t.Errorf("%s: %q is not furniture", lang, line)
			}
		}
		for _, line := range cases.text {
			if lines.Match(line) {
				t.Errorf("%s: the text %q is furniture", lang, line)
			}
		}
		for _, re := range lex.Patterns {
			whole := regexp.MustCompile(`^(?:` + re.String() + `)$`)
			tested := false
			for _, line := range cases.furniture {
				if whole.MatchString(line) {
					tested = true
					break
				}
			}
			if !tested {
				t.Errorf("%s: pattern %q matches no whole line of furniturePatternCases", lang, re)
			}
		}
	}
}

// TestRequiredRunesHoldOnMatchingLines: every line of the fixtures and of a
// generated corpus that a lexicon pattern of a profile matches holds one of
// the runes lint.RequiredRunes says it must and starts like one of the
// texts lint.LiteralPrefixes says it does (the pattern as it stands, and
// anchored at both ends as a line matcher tries it), so that the matchers
// that skip lines without them skip no match.
func TestRequiredRunesHoldOnMatchingLines(t *testing.T) {
	var lines []string
	err := filepath.WalkDir(filepath.Join("..", "fixtures"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		lines = append(lines, strings.Split(string(b), "\n")...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	g := corpusgen.New(3)
	for range 300 {
		lines = append(lines, strings.Split(g.Next().Text, "\n")...)
	}
	checked, prefixed := 0, 0
	for lang, prof := range Profiles() {
		for name, lex := range prof.Lexicons {
			for _, re := range lex.Patterns {
				needs := lint.RequiredRunes(re)
				var prefixedForms []*regexp.Regexp
				for _, r := range []*regexp.Regexp{re, regexp.MustCompile(`^(?:` + re.String() + `)$`)} {
					if lint.LiteralPrefixes(r) != nil {
						prefixedForms = append(prefixedForms, r)
					}
				}
				for _, l := range lines {
					l = strings.TrimSpace(l)
					if needs != "" && re.MatchString(l) {
						checked++
						if !strings.ContainsAny(l, needs) {
							t.Errorf("%s %s: %q matches %q without any of %q", lang, name, re, l, needs)
						}
					}
					for _, r := range prefixedForms {
						if r.MatchString(l) {
							prefixed++
							if prefixes := lint.LiteralPrefixes(r); !lint.StartsLike(l, prefixes) {
								t.Errorf("%s %s: %q matches %q, which starts like none of %q", lang, name, r, l, prefixes)
							}
						}
					}
				}
			}
		}
	}
	if checked == 0 || prefixed == 0 {
		t.Fatalf("%d lines matched a pattern with required runes, %d one with prefixes; the test needs some of each", checked, prefixed)
	}
	t.Logf("%d matching lines checked for required runes, %d for prefixes", checked, prefixed)
}
