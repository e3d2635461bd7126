package main

import "testing"

func TestParseDiff(t *testing.T) {
	diff := "diff --git a/corpus/tin mới.txt b/corpus/tin mới.txt\n" +
		"--- a/corpus/tin mới.txt\n+++ b/corpus/tin mới.txt\n" +
		"@@ -1,0 +2,3 @@\n+x\n@@ -9 +12 @@\n-y\n+z\n@@ -20,2 +22,0 @@\n-gone\n" +
		"diff --git a/old.txt b/old.txt\ndeleted file mode 100644\n--- a/old.txt\n+++ /dev/null\n@@ -1,2 +0,0 @@\n" +
		"diff --git a/x.jsonl.gz b/x.jsonl.gz\nBinary files a/x.jsonl.gz and b/x.jsonl.gz differ\n"
	files := parseDiff([]byte(diff))
	c := files["corpus/tin mới.txt"]
	if c == nil || c.whole {
		t.Fatalf("files: %v", files)
	}
	for line, want := range map[int]bool{1: false, 2: true, 4: true, 5: false, 12: true, 13: false, 22: false} {
		if c.touches(line, line) != want {
			t.Errorf("line %d changed: %v, want %v", line, !want, want)
		}
	}
	if d := files["old.txt"]; d == nil || d.touches(1, 100) {
		t.Errorf("a deleted file has no changed line: %+v", d)
	}
	if b := files["x.jsonl.gz"]; b == nil || !b.whole {
		t.Errorf("a binary file changes as a whole: %+v", b)
	}
}
