package lint

import (
	"bytes"
	"crypto/sha256"
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
	"sync"
)

// CacheVersion changes whenever the layout of cache entries does.
const CacheVersion = "4"

// Cache holds the per-document rules' findings of files already checked,
// keyed by the file's content and the run's rules and configuration, so that
// a re-run does not lint an unchanged file again. Entries live in pack
// files, one directory of packs per run key (see packStore); an entry that
// cannot be read or does not decode is a miss, never an error. What a run
// puts is read back by the same run at once, and by other runs once Close
// has renamed the run's pack into place.
type Cache struct {
	runKey string
	store  *packStore
}

// NewCache returns the cache under dir for runs whose rules, options,
// lexicons and scrapelint build are summed up by runKey (see RunKey).
func NewCache(dir, runKey string) *Cache {
	sum := sha256.Sum256([]byte(runKey))
	return &Cache{runKey: runKey, store: newPackStore(filepath.Join(dir, "v"+CacheVersion, hex.EncodeToString(sum[:8])))}
}

// CachesIn returns a cache for each run key that has entries under dir,
// for tools and tests that look into a cache without knowing its run keys.
// Their Key method does not know the run key either: use the keys Keys
// lists.
func CachesIn(dir string) []*Cache {
	runs, _ := os.ReadDir(filepath.Join(dir, "v"+CacheVersion))
	var out []*Cache
	for _, r := range runs {
		if r.IsDir() {
			out = append(out, &Cache{store: newPackStore(filepath.Join(dir, "v"+CacheVersion, r.Name()))})
		}
	}
	return out
}

// Dir is the directory holding the cache's packs.
func (c *Cache) Dir() string { return c.store.dir }

// Keys returns the keys of the findings entries and of the corpus entries,
// each sorted.
func (c *Cache) Keys() (findings, corpus []string) {
	return c.store.keys(kindFindings), c.store.keys(kindCorpus)
}

// Close makes what the run put visible to other runs and lets go of the
// cache's files. A cache that cannot be written only makes the next run
// slower, so callers may ignore the error.
func (c *Cache) Close() error { return c.store.close() }

// CacheEntry is what the cache keeps about one file.
type CacheEntry struct {
	Documents int
	Bytes     int64
	Findings  []CachedFinding
}

// CachedFinding is a Located without its document: everything a reporter
// reads, so that a replayed finding needs no reading of the file.
type CachedFinding struct {
	Finding
	Record                           int
	ID                               string
	Line, Column, EndLine, EndColumn int
	LineText                         string
	Fingerprint                      string
	Edits                            []EditPlace
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
		LineText: strings.Clone(f.LineText), Fingerprint: f.Fingerprint(), Edits: places,
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
		LineText: c.LineText, fingerprint: c.Fingerprint, Edits: c.Edits,
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
	r, ok := readerAfter(data, corpusMagic)
	if !ok {
		return bad
	}
	docs, ok := r.next()
	if !ok || docs > uint64(len(r.rest)) {
		return bad
	}
	e.Docs = make([]CorpusDoc, docs)
	for i := range e.Docs {
		record, ok1 := r.next()
		id, ok2 := r.bytes()
		sums, ok3 := r.next()
		if !ok1 || !ok2 || !ok3 || record > math.MaxInt32 || sums > uint64(len(r.rest))+1 {
			return bad
		}
		d := CorpusDoc{Record: int(record), ID: string(id), Sums: make([][]byte, sums)}
		for k := range d.Sums {
			if d.Sums[k], ok = r.bytes(); !ok {
				return bad
			}
		}
		e.Docs[i] = d
	}
	if len(r.rest) != 0 {
		return bad
	}
	return nil
}

// varintReader reads the varints of the cache's binary layouts, and the
// bytes a varint length measures off. next and bytes report failure; the
// other readers return zero values and set failed, for a caller that
// checks once after reading a record.
type varintReader struct {
	rest   []byte
	failed bool
}

// readerAfter reads what follows magic in data; false when data does not
// start with it.
func readerAfter(data []byte, magic string) (*varintReader, bool) {
	rest, ok := bytes.CutPrefix(data, []byte(magic))
	return &varintReader{rest: rest}, ok
}

