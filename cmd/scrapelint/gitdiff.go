package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/scrapelint/scrapelint/lint"
)

// changeSet is what changed in the corpus's repository since a revision:
// for each changed file (by resolved absolute path), its changed lines.
type changeSet struct {
	rev   string
	files map[string]*changedLines
	// resolved memoises the resolution of input paths.
	resolved map[string]string
}

// changedLines are the lines of a file added or changed since the revision
// (1-based, inclusive ranges), or the whole file when its lines are unknown
// (a binary, compressed or untracked file).
type changedLines struct {
	whole  bool
	ranges [][2]int
}

func (c *changedLines) touches(from, to int) bool {
	if c.whole {
		return true
	}
	for _, r := range c.ranges {
		if from <= r[1] && r[0] <= to {
			return true
		}
	}
	return false
}

// loadChanges runs git in the repository holding the first path and reads
// the changes since rev of the files under paths, including the working
// tree's uncommitted and untracked files.
func loadChanges(rev string, paths []string) (*changeSet, error) {
	dir := "."
	for _, p := range paths {
		if p == "-" {
			continue
		}
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			dir = p
		} else {
			dir = filepath.Dir(p)
		}
		break
	}
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	root := strings.TrimSpace(string(top))
	if _, err := git(root, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--new-from-rev: %q is not a commit of %s", rev, root)
	}
	specs := []string{"--"}
	for _, p := range paths {
		if p != "-" {
			abs, _ := filepath.Abs(p)
			specs = append(specs, abs)
		}
	}
	diff, err := git(root, append([]string{"-c", "core.quotePath=false", "diff", "--no-ext-diff", "--no-renames", "--no-color", "--unified=0", rev}, specs...)...)
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	cs := &changeSet{rev: rev, files: map[string]*changedLines{}, resolved: map[string]string{}}
	resolvedRoot, _ := filepath.EvalSymlinks(root)
	for rel, lines := range parseDiff(diff) {
		cs.files[filepath.Join(resolvedRoot, filepath.FromSlash(rel))] = lines
	}
	untracked, err := git(root, append([]string{"ls-files", "-z", "--others", "--exclude-standard"}, specs...)...)
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev: %w", err)
	}
	for _, rel := range strings.Split(string(untracked), "\x00") {
		if rel != "" {
			cs.files[filepath.Join(resolvedRoot, filepath.FromSlash(rel))] = &changedLines{whole: true}
		}
	}
	return cs, nil
}

func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", args[0], msg)
	}
	return out, nil
}

// parseDiff reads `git diff --unified=0 --no-renames` output: the changed
// lines of each file, by its path relative to the repository's root. A
// deleted file has none; a binary one is changed as a whole.
func parseDiff(diff []byte) map[string]*changedLines {
	files := map[string]*changedLines{}
	var cur *changedLines
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "diff --git "):
			cur = &changedLines{}
			files[diffHeaderPath(strings.TrimPrefix(line, "diff --git "))] = cur
		case cur == nil:
		case strings.HasPrefix(line, "+++ /dev/null"):
			cur.ranges, cur.whole = nil, false
		case strings.HasPrefix(line, "Binary files "):
			cur.whole = true
		case strings.HasPrefix(line, "@@ "):
			if r, ok := hunkRange(line); ok {
				cur.ranges = append(cur.ranges, r)
			}
		}
	}
	return files
}

// diffHeaderPath takes the path out of "a/PATH b/PATH"; without renames both
// are the same, which is what makes a path with spaces unambiguous.
func diffHeaderPath(s string) string {
	if strings.HasPrefix(s, `"`) {
		if end := strings.Index(s[1:], `" `); end >= 0 {
			if p, err := strconv.Unquote(s[:end+2]); err == nil {
				return strings.TrimPrefix(p, "a/")
			}
		}
	}
	n := (len(s) - len("a/ b/")) / 2
	if n <= 0 || len(s) < 2+n {
		return s
	}
	return s[2 : 2+n]
}

// hunkRange reads the new side of "@@ -a,b +c,d @@": lines c to c+d-1; a
// pure deletion (d = 0) adds no line.
func hunkRange(header string) ([2]int, bool) {
	fields := strings.Fields(header)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
		return [2]int{}, false
	}
	start, count, found := strings.Cut(fields[2][1:], ",")
	c, err := strconv.Atoi(start)
	if err != nil {
		return [2]int{}, false
	}
	d := 1
	if found {
		if d, err = strconv.Atoi(count); err != nil {
			return [2]int{}, false
		}
	}
	if d == 0 {
		return [2]int{}, false
	}
	return [2]int{c, c + d - 1}, true
}

// file returns the changes of the file at path, or nil when it did not
// change.
func (cs *changeSet) file(path string) *changedLines {
	key, ok := cs.resolved[path]
	if !ok {
		abs, _ := filepath.Abs(filepath.FromSlash(path))
		if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
			abs = filepath.Join(dir, filepath.Base(abs))
		}
		key = abs
		cs.resolved[path] = key
	}
	return cs.files[key]
}

// covers reports whether a finding is on a changed line: for a JSON Lines
// record, whether the record's line changed.
func (cs *changeSet) covers(f lint.Located) bool {
	c := cs.file(f.Path)
	if c == nil {
		return false
	}
	if f.Record > 0 {
		return c.touches(f.Record, f.Record)
	}
	return c.touches(f.Line, f.EndLine)
}
