package lint

import (
	"strings"
	"testing"
	"unsafe"
)

// sharesMemory reports whether s points into text's bytes.
func sharesMemory(s, text string) bool {
	if s == "" || text == "" {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	base := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	return p >= base && p < base+uintptr(len(text))
}

// A cached finding is kept after its document is done with: none of its
// strings may keep the document's text alive.
func TestCachedCopiesTheDocumentsStrings(t *testing.T) {
	text := strings.Repeat("Một dòng bình thường của bài báo.\n", 100) + "Giai đoạn 20202024 kết thúc.\n"
	d := NewDocument("a.txt", text)
	start := strings.Index(text, "20202024")
	f := Finding{
		Rule: "glued-date", Start: start, End: start + 8,
		Message: text[start : start+8],
		Fix:     &Fix{Safety: Safe, Edits: []Edit{{Start: start, End: start + 8, NewText: text[start : start+4]}}},
	}
	l := Locate(d, f)
	if !sharesMemory(l.LineText, text) {
		t.Fatal("the test is wrong: Locate's line text no longer shares the document's memory")
	}
	c := Cached(l)
	if c.LineText != l.LineText || c.Message != f.Message || c.Fix.Edits[0].NewText != "2020" || c.Edits[0].Old != "20202024" {
		t.Fatalf("Cached changed the finding: %+v", c)
	}
	for name, s := range map[string]string{
		"line text": c.LineText, "message": c.Message,
		"fix text": c.Fix.Edits[0].NewText, "edit place": c.Edits[0].Old,
	} {
		if sharesMemory(s, text) {
			t.Errorf("the cached %s shares the document's memory", name)
		}
	}
	if &c.Fix.Edits[0] == &f.Fix.Edits[0] {
		t.Error("the cached fix shares the finding's edits")
	}
	if c.Size() < len(c.LineText)+len(c.Message) {
		t.Errorf("Size %d is less than the strings it holds", c.Size())
	}
}
