package lint

import (
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// jsonlCases are records for the differential test: the fast scanner must
// agree with encoding/json whenever it takes a record, and must leave to
// encoding/json what it cannot take.
var jsonlCases = []struct {
	record string
	fast   bool // whether the fast path should take it
}{
	{`{"id":"a1","text":"Giá lúa tăng.\nDòng hai."}`, true},
	{`  {"text" : "x" , "id" : 17 }  `, true},
	{`{"id":-1.5e+3,"text":""}`, true},
	{`{"meta":{"a":[1,2,{"b":null}],"c":true,"d":false},"text":"t","tags":[]}`, true},
	{`{"text":"quote \" backslash \\ slash \/ \b\f\r\t tab"}`, true},
	{`{"text":"\u0041\u1ea1\u00e0 emoji \ud83d\ude00 lone \ud83d end \ude00 x \ud83d\u0041"}`, true},
	{`{"text":"first","text":"second"}`, true},
	{`{"id":"x","id":"y","text":"t"}`, true},
	{`{"id":"a\u0062c","text":"t"}`, true},
	{`{"text":"Việt Nam – “trích dẫn”"}`, true},
	{`{"te\u0078t":"escaped key"}`, false},
	{`{"text":null}`, false},
	{`{"text":12}`, false},
	{`{"id":true,"text":"t"}`, false},
	{`{"id":{"n":1},"text":"t"}`, false},
	{`{"other":"no text"}`, false},
	{`{}`, false},
	{`[1,2]`, false},
	{`{"text":"t"} trailing`, false},
	{`{"text":"t",}`, false},
	{`{"text":"t" "id":1}`, false},
	{`{"text":"raw` + "\t" + `tab"}`, false},
	{`{"text":"bad \x escape"}`, false},
	{`{"text":"bad \u12G4"}`, false},
	{`{"id":01,"text":"t"}`, false},
	{`{"id":1.,"text":"t"}`, false},
	{`{"id":-,"text":"t"}`, false},
	{`{"text":"t","n":tru}`, false},
	{`{"text":"unterminated}`, false},
	{`{"text":"t"}` + "\u00a0", false},
	{`{"text":"t"`, false},
}

func TestScanRecordAgreesWithEncodingJSON(t *testing.T) {
	opt := DefaultInputOptions()
	for _, c := range jsonlCases {
		_, _, _, ok := scanRecord(c.record, opt)
		if ok != c.fast {
			t.Errorf("scanRecord(%q) ok = %v, want %v", c.record, ok, c.fast)
		}
		compareLocate(t, c.record, opt)
	}
}

// compareLocate checks that locateFields (fast path first) and decodeFields
// (encoding/json only) give the same answer for raw.
func compareLocate(t *testing.T, raw string, opt InputOptions) {
	t.Helper()
	rec1, id1, text1, err1 := locateFields(raw, opt)
	rec2, id2, text2, err2 := decodeFields(raw, opt)
	if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
		t.Fatalf("%q: error %v, encoding/json says %v", raw, err1, err2)
	}
	if err1 != nil {
		return
	}
	if id1 != id2 || text1 != text2 || *rec1 != *rec2 {
		t.Fatalf("%q: got id %q text %q rec %+v; encoding/json gives id %q text %q rec %+v", raw, id1, text1, *rec1, id2, text2, *rec2)
	}
	if got := rec1.WithText(text1); got != raw[:rec1.ValueStart]+EncodeJSONString(text1)+raw[rec1.ValueEnd:] {
		t.Fatalf("%q: WithText gives %q", raw, got)
	}
}

// FuzzScanRecord holds the fast JSON Lines path to encoding/json's answers
// on arbitrary records.
func FuzzScanRecord(f *testing.F) {
	for _, c := range jsonlCases {
		f.Add(c.record)
	}
	opt := DefaultInputOptions()
	f.Fuzz(func(t *testing.T, raw string) {
		if checkString(raw) != nil {
			return // parseRecord rejects these before locating fields
		}
		compareLocate(t, raw, opt)
	})
}

