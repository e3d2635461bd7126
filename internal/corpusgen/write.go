package corpusgen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/klauspost/compress/zstd"
)

// Format is how the corpus is written.
type Format string

// Formats: a tree of text files (one document each), or one JSON Lines file
// (one record each), plain or zstd-compressed.
const (
	Text      Format = "txt"
	JSONL     Format = "jsonl"
	JSONLZstd Format = "jsonl.zst"
)

// Options says what to generate.
type Options struct {
	Seed uint64
	// Docs is the number of documents; when 0, documents are generated
	// until their texts add up to Size bytes.
	Docs int
	Size int64
	// Format defaults to Text.
	Format Format
	// DocSize, when set, is the mean size of every document (see
	// Generator.ShortDocuments).
	DocSize int
}

// Entry is one line of the manifest: a defect and where it was injected.
type Entry struct {
	// File is the corpus file, relative to the corpus directory.
	File string `json:"file"`
	// Record is the 1-based record of a JSON Lines file, 0 for a text file.
	Record int    `json:"record"`
	ID     string `json:"id"`
	Defect
}

// Stats is what Write wrote.
type Stats struct {
	Docs      int
	TextBytes int64
	Defects   int
}

// CorpusDir and ManifestName are where Write puts the corpus and the
// manifest under its output directory. The manifest stays outside the corpus
// so that linting the corpus directory does not read it.
const (
	CorpusDir    = "corpus"
	ManifestName = "manifest.jsonl"
)

// Write generates a corpus under dir: the documents under dir/corpus, the
// manifest of injected defects in dir/manifest.jsonl. Documents are written
// as they are made, so memory does not grow with the corpus.
func Write(dir string, opt Options) (Stats, error) {
	if opt.Format == "" {
		opt.Format = Text
	}
	root := filepath.Join(dir, CorpusDir)
	if err := os.MkdirAll(root, 0o755); err != nil {
		return Stats{}, err
	}
	s, err := newSink(root, opt.Format)
	if err != nil {
		return Stats{}, err
	}
	mf, err := os.Create(filepath.Join(dir, ManifestName))
	if err != nil {
		s.close()
		return Stats{}, err
	}
	manifest := bufio.NewWriterSize(mf, 256<<10)
	enc := json.NewEncoder(manifest)
	enc.SetEscapeHTML(false)

	var st Stats
	g := New(opt.Seed)
	g.ShortDocuments(opt.DocSize)
	for (opt.Docs > 0 && st.Docs < opt.Docs) || (opt.Docs <= 0 && st.TextBytes < opt.Size) {
		d := g.Next()
		file, record, err := s.write(d)
		if err != nil {
			s.close()
			mf.Close()
			return st, err
		}
		for _, def := range d.Defects {
			if err := enc.Encode(Entry{File: file, Record: record, ID: d.ID, Defect: def}); err != nil {
				s.close()
				mf.Close()
				return st, err
			}
		}
		st.Docs++
		st.TextBytes += int64(len(d.Text))
		st.Defects += len(d.Defects)
	}
	err = s.close()
	if ferr := manifest.Flush(); err == nil {
		err = ferr
	}
	if cerr := mf.Close(); err == nil {
		err = cerr
	}
	return st, err
}

// ReadManifest reads the manifest Write made under dir.
func ReadManifest(dir string) ([]Entry, error) {
	f, err := os.Open(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var entries []Entry
	dec := json.NewDecoder(f)
	for {
		var e Entry
		if err := dec.Decode(&e); err == io.EOF {
			return entries, nil
		} else if err != nil {
			return nil, err
		}
		entries = append(entries, e)
	}
}

type sink interface {
	write(d *Document) (file string, record int, err error)
	close() error
}

func newSink(root string, f Format) (sink, error) {
	switch f {
	case Text:
		return &textSink{root: root}, nil
	case JSONL, JSONLZstd:
		name := "corpus." + string(f)
		file, err := os.Create(filepath.Join(root, name))
		if err != nil {
			return nil, err
		}
		s := &jsonlSink{name: name, file: file}
		var w io.Writer = file
		if f == JSONLZstd {
			// One encoder goroutine keeps the output independent of the
			// machine and leaves the cores to what is being measured.
			zw, err := zstd.NewWriter(file, zstd.WithEncoderConcurrency(1))
			if err != nil {
				file.Close()
				return nil, err
			}
			s.zw, w = zw, zw
		}
		s.w = bufio.NewWriterSize(w, 1<<20)
		return s, nil
	}
	return nil, fmt.Errorf("unknown format %q (want txt, jsonl or jsonl.zst)", f)
}

// textSink writes one file per document, a thousand to a directory.
type textSink struct {
	root    string
	lastDir string
}

func (s *textSink) write(d *Document) (string, int, error) {
	name := textName(d.Index)
	dir := path.Dir(name)
	if dir != s.lastDir {
		if err := os.MkdirAll(filepath.Join(s.root, dir), 0o755); err != nil {
			return "", 0, err
		}
		s.lastDir = dir
	}
	return name, 0, os.WriteFile(filepath.Join(s.root, name), []byte(d.Text), 0o644)
}

// textName is where document i goes in a text tree.
func textName(i int) string { return fmt.Sprintf("%04d/%08d.txt", i/1000, i) }

func (s *textSink) close() error { return nil }

// jsonlSink writes one record per document to a single file.
type jsonlSink struct {
	name    string
	file    *os.File
	zw      *zstd.Encoder
	w       *bufio.Writer
	records int
}

func (s *jsonlSink) write(d *Document) (string, int, error) {
	s.records++
	w := s.w
	w.WriteString(`{"id":"`)
	w.WriteString(d.ID)
	w.WriteString(`","lang":"`)
	w.WriteString(d.Lang)
	w.WriteString(`","url":"https://news.example/`)
	w.WriteString(d.Lang + "/" + strconv.Itoa(d.Index))
	w.WriteString(`","text":`)
	writeJSONString(w, d.Text)
	_, err := w.WriteString("}\n")
	return s.name, s.records, err
}

func (s *jsonlSink) close() error {
	err := s.w.Flush()
	if s.zw != nil {
		if zerr := s.zw.Close(); err == nil {
			err = zerr
		}
	}
	if cerr := s.file.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeJSONString writes s as a JSON string, escaping only what JSON
// requires (quotes, backslashes and control characters), as most scrapers'
// JSON writers do.
func writeJSONString(w *bufio.Writer, s string) {
	w.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		w.WriteString(s[start:i])
		switch c {
		case '"':
			w.WriteString(`\"`)
		case '\\':
			w.WriteString(`\\`)
		case '\n':
			w.WriteString(`\n`)
		case '\r':
			w.WriteString(`\r`)
		case '\t':
			w.WriteString(`\t`)
		default:
			fmt.Fprintf(w, `\u%04x`, c)
		}
		start = i + 1
	}
	w.WriteString(s[start:])
	w.WriteByte('"')
}

// ParseSize reads a size such as 1GB, 200MB, 512KiB or 1000000 (bytes).
// KB, MB and GB are powers of 1000, as MB/s figures are.
func ParseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"B", 1},
	}
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(strings.ToUpper(t), strings.ToUpper(u.suffix)) && (u.suffix != "B" || !strings.HasSuffix(t, "iB")) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("bad size %q (want e.g. 1GB, 200MB, 64KiB)", s)
	}
	return int64(f * float64(mult)), nil
}
