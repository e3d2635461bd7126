// Package corpusgen generates deterministic synthetic corpora of news-like
// documents with scraping defects injected at set rates, and a manifest of
// every defect it injected, for scrapelint's benchmarks and recall tests.
//
// The same seed always gives the same documents, byte for byte, whatever the
// output format: the random stream does not depend on how documents are
// written, so a text tree and a JSON Lines file made with one seed hold the
// same texts.
package corpusgen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Defect is one defect injected into a document.
type Defect struct {
	// Line is the 1-based line of the document holding the defect, or 0
	// for a defect of the whole document (an empty or duplicate document).
	Line int `json:"line"`
	// Family is the DEFECTS.md family ("1" to "9", "-" for none).
	Family string `json:"family"`
	// Rule is the ID of the scrapelint rule that should report the defect.
	Rule string `json:"rule"`
	// Kind tells apart the shapes of defect one rule covers.
	Kind string `json:"kind"`
	// Text is the injected text (shortened for long lines).
	Text string `json:"text"`
}

// Document is one generated document.
type Document struct {
	// Index is the document's 0-based position in the corpus.
	Index   int
	ID      string
	Lang    string
	Text    string
	Defects []Defect
}

// Rates of injection, per document, for each defect. They are set so that a
// corpus of a few hundred documents holds every kind of defect several times.
const (
	rateDoubledHeadline  = 0.10
	rateCaptionTwice     = 0.15
	rateLeadRepeated     = 0.05
	rateNearDupParagraph = 0.05
	rateGluedYears       = 0.12
	rateGluedDate        = 0.08
	rateMissingDash      = 0.06
	rateMissingSpace     = 0.05
	rateTruncatedRange   = 0.04
	rateTagOnHeadline    = 0.05
	rateEditorTag        = 0.03
	rateImageFiles       = 0.08
	rateDateField        = 0.03
	ratePageTitle        = 0.04
	rateCaptionBar       = 0.04
	rateMarkup           = 0.05
	rateFurniture        = 0.20
	rateMetadataLine     = 0.15
	rateSidebar          = 0.06
	rateNFD              = 0.04
	rateMismatchedQuotes = 0.04
	rateFooter           = 0.30
	rateDuplicate        = 0.02
	rateNearDuplicate    = 0.02
	rateEmpty            = 0.005
	rateHugeLine         = 1.0 / 4000
	rateCRLF             = 0.02
	rateNoFinalNewline   = 0.30
	rateEnglish          = 0.15
)

// hugeLineSize is the size of the single-line documents a scraper that
// dropped every line break writes.
const hugeLineSize = 1 << 20

// recentDocs bounds how many earlier documents are kept as originals for
// duplicates, so that memory does not grow with the corpus.
const recentDocs = 32

// Generator makes documents one at a time.
type Generator struct {
	r      *rand.Rand
	next   int
	recent []*Document
	// meanSize, when set, makes every article about this many bytes (no
	// long tail, no single-line giants): a corpus of many short documents.
	meanSize int
}

// ShortDocuments makes the generator's articles about mean bytes each.
func (g *Generator) ShortDocuments(mean int) { g.meanSize = mean }

