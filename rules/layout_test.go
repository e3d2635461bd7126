package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/scrapelint/scrapelint/internal/randtext"
	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/lint/linttest"
)

var _ = linttest.Update

// findIn runs one rule (enabled, default options) over text with the
// profile of lang.
func findIn(t testing.TB, r *lint.Rule, lang, text string) []lint.Finding {
	t.Helper()
	s := lint.NewSettings(r, Profiles()[lang])
	if s.Severity == lint.Off {
		s.Severity = lint.Warning
	}
	rs := &lint.RuleSet{Settings: []*lint.Settings{s}}
	fs, err := rs.Check(lint.NewDocument("t.txt", text))
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestNonNFCRuns(t *testing.T) {
	tests := []struct {
		name, text string
		spans      []string // the text of each run
	}{
		{"nfc", "Người dân Hà Nội", nil},
		{"empty", "", nil},
		{"one mark", "ta\u0323i", []string{"a\u0323"}},
		{"two marks", "No\u0302\u0323i", []string{"o\u0302\u0323"}},
		{"marks in wrong order", "a\u0300\u0323", []string{"a\u0300\u0323"}},
		{"two letters of one word", "ngu\u031bo\u031b\u0300i", []string{"u\u031bo\u031b\u0300"}},
		{"no precomposed form", "x\u0304 q\u0303", nil},
		{"invalid utf-8 kept", "a\xffb ta\u0323i", []string{"a\u0323"}},
		{"hangul jamo", "\u1100\u1161", []string{"\u1100\u1161"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs := nonNFCRuns(tt.text)
			var got []string
			for _, r := range runs {
				got = append(got, tt.text[r.Start:r.End])
				if r.NewText != norm.NFC.String(tt.text[r.Start:r.End]) {
					t.Errorf("run %q: replacement %q is not its NFC form", tt.text[r.Start:r.End], r.NewText)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.spans, "|") {
				t.Errorf("runs %q, want %q", got, tt.spans)
			}
			if fixed := lint.ApplyEdits(tt.text, runs); strings.ToValidUTF8(tt.text, "") == tt.text && fixed != norm.NFC.String(tt.text) {
				t.Errorf("fixed text %q is not the NFC form %q", fixed, norm.NFC.String(tt.text))
			}
		})
	}
}

func TestMismatchedQuotesLines(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"Ông nói “xong rồi,\" và đi.", 1},
		{"Ông nói \"xong rồi” và đi.", 1},
		{"Cô nói ‘được' rồi đi.", 1},
		{"\"", 1},
		{"  ”  ", 1},
		{"Ông nói “xong rồi” và đi.", 0},
		{"Ông nói \"xong rồi\" và đi.", 0},
		{"\"Ông nói “không” với họ,\" bà kể.", 0},
		{"It's 5\" wide, she said.", 0},
		{"He is 6'2\" tall.", 0},
		{"The '90s and the ministers' plan.", 0},
		{"“A sentence. Another one. A third.”", 0},
		{"“Một đoạn trích chưa đóng ở dòng này.", 0},
		{"Lỗi “một\" rồi “hai” đúng.", 1},
		{"“Trích dẫn \"lồng\" bên trong.”", 0},
	}
	for _, tt := range tests {
		if got := len(findIn(t, MismatchedQuotes, "vi", tt.text)); got != tt.want {
			t.Errorf("%q: %d findings, want %d", tt.text, got, tt.want)
		}
	}
}

func TestWhitespaceFixes(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"clean", "a\n\nb\n", "a\n\nb\n"},
		{"trailing", "a \t\nb\n", "a\nb\n"},
		{"leading", "  a\nb\n", "a\nb\n"},
		{"blank run", "a\n\n\n\nb\n", "a\n\nb\n"},
		{"blank run of spaces", "a\n \n\t\n\nb\n", "a\n\nb\n"},
		{"blank run at end", "a\n\n\n", "a\n\n"},
		{"blank run at start", "\n\n\na\n", "\na\n"},
		{"final newline", "a\nb", "a\nb\n"},
		{"final newline crlf", "a\r\nb", "a\r\nb\r\n"},
		{"crlf kept", "a \r\n\r\n\r\nb\r\n", "a\r\n\r\nb\r\n"},
		{"space-only last line", "a\n  ", "a\n"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := lint.NewSettings(Whitespace, nil)
			s.Severity = lint.Warning
			rs := &lint.RuleSet{Settings: []*lint.Settings{s}}
			res, err := rs.FixDocument(lint.NewDocument("t.txt", tt.text), false)
			if err != nil {
				t.Fatal(err)
			}
			if res.Text != tt.want {
				t.Errorf("fixed %q, want %q", res.Text, tt.want)
			}
		})
	}
}

