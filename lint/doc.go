// Package lint is scrapelint's engine: documents, spans, findings, edits, the
// rule interface, the runner that streams a corpus through the rules, the fixer,
// the reporters and the configuration. It knows no rule by name; the rules live
// in package rules and reach the engine only through the Rule values listed in
// rules.All.
package lint
