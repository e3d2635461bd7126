package rules

import (
	"slices"

	"github.com/scrapelint/scrapelint/internal/fastutf8"
	"github.com/scrapelint/scrapelint/lint"
)

// PageFurniture finds lines that are the web page's widgets and footers
// rather than the article (DEFECTS.md family 5).
var PageFurniture = &lint.Rule{
	ID:       "page-furniture",
	Family:   "5",
	Severity: lint.Error,
	Summary:  "a line that is a widget, footer or link of the page, not the article",
	Doc: `A scraper that takes the text of a whole page keeps the page's furniture: print
and share links ("In bài viết", "Share this article"), comment counters
("(0) Bình luận"), navigation and section menus ("Tìm kiếm", "Mới nhất"),
"related news" headings, newsletter prompts ("Sign up for our newsletter"),
"Advertisement" and CMS credits ("POWERED BY ..."). None of it is article text.

A line is furniture when the whole line, trimmed and compared without regard to
case, is an entry of the language profile's page-furniture lexicon (or matches
one of its patterns over the whole line). The same words inside a sentence
("... bạn đọc có thể tìm kiếm trên trang ...") are never furniture. Extend the
lexicon in .scrapelint.yaml for a site's own widgets.`,
	Before:   "Chiều 16/1, hội nghị tổng kết công tác năm đã diễn ra tại Hà Nội.\nIn bài viết\n(0) Bình luận\n",
	After:    "Chiều 16/1, hội nghị tổng kết công tác năm đã diễn ra tại Hà Nội.\n",
	Fix:      lint.SafeFix,
	FixDoc:   `Safe: the furniture line is deleted with its line break; no other byte changes.`,
	Lexicons: []string{"page-furniture"},
	Run:      runPageFurniture,
	NewHint:  newFurnitureHint,
}

func runPageFurniture(p *lint.Pass) {
	if h, ok := p.Hint.(*furnitureHint); ok && h.spares(p.Doc) {
		return
	}
	furniture := p.Lexicon("page-furniture").Lines()
	d := p.Doc
	matched := furniture.MatchLines(d)
	for i, l := range d.Lines() {
		if matched[i] {
			p.ReportFix(l.Start, l.End, lint.Safe, []lint.Edit{deleteLine(d, i)},
				"page furniture: %q is part of the page around the article", trimmedLine(d, l))
		}
	}
}

// trimmedLine is a line's text without surrounding white space.
func trimmedLine(d *lint.Document, l lint.Line) string {
	return fastutf8.TrimSpace(d.LineText(l))
}

// furnitureHint remembers the documents of a run's first pass that have no
// furniture line (three in four of the generated corpus), so that the
// second pass leaves them at once. The duplicate rules match every line
// against the same lexicon in the first pass (their matcher is this
// rule's when the lexicons are alike); matching them again was most of
// the rule's time.
type furnitureHint struct {
	furniture *lint.LineMatcher
	none      docSet
}

func newFurnitureHint(s *lint.Settings) lint.Hint {
	return &furnitureHint{furniture: s.Lexicon("page-furniture").Lines()}
}

func (h *furnitureHint) Observe(d *lint.Document) {
	if !slices.Contains(h.furniture.MatchLines(d), true) {
		h.none.add(d)
	}
}

// spares reports whether the first pass found no furniture line in d's
// text as it is now.
func (h *furnitureHint) spares(d *lint.Document) bool { return h.none.has(d) }
