package main

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/scrapelint/scrapelint/lint/linttest"
)

// yamlBlock returns the first ```yaml block after the heading in docs/ci.md.
func yamlBlock(t *testing.T, heading string) []byte {
	data, err := os.ReadFile(filepath.Join(linttest.ModuleRoot(t), "docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	i := strings.Index(doc, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("docs/ci.md has no %q", heading)
	}
	rest := doc[i:]
	start := strings.Index(rest, "```yaml\n")
	end := strings.Index(rest[start+8:], "```")
	if start < 0 || end < 0 {
		t.Fatalf("no yaml block under %q", heading)
	}
	return []byte(rest[start+8 : start+8+end])
}

// shell runs a documented command the way a CI runner would, with the
// built scrapelint first on PATH.
func shell(t *testing.T, dir, command string, env ...string) (string, int) {
	cmd := exec.Command("sh", "-c", command)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + filepath.Dir(binary) + string(os.PathListSeparator) + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
	out, err := cmd.Output()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

var expression = regexp.MustCompile(`\$\{\{[^}]*\}\}`)

func TestGitHubWorkflowInDocs(t *testing.T) {
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Name string
				Run  string
				Env  map[string]string
				Uses string
				With map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(yamlBlock(t, "## GitHub Actions"), &wf); err != nil {
		t.Fatal(err)
	}
	r, _ := twoCommits(t)
	base := r.git("rev-parse", "HEAD~1")
	summary := filepath.Join(t.TempDir(), "summary.md")
	var ran []int
	var sarifFile string
	for _, step := range wf.Jobs["scrapelint"].Steps {
		if strings.Contains(step.Uses, "upload-sarif") {
			sarifFile = step.With["sarif_file"]
		}
		if !strings.HasPrefix(step.Run, "scrapelint ") {
			continue
		}
		env := []string{"GITHUB_STEP_SUMMARY=" + summary}
		for k, v := range step.Env {
			// Every expression of the workflow stands for the base revision.
			env = append(env, k+"="+expression.ReplaceAllString(v, base))
		}
		out, code := shell(t, r.dir, step.Run, env...)
		ran = append(ran, code)
		if strings.Contains(step.Run, "--format github") {
			annotations := lines(out, "::")
			if len(annotations) != 1 || !strings.HasPrefix(annotations[0], "::warning file=corpus/a.txt,line=7,") {
				t.Errorf("%s: want the one new finding annotated, got:\n%s", step.Name, out)
			}
		}
	}
	if len(ran) != 2 || ran[0] != exitFindings || ran[1] != exitClean {
		t.Errorf("scrapelint steps exited %v, want [1 0] (annotate fails the job, SARIF does not)", ran)
	}
	data, err := os.ReadFile(filepath.Join(r.dir, sarifFile))
	if err != nil {
		t.Fatalf("the workflow uploads %q, which was not written: %v", sarifFile, err)
	}
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 || log.Runs[0].Results[0].Locations[0].PhysicalLocation.Region.StartLine != 7 {
		t.Errorf("the uploaded SARIF does not hold the one new finding (err %v):\n%s", err, data)
	}
	md, _ := os.ReadFile(summary)
	if len(lines(string(md), "| corpus/a.txt |")) != 1 {
		t.Errorf("step summary:\n%s", md)
	}
}

func TestGitLabPipelineInDocs(t *testing.T) {
	var pipeline map[string]struct {
		Script    []string
		Artifacts struct {
			Reports map[string]string
		}
	}
	if err := yaml.Unmarshal(yamlBlock(t, "## GitLab CI"), &pipeline); err != nil {
		t.Fatal(err)
	}
	job := pipeline["scrapelint"]
	r, _ := twoCommits(t)
	base := r.git("rev-parse", "HEAD~1")
	ran := 0
	for _, line := range job.Script {
		if !strings.HasPrefix(line, "scrapelint ") {
			continue
		}
		ran++
		if _, code := shell(t, r.dir, line, "CI_MERGE_REQUEST_DIFF_BASE_SHA="+base); code != exitFindings {
			t.Errorf("%s: status %d, want %d", line, code, exitFindings)
		}
	}
	if ran != 1 {
		t.Fatalf("ran %d scrapelint commands, want 1", ran)
	}
	data, err := os.ReadFile(filepath.Join(r.dir, job.Artifacts.Reports["junit"]))
	if err != nil {
		t.Fatal(err)
	}
	var suites struct {
		Suites []struct {
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &suites); err != nil {
		t.Fatalf("junit report: %v\n%s", err, data)
	}
	if len(suites.Suites) != 1 || len(suites.Suites[0].Cases) != 1 || suites.Suites[0].Cases[0].Failure == nil || suites.Suites[0].Cases[0].Name != "repeated-line corpus/a.txt:7:1" {
		t.Errorf("junit report does not hold the one new finding:\n%s", data)
	}
}

func TestPreCommitHook(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(linttest.ModuleRoot(t), ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID, Entry, Language, Files string
		PassFilenames              bool `yaml:"pass_filenames"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil || len(hooks) != 1 {
		t.Fatalf("hooks: %v, %d", err, len(hooks))
	}
	h := hooks[0]
	if h.Language != "golang" || !h.PassFilenames {
		t.Errorf("hook %+v: want language golang and the staged file names", h)
	}
	files := regexp.MustCompile(h.Files)
	for name, want := range map[string]bool{
		"a.txt": true, "dir/b.jsonl": true, "c.ndjson": true, "d.txt.gz": true, "e.jsonl.zst": true,
		"f.json": false, "g.txt.bak": false, "h.md": false, "txt": false,
	} {
		if files.MatchString(name) != want {
			t.Errorf("files pattern on %q: %v, want %v", name, !want, want)
		}
	}
	r, _ := twoCommits(t)
	out, code := shell(t, r.dir, h.Entry+" corpus/a.txt")
	if code != exitFindings || !strings.Contains(out, "corpus/a.txt:7:1") {
		t.Errorf("%s on a staged file: status %d\n%s", h.Entry, code, out)
	}
}
