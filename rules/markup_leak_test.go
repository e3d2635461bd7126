package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/internal/randtext"

	"github.com/scrapelint/scrapelint/lint"
	_ "github.com/scrapelint/scrapelint/lint/linttest"
)

// ruleSetFor configures one rule with the given profile, switched on.
func ruleSetFor(t testing.TB, r *lint.Rule, lang string) *lint.RuleSet {
	t.Helper()
	s := lint.NewSettings(r, Profiles()[lang])
	if s.Severity == lint.Off {
		s.Severity = lint.Warning
	}
	return &lint.RuleSet{Settings: []*lint.Settings{s}}
}

// TestMarkupLeakCases checks what markup-leak reports and what its safe
// fixes make of each case; a case with fixed == input must not be reported.
func TestMarkupLeakCases(t *testing.T) {
	cases := []struct {
		name, in, fixed string
		findings        int
	}{
		// Entities.
		{"nbsp glued", "Giá xăng&nbsp;tăng", "Giá xăng tăng", 1},
		{"nbsp between spaces", "Giá xăng &nbsp; tăng", "Giá xăng tăng", 1},
		{"nbsp run", "Giá&nbsp;&nbsp;&nbsp;xăng", "Giá xăng", 1},
		{"nbsp runs with spaces", "Giá &nbsp; &nbsp; xăng", "Giá xăng", 2},
		{"nbsp without semicolon", "Giá xăng &nbsp tăng", "Giá xăng tăng", 1},
		{"nbsp at line start", "&nbsp;Giá xăng\n", "Giá xăng\n", 1},
		{"nbsp at line end", "Giá xăng &nbsp;\nHai", "Giá xăng\nHai", 1},
		{"amp", "Bộ Công Thương &amp; Bộ Tài chính", "Bộ Công Thương & Bộ Tài chính", 1},
		{"amp in brand", "AT&amp;T và R&amp;D", "AT&T và R&D", 2},
		{"double escaped", "Giá&amp;nbsp;xăng", "Giá xăng", 1},
		{"bare amp", "Tom &amp Jerry", "Tom & Jerry", 1},
		{"quot", "&quot;Chúng tôi&quot; nói", `"Chúng tôi" nói`, 2},
		{"numeric", "It&#39;s &#8220;ok&#8221;", "It's “ok”", 3},
		{"numeric bare", "It&#39s fine", "It's fine", 1},
		{"hex", "It&#x27;s", "It's", 1},
		{"nbsp numeric", "Giá&#160;xăng", "Giá xăng", 1},
		{"zero width", "Hà&#8203;Nội", "HàNội", 1},
		{"uppercase", "A &AMP; B", "A & B", 1},
		{"lt gt decode then tag", "Câu một.&lt;br&gt;Câu hai.", "Câu một. Câu hai.", 2},
		{"invalid code point", "x &#0; y", "x &#0; y", 1},
		{"url amp with semicolon", "https://a.vn/?a=1&amp;b=2", "https://a.vn/?a=1&b=2", 1},
		// Tags.
		{"br glued", "Câu một.<br>Câu hai.", "Câu một. Câu hai.", 1},
		{"br self-closing", "Câu một.<br />Câu hai.", "Câu một. Câu hai.", 1},
		{"paragraphs", "</p><p>Câu hai.</p>", "Câu hai.", 2},
		{"inline bold", "Ông <b>Nguyễn Văn A</b> cho biết", "Ông Nguyễn Văn A cho biết", 2},
		{"link", `Xem <a href="https://a.vn/x" target="_blank">tại đây</a>.`, "Xem tại đây.", 2},
		{"comment", "Câu một.<!-- ads -->", "Câu một.", 1},
		{"img", `<img src="k1.jpg" alt="Ảnh">Chú thích`, "Chú thích", 1},
		{"span between spaces", "Giá <span> xăng", "Giá xăng", 1},
		// Shortcodes.
		{"caption", `[caption id="attachment_12" align="aligncenter" width="600"]Chú thích ảnh[/caption]`, "Chú thích ảnh", 2},
		{"embed pair", "[embed]https://youtu.be/x[/embed]", "https://youtu.be/x", 2},
		{"builder", `[vc_row full_width="stretch"]Nội dung`, "Nội dung", 1},
		// Escapes.
		{"xa0 escape", `Giá\xa0xăng`, "Giá xăng", 1},
		{"utf8 bytes", `It\xe2\x80\x99s`, "It’s", 1},
		{"unicode escape", `Giá\u00a0xăng \u0110à Nẵng`, "Giá xăng Đà Nẵng", 2},
		{"surrogates", `Vui \ud83d\ude00`, "Vui 😀", 1},
		{"newline escapes", `Câu một.\r\nCâu hai.\n`, "Câu một. Câu hai.", 2},
		{"double backslash", `Câu một.\\nCâu hai.`, "Câu một. Câu hai.", 1},
		{"escaped quotes", `Ông nói \"Được\".`, `Ông nói "Được".`, 2},
		{"xa0 residue", "Giá xăng xa0 tăng", "Giá xăng tăng", 1},
		// Program text.
		{"python list", `['\r\n', 'Câu một.', '\r\n', 'Câu hai.']`, "Câu một. Câu hai.", 1},
		{"json list", `["Câu một.", "Ông nói \"Có\"."]`, `Câu một. Ông nói "Có".`, 1},
		{"blank list", `Câu một. ['\n', ' '] Câu hai.`, "Câu một. Câu hai.", 1},
		{"object", "Xem thêm [object Object]", "Xem thêm", 1},
		// Look-alikes that are text.
		{"brands", "AT&T, R&D, VH-TT&DL, Q&A, M&A, P&G và Tom & Jerry", "AT&T, R&D, VH-TT&DL, Q&A, M&A, P&G và Tom & Jerry", 0},
		{"not an entity", "Bộ VH-TT&DL; và &T; và &nothing", "Bộ VH-TT&DL; và &T; và &nothing", 0},
		{"bare legacy word", "this&not that &copyright", "this&not that &copyright", 0},
		{"url param", "https://a.vn/?x=1&lt=5&amp=2", "https://a.vn/?x=1&lt=5&amp=2", 0},
		{"math", "nếu a < b và x<y thì 2 > 1, <3", "nếu a < b và x<y thì 2 > 1, <3", 0},
		{"guillemets", "cuốn <<Tên sách>> và <Hà Nội>", "cuốn <<Tên sách>> và <Hà Nội>", 0},
		{"email", "Liên hệ <ban.doc@example.vn> hoặc ban.doc@example.vn", "Liên hệ <ban.doc@example.vn> hoặc ban.doc@example.vn", 0},
		{"url in brackets", "<https://example.vn/tin-tuc>", "<https://example.vn/tin-tuc>", 0},
		{"unclosed tag", "Giá <b tăng", "Giá <b tăng", 0},
		{"comparison chain", "if a<b and b>c", "if a<b and b>c", 0},
		{"void attribute only", "x <p hidden> y", "x <p hidden> y", 0},
		{"headline label", "[Video] Cảnh sát cứu người và [Infographic] Giá vàng", "[Video] Cảnh sát cứu người và [Infographic] Giá vàng", 0},
		{"lone lowercase label", "[video] Cảnh sát", "[video] Cảnh sát", 0},
		{"references", "theo nghiên cứu [1], [2] và [sửa]", "theo nghiên cứu [1], [2] và [sửa]", 0},
		{"paths", `C:\temp\new và C:\Users\xampp`, `C:\temp\new và C:\Users\xampp`, 0},
		{"xa0 in word", "mẫu taxa0 và xa01 và XA0", "mẫu taxa0 và xa01 và XA0", 0},
		{"bracket not list", "['chưa đóng và [\"a\" b]", "['chưa đóng và [\"a\" b]", 0},
		{"lone ampersand", "A & B &", "A & B &", 0},
		{"short numeric bare", "mã &#1 và &#x", "mã &#1 và &#x", 0},
	}
	rs := ruleSetFor(t, MarkupLeak, "vi")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := lint.NewDocument("case.txt", c.in)
			fs, err := rs.Check(d)
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) != c.findings {
				t.Errorf("%q: %d findings, want %d: %v", c.in, len(fs), c.findings, fs)
			}
			res, err := rs.FixDocument(d, false)
			if err != nil {
				t.Fatal(err)
			}
			if res.Text != c.fixed {
				t.Errorf("%q fixed to %q, want %q", c.in, res.Text, c.fixed)
			}
		})
	}
}

