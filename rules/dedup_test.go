package rules

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/internal/corpusgen"
	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/lint/linttest"
)

// corpusFindings runs the given rules over docs as check does (both
// passes) and returns each document's findings.
func corpusFindings(t *testing.T, docs []*lint.Document, opts map[string]any, ids ...string) [][]lint.Finding {
	t.Helper()
	var rs []*lint.Rule
	for _, id := range ids {
		rs = append(rs, ByID(id))
	}
	set, err := lint.Configure(rs, Profiles(), nil, lint.Selection{Enable: ids})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range set.Settings {
		for name, v := range opts {
			if s.Rule.ID == strings.SplitN(name, ".", 2)[0] {
				if err := s.SetOption(strings.SplitN(name, ".", 2)[1], v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	set.Hints = true // as check asks
	set.StartCorpus()
	for i, d := range docs {
		d.Seq = i
		if err := set.Observe(d); err != nil {
			t.Fatal(err)
		}
	}
	set.FinishCorpus()
	out := make([][]lint.Finding, len(docs))
	for i, d := range docs {
		again := lint.NewDocument(d.Path, d.Text) // the second pass reads anew
		again.Seq = d.Seq
		fs, err := set.Check(again)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = fs
	}
	return out
}

// baseArticles generates n distinct articles: the generator's own copies
// are left out so that the truth is only what the test makes.
func baseArticles(n int) []string {
	g := corpusgen.New(11)
	var out []string
	for len(out) < n {
		d := g.Next()
		copied := false
		for _, def := range d.Defects {
			copied = copied || def.Rule == "duplicate-document" || def.Rule == "near-duplicate-document" || def.Rule == "empty-document"
		}
		if !copied && len(d.Text) > 1500 {
			out = append(out, d.Text)
		}
	}
	return out
}

// editSentences rewords k paragraphs of text: their words shuffled in part.
func editSentences(r *rand.Rand, text string, k int) string {
	lines := strings.Split(text, "\n")
	var long []int
	for i, l := range lines {
		if len(l) > 200 {
			long = append(long, i)
		}
	}
	for n := 0; n < k && len(long) > 0; n++ {
		i := long[r.IntN(len(long))]
		words := strings.Fields(lines[i])
		for j := 0; j < len(words)/6; j++ {
			a, b := r.IntN(len(words)), r.IntN(len(words))
			words[a], words[b] = words[b], words[a]
		}
		lines[i] = strings.Join(words, " ")
	}
	return strings.Join(lines, "\n")
}

// reframe gives text another site's frame: its furniture lines dropped,
// a sidebar of other headlines and a footer added.
func reframe(r *rand.Rand, text string, others []string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		if !PageFurnitureLexiconMatch(l) {
			b.WriteString(l + "\n")
		}
	}
	b.WriteString("Tin liên quan\n")
	for range 4 {
		o := others[r.IntN(len(others))]
		b.WriteString("- ·" + strings.SplitN(o, "\n", 2)[0] + "\n")
	}
	b.WriteString("Báo Điện tử Khác - Cơ quan của Hội Nhà báo, giấy phép số 99/GP-BTTTT\n")
	return b.String()
}

// PageFurnitureLexiconMatch reports whether line is Vietnamese page
// furniture, for tests that build documents.
func PageFurnitureLexiconMatch(line string) bool {
	return Profiles()["vi"].Lexicons["page-furniture"].Lines().Match(line)
}

// TestNearDuplicateQuality builds a corpus with known groups (exact
// copies, copies with edited sentences, copies in another site's frame)
// among distinct articles of the same generator (same vocabulary and
// templates: the same topics), and measures the precision and recall of
// the pairs found by the two duplicate rules.
func TestNearDuplicateQuality(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	bases := baseArticles(120)
	type doc struct {
		text  string
		group int
	}
	var docs []doc
	for i, text := range bases {
		docs = append(docs, doc{text, i})
		if i < 40 {
			switch i % 4 {
			case 0:
				docs = append(docs, doc{text, i})
			case 1:
				docs = append(docs, doc{editSentences(r, text, 1), i})
			case 2:
				docs = append(docs, doc{reframe(r, text, bases[60:]), i})
			case 3:
				docs = append(docs, doc{editSentences(r, text, 1), i}, doc{reframe(r, text, bases[60:]), i})
			}
		}
	}
	r.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	lds := make([]*lint.Document, len(docs))
	for i, d := range docs {
		lds[i] = lint.NewDocument(fmt.Sprintf("d%03d.txt", i), d.text)
	}
	found := corpusFindings(t, lds, nil, "duplicate-document", "near-duplicate-document")
	// A finding names the earlier copy; union the pairs into groups.
	parent := make([]int, len(docs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	for i, fs := range found {
		for _, f := range fs {
			var j int
			if _, err := fmt.Sscanf(f.Message[strings.Index(f.Message, " d")+2:], "%03d", &j); err != nil {
				t.Fatalf("cannot read the document named in %q", f.Message)
			}
			parent[find(i)] = find(j)
		}
	}
	tp, fp, fn := 0, 0, 0
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			same, got := docs[i].group == docs[j].group, find(i) == find(j)
			switch {
			case same && got:
				tp++
			case got:
				fp++
				t.Errorf("documents %d and %d are grouped but are different articles", i, j)
			case same:
				fn++
			}
		}
	}
	precision := float64(tp) / float64(max(1, tp+fp))
	recall := float64(tp) / float64(max(1, tp+fn))
	t.Logf("near-duplicate pairs over %d documents: precision %.3f, recall %.3f (%d found, %d wrong, %d missed)", len(docs), precision, recall, tp, fp, fn)
	if precision < 0.99 || recall < 0.9 {
		t.Errorf("precision %.3f, recall %.3f; want at least 0.99 and 0.9", precision, recall)
	}
}

// TestBoilerplateFooterInThirtyOfHundred plants a footer in 30 of 100
// generated documents and a line in only one.
func TestBoilerplateFooterInThirtyOfHundred(t *testing.T) {
	bases := baseArticles(100)
	const footer = "Báo Mẫu Điện tử - Giấy phép số 123/GP-BTTTT, Tổng biên tập: Nguyễn Văn A"
	const lonely = "Dòng này chỉ xuất hiện trong một bài viết duy nhất của kho."
	docs := make([]*lint.Document, len(bases))
	for i, text := range bases {
		if i%10 < 3 {
			text += "\n" + footer
		}
		if i == 50 {
			text += "\n" + lonely
		}
		docs[i] = lint.NewDocument(fmt.Sprintf("d%03d.txt", i), text)
	}
	found := corpusFindings(t, docs, nil, "boilerplate-line")
	footers, others := 0, 0
	for i, fs := range found {
		for _, f := range fs {
			line := docs[i].Text[f.Start:f.End]
			switch line {
			case footer:
				footers++
			case lonely:
				t.Errorf("the line of one document was flagged")
			default:
				others++
				t.Logf("also flagged in %s: %q", docs[i].Path, line)
			}
		}
	}
	if footers != 30 {
		t.Errorf("footer flagged in %d documents, want 30", footers)
	}
	t.Logf("footer found in %d of 30 documents; %d other lines flagged", footers, others)
}

// TestBoilerplateLeavesFurnitureToPageFurniture: a line that recurs across
// the corpus ("[0] Bình luận") has the words, fields and length of a
// furniture line ("(0) Bình luận", a comment counter) one document holds,
// so the two hash alike; the counter is reported once, as page furniture,
// not again as boilerplate.
func TestBoilerplateLeavesFurnitureToPageFurniture(t *testing.T) {
	const label, widget = "[0] Bình luận", "(0) Bình luận"
	bases := baseArticles(40)
	docs := make([]*lint.Document, len(bases))
	for i, text := range bases {
		line := label
		if i == 7 {
			line = widget
		}
		docs[i] = lint.NewDocument(fmt.Sprintf("d%03d.txt", i), text+"\n"+line+"\n")
	}
	found := corpusFindings(t, docs, nil, "boilerplate-line", "page-furniture")
	labels := 0
	for i, fs := range found {
		for _, f := range fs {
			switch line := docs[i].Text[f.Start:f.End]; {
			case line == widget && f.Rule != "page-furniture":
				t.Errorf("the comment counter reported by %s", f.Rule)
			case line == label && f.Rule == "boilerplate-line":
				labels++
			}
		}
	}
	if labels != len(docs)-1 {
		t.Errorf("the recurring line reported in %d documents, want %d", labels, len(docs)-1)
	}
	if !slices.ContainsFunc(found[7], func(f lint.Finding) bool { return f.Rule == "page-furniture" }) {
		t.Errorf("the comment counter is not reported as furniture: %v", found[7])
	}
}

// TestSeedsDedup groups the seeds with modified copies made here: an exact
// copy, one with a paragraph reworded, one with its sidebar and footer
// changed. The five seed articles are never grouped with one another.
func TestSeedsDedup(t *testing.T) {
	dir := linttest.Seeds(t)
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(paths)
	var docs []*lint.Document
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, lint.NewDocument(filepath.Base(p)[:3], string(data)))
	}
	if len(docs) != 5 {
		t.Fatalf("want 5 seeds, found %d", len(docs))
	}
	r := rand.New(rand.NewPCG(1, 2))
	seed0 := docs[0].Text
	docs = append(docs,
		lint.NewDocument("copy-exact", docs[1].Text),
		lint.NewDocument("copy-reworded", editSentences(r, docs[3].Text, 1)),
		lint.NewDocument("copy-reframed", strings.Replace(strings.Replace(seed0, "In bài viết", "Chia sẻ bài viết\nĐọc nhiều", 1), "Đường dẫn bài viết:", "Liên kết gốc:", 1)+"\n- ·Một tiêu đề khác hoàn toàn không liên quan tới bài\n- ·Thêm một tiêu đề khác của trang bên cạnh"),
	)
	found := corpusFindings(t, docs, nil, "duplicate-document", "near-duplicate-document")
	want := map[string]string{"copy-exact": "001", "copy-reworded": "003", "copy-reframed": "000"}
	for i, fs := range found {
		name := docs[i].Path
		if i < 5 && len(fs) > 0 {
			t.Errorf("seed %s grouped: %v", name, fs)
		}
		if i >= 5 {
			if len(fs) != 1 || !strings.Contains(fs[0].Message, want[name]) {
				t.Errorf("%s: %v, want one finding naming %s", name, fs, want[name])
				continue
			}
			t.Logf("%s: %s: %s", name, fs[0].Rule, fs[0].Message)
		}
	}
}