// New returns a generator for seed.
func New(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// Next returns the next document of the corpus.
func (g *Generator) Next() *Document {
	i := g.next
	g.next++
	d := g.document()
	d.Index = i
	d.ID = fmt.Sprintf("doc-%08d", i)
	if d.Lang == "" {
		d.Lang = "vi"
	}
	return d
}

func (g *Generator) chance(p float64) bool { return g.r.Float64() < p }

func pick[T any](g *Generator, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *Generator) document() *Document {
	switch {
	case g.chance(rateEmpty):
		text := pick(g, []string{"", "None", "null", "  \n"})
		return &Document{Text: text, Defects: []Defect{{Family: "-", Rule: "empty-document", Kind: "empty", Text: text}}}
	case len(g.recent) > 0 && g.chance(rateDuplicate):
		orig := pick(g, g.recent)
		d := &Document{Lang: orig.Lang, Text: orig.Text, Defects: append([]Defect(nil), orig.Defects...)}
		d.Defects = append(d.Defects, Defect{Family: "8", Rule: "duplicate-document", Kind: "exact", Text: "copy of " + orig.ID})
		return d
	case len(g.recent) > 0 && g.chance(rateNearDuplicate):
		return g.nearDuplicate(pick(g, g.recent))
	case g.meanSize == 0 && g.chance(rateHugeLine):
		return g.hugeLine()
	}
	lang := vietnamese
	if g.chance(rateEnglish) {
		lang = english
	}
	d := g.article(lang, g.docSize())
	g.remember(d)
	return d
}

func (g *Generator) remember(d *Document) {
	if len(g.recent) < recentDocs {
		g.recent = append(g.recent, d)
		return
	}
	g.recent[g.r.IntN(recentDocs)] = d
}

// docSize draws a document's target size: log-normal around 4.5 KB (most
// documents 2-10 KB) with a Pareto tail up to 200 KB.
func (g *Generator) docSize() int {
	if g.meanSize > 0 {
		return int(math.Exp(math.Log(float64(g.meanSize)) + 0.3*g.r.NormFloat64()))
	}
	if g.chance(0.03) {
		x := 10000 / math.Pow(1-g.r.Float64(), 1/1.1)
		return int(math.Min(x, 200000))
	}
	x := math.Exp(math.Log(4500) + 0.4*g.r.NormFloat64())
	return int(math.Max(x, 800))
}

// builder assembles a document line by line, recording where defects go.
type builder struct {
	lang    *language
	lines   []string
	defects []Defect
}

func (b *builder) add(line string) int {
	b.lines = append(b.lines, line)
	return len(b.lines)
}

func (b *builder) mark(line int, family, rule, kind, text string) {
	if len(text) > 120 {
		cut := 120
		for !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	b.defects = append(b.defects, Defect{Line: line, Family: family, Rule: rule, Kind: kind, Text: text})
}

func (b *builder) addDefect(line, family, rule, kind, text string) {
	b.mark(b.add(line), family, rule, kind, text)
}

// article builds one news article of about size bytes: headline, metadata,
// lead, body paragraphs with captions, source line, and the furniture of
// the page around it.
func (g *Generator) article(lang *language, size int) *Document {
	b := &builder{lang: lang}
	headline := g.headline(lang)
	if g.chance(rateTagOnHeadline) {
		tag := pick(g, cmsTags)
		b.addDefect(tag+headline, "5", "cms-tag", "seo-tag", tag)
	} else {
		b.add(headline)
	}
	if g.chance(rateMetadataLine) {
		line := g.metadataLine(lang)
		b.addDefect(line, "5", "metadata-line", "timestamp", line)
	}
	lead := g.paragraph(lang, 2+g.r.IntN(2))
	if g.chance(rateDateField) {
		field := fmt.Sprintf(" date %d-%02d-%02d ", 2020+g.r.IntN(6), 1+g.r.IntN(12), 1+g.r.IntN(28))
		b.addDefect(field+lead, "5", "cms-tag", "date-field", strings.TrimSpace(field))
	} else {
		b.add(lead)
	}
	if g.chance(rateDoubledHeadline) {
		title := pick(g, sidebarTitles)
		b.addDefect(title+" "+title, "1", "doubled-headline", "title-twice", title)
		b.add(g.sentence(lang))
	}
	g.body(b, headline, size)
	g.ending(b, lead)
	return g.finish(b)
}

// body adds paragraphs, captions and in-line defects until the document
// reaches size bytes.
func (g *Generator) body(b *builder, headline string, size int) {
	lang := b.lang
	total := 0
	var paragraphs []string
	inline := g.inlineDefects(lang)
	for total < size {
		p := g.paragraph(lang, 2+g.r.IntN(5))
		if len(inline) > 0 && g.chance(0.5) {
			p = g.injectInline(b, p, inline[0])
			inline = inline[1:]
		} else {
			b.add(p)
		}
		paragraphs = append(paragraphs, p)
		total += len(p) + 1
		if g.chance(0.15) {
			total += g.figure(b, headline)
		}
	}
	for _, kind := range inline {
		g.injectInline(b, g.paragraph(lang, 2), kind)
	}
	if len(paragraphs) > 1 && g.chance(rateNearDupParagraph) {
		p := g.nearCopy(lang, paragraphs[g.r.IntN(len(paragraphs))])
		b.addDefect(p, "2", "near-duplicate-paragraph", "edited-copy", p)
	}
}

// inlineDefects draws which defects that live inside a paragraph this
// document gets.
func (g *Generator) inlineDefects(lang *language) []string {
	var kinds []string
	add := func(p float64, kind string) {
		if g.chance(p) {
			kinds = append(kinds, kind)
		}
	}
	add(rateGluedYears, "glued-years")
	if lang.dateWord != "" {
		add(rateGluedDate, "glued-date")
		add(rateMissingDash, "missing-dash")
		add(rateMissingSpace, "missing-space")
		add(rateTruncatedRange, "truncated-range")
	}
	add(rateMarkup, "markup")
	if lang == vietnamese {
		// English text has no diacritics for NFD to decompose.
		add(rateNFD, "nfd")
	}
	add(rateMismatchedQuotes, "quotes")
	return kinds
}

// injectInline adds paragraph p with the defect kind written into it.
func (g *Generator) injectInline(b *builder, p, kind string) string {
	lang := b.lang
	clause := g.clause(lang)
	switch kind {
	case "glued-years":
		y1 := 1990 + g.r.IntN(31)
		glued := fmt.Sprintf("%d%d", y1, y1+1+g.r.IntN(10))
		p = fmt.Sprintf("%s %s, %s. %s", capitalize(pick(g, lang.rangeWords)), glued, clause, p)
		b.mark(b.add(p), "3", "glued-date", "year-range", glued)
	case "glued-date":
		day := 1 + g.r.IntN(18)
		glued := fmt.Sprintf("%02d%02d%d", day, 1+g.r.IntN(12), 2000+g.r.IntN(26))
		p = fmt.Sprintf("Sáng %s %s, %s. %s", lang.dateWord, glued, clause, p)
		b.mark(b.add(p), "9", "glued-date", "day-month-year", glued)
	case "missing-dash":
		pair := pick(g, dashedPairs)
		p = fmt.Sprintf("%s Hợp tác %s%s đang mở ra nhiều cơ hội.", p, pair[0], pair[1])
		b.mark(b.add(p), "4", "missing-dash", "upper-glued", lastRune(pair[0])+firstWord(pair[1]))
	case "missing-space":
		pair := pick(g, gluedWords)
		p = fmt.Sprintf("%s Nhiều ý kiến cho rằng hoạt động %s%s cần được tăng cường.", p, pair[0], pair[1])
		b.mark(b.add(p), "9", "missing-space", "lower-upper", pair[0]+firstWord(pair[1]))
	case "truncated-range":
		tail := pick(g, []string{"thời kỳ 2021", "dao động từ 52.000", "giai đoạn 2025"})
		p = fmt.Sprintf("%s %s %s", p, capitalize(clause), tail)
		b.mark(b.add(p), "4", "truncated-range", "cut-range", tail)
	case "markup":
		leak := pick(g, markupLeaks)
		i := strings.IndexByte(p, ' ')
		p = p[:i] + " " + leak + p[i:]
		b.mark(b.add(p), "9", "markup-leak", "entity", leak)
	case "nfd":
		p = norm.NFD.String(p)
		b.mark(b.add(p), "7", "non-nfc-text", "nfd-paragraph", p)
	case "quotes":
		q := fmt.Sprintf("“%s\"", capitalize(g.clause(lang)))
		p = fmt.Sprintf("%s %s, %s %s.", p, q, pick(g, lang.quoteVerbs), pick(g, lang.names))
		b.mark(b.add(p), "7", "mismatched-quotes", "curly-straight", q)
	}
	return p
}

// figure adds an image's lines: a file name, a caption and the scraper's
// copies of them. It returns the bytes added.
func (g *Generator) figure(b *builder, headline string) int {
	lang := b.lang
	n := 0
	add := func(s string) int { n += len(s) + 1; return b.add(s) }
	if g.chance(rateImageFiles) {
		name := fmt.Sprintf("%s%d.jpg", pick(g, []string{"k", "anh-", "img_"}), 1+g.r.IntN(9))
		b.mark(add(name), "5", "cms-tag", "image-file", name)
	}
	if g.chance(ratePageTitle) {
		line := fmt.Sprintf("%s | %s | %s", headline, pick(g, lang.sections), pick(g, lang.sites))
		b.mark(add(line), "5", "cms-tag", "page-title", line)
	}
	caption := fmt.Sprintf(pick(g, lang.captions), pick(g, lang.names))
	caption = g.clauseCaption(lang) + " " + caption
	if g.chance(rateCaptionBar) {
		b.mark(add(caption+" |"), "5", "cms-tag", "caption-bar", " |")
		return n
	}
	add(caption)
	if g.chance(rateCaptionTwice) {
		b.mark(add(caption), "2", "repeated-line", "caption-twice", caption)
	}
	return n
}

// ending adds what follows the body: source line, byline, repeated lead or
// headline, editor tag, furniture, sidebar and footer.
func (g *Generator) ending(b *builder, lead string) {
	lang := b.lang
	if g.chance(0.5) {
		b.add(pick(g, lang.sources))
	}
	if g.chance(0.3) {
		b.add(pick(g, lang.names))
	}
	if g.chance(rateLeadRepeated) {
		b.addDefect(lead, "2", "repeated-line", "lead-repeated", lead)
	}
	if g.chance(rateEditorTag) {
		tag := fmt.Sprintf("(责任编辑:%s)", pick(g, lang.names))
		b.addDefect(tag, "5", "cms-tag", "editor-tag", tag)
	}
	if g.chance(rateFurniture) {
		for _, f := range g.distinct(lang.furniture, 1+g.r.IntN(3)) {
			b.addDefect(f, "5", "page-furniture", "widget", f)
		}
	}
	if lang == vietnamese && g.chance(rateSidebar) {
		for _, title := range g.distinct(sidebarTitles, 3+g.r.IntN(3)) {
			line := "- ·" + title
			b.addDefect(line, "6", "sidebar-item", "list-item", line)
		}
	}
	if g.chance(rateFooter) {
		f := pick(g, lang.footers)
		b.addDefect(f, "8", "boilerplate-line", "site-footer", f)
	}
}

// distinct picks n different entries of xs (fewer if xs is shorter).
func (g *Generator) distinct(xs []string, n int) []string {
	idx := g.r.Perm(len(xs))
	out := make([]string, 0, n)
	for _, i := range idx[:min(n, len(xs))] {
		out = append(out, xs[i])
	}
	return out
}

// finish joins the lines into the document's text with its line endings.
func (g *Generator) finish(b *builder) *Document {
	sep := "\n"
	if g.chance(rateCRLF) {
		sep = "\r\n"
	}
	text := strings.Join(b.lines, sep)
	if !g.chance(rateNoFinalNewline) {
		text += sep
	}
	return &Document{Lang: b.lang.code, Text: text, Defects: b.defects}
}

// nearDuplicate copies orig with one paragraph rewritten and the page
// furniture changed, the way a second site republishes an agency story.
func (g *Generator) nearDuplicate(orig *Document) *Document {
	lang := vietnamese
	if orig.Lang == "en" {
		lang = english
	}
	lines := strings.Split(strings.TrimRight(orig.Text, "\r\n"), "\n")
	touched := map[int]bool{}
	for _, d := range orig.Defects {
		touched[d.Line] = true
	}
	for i := len(lines) - 1; i > 0; i-- {
		if !touched[i+1] && len(lines[i]) > 200 {
			lines[i] = g.nearCopy(lang, strings.TrimSuffix(lines[i], "\r"))
			break
		}
	}
	furniture := pick(g, lang.furniture)
	text := strings.Join(lines, "\n") + "\n" + furniture + "\n"
	defects := append([]Defect(nil), orig.Defects...)
	defects = append(defects, Defect{Line: len(lines) + 1, Family: "5", Rule: "page-furniture", Kind: "widget", Text: furniture})
	defects = append(defects, Defect{Family: "8", Rule: "near-duplicate-document", Kind: "republished", Text: "near copy of " + orig.ID})
	return &Document{Lang: orig.Lang, Text: text, Defects: defects}
}

// hugeLine is a document of about 1 MB on one line: a scraper that dropped
// every line break.
func (g *Generator) hugeLine() *Document {
	lang := vietnamese
	var sb strings.Builder
	sb.Grow(hugeLineSize + 512)
	for sb.Len() < hugeLineSize {
		sb.WriteString(g.sentence(lang))
		sb.WriteByte(' ')
	}
	y := 1995 + g.r.IntN(25)
	glued := fmt.Sprintf("%d%d", y, y+3)
	sb.WriteString("Giai đoạn " + glued + " đã khép lại.")
	return &Document{Lang: lang.code, Text: sb.String(), Defects: []Defect{{Line: 1, Family: "3", Rule: "glued-date", Kind: "year-range", Text: glued}}}
}

func (g *Generator) headline(lang *language) string {
	return capitalize(fmt.Sprintf("%s %s %s", pick(g, lang.subjects), pick(g, lang.verbs), pick(g, lang.objects)))
}

func (g *Generator) clause(lang *language) string {
	return fmt.Sprintf("%s %s %s", pick(g, lang.subjects), pick(g, lang.verbs), pick(g, lang.objects))
}

func (g *Generator) clauseCaption(lang *language) string {
	return capitalize(fmt.Sprintf("%s %s.", pick(g, lang.objects), pick(g, lang.adjuncts)))
}

func (g *Generator) metadataLine(lang *language) string {
	day, month, year := 1+g.r.IntN(28), 1+g.r.IntN(12), 2018+g.r.IntN(8)
	hour, minute := g.r.IntN(24), g.r.IntN(60)
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("%02d:%02d | %02d/%02d/%d", hour, minute, day, month, year)
	case 1:
		return fmt.Sprintf("%s %02d/%02d/%d %02d:%02d", pick(g, lang.sections), day, month, year, hour, minute)
	}
	return fmt.Sprintf("%02d/%02d/%d", day, month, year)
}

func (g *Generator) paragraph(lang *language, sentences int) string {
	var sb strings.Builder
	for i := range sentences {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(g.sentence(lang))
	}
	return sb.String()
}

// nearCopy rewrites one sentence of paragraph p.
func (g *Generator) nearCopy(lang *language, p string) string {
	sentences := strings.SplitAfter(p, ". ")
	sentences[g.r.IntN(len(sentences))] = g.sentence(lang) + " "
	return strings.TrimSpace(strings.Join(sentences, ""))
}

// sentence fills a template: {S} subject, {V} verb, {O} object, {A}
// adjunct, {N} name, {P} a percentage, {D} a small number.
func (g *Generator) sentence(lang *language) string {
	t := pick(g, lang.templates)
	var sb strings.Builder
	sb.Grow(len(t) + 96)
	for i := 0; i < len(t); i++ {
		if t[i] != '{' || i+2 >= len(t) {
			sb.WriteByte(t[i])
			continue
		}
		switch t[i+1] {
		case 'S':
			sb.WriteString(pick(g, lang.subjects))
		case 'V':
			sb.WriteString(pick(g, lang.verbs))
		case 'O':
			sb.WriteString(pick(g, lang.objects))
		case 'A':
			sb.WriteString(pick(g, lang.adjuncts))
		case 'N':
			sb.WriteString(pick(g, lang.names))
		case 'P':
			fmt.Fprintf(&sb, "%d,%d", 1+g.r.IntN(40), g.r.IntN(10))
		case 'D':
			fmt.Fprintf(&sb, "%d", 2+g.r.IntN(22))
		case 'M':
			fmt.Fprintf(&sb, "%d.%03d", 1+g.r.IntN(999), g.r.IntN(1000))
		case 'W':
			g.properNoun(&sb)
		}
		i += 2
	}
	return capitalize(sb.String())
}

// properNoun writes a made-up name of two capitalised syllables.
func (g *Generator) properNoun(sb *strings.Builder) {
	for i := range 2 {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(capitalize(pick(g, onsets)))
		sb.WriteString(pick(g, rhymes))
	}
}

func capitalize(s string) string {
	if rest, ok := strings.CutPrefix(s, "“"); ok {
		return "“" + capitalize(rest)
	}
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

func lastRune(s string) string {
	_, size := utf8.DecodeLastRuneInString(s)
	return s[len(s)-size:]
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}