// findLeaksReference is findLeaks as it first was: every byte looked up.
func findLeaksReference(text string, shortcodes *lint.Lexicon) []leak {
	var leaks []leak
	for i := 0; i < len(text); i++ {
		if !strings.ContainsRune("&<[\\xu", rune(text[i])) {
			continue
		}
		if l, ok := leakAt(text, i, shortcodes); ok {
			leaks = append(leaks, l)
			i = l.end - 1
		}
	}
	return leaks
}

// TestFindLeaksFindsWhatEveryByteWouldFind: the scan that jumps between
// the places a leak can start finds the leaks a look at every byte finds.
func TestFindLeaksFindsWhatEveryByteWouldFind(t *testing.T) {
	shortcodes := Profiles()["vi"].Lexicons["markup-shortcodes"]
	pieces := []string{"a", "Nội", " ", "\n", "&", "&nbsp;", "&amp;", "&#8217;", "<", "<br>", "</p>", "<b>", "[", "]", "[caption]", "[/caption]",
		"\\", "\\xa0", "\\u00a0", "\\n", "\\\"", "x", "u", "xa0", "u00a0", "u200b", "xa", "u00", "u20", "0", "b", ";", "/", "p", ">"}
	for _, text := range randtext.Pieced(30000, 16, pieces, 21) {
		if got, want := findLeaks(text, shortcodes), findLeaksReference(text, shortcodes); !slices.Equal(got, want) {
			t.Fatalf("findLeaks(%q) = %v, want %v", text, got, want)
		}
	}
}
