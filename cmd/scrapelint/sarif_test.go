package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/lint/linttest"
)

// sarifLog is the part of a SARIF log GitHub code scanning reads.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID                   string                 `json:"id"`
					ShortDescription     struct{ Text string }  `json:"shortDescription"`
					FullDescription      struct{ Text string }  `json:"fullDescription"`
					Help                 struct{ Text string }  `json:"help"`
					DefaultConfiguration struct{ Level string } `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []sarifTestResult `json:"results"`
	} `json:"runs"`
}

type sarifTestRegion struct {
	StartLine, StartColumn, EndLine, EndColumn int
}

type sarifTestResult struct {
	RuleID    string `json:"ruleId"`
	Level     string `json:"level"`
	Message   struct{ Text string }
	Locations []struct {
		PhysicalLocation struct {
			ArtifactLocation struct{ URI, URIBaseID string } `json:"artifactLocation"`
			Region           sarifTestRegion                 `json:"region"`
		} `json:"physicalLocation"`
	} `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []struct {
		ArtifactChanges []struct {
			ArtifactLocation struct{ URI string } `json:"artifactLocation"`
			Replacements     []struct {
				DeletedRegion   sarifTestRegion        `json:"deletedRegion"`
				InsertedContent *struct{ Text string } `json:"insertedContent"`
			} `json:"replacements"`
		} `json:"artifactChanges"`
	} `json:"fixes"`
}

// sarifCorpus writes a text file whose last line is a repeated line (its fix
// deletes the file's final line break too) and a JSON Lines file.
func sarifCorpus(t *testing.T) string {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "corpus", "tin tức"), 0o755)
	os.WriteFile(filepath.Join(dir, "corpus", "tin tức", "a.txt"), []byte(articleV2), 0o644)
	rec := `{"id":"r1","text":` + lint.EncodeJSONString(articleV1) + "}\n"
	os.WriteFile(filepath.Join(dir, "corpus", "news.jsonl"), []byte(`{"id":"r0","text":"Tin ngắn."}`+"\n"+rec), 0o644)
	return dir
}

func TestSARIFValidAgainstSchema(t *testing.T) {
	dir := sarifCorpus(t)
	c := newCLI(t, dir)
	out, stderr, code := c.run("check", "--format", "sarif", "corpus")
	if code != exitFindings {
		t.Fatalf("status %d: %s", code, stderr)
	}
	c2 := jsonschema.NewCompiler()
	c2.AssertFormat()
	schema, err := c2.Compile(filepath.Join(linttest.ModuleRoot(t), "fixtures", "sarif", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("SARIF output breaks the 2.1.0 schema: %v", err)
	}
	// The schema is strict enough to catch a level SARIF does not have.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(strings.Replace(out, `"level":"warning"`, `"level":"severe"`, 1)))
	if schema.Validate(bad) == nil {
		t.Error("the schema accepts a result with level \"severe\"")
	}
	// An empty run is valid too.
	empty, _, _ := c.run("check", "--format", "sarif", "--disable", "repeated-line,glued-date,empty-document", "corpus")
	inst, err = jsonschema.UnmarshalJSON(strings.NewReader(empty))
	if err != nil || schema.Validate(inst) != nil {
		t.Errorf("an empty SARIF log is invalid (%v):\n%s", err, empty)
	}
}

func TestSARIFAsGitHubReadsIt(t *testing.T) {
	dir := sarifCorpus(t)
	// The sample corpus repeats an article across its files on purpose;
	// these tests are about the per-document rules' results.
	out, _, _ := newCLI(t, dir).run("check", "--format", "sarif", "--disable", "near-duplicate-document,duplicate-document", "corpus")
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" || run.Tool.Driver.Name == "" {
		t.Errorf("columnKind %q, driver %q", run.ColumnKind, run.Tool.Driver.Name)
	}
	levels := map[string]bool{"error": true, "warning": true, "note": true}
	rules := map[string]bool{}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || !levels[r.DefaultConfiguration.Level] {
			t.Errorf("rule %+v lacks a required field", r)
		}
		rules[r.ID] = true
	}
	var places []string
	for _, res := range run.Results {
		if !rules[res.RuleID] || !levels[res.Level] || res.Message.Text == "" || len(res.Locations) != 1 || len(res.PartialFingerprints) == 0 {
			t.Errorf("result %+v lacks a required field", res)
			continue
		}
		for k, v := range res.PartialFingerprints {
			if k == "" || v == "" {
				t.Errorf("empty fingerprint in %+v", res)
			}
		}
		loc := res.Locations[0].PhysicalLocation
		if strings.Contains(loc.ArtifactLocation.URI, ":") || loc.Region.StartLine < 1 {
			t.Errorf("location %+v is not repository-relative or has no line", loc)
		}
		places = append(places, loc.ArtifactLocation.URI+":"+strconv.Itoa(loc.Region.StartLine)+":"+strconv.Itoa(loc.Region.StartColumn)+" "+res.RuleID)
		if strings.HasSuffix(loc.ArtifactLocation.URI, ".jsonl") && !strings.Contains(res.Message.Text, "record on line 2 id=r1, text line") {
			t.Errorf("a record's message does not say where in the record: %q", res.Message.Text)
		}
	}
	want := []string{
		"corpus/news.jsonl:2:0 repeated-line", "corpus/news.jsonl:2:0 glued-date",
		"corpus/tin%20t%E1%BB%A9c/a.txt:4:1 repeated-line", "corpus/tin%20t%E1%BB%A9c/a.txt:5:20 glued-date", "corpus/tin%20t%E1%BB%A9c/a.txt:7:1 repeated-line",
	}
	if strings.Join(places, "\n") != strings.Join(want, "\n") {
		t.Errorf("results:\n%s\nwant:\n%s", strings.Join(places, "\n"), strings.Join(want, "\n"))
	}
}

