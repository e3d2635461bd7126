package rules

import (
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
)

func TestIsPageTitle(t *testing.T) {
	const headline = "Tỉnh khánh thành cầu mới nối hai bờ sông"
	tests := []struct {
		line string
		want bool
	}{
		{headline + " | Xã hội | Báo Mẫu", true},
		{"Cầu mới nối hai bờ sông đã thông xe | Xã hội | Tin Nhanh+ (TinNhanhPlus)", true},
		{"Cầu mới nối hai bờ sông đã thông xe | Xã hội | Disney+", true},
		{"Cầu mới nối hai bờ sông đã thông xe | Xã hội | baomau.vn", true},
		{"Cầu mới nối hai bờ sông đã thông xe | Xã hội | Báo Mẫu (MauNews)", true},
		// Table rows: the last cell is a number or a name, not a site.
		{"Tỷ lệ người dùng mạng xã hội hằng ngày | Nhóm tuổi | 60+", false},
		{"Ngôn ngữ lập trình được dùng nhiều | Hạng ba | C++", false},
		{"Giá lúa tẻ thường | 7.000 đồng/kg | tăng 2%", false},
		{"Cầu mới nối hai bờ sông đã thông xe | Xã hội | Báo Mẫu", false},
		// Two parts, a short first part, a sentence as the last part.
		{headline + " | Báo Mẫu (MauPlus)", false},
		{"Hà Nội | Xã hội | baomau.vn", false},
		{"Cầu mới đã thông xe | Xã hội | Xem chi tiết trên baomau.vn.", false},
		{"Cầu mới đã thông xe | Một phần rất dài của dòng này không phải là tên chuyên mục | baomau.vn", false},
	}
	for _, tt := range tests {
		if got := isPageTitle(tt.line, headline); got != tt.want {
			t.Errorf("isPageTitle(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestCaptionBar(t *testing.T) {
	tests := []struct {
		line string
		want string // the part cut, "" for none
	}{
		{"Lãnh đạo tỉnh cắt băng. (Ảnh: Minh Anh) |", " |"},
		{"Lãnh đạo tỉnh cắt băng. (Ảnh: Minh Anh)  | \t", "  | \t"},
		{"Officials cut the ribbon. (Photo: Jane Doe) |", " |"},
		{"|", ""},
		{"   |", ""},
		{"Lãnh đạo tỉnh cắt băng.|", ""},
		{"| Tên | Tuổi |", ""},
		{"a || b ||", ""},
		{"Lãnh đạo tỉnh cắt băng khánh thành.", ""},
	}
	for _, tt := range tests {
		got := ""
		if cut := captionBar(tt.line); cut >= 0 {
			got = tt.line[cut:]
		}
		if got != tt.want {
			t.Errorf("captionBar(%q) cuts %q, want %q", tt.line, got, tt.want)
		}
	}
}

// TestCMSTagLines runs the rule over one line after a headline and checks
// what it would delete.
func TestCMSTagLines(t *testing.T) {
	tests := []struct {
		name, line string
		deleted    []string // the bytes each fix removes
	}{
		{"seo tag glued to a line", "【tin nóng】Giá xăng giảm", []string{"【tin nóng】"}},
		{"two seo tags", "【a】 Giá xăng 【b】", []string{"【a】 ", " 【b】"}},
		{"seo tag alone", "【tin nóng】", []string{"【tin nóng】\n"}},
		{"editor tag with a full-width colon", "Giá xăng giảm. (责任编辑：Minh)", []string{" (责任编辑：Minh)"}},
		{"image file", "  IMG_2041.jpeg ", []string{"  IMG_2041.jpeg \n"}},
		{"date field with time", "updated 2025-09-01 08:30 Giá xăng giảm", []string{"updated 2025-09-01 08:30 "}},
		{"date field with a colon", "date: 2025-09-01 Giá xăng giảm", []string{"date: 2025-09-01 "}},
		// Look-alikes.
		{"file name in a sentence", "Ảnh k1.jpg được gửi kèm.", nil},
		{"file name with a space", "anh chup 1.jpg", nil},
		{"a domain, not an image", "baomau.vn", nil},
		{"capitalised date word", "Date 2025-04-05 was chosen.", nil},
		{"date word without a date", "date night is back", nil},
		{"date field alone on its line", "date 2025-09-01", nil},
		{"square brackets", "Ông nói [về dự án] rằng tiến độ ổn.", nil},
		{"editor in a Chinese sentence", "编辑部 đã trả lời.", nil},
		{"bars in a table row", "Tỷ lệ người dùng mạng xã hội hằng ngày | Nhóm tuổi | 60+", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "Giá xăng giảm lần thứ ba\n" + tt.line + "\n"
			var deleted []string
			for _, f := range findIn(t, CMSTag, "vi", text) {
				if f.Fix == nil || f.Fix.Safety != lint.Safe {
					t.Fatalf("%s: no safe fix", f.Message)
				}
				for _, e := range f.Fix.Edits {
					if e.NewText != "" {
						t.Errorf("%s: fix inserts %q", f.Message, e.NewText)
					}
					deleted = append(deleted, text[e.Start:e.End])
				}
			}
			if len(deleted) != len(tt.deleted) {
				t.Fatalf("deleted %q, want %q", deleted, tt.deleted)
			}
			for i := range deleted {
				if deleted[i] != tt.deleted[i] {
					t.Errorf("deleted %q, want %q", deleted, tt.deleted)
				}
			}
		})
	}
}

func TestHasSpaced(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"a | b", true}, {"| b", false}, {"a |", false}, {"a|b | c", true}, {"a |b", false}, {"a| b", false},
		{"", false}, {"|", false}, {" | ", true}, {"a ||| b", false}, {"a || | b", true},
	} {
		if got := hasSpaced(c.s, '|'); got != c.want || got != strings.Contains(c.s, " | ") {
			t.Errorf("hasSpaced(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}