func TestSidebarShapes(t *testing.T) {
	doubled := []struct {
		text string
		want bool
	}{
		{"Giá vàng tăng mạnh Giá vàng tăng mạnh", true},
		{"Giá vàng Giá vàng", false}, // too short to be a title
		{"Giá vàng tăng mạnh  Giá vàng tăng mạnh", false},
		{"Giá vàng tăng mạnh Giá vàng tăng nhẹ", false},
	}
	for _, tt := range doubled {
		if _, got := doubledTitle(tt.text); got != tt.want {
			t.Errorf("doubledTitle(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	headlines := []struct {
		text string
		want bool
	}{
		{"Giá vàng tiếp tục giảm sâu", true},
		{"Người lao động có được quyền từ chối?", true},
		{"Hội nghị kéo dài hai ngày.", false},
		{"Các biện pháp gồm:", false},
		{"kết thúc hội nghị", false},
		{"Một câu. Hai câu", false},
	}
	for _, tt := range headlines {
		if got := headlineShaped(tt.text, 30); got != tt.want {
			t.Errorf("headlineShaped(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	glued := []struct {
		text string
		want bool
	}{
		{"Hiệp định Mê Kông: Bước tiến trong quản lý nguồn nước xuyên biên giới Ngay sau lễ ký, năm quốc gia đã thống nhất lập nhóm.", true},
		{"TPHCM: Giá nhà tiếp tục tăng mạnh trong quý đầu năm Theo báo cáo của hiệp hội, giá căn hộ đã tăng cao.", true},
		{"Bộ trưởng nhấn mạnh: Việt Nam sẵn sàng phối hợp chặt chẽ với Bộ Công an các nước trong khu vực.", false},
		{"Hội nghị: Các đại biểu thảo luận. Sau đó Ban tổ chức công bố kết quả cuối cùng của hội nghị.", false},
		{"Hiệp định Mê Kông: Bước tiến trong quản lý nguồn nước xuyên biên giới", false},
	}
	for _, tt := range glued {
		if got := gluedTitle(tt.text); got != tt.want {
			t.Errorf("gluedTitle(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	headers := []struct {
		text string
		want bool
	}{
		{"Bài liên quan", true},
		{"TIN LIÊN QUAN:", true},
		{"Nổi bật Một thế giới", true},
		{"Nổi bật là sự tham gia của các doanh nghiệp nhỏ và vừa trong khu vực.", false},
		{"Tin mớiiii", false},
	}
	vi := newRelatedHeaders(Profiles()["vi"].Lexicons["related-headers"].Literals)
	for _, tt := range headers {
		if got := vi.match(tt.text); got != tt.want {
			t.Errorf("match(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestRelatedHeadersInitials: the screen on a line's first byte rejects
// only lines no heading could match, letters whose case folds beyond ASCII
// included (the Kelvin sign folds to "k", "ſ" to "s").
func TestRelatedHeadersInitials(t *testing.T) {
	headings := []string{"Tin liên quan", "Đọc thêm", "\u212Aey facts", "ſee also", "xem thêm"}
	rh := newRelatedHeaders(headings)
	prefixed := func(text string) bool {
		text = strings.TrimSuffix(strings.TrimSpace(text), ":")
		for _, h := range headings {
			if len(text) >= len(h) && strings.EqualFold(text[:len(h)], h) {
				return true
			}
		}
		return false
	}
	for _, text := range []string{
		"tin liên quan", "TIN LIÊN QUAN:", "đọc thêm", "ĐỌC THÊM", "key facts", "KEY FACTS",
		"\u212Aey facts", "see also", "SEE ALSO", "ſee also", "Xem thêm", "XEM THÊM",
		"Bài liên quan", "Theo TTXVN", "", ":", "  ", "Ke", "k",
	} {
		if got, want := rh.match(text), prefixed(text) && wordCount(text, 7) <= 6; got != want {
			t.Errorf("match(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestSidebarUserLexicon: a heading the user adds to related-headers opens
// a box, as the built-in ones do.
func TestSidebarUserLexicon(t *testing.T) {
	text := "Bộ trưởng tiếp đoàn đại biểu EU về an ninh mạng tại Hà Nội.\n\n" +
		"Hai bên thống nhất tăng cường trao đổi thông tin về an ninh mạng.\n\n" +
		"Bộ trưởng đề nghị EU tiếp tục hỗ trợ đào tạo cán bộ an ninh mạng.\n\n" +
		"Chuyện lạ bốn phương\n" +
		"Cá voi xanh xuất hiện gần bờ biển\n" +
		"Ngư dân địa phương chụp được hình ảnh hiếm hoi của đàn cá voi khi đang đánh bắt.\n"
	s := lint.NewSettings(SidebarItem, Profiles()["vi"])
	rs := &lint.RuleSet{Settings: []*lint.Settings{s}}
	before, _ := rs.Check(lint.NewDocument("t.txt", text))
	if err := s.ExtendLexicon("related-headers", []string{"Chuyện lạ bốn phương"}, nil); err != nil {
		t.Fatal(err)
	}
	after, _ := rs.Check(lint.NewDocument("t.txt", text))
	if len(after) != 1 || len(after) <= len(before) {
		t.Fatalf("with the user's heading: %d findings (before %d), want 1 more", len(after), len(before))
	}
	if line, _ := lint.NewDocument("t.txt", text).Position(after[0].Start); line != 8 {
		t.Errorf("finding at line %d, want 8", line)
	}
}

// benchCorpus builds a seeds-like article: a lead, related items, body
// paragraphs with quotes and some decomposed letters, stray white space,
// a source line and a list of other headlines.
func benchCorpus() string {
	var b strings.Builder
	b.WriteString("Bộ Công an và EU tăng cường hợp tác an ninh mạng\n\n12:28 | 28/04/2022\n\n")
	b.WriteString("Bộ trưởng khẳng định Bộ Công an ghi nhận sự ủng hộ của EU trong xây dựng pháp luật về an ninh mạng.\n")
	b.WriteString("Phát triển du lịch cộng đồng miền núi Phát triển du lịch cộng đồng miền núi\n")
	b.WriteString("Ngày 27/4, tỉnh Sơn La tổ chức hội thảo về du lịch bản địa cho du khách trong và ngoài nước.\n\n")
	for i := 0; i < 40; i++ {
		b.WriteString("Chiều 27/4, tại Hà Nội, Bộ trưởng tiếp đoàn công tác của EU, hai bên nhấn mạnh “hợp tác là then chốt,\" và thống nhất tăng cường trao đổi thông tin, tập huấn và tham vấn về an ninh mạng. \n\n")
		if i%10 == 0 {
			b.WriteString("Đoàn công tác làm việc ta\u0323i Ha\u0300 No\u0302\u0323i trong hai ngày.\n\n\n")
		}
	}
	b.WriteString("Theo TTXVN\n")
	for i := 0; i < 20; i++ {
		b.WriteString("- ·Giá lúa gạo duy trì ổn định sau phiên điều chỉnh giảm\n")
	}
	return b.String()
}

func BenchmarkLayoutRules(b *testing.B) {
	text := benchCorpus()
	profiles := Profiles()
	for _, r := range layoutRules {
		b.Run(r.ID, func(b *testing.B) {
			s := lint.NewSettings(r, profiles["vi"])
			s.Severity = lint.Warning
			rs := &lint.RuleSet{Settings: []*lint.Settings{s}}
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := rs.Check(lint.NewDocument("bench.txt", text)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestPlainComposedRanges checks the promise of plainComposed's fast path:
// each of its characters is NFC alone and starts a segment (nothing before
// it composes or reorders with it), so a text made only of them is NFC.
func TestPlainComposedRanges(t *testing.T) {
	for r := rune(0); r < 0x2100; r++ {
		if !plainComposedRune(r) {
			continue
		}
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		if !norm.NFC.IsNormalString(s) || !p.BoundaryBefore() {
			t.Errorf("U+%04X is in the fast path but may change under NFC", r)
		}
	}
	if plainComposed("Hà Nội") != true || plainComposed("Ha\u0300 Nội") != false || plainComposed("x\xff") != false {
		t.Error("plainComposed misjudges a simple case")
	}
}

// TestNonNFCRunsSkipsPlainPrefix holds nonNFCRuns, which starts its walk at
// the first character outside plainComposed's ranges, to the walk over the
// whole text.
func TestNonNFCRunsSkipsPlainPrefix(t *testing.T) {
	parts := []string{"Hà Nội ", "a", "e", "\u0300", "\u0323", "\u0302", "ệ", "東京", "ﬁ", "Å", "\u212b", "\xff", " ", "“", "한", "\u1100\u1161", "x\u0301\u0323"}
	for _, s := range randtext.Pieced(5000, 8, parts, 3) {
		if got, want := plainEnd(s, 0, true), plainComposedPrefix(s); got != want {
			t.Fatalf("plainEnd(%q) = %d, want %d", s, got, want)
		}
		got, want := nonNFCRuns(s), nonNFCRunsFrom(s, 0)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("nonNFCRuns(%q) = %v, the walk from the start gives %v", s, got, want)
		}
	}
}

// nonNFCRuns is nonNFCRunsAfter of a whole text, finding its first
// character outside the plain ranges itself.
func nonNFCRuns(text string) []lint.Edit {
	return nonNFCRunsAfter(text, plainComposedPrefix(text))
}

func plainComposed(text string) bool {
	return plainComposedPrefix(text) == len(text)
}

// plainComposedPrefix returns the offset of text's first character outside
// plainComposedRune's ranges, or len(text): the plain scan scanTextShape
// makes along with the case shapes.
func plainComposedPrefix(text string) int {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !plainComposedRune(r) {
			return i
		}
		i += size
	}
	return len(text)
}

// quoteMarksReference is quoteMarks as it first was: every byte tested.
func quoteMarksReference(line string) []quoteMark {
	var marks []quoteMark
	for i := 0; i < len(line); i++ {
		if c := line[i]; c != '"' && c != '\'' && c != 0xE2 {
			continue
		}
		if m, ok := quoteMarkAt(line, i); ok {
			marks = append(marks, m)
		}
	}
	return marks
}

// TestQuoteMarksFindsWhatEveryByteWouldFind: the search that jumps between
// quote bytes finds the marks a test of every byte finds, on lines dense
// with one quote byte and free of the others as on mixed ones.
func TestQuoteMarksFindsWhatEveryByteWouldFind(t *testing.T) {
	pieces := []string{"a", "Nội ", " ", "\"", "'", "“", "”", "‘", "’", "–", "…", "\xe2", "\xe2\x80", "1", ".", "nói \"", "\" và ", "don't "}
	lines := append(randtext.Pieced(20000, 16, pieces, 11), "", "\"\"\"\"", "''''", "––––", strings.Repeat("’", 50)+"\"")
	for _, line := range lines {
		if got, want := quoteMarks(line), quoteMarksReference(line); !slices.Equal(got, want) {
			t.Fatalf("quoteMarks(%q) = %v, want %v", line, got, want)
		}
	}
}

// TestLexiconCachesSeeExtensions: the rules' caches of what they build
// from a lexicon (stop-word sets, pattern bounds, literal sets) follow an
// extension made after a first run, instead of answering from the
// lexicon as it was (a pattern bound missing for the new pattern was an
// index out of range).
func TestLexiconCachesSeeExtensions(t *testing.T) {
	text := "Giá xăng giảm mạnh trong tuần này theo điều chỉnh của liên bộ.\n\n" +
		"Liên bộ cho biết giá xăng sẽ tiếp tục được điều chỉnh theo thị trường thế giới.\n\n" +
		"Doanh nghiệp bán lẻ áp dụng giá mới từ chiều nay tại các cửa hàng.\n\n" +
		"Phóng viên Thường Trực\n" +
		"Giá vàng tăng kỷ lục phiên cuối tuần\n"
	rules := []*lint.Rule{SidebarItem, MissingDash, MissingSpace}
	var settings []*lint.Settings
	for _, r := range rules {
		settings = append(settings, lint.NewSettings(r, Profiles()["vi"]))
	}
	rs := &lint.RuleSet{Settings: settings}
	if _, err := rs.Check(lint.NewDocument("t.txt", text)); err != nil {
		t.Fatal(err)
	}
	if err := settings[0].ExtendLexicon("end-markers", nil, []*regexp.Regexp{regexp.MustCompile(`^Phóng viên .{1,40}$`)}); err != nil {
		t.Fatal(err)
	}
	if err := settings[1].ExtendLexicon("camel-case-names", []string{"TháiBình"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := rs.Check(lint.NewDocument("t.txt", text)); err != nil {
		t.Fatalf("after extending the lexicons: %v", err)
	}
	if got := lexiconSet(settings[1].Lexicon("camel-case-names")); !got["TháiBình"] {
		t.Error("the literal set of camel-case-names misses the added name")
	}
}
