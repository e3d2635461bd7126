package rules

import (
	"testing"

	"github.com/scrapelint/scrapelint/lint"
)

// shape1Rules are the rules this acceptance test holds to the seeds.
var shape1Rules = []*lint.Rule{DoubledHeadline, NearDuplicateParagraph, TruncatedRange}

// shape1Expected lists, per rule, the seed lines DEFECTS.md says it must
// report: the doubled related titles (family 1), the lead restated without
// a name (family 2) and the ranges cut at their dash (family 4).
var shape1Expected = map[string]map[string][]int{
	"doubled-headline":         {"000": {6, 8, 48, 50}},
	"near-duplicate-paragraph": {"000": {23}},
	"truncated-range":          {"004": {19, 28, 30}},
}

// shape1Allowed lists the other seed lines where a rule may report: the
// page title of 000 (a cms-tag defect) is also a near copy of the headline.
var shape1Allowed = map[string]map[string][]int{
	"near-duplicate-paragraph": {"000": {10}},
}

// TestSeedsShape1 checks that every line DEFECTS.md lists for these rules
// is reported at that line, and that they report nothing anywhere else, at
// any severity.
func TestSeedsShape1(t *testing.T) {
	checkRulesOnSeeds(t, shape1Rules, shape1Expected, shape1Allowed)
}
