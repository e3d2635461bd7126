package lint

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

func init() { Formats["sarif"] = NewSARIFReporter }

// SARIFFingerprintKey names scrapelint's fingerprint among a result's
// partialFingerprints; code scanning matches results across commits with it.
const SARIFFingerprintKey = "scrapelintFingerprint/v1"

// sarifRoot is the uriBaseId results' URIs are relative to.
const sarifRoot = "%SRCROOT%"

type sarifReporter struct {
	ctx     ReportContext
	w       *bufio.Writer
	root    string
	index   map[string]int
	results int
	started bool
}

// NewSARIFReporter writes a SARIF 2.1.0 log as GitHub code scanning accepts
// it: one run whose driver lists the rules, and one result per finding with a
// repository-relative location, a fingerprint and, for a text file, its fix.
// Results are streamed; only the rules are known before them.
func NewSARIFReporter(ctx ReportContext) Reporter {
	return &sarifReporter{ctx: ctx, w: bufio.NewWriter(ctx.W), root: reportRoot(ctx.Root), index: map[string]int{}}
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifMessage    `json:"shortDescription"`
	FullDescription      sarifMessage    `json:"fullDescription"`
	Help                 sarifMessage    `json:"help"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           map[string]any  `json:"properties,omitempty"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion   `json:"deletedRegion"`
	InsertedContent *sarifContent `json:"insertedContent,omitempty"`
}

type sarifContent struct {
	Text string `json:"text"`
}

type sarifChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifFix struct {
	Description     sarifMessage  `json:"description"`
	ArtifactChanges []sarifChange `json:"artifactChanges"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

// SARIFLevel maps a severity to SARIF's level.
func SARIFLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

func (r *sarifReporter) start() error {
	r.started = true
	rules := make([]sarifRule, 0, len(r.ctx.Rules))
	for i, s := range r.ctx.Rules {
		r.index[s.Rule.ID] = i
		rules = append(rules, sarifRuleOf(s))
	}
	driver := map[string]any{
		"name":           "scrapelint",
		"informationUri": "https://github.com/scrapelint/scrapelint",
		"rules":          rules,
	}
	if v := r.ctx.Version; v != "" {
		driver["semanticVersion"] = strings.TrimPrefix(v, "v")
		driver["version"] = v
	}
	head := map[string]any{
		"tool":       map[string]any{"driver": driver},
		"columnKind": "unicodeCodePoints",
		"originalUriBaseIds": map[string]any{
			sarifRoot: map[string]string{"uri": fileURI(r.root)},
		},
	}
	data, err := json.Marshal(head)
	if err != nil {
		return err
	}
	// The run object is written open-ended so that results can follow it one
	// at a time.
	fmt.Fprintf(r.w, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[%s,\"results\":[", data[:len(data)-1])
	return nil
}

func sarifRuleOf(s *Settings) sarifRule {
	r := s.Rule
	full := strings.Join(strings.Fields(r.Doc), " ")
	if full == "" {
		full = r.Summary
	}
	help := r.Doc
	if r.Before != "" {
		help += "\n\nExample:\n" + r.Before + "\nUse instead:\n" + r.After
	}
	if r.FixDoc != "" {
		help += "\n\nFix safety: " + r.FixDoc
	}
	help += "\n\nRun `scrapelint explain " + r.ID + "` for more."
	rule := sarifRule{
		ID: r.ID, Name: r.ID,
		ShortDescription:     sarifMessage{Text: r.Summary},
		FullDescription:      sarifMessage{Text: full},
		Help:                 sarifMessage{Text: help},
		DefaultConfiguration: sarifRuleConfig{Level: SARIFLevel(s.Severity)},
	}
	if r.Family != "" && r.Family != "-" {
		rule.Properties = map[string]any{"tags": []string{"scraping", "defect-family-" + r.Family}}
	}
	return rule
}

func (r *sarifReporter) Report(f Located) error {
	if !r.started {
		if err := r.start(); err != nil {
			return err
		}
	}
	res := r.result(f)
	data, err := json.Marshal(res)
	if err != nil {
		return err
	}
	if r.results > 0 {
		r.w.WriteByte(',')
	}
	r.results++
	r.w.WriteString("\n")
	_, err = r.w.Write(data)
	return err
}

func (r *sarifReporter) result(f Located) sarifResult {
	artifact := sarifArtifactOf(r.root, f.Path)
	res := sarifResult{
		RuleID: f.Rule, Level: SARIFLevel(f.Severity),
		Message:             sarifMessage{Text: f.Message},
		PartialFingerprints: map[string]string{SARIFFingerprintKey: f.Fingerprint()},
	}
	if i, ok := r.index[f.Rule]; ok {
		res.RuleIndex = &i
	}
	region := sarifRegion{StartLine: f.Line, StartColumn: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn}
	if f.Record > 0 {
		// A record's text is a JSON string inside one line of the file:
		// its lines and columns are not the file's, so the region is the
		// record's line and the message says where in the text.
		region = sarifRegion{StartLine: f.Record}
		res.Message.Text = f.Message + " (" + RecordPlace(f) + ")"
	}
	res.Locations = []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: artifact, Region: region}}}
	if f.Fix != nil && f.Record == 0 && len(f.Edits) == len(f.Fix.Edits) {
		change := sarifChange{ArtifactLocation: artifact}
		for i, e := range f.Fix.Edits {
			p := f.Edits[i]
			rep := sarifReplacement{DeletedRegion: sarifRegion{StartLine: p.Line, StartColumn: p.Column, EndLine: p.EndLine, EndColumn: p.EndColumn}}
			if e.NewText != "" {
				rep.InsertedContent = &sarifContent{Text: e.NewText}
			}
			change.Replacements = append(change.Replacements, rep)
		}
		res.Fixes = []sarifFix{{Description: sarifMessage{Text: f.Fix.Safety.String() + " fix by scrapelint fix"}, ArtifactChanges: []sarifChange{change}}}
	}
	return res
}

// RecordPlace says where a finding is inside a JSON Lines record: the record's
// line in the file, its id, and line:column inside the record's text.
func RecordPlace(f Located) string {
	id := ""
	if f.ID != "" {
		id = " id=" + f.ID
	}
	return fmt.Sprintf("record on line %d%s, text line %d:%d", f.Record, id, f.Line, f.Column)
}

func (r *sarifReporter) Finish(s *Summary) error {
	if !r.started {
		if err := r.start(); err != nil {
			return err
		}
	}
	inv := map[string]any{"executionSuccessful": s.Problems == 0}
	if s.Problems > 0 {
		inv["toolExecutionNotifications"] = []map[string]any{{
			"level":   "error",
			"message": map[string]string{"text": fmt.Sprintf("%d %s could not be read", s.Problems, plural(s.Problems, "input", "inputs"))},
		}}
	}
	data, err := json.Marshal([]any{inv})
	if err != nil {
		return err
	}
	fmt.Fprintf(r.w, "\n],\"invocations\":%s}]}\n", data)
	return r.w.Flush()
}

// reportRoot returns root as an absolute directory, the current directory
// when empty.
func reportRoot(root string) string {
	if root == "" {
		root = "."
	}
	if abs, err := filepath.Abs(root); err == nil {
		return abs
	}
	return root
}

// RelativePath returns path relative to root, slash separated, or the
// absolute path when it lies outside root. It is how code-scanning formats
// name files, since CI systems resolve paths against the repository's root.
func RelativePath(root, path string) (string, bool) {
	if path == "<stdin>" {
		return path, true
	}
	abs, err := filepath.Abs(filepath.FromSlash(path))
	if err != nil {
		return path, true
	}
	rel, err := filepath.Rel(reportRoot(root), abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs), false
	}
	return filepath.ToSlash(rel), true
}

func sarifArtifactOf(root, path string) sarifArtifact {
	rel, inside := RelativePath(root, path)
	if !inside {
		return sarifArtifact{URI: fileURI(rel)}
	}
	u := url.URL{Path: rel}
	return sarifArtifact{URI: u.String(), URIBaseID: sarifRoot}
}

// fileURI is the file: URI of an absolute path; a directory's ends in a slash
// as SARIF's originalUriBaseIds require.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if info, err := os.Stat(abs); err == nil && info.IsDir() && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String()
}
