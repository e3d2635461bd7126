package lint

import (
	"bytes"
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// CacheVersion changes whenever the layout of cache entries does.
const CacheVersion = "2"

// Cache holds the per-document rules' findings of files already checked,
// keyed by the file's content and the run's rules and configuration, so that
// a re-run does not lint an unchanged file again. Entries are written
// atomically; an entry that cannot be read or decoded is a miss, never an
// error.
type Cache struct {
	dir    string
	runKey string
}

// NewCache returns the cache under dir for runs whose rules, options,
// lexicons and scrapelint build are summed up by runKey (see RunKey).
func NewCache(dir, runKey string) *Cache {
	return &Cache{dir: filepath.Join(dir, "v"+CacheVersion), runKey: runKey}
}

// CacheEntry is what the cache keeps about one file.
type CacheEntry struct {
	Documents int             `json:"documents"`
	Bytes     int64           `json:"bytes"`
	Findings  []CachedFinding `json:"findings"`
}

// CachedFinding is a Located without its document: everything a reporter
// reads, so that a replayed finding needs no reading of the file.
type CachedFinding struct {
	Finding
	Record                           int
	ID                               string `json:",omitempty"`
	Line, Column, EndLine, EndColumn int
	LineText                         string
	Fingerprint                      string
	Edits                            []EditPlace `json:",omitempty"`
}

// Cached drops a located finding's document. A cached finding outlives its
// document (a file's findings are kept until the file is done), so every
// string that may share the document's memory is copied: a line of text
// must not keep the whole document, or the whole read buffer of a JSON
// Lines file, alive.
func Cached(f Located) CachedFinding {
	fd := f.Finding
	fd.Message = strings.Clone(fd.Message)
	if fd.Fix != nil {
		fix := &Fix{Safety: fd.Fix.Safety, Edits: make([]Edit, len(fd.Fix.Edits))}
		for i, e := range fd.Fix.Edits {
			e.NewText = strings.Clone(e.NewText)
			fix.Edits[i] = e
		}
		fd.Fix = fix
	}
	var places []EditPlace
	if f.Edits != nil {
		places = make([]EditPlace, len(f.Edits))
		for i, p := range f.Edits {
			p.Old = strings.Clone(p.Old)
			places[i] = p
		}
	}
	return CachedFinding{
		Finding: fd, Record: f.Record, ID: strings.Clone(f.ID),
		Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
		LineText: strings.Clone(f.LineText), Fingerprint: f.Fingerprint, Edits: places,
	}
}

// Size estimates the bytes the finding holds in memory.
func (c CachedFinding) Size() int {
	n := 200 + len(c.Message) + len(c.ID) + len(c.LineText) + len(c.Fingerprint)
	if c.Fix != nil {
		for _, e := range c.Fix.Edits {
			n += 32 + len(e.NewText)
		}
	}
	for _, p := range c.Edits {
		n += 48 + len(p.Old)
	}
	return n
}

// Located returns the finding as found in the file at path; its Doc is nil.
func (c CachedFinding) Located(path string) Located {
	return Located{
		Finding: c.Finding, Path: path, Record: c.Record, ID: c.ID,
		Line: c.Line, Column: c.Column, EndLine: c.EndLine, EndColumn: c.EndColumn,
		LineText: c.LineText, Fingerprint: c.Fingerprint, Edits: c.Edits,
	}
}

// CorpusEntry is what the cache keeps of one file for the corpus rules: each
// document's summaries (see RuleSet.ObserveSummarized), so that a re-run
// feeds the first pass from them instead of reading the file.
type CorpusEntry struct {
	Docs []CorpusDoc
}

// CorpusDoc is one document's summaries.
type CorpusDoc struct {
	Record int
	ID     string
	Sums   [][]byte
}

// corpusMagic starts a corpus entry; the layout after it is, in unsigned
// varints: the number of documents, then for each its record, the length
// of its id and the id, the number of summaries and each summary's length
// and bytes. A binary layout rather than JSON: a warm re-run reads every
// file's summaries, and JSON spent most of that decoding base64.
const corpusMagic = "slc1"

// MarshalBinary encodes the entry in the layout corpusMagic describes.
func (e *CorpusEntry) MarshalBinary() ([]byte, error) {
	b := []byte(corpusMagic)
	b = binary.AppendUvarint(b, uint64(len(e.Docs)))
	for _, d := range e.Docs {
		if d.Record < 0 {
			return nil, fmt.Errorf("corpus entry: negative record %d", d.Record)
		}
		b = binary.AppendUvarint(b, uint64(d.Record))
		b = binary.AppendUvarint(b, uint64(len(d.ID)))
		b = append(b, d.ID...)
		b = binary.AppendUvarint(b, uint64(len(d.Sums)))
		for _, sum := range d.Sums {
			b = binary.AppendUvarint(b, uint64(len(sum)))
			b = append(b, sum...)
		}
	}
	return b, nil
}

// UnmarshalBinary decodes what MarshalBinary wrote; any other bytes,
// a truncated entry among them, are an error.
func (e *CorpusEntry) UnmarshalBinary(data []byte) error {
	bad := errors.New("corpus entry: not a valid encoding")
	rest, ok := bytes.CutPrefix(data, []byte(corpusMagic))
	if !ok {
		return bad
	}
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(rest)
		if n <= 0 {
			return 0, false
		}
		rest = rest[n:]
		return v, true
	}
	// bytesOf takes the next n bytes; a length can claim no more than
	// what is left, so a corrupt entry cannot make a huge allocation.
	bytesOf := func() ([]byte, bool) {
		n, ok := next()
		if !ok || n > uint64(len(rest)) {
			return nil, false
		}
		out := rest[:n:n]
		rest = rest[n:]
		return out, true
	}
	docs, ok := next()
	if !ok || docs > uint64(len(rest)) {
		return bad
	}
	e.Docs = make([]CorpusDoc, docs)
	for i := range e.Docs {
		record, ok1 := next()
		id, ok2 := bytesOf()
		sums, ok3 := next()
		if !ok1 || !ok2 || !ok3 || record > math.MaxInt32 || sums > uint64(len(rest))+1 {
			return bad
		}
		d := CorpusDoc{Record: int(record), ID: string(id), Sums: make([][]byte, sums)}
		for k := range d.Sums {
			if d.Sums[k], ok = bytesOf(); !ok {
				return bad
			}
		}
		e.Docs[i] = d
	}
	if len(rest) != 0 {
		return bad
	}
	return nil
}

