package rules

import (
	"testing"

	"github.com/scrapelint/scrapelint/lint"
)

// lex2Expected lists, per rule, the seed lines DEFECTS.md says it must
// report: the metadata lines of family 5. The seeds have no markup leak.
var lex2Expected = map[string]map[string][]int{
	"metadata-line": {"000": {3}, "001": {6}, "003": {3}},
	"markup-leak":   {},
}

// TestSeedsLex2 checks markup-leak and metadata-line on the seeds: every
// line DEFECTS.md lists is reported, and nothing else is, at any severity
// (a metadata line is info, but a wrong one would still be deleted by
// --unsafe-fixes).
func TestSeedsLex2(t *testing.T) {
	checkRulesOnSeeds(t, []*lint.Rule{MarkupLeak, MetadataLine}, lex2Expected, nil)
}
