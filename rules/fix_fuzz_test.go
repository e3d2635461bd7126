package rules

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/lint"
)

// FuzzFixPipeline feeds documents to the whole fix pipeline, every rule
// enabled (whitespace too) in either language profile, safe fixes alone or
// with unsafe ones: it must not panic or fail, must keep valid UTF-8 valid,
// must reach a fixpoint, and fixing the result again must change nothing.
// Its seed corpus is in testdata/fuzz/FuzzFixPipeline (made from the rule
// fixtures' inputs) besides the f.Add seeds below.
//
//	go test ./rules -run '^$' -fuzz FuzzFixPipeline -fuzztime 10m -parallel 1
func FuzzFixPipeline(f *testing.F) {
	for _, seed := range []string{
		"【tin nong】Tỉnh khánh thành cầu mới giai đoạn 20202024\nk1.jpg\nIn bài viết\n",
		"Bộ trưởng thăm trung tâm huấn luyện.\r\nBộ trưởng thăm trung tâm huấn luyện.\r\n",
		" date 2026-01-16 Chiều 16/1, hội nghị tại Ha\u0300 Nội &nbsp; “diễn ra\"\n\n\n",
		"Advertisement\nThe council approved the 20242028 plan | Local | x.com\n",
		"None",
		"",
	} {
		f.Add(seed, false, false)
		f.Add(seed, true, true)
	}
	sets := map[bool]*lint.RuleSet{}
	for _, en := range []bool{false, true} {
		lang := "vi"
		if en {
			lang = "en"
		}
		ids := make([]string, len(All))
		for i, r := range All {
			ids[i] = r.ID
		}
		rs, err := lint.Configure(All, Profiles(), nil, lint.Selection{Lang: lang, Enable: ids})
		if err != nil {
			f.Fatal(err)
		}
		sets[en] = rs
	}
	f.Fuzz(func(t *testing.T, text string, english, unsafe bool) {
		if !utf8.ValidString(text) || strings.IndexByte(text, 0) >= 0 {
			return // scrapelint reads only text: such input never reaches a rule
		}
		rs := sets[english]
		d := lint.NewDocument("fuzz.txt", text)
		if rs.HasCorpusRules() {
			rs.StartCorpus()
			rs.Observe(d)
			rs.FinishCorpus()
		}
		res, err := rs.FixDocument(d, unsafe)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if !res.Settled {
			t.Fatalf("%q: did not settle; last text %q", text, res.Text)
		}
		if !utf8.ValidString(res.Text) {
			t.Fatalf("%q: fixed to invalid UTF-8 %q", text, res.Text)
		}
		// The changes the fixer records rebuild the fixed text from the
		// original: fix --diff trusts them to say where to look.
		var rebuilt strings.Builder
		pos := 0
		for _, c := range res.Changes {
			if c.OldStart < pos || c.OldEnd < c.OldStart || c.OldEnd > len(text) || c.NewStart > c.NewEnd || c.NewEnd > len(res.Text) {
				t.Fatalf("%q: changes out of order or bounds: %+v", text, res.Changes)
			}
			rebuilt.WriteString(text[pos:c.OldStart] + res.Text[c.NewStart:c.NewEnd])
			pos = c.OldEnd
		}
		if rebuilt.WriteString(text[pos:]); rebuilt.String() != res.Text {
			t.Fatalf("%q: the changes %+v rebuild %q, not the fixed %q", text, res.Changes, rebuilt.String(), res.Text)
		}
		again, err := rs.FixDocument(lint.NewDocument("fuzz.txt", res.Text), unsafe)
		if err != nil || again.Text != res.Text {
			t.Fatalf("%q: fixing the fixed text %q again changed it to %q (%v)", text, res.Text, again.Text, err)
		}
	})
}

// FuzzHints checks every rule that takes a hint (Rule.NewHint) against
// itself without one: a run as check makes it (first pass with hints, then
// the second on the text read again) must find exactly what a run without
// hints finds. Seeded with near copies, joined tokens, decomposed text and
// page furniture.
//
//	go test ./rules -run '^$' -fuzz FuzzHints -fuzztime 1m
func FuzzHints(f *testing.F) {
	lead := "Bộ trưởng Nguyễn Văn An khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay."
	for _, seed := range []string{
		lead + "\n" + lead[:len(lead)-1] + " nữa.\n",
		lead + "\nẢnh: Kiên/TTXVN " + lead + "\n" + "Bộ trưởng khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay.\n",
		"Ha\u0300 No\u0323\u0302i 5/9 " + lead + "\nHà Nội 5/9 " + lead + "\n",
		lead + "\nIn bài viết\n(0) Bình luận\n  Tìm\u00a0kiếm \n",
		"",
	} {
		f.Add(seed)
	}
	sets := map[bool]*lint.RuleSet{}
	for _, hints := range []bool{false, true} {
		rs, err := lint.Configure(All, Profiles(), nil, lint.Selection{})
		if err != nil {
			f.Fatal(err)
		}
		rs.Hints = hints
		sets[hints] = rs
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || strings.IndexByte(text, 0) >= 0 {
			return
		}
		var found [2][]lint.Finding
		for i, hints := range []bool{false, true} {
			rs := sets[hints]
			rs.StartCorpus()
			first := lint.NewDocument("fuzz.txt", text)
			if err := rs.Observe(first); err != nil {
				t.Fatalf("%q: %v", text, err)
			}
			first.Release()
			rs.FinishCorpus()
			fs, err := rs.Check(lint.NewDocument("fuzz.txt", text))
			if err != nil {
				t.Fatalf("%q: %v", text, err)
			}
			found[i] = fs
		}
		if len(found[0])+len(found[1]) > 0 && !reflect.DeepEqual(found[0], found[1]) {
			t.Fatalf("%q: %d findings with hints, %d without:\n%v\n%v", text, len(found[1]), len(found[0]), found[1], found[0])
		}
	})
}