// int reads a signed varint.
func (r *varintReader) int() int {
	v, n := binary.Varint(r.rest)
	if n <= 0 {
		r.failed = true
		return 0
	}
	r.rest = r.rest[n:]
	return int(v)
}

// count reads the length of a list, which can claim no more elements than
// bytes are left (each takes one at least).
func (r *varintReader) count() int {
	v, ok := r.next()
	if !ok || v > uint64(len(r.rest)) {
		r.failed = true
		return 0
	}
	return int(v)
}

// text reads a string's bytes.
func (r *varintReader) text() []byte {
	b, ok := r.bytes()
	if !ok {
		r.failed = true
	}
	return b
}

func (r *varintReader) byte() byte {
	if len(r.rest) == 0 {
		r.failed = true
		return 0
	}
	c := r.rest[0]
	r.rest = r.rest[1:]
	return c
}

func (r *varintReader) next() (uint64, bool) {
	v, n := binary.Uvarint(r.rest)
	if n <= 0 {
		return 0, false
	}
	r.rest = r.rest[n:]
	return v, true
}

// bytes takes a length, then that many bytes; a length can claim no more
// than what is left, so corrupt bytes cannot make a huge allocation.
func (r *varintReader) bytes() ([]byte, bool) {
	n, ok := r.next()
	if !ok || n > uint64(len(r.rest)) {
		return nil, false
	}
	out := r.rest[:n:n]
	r.rest = r.rest[n:]
	return out, true
}

// GetCorpus returns the corpus entry stored under key (a file's Key).
func (c *Cache) GetCorpus(key string) (*CorpusEntry, bool) {
	data, ok := c.store.get(kindCorpus, key)
	e := &CorpusEntry{}
	return e, ok && e.UnmarshalBinary(data) == nil
}

// PutCorpus stores a file's corpus entry under key.
func (c *Cache) PutCorpus(key string, e *CorpusEntry) error {
	data, err := e.MarshalBinary()
	if err != nil {
		return err
	}
	return c.store.put(kindCorpus, key, len(e.Docs), data)
}

