package rules

import (
	"regexp"
	"strings"

	"github.com/scrapelint/scrapelint/internal/fastutf8"
	"github.com/scrapelint/scrapelint/lint"
)

// CMSTag finds the tags and fields a content-management system leaves in
// the text it serves (DEFECTS.md family 5).
var CMSTag = &lint.Rule{
	ID:       "cms-tag",
	Family:   "5",
	Severity: lint.Error,
	Summary:  "a CMS tag, file name or metadata field left in the text",
	Doc: `Content-management systems and scrapers leave their own marks in the text:

- SEO bracket tags glued to a title: "【bxh bd uc】Thủ tướng: ...";
- editors' tags: "(责任编辑:...)";
- an image's file name on its own line: "k1.jpg";
- a metadata field glued to the first paragraph: " date 2026-01-16 Chiều 16/1, ...";
- the page title used as an image's alt text: "headline | section | Site", told
  apart from a table-like line by its first part being the article's headline
  or its last part naming a site;
- a trailing separator after a photo caption: "(Ảnh: Dương Giang) |".

None of them is article text. A caption such as "(Ảnh: Phạm Kiên/TTXVN)" is, and is
left alone.`,
	Before: "【tin nóng】Thủ tướng chủ trì phiên họp về an ninh mạng\nk1.jpg\nThủ tướng phát biểu tại phiên họp. (Ảnh: Minh Anh) |\n",
	After:  "Thủ tướng chủ trì phiên họp về an ninh mạng\nThủ tướng phát biểu tại phiên họp. (Ảnh: Minh Anh)\n",
	Fix:    lint.SafeFix,
	FixDoc: `Safe: the tag is deleted (with the blanks that joined it to the text); a tag or
file name that is a whole line is deleted with its line break. No other byte
changes.`,
	Run: runCMSTag,
}

var (
	seoTagPattern    = regexp.MustCompile(`【[^】\r\n]{1,80}】`)
	editorTagPattern = regexp.MustCompile(`\((?:责任编辑|编辑)\s*[:：][^()\r\n]{0,60}\)`)
	imageFilePattern = regexp.MustCompile(`(?i)^[\p{L}\p{N}_.\-]{1,80}\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg)$`)
	// A field name, a date and maybe a time, then the paragraph it was
	// glued to. Field names are lower case: leaked keys are.
	dateFieldPattern = regexp.MustCompile(`^([ \t]*(?:date|datetime|published|updated|created|modified|pubdate)[ \t]*[:=]?[ \t]*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?[ \t]+)\S`)
	// A site is a domain, a brand with a plus ("Vietnam+"; a word of two
	// letters or more, so "60+" and "C++" in a table are not), or a
	// camel-case name in parentheses.
	siteNamePattern = regexp.MustCompile(`(?i)\.(?:vn|com|net|org|info)\b|\p{L}{2}\+(?:$|[\s)])|\(\p{L}+(?:Plus|News|Online)\)`)
)

func runCMSTag(p *lint.Pass) {
	d := p.Doc
	// The headline is wanted only for a line with " | " in it; a
	// single-line document's first line is all of it.
	headline, haveHeadline := "", false
	// What a line is searched for is looked for in the whole text first,
	// one search for each instead of one a line: most documents have none.
	bars, seoTags, editorTags := strings.IndexByte(d.Text, '|') >= 0, strings.Contains(d.Text, "【"), strings.Contains(d.Text, "编辑")
	for i, l := range d.Lines() {
		text := d.LineText(l)
		trimmed := fastutf8.TrimSpace(text)
		if trimmed == "" {
			continue
		}
		switch {
		case isImageFileLine(trimmed):
			p.ReportFix(l.Start, l.End, lint.Safe, []lint.Edit{deleteLine(d, i)}, "image file name %q left on its own line", trimmed)
			continue
		case bars && hasSpaced(trimmed, '|') && isPageTitle(trimmed, func() string {
			if !haveHeadline {
				headline, haveHeadline = fastutf8.TrimSpace(seoTagPattern.ReplaceAllString(firstLineText(d), "")), true
			}
			return headline
		}()):
			p.ReportFix(l.Start, l.End, lint.Safe, []lint.Edit{deleteLine(d, i)}, "page title with section and site name left as a line: %q", clip(trimmed, 60))
			continue
		}
		// Cheap tests first: the patterns run only on lines that could match.
		if startsWithFieldName(text) {
			reportDateField(p, l, text)
		}
		if seoTags && strings.Contains(text, "【") {
			reportInlineTags(p, d, i, l, seoTagPattern, "SEO tag %q")
		}
		if editorTags && strings.Contains(text, "编辑") {
			reportInlineTags(p, d, i, l, editorTagPattern, "editor's tag %q")
		}
		if bars {
			if cut := captionBar(text); cut >= 0 {
				p.ReportFix(l.Start+cut, l.End, lint.Safe, []lint.Edit{{Start: l.Start + cut, End: l.End}}, "separator %q left after a caption", fastutf8.TrimSpace(text[cut:]))
			}
		}
	}
}

