package corpusgen

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"

	_ "github.com/scrapelint/scrapelint/lint/linttest" // defines -update
)

// treeBytes reads every file under dir into one map, path to content.
func treeBytes(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestSameSeedSameBytes(t *testing.T) {
	for _, f := range []Format{Text, JSONL, JSONLZstd} {
		t.Run(string(f), func(t *testing.T) {
			a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
			opt := Options{Seed: 7, Docs: 300, Format: f}
			for _, dir := range []string{a, b} {
				if _, err := Write(dir, opt); err != nil {
					t.Fatal(err)
				}
			}
			opt.Seed = 8
			if _, err := Write(c, opt); err != nil {
				t.Fatal(err)
			}
			ta, tb, tc := treeBytes(t, a), treeBytes(t, b), treeBytes(t, c)
			if len(ta) != len(tb) {
				t.Fatalf("same seed: %d files, then %d", len(ta), len(tb))
			}
			for name, data := range ta {
				if !bytes.Equal(data, tb[name]) {
					t.Errorf("same seed: %s differs", name)
				}
			}
			if bytes.Equal(ta[ManifestName], tc[ManifestName]) {
				t.Errorf("seeds 7 and 8 gave the same manifest")
			}
		})
	}
}

// TestFormatsHoldSameTexts checks that the random stream does not depend on
// the output format: the JSON Lines records decode to the text files.
func TestFormatsHoldSameTexts(t *testing.T) {
	txt, zst := t.TempDir(), t.TempDir()
	if _, err := Write(txt, Options{Seed: 3, Docs: 120, Format: Text}); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(zst, Options{Seed: 3, Docs: 120, Format: JSONLZstd}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(zst, CorpusDir, "corpus.jsonl.zst"))
	if err != nil {
		t.Fatal(err)
	}
	dec, _ := zstd.NewReader(nil)
	data, err := dec.DecodeAll(raw, nil)
	if err != nil {
		t.Fatal(err)
	}
	records := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(records) != 120 {
		t.Fatalf("%d records, want 120", len(records))
	}
	g := New(3)
	for i, rec := range records {
		d := g.Next()
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		writeJSONString(w, d.Text)
		w.Flush()
		if !strings.Contains(rec, `"text":`+buf.String()+"}") {
			t.Fatalf("record %d does not hold document %d's text", i+1, i)
		}
		file, err := os.ReadFile(filepath.Join(txt, CorpusDir, filepath.FromSlash(textName(i))))
		if err != nil {
			t.Fatal(err)
		}
		if string(file) != d.Text {
			t.Fatalf("text file %d differs from the generator's document", i)
		}
	}
}

// TestManifestPointsAtDefects checks that every manifest entry's text is on
// the line it names, so that the manifest can serve as ground truth.
func TestManifestPointsAtDefects(t *testing.T) {
	g := New(11)
	rules := map[string]bool{}
	for range 2000 {
		d := g.Next()
		if !utf8.ValidString(d.Text) {
			t.Fatalf("%s: invalid UTF-8", d.ID)
		}
		lines := strings.Split(d.Text, "\n")
		for _, def := range d.Defects {
			rules[def.Rule] = true
			if def.Line == 0 {
				continue
			}
			if def.Line > len(lines) {
				t.Fatalf("%s: defect %s at line %d of %d", d.ID, def.Rule, def.Line, len(lines))
			}
			if !strings.Contains(lines[def.Line-1], def.Text) {
				t.Errorf("%s line %d: %s text %q not on the line %q", d.ID, def.Line, def.Rule, def.Text, lines[def.Line-1])
			}
		}
	}
	for _, id := range []string{"doubled-headline", "repeated-line", "near-duplicate-paragraph", "glued-date", "missing-dash",
		"missing-space", "truncated-range", "cms-tag", "markup-leak", "page-furniture", "metadata-line", "sidebar-item",
		"non-nfc-text", "mismatched-quotes", "duplicate-document", "near-duplicate-document", "boilerplate-line", "empty-document"} {
		if !rules[id] {
			t.Errorf("2000 documents hold no %s defect", id)
		}
	}
}

func TestDocumentSizes(t *testing.T) {
	g := New(5)
	n, mid, large := 3000, 0, 0
	for range n {
		size := len(g.Next().Text)
		if size >= 2000 && size <= 10000 {
			mid++
		}
		if size > 200000+hugeLineSize/2 {
			t.Fatalf("document of %d bytes", size)
		}
		if size > 20000 {
			large++
		}
	}
	if mid < n*7/10 || large == 0 {
		t.Errorf("%d of %d documents are 2-10 KB and %d over 20 KB; want most in 2-10 KB and a tail", mid, n, large)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1GB": 1e9, "200MB": 200e6, "64KiB": 65536, "1000": 1000, "1.5M": 1.5e6, "2GiB": 2 << 30} {
		got, err := ParseSize(in)
		if err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "GB", "-1MB", "ten"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}