func TestReadAll(t *testing.T) {
	data := strings.Repeat("Dòng chữ tiếng Việt.\n", 500)
	for _, size := range []int64{0, 1, 100, int64(len(data)), int64(len(data)) + 10, 1 << 40} {
		got, err := readAll(iotest.HalfReader(strings.NewReader(data)), size)
		if err != nil || string(got) != data {
			t.Errorf("size hint %d: read %d bytes, %v; want %d", size, len(got), err, len(data))
		}
	}
	if _, err := readAll(iotest.ErrReader(iotest.ErrTimeout), 10); !errors.Is(err, iotest.ErrTimeout) {
		t.Errorf("error %v, want %v", err, iotest.ErrTimeout)
	}
}

func TestCheckStringMatchesCheckText(t *testing.T) {
	for _, s := range []string{"", "ok\nfine", "a\nb\x00c", "line\n\xffbad", "x\n\ny\xe1\xbaz", "Việt Nam"} {
		e1, e2 := CheckText([]byte(s)), checkString(s)
		if (e1 == nil) != (e2 == nil) || (e1 != nil && e1.Error() != e2.Error()) {
			t.Errorf("%q: CheckText %v, checkString %v", s, e1, e2)
		}
	}
}

// TestReadDocumentsTextFile reads a text file through the sized buffer and
// checks the document is the file, byte for byte.
func TestReadDocumentsTextFile(t *testing.T) {
	dir := t.TempDir()
	text := "\ufeffTiêu đề\r\nĐoạn một.\nkhông có dòng mới"
	path := dir + "/a.txt"
	if err := writeFile(path, text); err != nil {
		t.Fatal(err)
	}
	inputs, errs := Expand([]string{path}, DefaultInputOptions())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	err := ReadDocuments(inputs[0], DefaultInputOptions(), nil, func(d *Document) error {
		got = append(got, d.Text)
		return nil
	}, func(err error) { t.Error(err) })
	if err != nil || len(got) != 1 || got[0] != text {
		t.Fatalf("read %q, %v", got, err)
	}
	if err := writeFile(path, "ok\n\xff"); err != nil {
		t.Fatal(err)
	}
	inputs, _ = Expand([]string{path}, DefaultInputOptions())
	err = ReadDocuments(inputs[0], DefaultInputOptions(), nil, func(*Document) error { return nil }, func(error) {})
	if err == nil || !strings.Contains(err.Error(), "line 2: invalid UTF-8") {
		t.Errorf("invalid file: error %v", err)
	}
}

func writeFile(path, text string) error { return os.WriteFile(path, []byte(text), 0o644) }

// TestJSONStringStop compares the eight-byte test with a byte-by-byte one:
// every byte value at every place among bytes that do not stop a run
// (ASCII letters, UTF-8 of Vietnamese, 0x20, 0x7F and 0xFF), then words
// of random bytes.
func TestJSONStringStop(t *testing.T) {
	stops := func(b []byte) bool {
		for _, c := range b {
			if c == '"' || c == '\\' || c < 0x20 {
				return true
			}
		}
		return false
	}
	fillers := [][]byte{[]byte("abcdefgh"), []byte("người ơ"), {0x20, 0x7F, 0xFF, 0x21, 0x5B, 0x5D, 0x23, 0x80}}
	for _, fill := range fillers {
		for at := range 8 {
			for c := range 256 {
				b := slices.Clone(fill[:8])
				b[at] = byte(c)
				if got, want := jsonStringStop(binary.LittleEndian.Uint64(b)), stops(b); got != want {
					t.Fatalf("% x: %v, want %v", b, got, want)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 5))
	for range 200000 {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], rng.Uint64())
		if got, want := jsonStringStop(binary.LittleEndian.Uint64(b[:])), stops(b[:]); got != want {
			t.Fatalf("% x: %v, want %v", b, got, want)
		}
	}
}