// dateFieldNames are the keys a leaked metadata field starts with
// (dateFieldPattern has them too).
var dateFieldNames = []string{"date", "published", "pubdate", "updated", "created", "modified"}

func startsWithFieldName(text string) bool {
	text = strings.TrimLeft(text, " \t")
	for _, name := range dateFieldNames {
		if strings.HasPrefix(text, name) {
			return true
		}
	}
	return false
}

func reportDateField(p *lint.Pass, l lint.Line, text string) {
	if loc := dateFieldPattern.FindStringSubmatchIndex(text); loc != nil {
		end := loc[3] // the field and its blanks, not the paragraph
		p.ReportFix(l.Start, l.Start+end, lint.Safe, []lint.Edit{{Start: l.Start, End: l.Start + end}},
			"metadata field %q glued to the paragraph", fastutf8.TrimSpace(text[:end]))
	}
}

// isImageFileLine reports whether the trimmed line is an image's file name;
// the length and the dot are tested before the pattern, which most lines
// fail.
func isImageFileLine(trimmed string) bool {
	return len(trimmed) <= 90 && strings.IndexByte(trimmed, '.') > 0 && imageFilePattern.MatchString(trimmed)
}

// reportInlineTags reports each match of tag in line i; a tag that is the
// whole line goes with its line break, one inside a line with the blanks
// that joined it to its neighbour.
func reportInlineTags(p *lint.Pass, d *lint.Document, i int, l lint.Line, tag *regexp.Regexp, what string) {
	text := d.LineText(l)
	for _, m := range tag.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		if fastutf8.TrimSpace(text[:start]) == "" && fastutf8.TrimSpace(text[end:]) == "" {
			p.ReportFix(l.Start+start, l.Start+end, lint.Safe, []lint.Edit{deleteLine(d, i)}, what+" on its own line", text[start:end])
			continue
		}
		cutStart, cutEnd := start, end
		if start == 0 || fastutf8.TrimSpace(text[:start]) == "" {
			cutStart = 0
			for cutEnd < len(text) && (text[cutEnd] == ' ' || text[cutEnd] == '\t') {
				cutEnd++
			}
		} else {
			for cutStart > 0 && (text[cutStart-1] == ' ' || text[cutStart-1] == '\t') {
				cutStart--
			}
		}
		p.ReportFix(l.Start+start, l.Start+end, lint.Safe, []lint.Edit{{Start: l.Start + cutStart, End: l.Start + cutEnd}}, what, text[start:end])
	}
}

// isPageTitle reports whether line is "headline | section | Site": at
// least three parts, short parts after the first, and either the first
// part is the document's headline or the last names a site.
func isPageTitle(line, headline string) bool {
	parts := strings.Split(line, " | ")
	if len(parts) < 3 {
		return false
	}
	for k, part := range parts {
		part = fastutf8.TrimSpace(part)
		if part == "" || (k > 0 && (wordCount(part, 7) > 6 || len(part) > 60)) {
			return false
		}
	}
	first, last := fastutf8.TrimSpace(parts[0]), parts[len(parts)-1]
	if wordCount(first, 3) < 3 || strings.HasSuffix(last, ".") {
		return false
	}
	return strings.EqualFold(first, headline) || siteNamePattern.MatchString(last)
}

// captionBar returns where a trailing " |" after a caption starts in line,
// or -1: the line ends with a blank and a bar, and has no other bar (a line
// of several is a page title or a table).
func captionBar(line string) int {
	rest := strings.TrimRight(line, " \t")
	if !strings.HasSuffix(rest, "|") {
		return -1
	}
	before := strings.TrimRight(rest[:len(rest)-1], " \t")
	if len(before) == len(rest)-1 || fastutf8.TrimSpace(before) == "" || strings.Contains(before, "|") {
		return -1
	}
	return len(before)
}

// firstLineText is the text of the document's first non-blank line, its
// headline in a scraped article.
func firstLineText(d *lint.Document) string {
	_, t := firstLine(d)
	return t
}

// firstLine returns the index and trimmed text of the document's first
// non-blank line, or -1 and "" for a blank document.
func firstLine(d *lint.Document) (int, string) {
	for i, l := range d.Lines() {
		if t := fastutf8.TrimSpace(d.LineText(l)); t != "" {
			return i, t
		}
	}
	return -1, ""
}

// clip shortens s to n characters for a message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