// GetCorpus returns the corpus entry stored under key (a file's Key).
func (c *Cache) GetCorpus(key string) (*CorpusEntry, bool) {
	e := &CorpusEntry{}
	return e, readEntry(c.file(key)+".corpus", e)
}

// PutCorpus stores a file's corpus entry under key, atomically.
func (c *Cache) PutCorpus(key string, e *CorpusEntry) error {
	return writeEntry(c.file(key)+".corpus", e)
}

// readEntry decodes the file at path into v; false when it is missing or
// not a valid encoding.
func readEntry(path string, v any) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	if u, ok := v.(encoding.BinaryUnmarshaler); ok {
		return u.UnmarshalBinary(data) == nil
	}
	return json.Unmarshal(data, v) == nil
}

// writeEntry encodes v into the file at path, atomically. JSON rather than
// gob: a gob decoder compiles the types of every file it reads, which for
// one small entry per file took half of a re-run's time, and the type
// descriptions doubled the cache's size. The entry is renamed into place but not synced: a cache is
// disposable, an entry a crash leaves torn fails to decode and is a miss,
// and a sync per file made a first run over many small files several
// times slower.
func writeEntry(path string, v any) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	var data []byte
	if m, ok := v.(encoding.BinaryMarshaler); ok {
		var err error
		if data, err = m.MarshalBinary(); err != nil {
			return err
		}
	} else {
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(v); err != nil {
			return err
		}
		data = buf.Bytes()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".scrapelint-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// HashFile returns the SHA-256 of a file's bytes, hex encoded.
func HashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Key is the cache key of a file: its path (configured ignores depend on
// it), how it is read, and its content's hash, under the run's key.
func (c *Cache) Key(in Input, opt InputOptions, contentHash string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%d\x00%s\x00%s\x00%s", c.runKey, in.Path, in.Kind, in.Compression, opt.TextField, opt.IDField, contentHash)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) file(key string) string {
	return filepath.Join(c.dir, key[:2], key[2:]+".json")
}

// Documents returns how many documents the entry stored under key holds,
// without decoding its findings; ok is false when there is no entry or it
// is cut short. Only the number and the entry's last bytes are read:
// decoding every entry here and again when its findings are replayed was a
// fifth of a warm re-run. An entry damaged in the middle is found when it
// is replayed, and reported then.
func (c *Cache) Documents(key string) (n int, ok bool) {
	data, err := os.ReadFile(c.file(key))
	if err != nil {
		return 0, false
	}
	rest, found := bytes.CutPrefix(data, []byte(`{"documents":`))
	if !found || !bytes.HasSuffix(data, []byte("}\n")) {
		return 0, false
	}
	digits := 0
	for digits < len(rest) && digits < 10 && '0' <= rest[digits] && rest[digits] <= '9' {
		n = n*10 + int(rest[digits]-'0')
		digits++
	}
	if digits == 0 || digits == len(rest) || rest[digits] != ',' {
		return 0, false
	}
	return n, true
}

// Remove deletes the entries stored under key.
func (c *Cache) Remove(key string) {
	os.Remove(c.file(key))
	os.Remove(c.file(key) + ".corpus")
}

// Get returns the entry stored under key; ok is false when there is none or
// it is unreadable.
func (c *Cache) Get(key string) (e *CacheEntry, ok bool) {
	e = &CacheEntry{}
	if !readEntry(c.file(key), e) || e.Documents < 0 {
		return nil, false
	}
	return e, true
}

// Put stores an entry under key, atomically.
func (c *Cache) Put(key string, e *CacheEntry) error { return writeEntry(c.file(key), e) }

// RunKey sums up what a file's per-document findings depend on besides the
// file: the scrapelint build, the language, and every enabled rule's
// settings. extra adds what the caller knows of (configured ignores).
func RunKey(build string, rs *RuleSet, extra ...string) string {
	h := sha256.New()
	fmt.Fprintf(h, "scrapelint cache %s\x00%s\x00%s\x00", CacheVersion, build, rs.Lang)
	for _, s := range rs.Settings {
		h.Write([]byte(s.Stable()))
		h.Write([]byte{0})
	}
	for _, x := range extra {
		h.Write([]byte(x))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Stable is a deterministic serialisation of the settings: the rule's ID,
// its severity, every option's value and every lexicon's entries, sorted by
// name. Two settings that would make the rule behave differently serialise
// differently.
func (s *Settings) Stable() string {
	var b strings.Builder
	fmt.Fprintf(&b, "rule=%q severity=%s", s.Rule.ID, s.Severity)
	for _, name := range sortedNames(s.options) {
		v, _ := json.Marshal(s.options[name])
		fmt.Fprintf(&b, " option %q=%s", name, v)
	}
	for _, name := range sortedNames(s.lexicons) {
		l := s.lexicons[name]
		fmt.Fprintf(&b, " lexicon %q literals=%q patterns=[", name, l.Literals)
		for _, p := range l.Patterns {
			fmt.Fprintf(&b, "%q ", p.String())
		}
		b.WriteString("]")
	}
	return b.String()
}

func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