// TestSARIFFixRegions applies each text-file fix as GitHub would, by its
// deleted region, and checks the result is the fixed text.
func TestSARIFFixRegions(t *testing.T) {
	dir := sarifCorpus(t)
	// The sample corpus repeats an article across its files on purpose;
	// these tests are about the per-document rules' results.
	out, _, _ := newCLI(t, dir).run("check", "--format", "sarif", "--disable", "near-duplicate-document,duplicate-document", "corpus")
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	var fixed []string
	for _, res := range log.Runs[0].Results {
		if strings.HasSuffix(res.Locations[0].PhysicalLocation.ArtifactLocation.URI, ".jsonl") {
			if len(res.Fixes) != 0 {
				t.Errorf("a JSON Lines record's fix cannot be a region of the file: %+v", res.Fixes)
			}
			continue
		}
		if len(res.Fixes) != 1 || len(res.Fixes[0].ArtifactChanges) != 1 {
			t.Fatalf("result without one fix: %+v", res)
		}
		text := articleV2
		reps := res.Fixes[0].ArtifactChanges[0].Replacements
		for i := len(reps) - 1; i >= 0; i-- {
			start := offsetOf(t, text, reps[i].DeletedRegion.StartLine, reps[i].DeletedRegion.StartColumn)
			end := offsetOf(t, text, reps[i].DeletedRegion.EndLine, reps[i].DeletedRegion.EndColumn)
			ins := ""
			if reps[i].InsertedContent != nil {
				ins = reps[i].InsertedContent.Text
			}
			text = text[:start] + ins + text[end:]
		}
		fixed = append(fixed, text)
	}
	want := []string{
		strings.Replace(articleV2, "Các đại biểu bàn về giống lúa chịu mặn cho vùng ven biển.\n", "", 1),
		strings.Replace(articleV2, "20212025", "2021-2025", 1),
		newParagraph + articleV1 + "Nông dân mong có thêm vốn vay ưu đãi trong năm tới.\n",
	}
	if len(fixed) != len(want) {
		t.Fatalf("%d fixes, want %d", len(fixed), len(want))
	}
	for i := range want {
		if fixed[i] != want[i] {
			t.Errorf("fix %d gives\n%q\nwant\n%q", i, fixed[i], want[i])
		}
	}
}

// offsetOf converts a 1-based line and code-point column to a byte offset;
// the line after the last is the end of the text.
func offsetOf(t *testing.T, text string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			t.Fatalf("line %d past the text", line)
		}
		off += i + 1
	}
	for c := 1; c < col; c++ {
		_, size := utf8.DecodeRuneInString(text[off:])
		off += size
	}
	return off
}
