package lint

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
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

func TestCorpusEntryRoundTrip(t *testing.T) {
	e := &CorpusEntry{Docs: []CorpusDoc{
		{Record: 0, Sums: [][]byte{{1, 2, 3}, nil, {}}},
		{Record: 7, ID: "bài-7", Sums: [][]byte{bytes.Repeat([]byte{0xff}, 300)}},
		{Record: 1 << 20, ID: "x"},
	}}
	data, err := e.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got CorpusEntry
	if err := got.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if len(got.Docs) != 3 || got.Docs[1].ID != "bài-7" || got.Docs[2].Record != 1<<20 ||
		!bytes.Equal(got.Docs[0].Sums[0], []byte{1, 2, 3}) || len(got.Docs[0].Sums) != 3 || len(got.Docs[1].Sums[0]) != 300 {
		t.Errorf("round trip: %+v", got)
	}
	// Every truncation, and anything appended, is an error: a torn entry
	// is a miss.
	for n := range len(data) {
		if (&CorpusEntry{}).UnmarshalBinary(data[:n]) == nil {
			t.Errorf("the entry cut to %d of %d bytes decoded", n, len(data))
		}
	}
	if (&CorpusEntry{}).UnmarshalBinary(append(data, 0)) == nil {
		t.Error("an entry with a byte appended decoded")
	}
}

// FuzzCorpusEntry: any bytes decode without a panic, and what decodes
// encodes to bytes that decode to the same entry (not always to the same
// bytes: a varint may be written with needless continuation bytes).
func FuzzCorpusEntry(f *testing.F) {
	seed, _ := (&CorpusEntry{Docs: []CorpusDoc{{Record: 3, ID: "a", Sums: [][]byte{{9}}}}}).MarshalBinary()
	f.Add(seed)
	f.Add([]byte("slc1\xff\xff\xff\xff\x0f"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var e CorpusEntry
		if e.UnmarshalBinary(data) != nil {
			return
		}
		again, err := e.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded %x, cannot encode it: %v", data, err)
		}
		var e2 CorpusEntry
		if err := e2.UnmarshalBinary(again); err != nil {
			t.Fatalf("decoded %x, encoded %x, which does not decode: %v", data, again, err)
		}
		if third, _ := e2.MarshalBinary(); !bytes.Equal(third, again) {
			t.Errorf("decoded %x: encodings differ, %x then %x", data, again, third)
		}
	})
}

// TestCacheEntryRoundTrip encodes findings with and without fixes, ids,
// edit places and text in and out of ASCII, and decodes them equal; every
// truncation is an error.
func TestCacheEntryRoundTrip(t *testing.T) {
	e := &CacheEntry{Documents: 3, Bytes: 1 << 40, Findings: []CachedFinding{
		{Finding: Finding{Rule: "glued-date", Severity: Error, Start: 10, End: 18, Message: "“20202025” glued",
			Fix: &Fix{Safety: Safe, Edits: []Edit{{Start: 14, End: 14, NewText: "-"}}}},
			Record: 2, ID: "bài-2", Line: 1, Column: 11, EndLine: 1, EndColumn: 19, LineText: "Nhiệm kỳ 20202025", Fingerprint: "abc",
			Edits: []EditPlace{{Line: 1, Column: 15, EndLine: 1, EndColumn: 15, Old: ""}}},
		{Finding: Finding{Rule: "repeated-line", Severity: Warning, Start: 0, End: 0, Message: ""},
			Line: 3, Column: 1, EndLine: 4, EndColumn: 1},
		{Finding: Finding{Rule: "glued-date", Severity: Info, Start: 1 << 33, End: 1<<33 + 2, Message: "x",
			Fix: &Fix{Safety: Unsafe}}},
	}}
	data, err := e.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got CacheEntry
	if err := got.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&got, e) {
		t.Errorf("round trip:\n%+v\nwant\n%+v", got, *e)
	}
	if got.Findings[0].Rule != got.Findings[2].Rule || unsafe.StringData(got.Findings[0].Rule) != unsafe.StringData(got.Findings[2].Rule) {
		t.Error("one rule's findings do not share its ID")
	}
	for n := range len(data) {
		if (&CacheEntry{}).UnmarshalBinary(data[:n]) == nil {
			t.Errorf("the entry cut to %d of %d bytes decoded", n, len(data))
		}
	}
	if (&CacheEntry{}).UnmarshalBinary(append(data, 0)) == nil {
		t.Error("an entry with a byte appended decoded")
	}
	if (&CacheEntry{}).UnmarshalBinary([]byte(`{"documents":1,"findings":[]}`)) == nil {
		t.Error("an entry of the old JSON layout decoded")
	}
}

// FuzzCacheEntry: any bytes decode without a panic, and what decodes
// encodes to bytes that decode to the same entry.
func FuzzCacheEntry(f *testing.F) {
	seed, _ := (&CacheEntry{Documents: 1, Findings: []CachedFinding{{Finding: Finding{Rule: "r", Message: "m", Fix: &Fix{Edits: []Edit{{NewText: "x"}}}}, Edits: []EditPlace{{Old: "o"}}}}}).MarshalBinary()
	f.Add(seed)
	f.Add([]byte("slf1\x02\x00\xff\xff\xff\xff\x0f"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var e CacheEntry
		if e.UnmarshalBinary(data) != nil {
			return
		}
		again, err := e.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded %x, cannot encode it: %v", data, err)
		}
		var e2 CacheEntry
		if err := e2.UnmarshalBinary(again); err != nil {
			t.Fatalf("decoded %x, encoded %x, which does not decode: %v", data, again, err)
		}
		if !reflect.DeepEqual(e, e2) {
			t.Errorf("decoded %x: %+v, then %+v", data, e, e2)
		}
	})
}

// TestHashFile hashes files shorter and longer than its buffer, and an
// empty one, as sha256 of their bytes; a missing file is an error.
func TestHashFile(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 32<<10 - 1, 32 << 10, 32<<10 + 1, 100_000} {
		data := bytes.Repeat([]byte("Hà Nội "), size/9+1)[:size]
		path := filepath.Join(dir, fmt.Sprint(size))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if got, err := HashFile(path); err != nil || got != hex.EncodeToString(sum[:]) {
			t.Errorf("%d bytes: %s, %v; want %x", size, got, err, sum)
		}
	}
	if _, err := HashFile(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing file hashed without error")
	}
}
