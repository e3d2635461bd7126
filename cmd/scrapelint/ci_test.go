package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/rules"
)

// Invented articles in the style of the seeds: v1 has two old defects (a
// repeated line and a glued year range); v2 adds a paragraph before them,
// which moves them down, and one new defect at the end.
const (
	articleV1 = "Hội thảo về nông nghiệp xanh diễn ra tại Cần Thơ.\n" +
		"Các đại biểu bàn về giống lúa chịu mặn cho vùng ven biển.\n" +
		"Các đại biểu bàn về giống lúa chịu mặn cho vùng ven biển.\n" +
		"Kế hoạch giai đoạn 20212025 đã được thông qua.\n"
	newParagraph = "Sáng 5/6, trời nắng nhẹ và có gió mạnh ở ven sông.\n"
	newDefect    = "Nông dân mong có thêm vốn vay ưu đãi trong năm tới.\n" +
		"Nông dân mong có thêm vốn vay ưu đãi trong năm tới.\n"
	articleV2 = newParagraph + articleV1 + newDefect
)

// findingsOf decodes jsonl output.
func findingsOf(t *testing.T, out string) []lint.JSONFinding {
	t.Helper()
	var fs []lint.JSONFinding
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var f lint.JSONFinding
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatalf("bad jsonl line %q: %v", l, err)
		}
		fs = append(fs, f)
	}
	return fs
}

func brief(fs []lint.JSONFinding) []string {
	var out []string
	for _, f := range fs {
		place := f.Line
		if f.Record > 0 {
			place = f.Record
		}
		out = append(out, f.Path+":"+strconv.Itoa(place)+" "+f.Rule)
	}
	return out
}

func wantFindings(t *testing.T, got []lint.JSONFinding, want ...string) {
	t.Helper()
	g := brief(got)
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
	}
}

// twoCommits makes a repository whose first commit holds articleV1 and a
// baseline of its findings, and whose second adds the new paragraph and the
// new defect.
func twoCommits(t *testing.T) (*repo, *cli) {
	r := newRepo(t)
	c := newCLI(t, r.dir)
	r.write("corpus/a.txt", articleV1)
	if _, stderr, code := c.run("baseline", "write", "corpus/"); code != 0 {
		t.Fatalf("baseline write: status %d\n%s", code, stderr)
	}
	r.commit("corpus and baseline")
	r.write("corpus/a.txt", articleV2)
	r.commit("a new paragraph and a new defect")
	return r, c
}

