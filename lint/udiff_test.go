package lint_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
)

var diffCases = []struct{ name, old, new string }{
	{"one line changed", "a\nb\nc\n", "a\nB\nc\n"},
	{"line deleted", "một\nhai\nba\nbốn\nnăm\nsáu\nbảy\ntám\nchín\nmười\n", "một\nhai\nba\nbốn\nnăm\nbảy\ntám\nchín\nmười\n"},
	{"two hunks", strings.Repeat("x\n", 3) + "a\n" + strings.Repeat("y\n", 10) + "b\n", strings.Repeat("x\n", 3) + "A\n" + strings.Repeat("y\n", 10) + "B\n"},
	{"close changes share a hunk", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\nX\n3\n4\n5\n6\n7\nY\n9\n"},
	{"no final newline", "a\nb", "a\nc"},
	{"final newline added", "a\nb", "a\nb\n"},
	{"final newline removed", "a\nb\n", "a\nb"},
	{"crlf kept", "Dòng một\r\nDòng hai\r\nDòng ba\r\n", "Dòng một\r\nDòng ba\r\n"},
	{"everything removed", "a\nb\n", ""},
	{"from empty", "", "a\n"},
	{"first line deleted", "a\nb\nc\nd\ne\n", "b\nc\nd\ne\n"},
	{"last line deleted", "a\nb\nc\nd\ne\n", "a\nb\nc\nd\n"},
}

func TestUnifiedDiffStats(t *testing.T) {
	got, st := lint.UnifiedDiff("a/f", "b/f", "a\nb\nc\n", "a\nB\nc\nd\n")
	if st.Added != 2 || st.Removed != 1 {
		t.Errorf("stat %+v, want 2 added, 1 removed", st)
	}
	want := "--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n"
	if got != want {
		t.Errorf("diff\n%s\nwant\n%s", got, want)
	}
	if got, _ := lint.UnifiedDiff("a/f", "b/f", "same\n", "same\n"); got != "" {
		t.Errorf("equal texts gave a diff: %q", got)
	}
}

// TestUnifiedDiffApplies applies each diff with git apply and patch and
// checks the result is byte for byte the new text.
func TestUnifiedDiffApplies(t *testing.T) {
	tools := map[string][]string{"git": {"git", "apply", "-"}, "patch": {"patch", "-p1", "-s", "--binary"}}
	for tool, argv := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Logf("%s not installed; not applying diffs with it", tool)
			continue
		}
		for _, c := range diffCases {
			dir := t.TempDir()
			name := filepath.Join(dir, "doc.txt")
			if err := os.WriteFile(name, []byte(c.old), 0o644); err != nil {
				t.Fatal(err)
			}
			d, _ := lint.UnifiedDiff("a/doc.txt", "b/doc.txt", c.old, c.new)
			cmd := exec.Command(argv[0], argv[1:]...)
			cmd.Dir = dir
			cmd.Stdin = strings.NewReader(d)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s: %s: %v\n%s\ndiff:\n%s", tool, c.name, err, out, d)
				continue
			}
			got, err := os.ReadFile(name)
			if err != nil && c.new == "" {
				continue // patch removes a file it empties
			}
			if string(got) != c.new {
				t.Errorf("%s: %s: applied diff gives %q, want %q\ndiff:\n%s", tool, c.name, got, c.new, d)
			}
		}
	}
}
