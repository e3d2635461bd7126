package rules

import (
	"testing"

	"github.com/scrapelint/scrapelint/lint"
)

// layoutRules are the rules this acceptance test holds to the seeds.
var layoutRules = []*lint.Rule{SidebarItem, NonNFCText, MismatchedQuotes, Whitespace}

// layoutExpected lists, per rule, the seed lines DEFECTS.md says it must
// report (families 6 and 7).
var layoutExpected = map[string]map[string][]int{
	"sidebar-item": {
		"000": {6, 7, 8, 9, 48, 49, 50, 51},
		"001": {53, 54},
		"002": {31},
		"004": {18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37},
	},
	"non-nfc-text":      {"002": {31}},
	"mismatched-quotes": {"002": {13}},
	// Every seed lacks its final newline; 002 opens with a space; 003 has
	// runs of two blank lines.
	"whitespace": {"000": {57}, "001": {58}, "002": {1, 31}, "003": {12, 59}, "004": {37}},
}

// layoutAllowed lists the seed lines where a rule may also report: lines
// DEFECTS.md lists under other families (furniture, repeated headlines),
// and for whitespace its "and others" runs of blank lines.
var layoutAllowed = map[string]map[string][]int{
	"sidebar-item": {
		"000": {55, 57},
		"001": {51, 52, 55, 56, 57, 58},
		"003": {56, 57, 58, 59},
	},
	"whitespace": {"003": {13, 24, 25, 34, 35, 40, 41, 46, 47, 52, 53}},
}

// TestSeedsLayout checks families 6 and 7 on the seeds: every line
// DEFECTS.md lists is reported by its rule, and the rules report nothing
// at warning or error anywhere else.
func TestSeedsLayout(t *testing.T) {
	checkRulesOnSeeds(t, layoutRules, layoutExpected, layoutAllowed)
}