func TestBaselineReportsOnlyTheNewFinding(t *testing.T) {
	r, c := twoCommits(t)
	var b lint.Baseline
	data, err := os.ReadFile(filepath.Join(r.dir, ".scrapelint-baseline.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &b); err != nil || len(b.Entries) != 2 {
		t.Fatalf("baseline holds %d entries (err %v), want 2:\n%s", len(b.Entries), err, data)
	}
	out, stderr, code := c.run("check", "--baseline", ".scrapelint-baseline.json", "--format", "jsonl", "corpus/")
	// The old defects moved down a line; only the new one is reported.
	wantFindings(t, findingsOf(t, out), "corpus/a.txt:7 repeated-line")
	if code != exitFindings {
		t.Errorf("status %d, want %d; stderr:\n%s", code, exitFindings, stderr)
	}
	if strings.Contains(stderr, "stale") {
		t.Errorf("no entry is stale, but stderr says:\n%s", stderr)
	}
	// Without the baseline, all three.
	out, _, _ = c.run("check", "--format", "jsonl", "corpus/")
	wantFindings(t, findingsOf(t, out), "corpus/a.txt:4 repeated-line", "corpus/a.txt:5 glued-date", "corpus/a.txt:7 repeated-line")
}

func TestBaselineFromConfig(t *testing.T) {
	r, c := twoCommits(t)
	r.write("corpus/.scrapelint.yaml", "baseline: ../.scrapelint-baseline.json\n")
	c.dir = filepath.Join(r.dir, "corpus")
	out, stderr, _ := c.run("check", "--format", "jsonl", ".")
	wantFindings(t, findingsOf(t, out), "a.txt:7 repeated-line")
	if stderr != "" {
		t.Errorf("stderr: %s", stderr)
	}
}

func TestBaselineCountsDuplicates(t *testing.T) {
	r := newRepo(t)
	c := newCLI(t, r.dir)
	line := "Giá lúa tăng nhẹ sau đợt mưa lớn ở miền Tây.\n"
	r.write("a.txt", strings.Repeat(line, 3))
	c.run("baseline", "write", "-o", "base.json", "a.txt")
	out, _, code := c.run("check", "--baseline", "base.json", "--format", "jsonl", "a.txt")
	if out != "" || code != exitClean {
		t.Fatalf("unchanged file: status %d, findings %q", code, out)
	}
	r.write("a.txt", strings.Repeat(line, 4))
	out, _, _ = c.run("check", "--baseline", "base.json", "--format", "jsonl", "a.txt")
	if n := len(findingsOf(t, out)); n != 1 {
		t.Errorf("a fourth copy of a line twice in the baseline: %d findings, want 1:\n%s", n, out)
	}
}

func TestStaleEntryReportedAndPruned(t *testing.T) {
	r, c := twoCommits(t)
	// Fix the old repeated line: its baseline entry goes stale.
	r.write("corpus/a.txt", strings.Replace(articleV2, "Các đại biểu bàn về giống lúa chịu mặn cho vùng ven biển.\n", "", 1))
	_, stderr, _ := c.run("check", "--baseline", ".scrapelint-baseline.json", "corpus/")
	if got := lines(stderr, "stale baseline entry"); len(got) != 1 || !strings.Contains(got[0], "repeated-line") || !strings.Contains(got[0], "corpus/a.txt") {
		t.Fatalf("want one stale repeated-line entry on stderr, got:\n%s", stderr)
	}
	out, _, _ := c.run("check", "--baseline", ".scrapelint-baseline.json", "corpus/")
	if !strings.Contains(out, "1 stale baseline entry") {
		t.Errorf("the summary does not count the stale entry:\n%s", out)
	}
	_, stderr, _ = c.run("check", "--baseline", ".scrapelint-baseline.json", "--prune", "corpus/")
	if !strings.Contains(stderr, "removed 1 stale entry") {
		t.Errorf("--prune: stderr\n%s", stderr)
	}
	b, err := lint.LoadBaseline(filepath.Join(r.dir, ".scrapelint-baseline.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Entries) != 1 || b.Entries[0].Rule != "glued-date" {
		t.Errorf("pruned baseline: %+v, want the glued-date entry alone", b.Entries)
	}
	if _, stderr, _ = c.run("check", "--baseline", ".scrapelint-baseline.json", "corpus/"); strings.Contains(stderr, "stale") {
		t.Errorf("stale after pruning:\n%s", stderr)
	}
}

func TestNewFromRevReportsOnlyChangedLines(t *testing.T) {
	r, c := twoCommits(t)
	r.write("corpus/b.txt", articleV1)
	r.commit("another article")
	out, stderr, code := c.run("check", "--new-from-rev", "HEAD~2", "--format", "jsonl", "corpus/a.txt")
	wantFindings(t, findingsOf(t, out), "corpus/a.txt:7 repeated-line")
	if code != exitFindings {
		t.Errorf("status %d; stderr %s", code, stderr)
	}
	// Since HEAD~1, a.txt did not change and b.txt is new as a whole. The
	// corpus rules still see a.txt: b.txt is a near copy of it.
	out, _, _ = c.run("check", "--new-from-rev", "HEAD~1", "--format", "jsonl", "corpus/")
	wantFindings(t, findingsOf(t, out), "corpus/b.txt:1 near-duplicate-document", "corpus/b.txt:3 repeated-line", "corpus/b.txt:4 glued-date")
	out, _, code = c.run("check", "--new-from-rev", "HEAD", "--format", "jsonl", "corpus/")
	if out != "" || code != exitClean {
		t.Errorf("nothing changed since HEAD: status %d, findings\n%s", code, out)
	}
	// Uncommitted edits count as changes.
	r.write("corpus/b.txt", articleV1+newDefect)
	out, _, _ = c.run("check", "--new-from-rev", "HEAD", "--format", "jsonl", "corpus/")
	wantFindings(t, findingsOf(t, out), "corpus/b.txt:6 repeated-line")
	if _, stderr, code := c.run("check", "--new-from-rev", "no-such-rev", "corpus/"); code != exitTrouble || !strings.Contains(stderr, "not a commit") {
		t.Errorf("a bad revision: status %d, stderr %s", code, stderr)
	}
}

func TestNewFromRevJSONLRecords(t *testing.T) {
	r := newRepo(t)
	c := newCLI(t, r.dir)
	rec := func(id, text string) string {
		return `{"id":"` + id + `","text":` + lint.EncodeJSONString(text) + "}\n"
	}
	r.write("news.jsonl", rec("1", articleV1)+rec("2", newParagraph)+rec("3", articleV1))
	r.commit("records")
	r.write("news.jsonl", rec("1", articleV1)+rec("2", newParagraph+newDefect)+rec("3", articleV1))
	out, _, _ := c.run("check", "--new-from-rev", "HEAD", "--format", "jsonl", "news.jsonl")
	wantFindings(t, findingsOf(t, out), "news.jsonl:2 repeated-line")
}

func TestOutputFileKeepsExitStatus(t *testing.T) {
	r, c := twoCommits(t)
	stdout, _, code := c.run("check", "--format", "sarif", "corpus/")
	_, _, codeFile := c.run("check", "--format", "sarif", "-o", "out.sarif", "corpus/")
	if code != exitFindings || codeFile != code {
		t.Errorf("status %d without -o, %d with it; want both %d", code, codeFile, exitFindings)
	}
	data, err := os.ReadFile(filepath.Join(r.dir, "out.sarif"))
	if err != nil || string(data) != stdout {
		t.Errorf("-o wrote a different report (err %v)", err)
	}
	_, _, clean := c.run("check", "--baseline", ".scrapelint-baseline.json", "--new-from-rev", "HEAD", "-o", "clean.txt", "corpus/")
	if clean != exitClean {
		t.Errorf("clean run with -o: status %d", clean)
	}
}

func TestGitHubStepSummary(t *testing.T) {
	r, c := twoCommits(t)
	summary := filepath.Join(r.dir, "summary.md")
	os.WriteFile(summary, []byte("earlier step\n"), 0o644)
	c.env = append(c.env, "GITHUB_STEP_SUMMARY="+summary)
	out, _, code := c.run("check", "--format", "github", "corpus/")
	if code != exitFindings {
		t.Errorf("status %d", code)
	}
	if got := lines(out, " file=corpus/a.txt,line="); len(got) != 3 {
		t.Errorf("want 3 annotations, got:\n%s", out)
	}
	data, _ := os.ReadFile(summary)
	md := string(data)
	if !strings.HasPrefix(md, "earlier step\n") {
		t.Errorf("the summary was not appended to:\n%s", md)
	}
	if rows := lines(md, "| corpus/a.txt |"); len(rows) != 3 {
		t.Errorf("the summary lists %d findings, want 3:\n%s", len(rows), md)
	}
}

func TestCacheReplaysAndIsInvalidated(t *testing.T) {
	r, c := twoCommits(t)
	cacheDir := filepath.Join(r.dir, ".cache")
	first, _, code1 := c.run("check", "--cache-dir", cacheDir, "--format", "json", "corpus/")
	caches := lint.CachesIn(cacheDir)
	if len(caches) != 1 {
		t.Fatalf("want one run's cache, found %d", len(caches))
	}
	entries, _ := caches[0].Keys()
	if len(entries) != 1 {
		t.Fatalf("want one cache entry, found %v", entries)
	}
	second, _, code2 := c.run("check", "--cache-dir", cacheDir, "--format", "json", "corpus/")
	if first != second || code1 != code2 {
		t.Errorf("the cached run differs:\n%s\nfirst:\n%s", second, first)
	}
	// The entry is what the second run reports: planting a finding in it
	// shows that the file was not linted again.
	entry, ok := caches[0].Get(entries[0])
	if !ok || len(entry.Findings) != 3 {
		t.Fatalf("cache entry: %v, %+v", ok, entry)
	}
	entry.Findings = entry.Findings[:1]
	entry.Findings[0].Message = "planted"
	caches[0].Put(entries[0], entry)
	if err := caches[0].Close(); err != nil {
		t.Fatal(err)
	}
	out, _, _ := c.run("check", "--cache-dir", cacheDir, "--format", "jsonl", "corpus/")
	if fs := findingsOf(t, out); len(fs) != 1 || fs[0].Message != "planted" {
		t.Errorf("the cached run did not replay the entry:\n%s", out)
	}
	// Other settings, another key.
	out, _, _ = c.run("check", "--cache-dir", cacheDir, "--disable", "glued-date", "--format", "jsonl", "corpus/")
	wantFindings(t, findingsOf(t, out), "corpus/a.txt:4 repeated-line", "corpus/a.txt:7 repeated-line")
	// A changed file is linted again.
	r.write("corpus/a.txt", articleV1)
	out, _, _ = c.run("check", "--cache-dir", cacheDir, "--format", "jsonl", "corpus/")
	wantFindings(t, findingsOf(t, out), "corpus/a.txt:3 repeated-line", "corpus/a.txt:4 glued-date")
	// A damaged pack is a miss, not an error.
	packs, _ := filepath.Glob(filepath.Join(cacheDir, "v*", "*", "*.pack"))
	if len(packs) == 0 {
		t.Fatal("no packs in the cache")
	}
	for _, p := range packs {
		data, _ := os.ReadFile(p)
		os.WriteFile(p, data[:len(data)-1], 0o644)
	}
	out, stderr, code := c.run("check", "--cache-dir", cacheDir, "--format", "jsonl", "corpus/")
	wantFindings(t, findingsOf(t, out), "corpus/a.txt:3 repeated-line", "corpus/a.txt:4 glued-date")
	if code != exitFindings || stderr != "" {
		t.Errorf("damaged pack: status %d, stderr %s", code, stderr)
	}
	// An entry whose bytes were damaged after its index was written is
	// found when it is replayed: the run says so, naming the file, and the
	// next run lints the file again.
	packs, _ = filepath.Glob(filepath.Join(cacheDir, "v*", "*", "*.pack"))
	for _, p := range packs {
		data, _ := os.ReadFile(p)
		// The findings entry's payload starts with its format's magic.
		if i := bytes.Index(data, []byte("slf1")); i >= 0 {
			data[i+2] = 'F'
			os.WriteFile(p, data, 0o644)
		}
	}
	_, stderr, code = c.run("check", "--cache-dir", cacheDir, "--format", "jsonl", "corpus/")
	if code != exitTrouble || !strings.Contains(stderr, "corpus/a.txt") || !strings.Contains(stderr, "run again") {
		t.Errorf("damaged entry: status %d, stderr %s", code, stderr)
	}
	out, stderr, code = c.run("check", "--cache-dir", cacheDir, "--format", "jsonl", "corpus/")
	wantFindings(t, findingsOf(t, out), "corpus/a.txt:3 repeated-line", "corpus/a.txt:4 glued-date")
	if code != exitFindings || stderr != "" {
		t.Errorf("after a damaged entry: status %d, stderr %s", code, stderr)
	}
}

// TestCacheKeepsCorpusSummaries checks a re-run with corpus rules: files
// whose summaries are cached are not read in the first pass (a planted
// summary shows it), a changed file is compared with the cached ones, and
// the findings are those of a run without the cache.
func TestCacheKeepsCorpusSummaries(t *testing.T) {
	dir := dedupCorpus(t)
	c := newCLI(t, dir)
	cacheDir := filepath.Join(t.TempDir(), "cache")
	run := func(args ...string) string {
		out, stderr, code := c.run(append([]string{"check", "--format", "jsonl", "--cache-dir", cacheDir}, args...)...)
		if code == exitTrouble {
			t.Fatalf("check %v: %s", args, stderr)
		}
		return out
	}
	cold := run(".")
	caches := lint.CachesIn(cacheDir)
	if len(caches) != 1 {
		t.Fatalf("want one run's cache, found %d", len(caches))
	}
	if _, corpus := caches[0].Keys(); len(corpus) != 4 {
		t.Fatalf("want a corpus entry per file, found %v", corpus)
	}
	caches[0].Close()
	if warm := run("."); warm != cold {
		t.Errorf("the cached run differs:\n%s\ncold:\n%s", warm, cold)
	}
	// A new near copy of a cached file is found against the cached
	// summaries, and the findings equal a run without the cache.
	data, _ := os.ReadFile(filepath.Join(dir, "a/original.txt"))
	write(t, filepath.Join(dir, "e/new-copy.txt"), append(data, "Dự án còn giúp kết nối các khu đô thị mới ở phía tây.\n"...))
	warm := run(".")
	fresh, _, _ := c.run("check", "--format", "jsonl", "--no-cache", ".")
	if warm != fresh {
		t.Errorf("with a changed corpus the cached run differs from a fresh one:\n%s\nfresh:\n%s", warm, fresh)
	}
	if !strings.Contains(warm, `"path":"e/new-copy.txt"`) || !strings.Contains(warm, "near-duplicate-document") {
		t.Errorf("the new copy is not reported:\n%s", warm)
	}
	// Planting a summary: a cached single-document file becomes, as far
	// as the corpus rules know, an exact copy of a/original.txt (whose
	// summary b/copy.txt shares), which only a run that believes the cache
	// can report.
	var source, target string
	_, keys := caches[0].Keys()
	byHash := map[string][]string{}
	for _, key := range keys {
		ce, ok := caches[0].GetCorpus(key)
		if !ok || len(ce.Docs) != 1 {
			continue // the JSON Lines file
		}
		byHash[string(ce.Docs[0].Sums[0])] = append(byHash[string(ce.Docs[0].Sums[0])], key)
	}
	for _, ks := range byHash {
		if len(ks) == 2 {
			source = ks[0]
		} else if target == "" {
			target = ks[0]
		}
	}
	if source == "" || target == "" {
		t.Fatalf("cached corpus entries not found: %v", byHash)
	}
	ce, _ := caches[0].GetCorpus(source)
	caches[0].PutCorpus(target, ce)
	if err := caches[0].Close(); err != nil {
		t.Fatal(err)
	}
	planted := run(".")
	if strings.Count(planted, `"rule":"duplicate-document"`) <= strings.Count(warm, `"rule":"duplicate-document"`) {
		t.Errorf("a planted summary was not used: the first pass read the file again\n%s", planted)
	}
}

// A file's findings wait in memory for the cache; past the limit the file
// is not cached, and what was collected is let go.
func TestFileEntryStopsAtItsLimit(t *testing.T) {
	l := lint.Located{Finding: lint.Finding{Rule: "repeated-line", Message: "dòng lặp lại"}, LineText: strings.Repeat("x", 1000)}
	fe := &fileEntry{limit: 5000}
	for range 4 {
		fe.add(l)
	}
	if fe.overLimit() || len(fe.Findings) != 4 {
		t.Fatalf("under the limit: over=%v, %d findings kept, want 4", fe.overLimit(), len(fe.Findings))
	}
	fe.add(l)
	if !fe.overLimit() || fe.Findings != nil {
		t.Fatalf("past the limit: over=%v, %d findings kept, want none", fe.overLimit(), len(fe.Findings))
	}
	fe.add(l)
	if fe.Findings != nil {
		t.Error("a finding was kept after the limit was passed")
	}
}

// An unchanged file's findings are read from its entry when a corpus rule
// needs the file linted again; an entry gone by then is an error naming
// the file, never findings silently lost.
func TestFindingsOfReadsTheEntryOnce(t *testing.T) {
	c := lint.NewCache(t.TempDir(), "run")
	fc := newFileCache(c, lint.InputOptions{})
	k1, k2 := strings.Repeat("1", sha256.Size), strings.Repeat("2", sha256.Size)
	for path, key := range map[string]string{"a.jsonl": k1, "b.txt": k2} {
		var f cachedFile
		copy(f.key[:], key)
		fc.files[path] = f
	}
	entry := &lint.CacheEntry{Documents: 2, Findings: []lint.CachedFinding{
		{Finding: lint.Finding{Rule: "repeated-line", Message: "một"}, Record: 1},
		{Finding: lint.Finding{Rule: "glued-date", Message: "hai"}, Record: 2},
		{Finding: lint.Finding{Rule: "repeated-line", Message: "ba"}, Record: 2},
	}}
	if err := c.Put(k1, entry); err != nil {
		t.Fatal(err)
	}
	got, err := fc.findingsOf("a.jsonl", 2)
	if err != nil || len(got) != 2 || got[0].Message != "hai" || got[1].Message != "ba" {
		t.Fatalf("record 2: %v, %v", got, err)
	}
	// Read once: a later change to the entry is not seen while the file
	// is open, and is after it is closed.
	entry.Findings = entry.Findings[:1]
	if err := c.Put(k1, entry); err != nil {
		t.Fatal(err)
	}
	if got, _ := fc.findingsOf("a.jsonl", 2); len(got) != 2 {
		t.Errorf("the entry was read again while the file was open: %v", got)
	}
	fc.close("a.jsonl")
	if got, _ := fc.findingsOf("a.jsonl", 2); len(got) != 0 {
		t.Errorf("after close, the entry was not read again: %v", got)
	}
	if _, err := fc.findingsOf("b.txt", 0); err == nil || !strings.Contains(err.Error(), "b.txt") {
		t.Errorf("a missing entry: error %v, want one naming b.txt", err)
	}
}

func TestSourceIdentity(t *testing.T) {
	setting := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	for _, c := range []struct {
		name string
		info debug.BuildInfo
		want string
		ok   bool
	}{
		{"release", debug.BuildInfo{Main: debug.Module{Path: "github.com/scrapelint/scrapelint", Version: "v1.2.0", Sum: "h1:abc"}},
			"github.com/scrapelint/scrapelint@v1.2.0 h1:abc", true},
		{"clean commit", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: setting("vcs.revision", "0123abcd", "vcs.modified", "false")},
			"commit 0123abcd", true},
		{"changed tree", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: setting("vcs.revision", "0123abcd", "vcs.modified", "true")}, "", false},
		{"no vcs", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "", false},
	} {
		got, ok := sourceIdentity(&c.info)
		if got != c.want || ok != c.ok {
			t.Errorf("%s: sourceIdentity = %q, %v; want %q, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

// A development build is named by its binary's hash, remembered in the
// cache: the second call reads the memo, and a planted memo is believed
// (so the binary was not hashed again).
func TestBuildIDRemembersTheBinaryHash(t *testing.T) {
	if info, ok := debug.ReadBuildInfo(); ok {
		if _, pinned := sourceIdentity(info); pinned {
			t.Skip("this test binary is named by its source, not its hash")
		}
	}
	dir := t.TempDir()
	first := buildID(dir)
	memos, _ := filepath.Glob(filepath.Join(dir, "binaries", "*"))
	if len(memos) != 1 || strings.Contains(first, "unknown") {
		t.Fatalf("buildID = %q, memos %v", first, memos)
	}
	if again := buildID(dir); again != first {
		t.Errorf("second buildID = %q, want %q", again, first)
	}
	data, _ := os.ReadFile(memos[0])
	stamp, _, _ := strings.Cut(string(data), "\n")
	os.WriteFile(memos[0], []byte(stamp+"\n"+strings.Repeat("a", 64)), 0o644)
	if got := buildID(dir); !strings.HasSuffix(got, strings.Repeat("a", 64)) {
		t.Errorf("the memo was not used: %q", got)
	}
	os.WriteFile(memos[0], []byte("another binary\n"+strings.Repeat("b", 64)), 0o644)
	if got := buildID(dir); got != first {
		t.Errorf("a memo of another binary was used: %q", got)
	}
}

func TestKeepInputs(t *testing.T) {
	inputs := []lint.Input{{Path: "a"}, {Path: "b"}, {Path: "c"}, {Path: "d"}}
	paths := func(ins []lint.Input) string {
		var ps []string
		for _, in := range ins {
			ps = append(ps, in.Path)
		}
		return strings.Join(ps, ",")
	}
	for _, tt := range []struct {
		drop string
		want string
	}{{"", "a,b,c,d"}, {"a", "b,c,d"}, {"c", "a,b,d"}, {"d", "a,b,c"}, {"abcd", ""}, {"bd", "a,c"}} {
		got := keepInputs(inputs, func(in lint.Input) bool { return !strings.Contains(tt.drop, in.Path) })
		if paths(got) != tt.want {
			t.Errorf("dropping %q: kept %q, want %q", tt.drop, paths(got), tt.want)
		}
	}
	if got := keepInputs(inputs, func(lint.Input) bool { return true }); &got[0] != &inputs[0] {
		t.Error("keeping every input copied them")
	}
	if paths(inputs) != "a,b,c,d" {
		t.Errorf("keepInputs changed its argument: %q", paths(inputs))
	}
}

// TestCacheReplaysInCorpusOrder re-runs a corpus whose middle file changed:
// the files before and after it are replayed from the cache and the changed
// one is linted, and the report is in corpus order, as a run without the
// cache reports it, with and without corpus rules.
func TestCacheReplaysInCorpusOrder(t *testing.T) {
	r := &repo{t: t, dir: t.TempDir()}
	c := newCLI(t, r.dir)
	for _, name := range []string{"a", "b", "c", "d"} {
		r.write("corpus/"+name+".txt", "Bài "+name+" về kế hoạch của tỉnh.\nKế hoạch giai đoạn 20212025 của bài "+name+" đã được thông qua.\n")
	}
	cacheDir := filepath.Join(r.dir, ".cache")
	for k, args := range [][]string{
		{"--disable", "duplicate-document,near-duplicate-document,boilerplate-line"},
		nil,
	} {
		run := func(cache ...string) string {
			out, stderr, code := c.run(append(append([]string{"check", "--format", "jsonl"}, append(args, cache...)...), "corpus/")...)
			if code != exitFindings {
				t.Fatalf("%v: status %d\n%s", cache, code, stderr)
			}
			return out
		}
		run("--cache-dir", cacheDir)
		r.write("corpus/b.txt", fmt.Sprintf("Bài b về kế hoạch của tỉnh.\n\nKế hoạch giai đoạn %d%d của bài b đã được thông qua.\n", 2022+k, 2026+k))
		got := brief(findingsOf(t, run("--cache-dir", cacheDir)))
		want := brief(findingsOf(t, run("--no-cache")))
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%v: from the cache:\n%s\nwithout it:\n%s", args, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if len(want) != 4 || !strings.HasPrefix(want[1], "corpus/b.txt:3 ") {
			t.Errorf("%v: want one finding a file, b's on its line 3:\n%s", args, strings.Join(want, "\n"))
		}
	}
}

// TestCopiesNameTheirOriginal checks the file a corpus rule names as the
// original of a copy, for a text file and a JSON Lines record, in a run
// without the cache, one filling it and one from it, and in a run over
// part of the corpus named file by file.
func TestCopiesNameTheirOriginal(t *testing.T) {
	r := &repo{t: t, dir: t.TempDir()}
	c := newCLI(t, r.dir)
	article := "Tỉnh tổ chức hội nghị về phát triển nông nghiệp bền vững.\nCác đại biểu thống nhất nhiều giải pháp cho vùng ven biển trong năm tới.\n"
	other := "Đội tuyển bóng đá giành chiến thắng trong trận đấu tối qua.\n"
	r.write("corpus/a.txt", other)
	r.write("corpus/b.txt", article)
	r.write("corpus/c.txt", other+"\n")
	weather := "Trời mưa lớn kéo dài suốt đêm qua ở nhiều tỉnh miền núi phía bắc."
	r.write("corpus/d.jsonl", `{"id":"x","text":"`+weather+`"}`+"\n"+`{"id":"y","text":`+strconv.Quote(article)+`}`+"\n")
	r.write("corpus/e.jsonl", `{"id":"z","text":`+strconv.Quote(article)+`}`+"\n")
	r.write("corpus/f.txt", weather+"\n")
	want := []string{"corpus/c.txt: same text as corpus/a.txt", "corpus/d.jsonl: same text as corpus/b.txt", "corpus/e.jsonl: same text as corpus/b.txt", "corpus/f.txt: same text as corpus/d.jsonl:1"}
	for _, args := range [][]string{
		{"--no-cache", "corpus/"},
		{"--cache-dir", ".cache", "corpus/"},
		{"--cache-dir", ".cache", "corpus/"},
		{"--no-cache", "corpus/e.jsonl", "corpus/b.txt"},
	} {
		out, stderr, _ := c.run(append([]string{"check", "--format", "jsonl", "--enable", "duplicate-document"}, args...)...)
		var got []string
		for _, f := range findingsOf(t, out) {
			if f.Rule == "duplicate-document" {
				name, _, _ := strings.Cut(f.Message, " (")
				got = append(got, f.Path+": "+name)
			}
		}
		w := want
		if args[len(args)-1] == "corpus/b.txt" {
			w = want[2:3]
		}
		if strings.Join(got, "\n") != strings.Join(w, "\n") {
			t.Errorf("%v: got\n%s\nwant\n%s\n%s", args, strings.Join(got, "\n"), strings.Join(w, "\n"), stderr)
		}
	}
}

// TestWorkBeforeTheCorpusRulesFinish checks the second pass begun while the
// corpus rules still finish: work runs the other rules and leaves the
// corpus rules to the emitter, which adds their findings once they are
// done; together they find what one check finds.
func TestWorkBeforeTheCorpusRulesFinish(t *testing.T) {
	rs, err := lint.Configure(rules.All, rules.Profiles(), nil, lint.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Tỉnh khánh thành cây cầu mới nối hai huyện miền núi sau ba năm thi công.\n\nIn bài viết\n"
	read := func(seq int) *lint.Document {
		d := lint.NewDocument(fmt.Sprintf("%d.txt", seq), text)
		d.Seq = lint.DocSeq(seq, 0)
		return d
	}
	rs.Hints = true
	rs.StartCorpus()
	for seq := range 3 {
		if err := rs.Observe(read(seq)); err != nil {
			t.Fatal(err)
		}
	}
	finished := make(chan struct{})
	r := &runner{rules: rs, finished: finished}
	early := r.work(read(2))
	if !early.corpusPending || slices.ContainsFunc(early.findings, func(f lint.Finding) bool { return f.Rule == "duplicate-document" }) {
		t.Fatalf("work before the corpus rules finished: pending %v, findings %v", early.corpusPending, early.findings)
	}
	rs.FinishCorpus()
	close(finished)
	got := r.checkCorpusRules(read(2), early)
	want, err := rs.Check(read(2))
	if err != nil || got.err != nil {
		t.Fatal(err, got.err)
	}
	if got.corpusPending || !reflect.DeepEqual(got.findings, want) {
		t.Errorf("findings once the corpus rules finished:\n%v\nwant\n%v", got.findings, want)
	}
	if !slices.ContainsFunc(want, func(f lint.Finding) bool { return f.Rule == "duplicate-document" }) {
		t.Errorf("no duplicate-document finding on the third copy; the test needs one")
	}
	if late := r.work(read(2)); late.corpusPending || !reflect.DeepEqual(late.findings, want) {
		t.Errorf("work after the corpus rules finished: pending %v, %d findings, want %d", late.corpusPending, len(late.findings), len(want))
	}
}