// HashFile returns the SHA-256 of a file's bytes, hex encoded.
func HashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	// A pooled buffer: io.Copy from a file to a hash allocates 32 KB per
	// call, 9 GB over 300,000 small files and a quarter of the heap of a
	// cached run.
	buf := hashBuffers.Get().(*[]byte)
	defer hashBuffers.Put(buf)
	for {
		n, err := f.Read(*buf)
		h.Write((*buf)[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

var hashBuffers = sync.Pool{New: func() any {
	b := make([]byte, 32<<10)
	return &b
}}

// Key is the cache key of a file: its path (configured ignores depend on
// it), how it is read, and its content's hash, under the run's key. It is
// the hash's 32 raw bytes, not hex: a run holds a key for every file of
// the corpus, in memory as in the packs' index.
func (c *Cache) Key(in Input, opt InputOptions, contentHash string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%d\x00%s\x00%s\x00%s", c.runKey, in.Path, in.Kind, in.Compression, opt.TextField, opt.IDField, contentHash)
	return string(h.Sum(nil))
}

// Documents returns how many documents the entry stored under key holds,
// from the pack's index, without reading the entry; ok is false when there
// is no entry. An entry damaged since it was written is found when it is
// replayed, and reported then.
func (c *Cache) Documents(key string) (n int, ok bool) { return c.store.documents(key) }

// Remove deletes the entries stored under key.
func (c *Cache) Remove(key string) {
	c.store.remove(kindFindings, key)
	c.store.remove(kindCorpus, key)
}

// Get returns the entry stored under key; ok is false when there is none or
// it is unreadable.
func (c *Cache) Get(key string) (e *CacheEntry, ok bool) {
	data, ok := c.store.get(kindFindings, key)
	e = &CacheEntry{}
	if !ok || e.UnmarshalBinary(data) != nil {
		return nil, false
	}
	return e, true
}

// Put stores an entry under key.
func (c *Cache) Put(key string, e *CacheEntry) error {
	data, err := e.MarshalBinary()
	if err != nil {
		return err
	}
	return c.store.put(kindFindings, key, e.Documents, data)
}

// findingsMagic starts a findings entry. The layout after it: the document
// count and byte count, the number of findings, then each finding's fields
// in CachedFinding's order, an int as a signed varint, a string as its
// length (an unsigned varint) and bytes, a fix as 0 or 1 then its safety
// and edits, a list as its length then its elements. Binary rather than
// JSON: decoding JSON was a third of a warm re-run's time, and gob
// compiles the types of every entry it reads.
const findingsMagic = "slf1"

// MarshalBinary encodes the entry in the layout findingsMagic describes.
func (e *CacheEntry) MarshalBinary() ([]byte, error) {
	b := []byte(findingsMagic)
	b = binary.AppendVarint(b, int64(e.Documents))
	b = binary.AppendVarint(b, e.Bytes)
	b = binary.AppendUvarint(b, uint64(len(e.Findings)))
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	ints := func(vs ...int) {
		for _, v := range vs {
			b = binary.AppendVarint(b, int64(v))
		}
	}
	for _, f := range e.Findings {
		str(f.Rule)
		ints(int(f.Severity), f.Start, f.End)
		str(f.Message)
		if f.Fix == nil {
			b = append(b, 0)
		} else {
			b = append(b, 1)
			ints(int(f.Fix.Safety))
			b = binary.AppendUvarint(b, uint64(len(f.Fix.Edits)))
			for _, ed := range f.Fix.Edits {
				ints(ed.Start, ed.End)
				str(ed.NewText)
			}
		}
		ints(f.Record)
		str(f.ID)
		ints(f.Line, f.Column, f.EndLine, f.EndColumn)
		str(f.LineText)
		str(f.Fingerprint)
		b = binary.AppendUvarint(b, uint64(len(f.Edits)))
		for _, p := range f.Edits {
			ints(p.Line, p.Column, p.EndLine, p.EndColumn)
			str(p.Old)
		}
	}
	return b, nil
}

// UnmarshalBinary decodes what MarshalBinary wrote; any other bytes, a
// truncated entry among them, are an error. Rule IDs, the same few in
// every entry, share one string each.
func (e *CacheEntry) UnmarshalBinary(data []byte) error {
	bad := errors.New("findings entry: not a valid encoding")
	r, ok := readerAfter(data, findingsMagic)
	if !ok {
		return bad
	}
	docs, n, count := r.int(), r.int(), r.count()
	if r.failed || docs < 0 {
		return bad
	}
	e.Documents, e.Bytes = docs, int64(n)
	e.Findings = make([]CachedFinding, count)
	rules := map[string]string{}
	for i := range e.Findings {
		f := &e.Findings[i]
		rule := r.text()
		if f.Rule = rules[string(rule)]; f.Rule == "" {
			f.Rule = string(rule)
			rules[f.Rule] = f.Rule
		}
		f.Severity, f.Start, f.End = Severity(r.int()), r.int(), r.int()
		f.Message = string(r.text())
		switch r.byte() {
		case 0:
		case 1:
			f.Fix = &Fix{Safety: Safety(r.int())}
			if k := r.count(); k > 0 {
				f.Fix.Edits = make([]Edit, k)
				for j := range f.Fix.Edits {
					f.Fix.Edits[j] = Edit{Start: r.int(), End: r.int(), NewText: string(r.text())}
				}
			}
		default:
			return bad
		}
		f.Record = r.int()
		f.ID = string(r.text())
		f.Line, f.Column, f.EndLine, f.EndColumn = r.int(), r.int(), r.int(), r.int()
		f.LineText = string(r.text())
		f.Fingerprint = string(r.text())
		if k := r.count(); k > 0 {
			f.Edits = make([]EditPlace, k)
			for j := range f.Edits {
				f.Edits[j] = EditPlace{Line: r.int(), Column: r.int(), EndLine: r.int(), EndColumn: r.int(), Old: string(r.text())}
			}
		}
		if r.failed {
			return bad
		}
	}
	if r.failed || len(r.rest) != 0 {
		return bad
	}
	return nil
}

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
