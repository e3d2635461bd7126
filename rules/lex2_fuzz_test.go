package rules

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/lint"
)

// FuzzLex2Rules holds markup-leak and metadata-line to the engine's
// invariants on any text: they never fail, their fixes settle and keep the
// text valid UTF-8, and a text with no markup trigger is never changed by
// markup-leak.
func FuzzLex2Rules(f *testing.F) {
	for _, seed := range []string{
		"Giá&nbsp;&nbsp;xăng<br>tăng &amp; giảm\n",
		"['\\r\\n', 'Câu một.', \"hai\"]\n[caption id=\"a\"]x[/caption]",
		"\\xe2\\x80\\x99 \\ud83d\\ude00 \\\\n xa0 &#0; &#x110000; <!-- a -->",
		"12:28 | 28/04/2022\r\nBộ Công an 10/01/2024 21:00\n18/10/2024",
		"By Jane Doe | Oct. 18, 2024, 3:45 p.m. ET\n",
	} {
		f.Add(seed)
	}
	rs := &lint.RuleSet{Settings: []*lint.Settings{
		lint.NewSettings(MarkupLeak, Profiles()["vi"]),
		lint.NewSettings(MetadataLine, Profiles()["en"]),
	}}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		d := lint.NewDocument("fuzz.txt", text)
		if _, err := rs.Check(d); err != nil {
			t.Fatal(err)
		}
		res, err := rs.FixDocument(d, true)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if !res.Settled || !utf8.ValidString(res.Text) {
			t.Fatalf("%q: fixed to %q (settled %v)", text, res.Text, res.Settled)
		}
		if !strings.ContainsAny(text, "&<[\\xu0123456789") && res.Text != text {
			t.Fatalf("%q changed to %q with nothing to fix", text, res.Text)
		}
	})
}
