// Package rules holds scrapelint's rules, one file each, and the lexicons of
// its language profiles under data/. Each rule is a *lint.Rule value with its
// documentation written beside it; All lists them.
package rules

import "github.com/scrapelint/scrapelint/lint"

// All is every rule scrapelint has, in the order the rules table shows them.
// A new rule is added here and nowhere else.
var All = []*lint.Rule{
	DoubledHeadline,
	RepeatedLine,
	NearDuplicateParagraph,
	GluedDate,
	MissingDash,
	MissingSpace,
	TruncatedRange,
	CMSTag,
	MarkupLeak,
	PageFurniture,
	MetadataLine,
	SidebarItem,
	NonNFCText,
	MismatchedQuotes,
	Whitespace,
	DuplicateDocument,
	NearDuplicateDocument,
	BoilerplateLine,
	EmptyDocument,
}

// ByID returns the rule with the given ID, or nil.
func ByID(id string) *lint.Rule {
	for _, r := range All {
		if r.ID == id {
			return r
		}
	}
	return nil
}
