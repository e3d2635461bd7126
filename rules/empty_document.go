package rules

import (
	"strings"

	"github.com/scrapelint/scrapelint/internal/fastutf8"
	"github.com/scrapelint/scrapelint/lint"
)

// EmptyDocument finds documents with no text, or only a placeholder.
var EmptyDocument = &lint.Rule{
	ID:       "empty-document",
	Family:   "-",
	Severity: lint.Error,
	Summary:  "a document with no text, or only a placeholder such as None or null",
	Doc: `A scraper that failed to extract an article often still writes a record: an
empty file, white space, or a language's null value ("None", "null",
"undefined"). Such a document is not an article and should be dropped or
scraped again.

The whole text, trimmed, is compared with the placeholder lexicon,
case-insensitively.`,
	Before:   "None",
	After:    "(the document is dropped from the corpus or scraped again)",
	Fix:      lint.NoFix,
	FixDoc:   "None: what to put in its place is for the scraper to say.",
	Lexicons: []string{"placeholder"},
	Run:      runEmptyDocument,
}

func runEmptyDocument(p *lint.Pass) {
	text := fastutf8.TrimSpace(strings.TrimPrefix(p.Doc.Text, "\ufeff"))
	if text == "" {
		p.Reportf(0, len(p.Doc.Text), "document has no text")
		return
	}
	if len(text) > 16 {
		return
	}
	for _, ph := range p.Lexicon("placeholder").Literals {
		if strings.EqualFold(text, ph) {
			p.Reportf(0, len(p.Doc.Text), "document holds only the placeholder %q", text)
			return
		}
	}
}
