package lint

import (
	"bufio"
	"bytes"
	"cmp"
	"container/heap"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	asmutf8 "github.com/segmentio/asm/utf8"
)

// Kind is the format of an input file. Kind and Compression are bytes:
// a run keeps an Input for every file of the corpus.
type Kind uint8

// Input kinds: a text file is one document; a JSON Lines file holds one
// document per line.
const (
	TextFile Kind = iota
	JSONLFile
)

// Compression is how an input file is compressed.
type Compression uint8

// Compressions scrapelint reads and writes.
const (
	Uncompressed Compression = iota
	Gzip
	Zstd
)

// Input is one file (or standard input) of the corpus. A run keeps one for
// every file of the corpus, so it is small: 40 bytes besides its path.
type Input struct {
	// Path is how reports name the file: the path as found by walking the
	// arguments, slash separated, or "<stdin>".
	Path string
	Size int64
	// Index is the input's position in the corpus as Expand listed it; a
	// run that leaves some inputs unread still numbers documents by it.
	Index int
	// relStart is where Rel starts in Path.
	relStart    uint16
	Kind        Kind
	Compression Compression
	Stdin       bool
}

// Rel is Path relative to the argument the file was found under (its base
// name when it was named directly, "stdin" for standard input), used to
// mirror the tree under an output directory.
func (in Input) Rel() string {
	if in.Stdin {
		return "stdin"
	}
	return in.Path[in.relStart:]
}

// newInput returns the input at path, rel being path relative to the
// argument it was found under (a suffix of path).
func newInput(path, rel string, kind Kind, comp Compression, size int64) Input {
	if !strings.HasSuffix(path, rel) || len(path)-len(rel) > math.MaxUint16 {
		rel = filepath.Base(path)
	}
	return Input{Path: path, relStart: uint16(len(path) - len(rel)), Kind: kind, Compression: comp, Size: size}
}

// InputOptions says how to find and read the corpus's files.
type InputOptions struct {
	// TextField and IDField name the JSON Lines fields holding a document's
	// text and id.
	TextField, IDField string
	// Include, when not empty, replaces the default file kinds: a file is
	// read when its path relative to the argument, or its base name, matches
	// one of these globs ("**" crosses directories).
	Include []string
	// Exclude skips files and directories matching any of these globs.
	Exclude []string
	// StdinKind is the format of standard input.
	StdinKind Kind
	// Stdin is read for the path "-"; os.Stdin when nil.
	Stdin io.Reader
	// Spooled maps the Path of an input that can be read only once
	// (standard input, a pipe named on the command line) to a temporary
	// file holding its bytes, so that it can be read twice.
	Spooled map[string]string
}

// DefaultInputOptions returns the options of a run with no flags.
func DefaultInputOptions() InputOptions {
	return InputOptions{TextField: "text", IDField: "id"}
}

// InputError is a problem with one input file or record: it could not be
// read, is not text, or is not valid JSON. The file (or record) is skipped and
// the rest of the corpus is still processed.
type InputError struct {
	Path   string
	Record int
	Err    error
}

func (e *InputError) Error() string { return location(e.Path, e.Record) + ": " + e.Err.Error() }

func (e *InputError) Unwrap() error { return e.Err }

// ClassifyName returns the kind and compression a file name implies, and
// whether it is one of the kinds a directory walk reads by default.
func ClassifyName(name string) (Kind, Compression, bool) {
	lower := strings.ToLower(name)
	comp := Uncompressed
	switch {
	case strings.HasSuffix(lower, ".gz"):
		comp, lower = Gzip, strings.TrimSuffix(lower, ".gz")
	case strings.HasSuffix(lower, ".zst"):
		comp, lower = Zstd, strings.TrimSuffix(lower, ".zst")
	}
	switch {
	case strings.HasSuffix(lower, ".jsonl"), strings.HasSuffix(lower, ".ndjson"):
		return JSONLFile, comp, true
	case strings.HasSuffix(lower, ".txt"):
		return TextFile, comp, true
	}
	return TextFile, comp, false
}

// Expand turns the command line's paths into the sorted list of input files.
// A path that does not exist, or a directory that cannot be read, becomes an
// InputError; the other paths are still expanded.
func Expand(paths []string, opt InputOptions) ([]Input, []error) {
	var inputs []Input
	var errs []error
	for in := range Inputs(paths, opt, func(err error) { errs = append(errs, err) }) {
		inputs = append(inputs, in)
	}
	return inputs, errs
}

// Inputs yields the input files of the command line's paths as Expand lists
// them, in path order, each file once (as the first path naming it finds
// it), numbered from 0, without holding the list: a run that reads the
// corpus once streams it, so that its memory does not grow with the number
// of files. problem receives, as they are met, what Expand returns as
// errors.
//
// Each path is a source in path order (a directory's files come from a
// walk that sorts each directory's entries as their full paths sort); the
// sources are merged.
func Inputs(paths []string, opt InputOptions, problem func(error)) iter.Seq[Input] {
	return func(yield func(Input) bool) {
		var named []sourced // files named directly, and standard input
		var walks []*walkSource
		defer func() {
			for _, w := range walks {
				w.stop()
			}
		}()
		for i, arg := range paths {
			if arg == "-" {
				named = append(named, sourced{Input{Path: "<stdin>", Kind: opt.StdinKind, Stdin: true}, i})
				continue
			}
			info, err := os.Stat(arg)
			if err != nil {
				problem(&InputError{Path: filepath.ToSlash(arg), Err: cleanErr(err)})
				continue
			}
			if !info.IsDir() {
				kind, comp, _ := ClassifyName(arg)
				p := filepath.ToSlash(filepath.Clean(arg))
				named = append(named, sourced{newInput(p, path.Base(p), kind, comp, info.Size()), i})
				continue
			}
			next, stop := iter.Pull(walkSorted(arg, opt, problem))
			walks = append(walks, &walkSource{next: next, stop: stop, arg: i})
		}
		// Of two namings of one file, the first path's is kept.
		slices.SortStableFunc(named, func(a, b sourced) int { return strings.Compare(a.in.Path, b.in.Path) })
		heads := &sourceHeap{}
		if len(named) > 0 {
			heads.items = append(heads.items, sourceHead{sourced: named[0], from: -1})
		}
		for k, w := range walks {
			if in, ok := w.next(); ok {
				heads.items = append(heads.items, sourceHead{sourced: sourced{in, w.arg}, from: k})
			}
		}
		heap.Init(heads)
		nextNamed, index, last := 1, 0, ""
		for heads.Len() > 0 {
			h := heads.items[0]
			// Advance the source the head came from.
			if h.from < 0 {
				if nextNamed < len(named) {
					heads.items[0] = sourceHead{sourced: named[nextNamed], from: -1}
					nextNamed++
					heap.Fix(heads, 0)
				} else {
					heap.Pop(heads)
				}
			} else if in, ok := walks[h.from].next(); ok {
				heads.items[0] = sourceHead{sourced: sourced{in, walks[h.from].arg}, from: h.from}
				heap.Fix(heads, 0)
			} else {
				heap.Pop(heads)
			}
			if index > 0 && h.in.Path == last {
				continue
			}
			h.in.Index, last = index, h.in.Path
			index++
			if !yield(h.in) {
				return
			}
		}
	}
}

// sourced is an input and the command-line path that found it.
type sourced struct {
	in  Input
	arg int
}

type walkSource struct {
	next func() (Input, bool)
	stop func()
	arg  int
}

// sourceHead is the next input of a source: the named files (from -1) or
// walks[from].
type sourceHead struct {
	sourced
	from int
}

// sourceHeap orders the sources' next inputs by path, then by the path
// that found them.
type sourceHeap struct{ items []sourceHead }

func (h *sourceHeap) Len() int { return len(h.items) }
func (h *sourceHeap) Less(i, j int) bool {
	a, b := h.items[i], h.items[j]
	if a.in.Path != b.in.Path {
		return a.in.Path < b.in.Path
	}
	return a.arg < b.arg
}
func (h *sourceHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *sourceHeap) Push(x any)    { h.items = append(h.items, x.(sourceHead)) }
func (h *sourceHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// DocSeq is the Seq of record (0 for a text file) of the input at index:
// the same in every pass over a corpus, whatever was read, and increasing
// in corpus order.
func DocSeq(index, record int) int { return index<<32 | record }

// InputIndex is the Index of the input of the document numbered seq.
func InputIndex(seq int) int { return seq >> 32 }

// InputOf returns the place in inputs, which are in Index order as Expand
// lists them and any filtering keeps them, of the input of the document
// numbered seq, or -1. A run finds a document's input by its number rather
// than keeping a map of every path.
func InputOf(inputs []Input, seq int) int {
	i, found := slices.BinarySearchFunc(inputs, InputIndex(seq), func(in Input, index int) int { return cmp.Compare(in.Index, index) })
	if !found {
		return -1
	}
	return i
}

// walkSorted yields the files under root in the order of their paths.
// Root may be a symbolic link to a directory (a corpus linked into a
// checkout; filepath.WalkDir walked nothing there, silently), but links
// under it are not followed, so a link cannot make the walk go round. The
// entries of a directory are sorted as their paths sort, a subdirectory's
// name with its "/": "b.txt" before "b/x.txt", which before "b0.txt".
func walkSorted(root string, opt InputOptions, problem func(error)) iter.Seq[Input] {
	return func(yield func(Input) bool) {
		info, err := os.Stat(root)
		if err != nil {
			problem(&InputError{Path: filepath.ToSlash(root), Err: cleanErr(err)})
			return
		}
		if info.IsDir() {
			walkDir(root, root, opt, problem, yield)
		}
	}
}

// walkDir yields the files under dir, a directory under root; false when
// yield asked to stop.
func walkDir(root, dir string, opt InputOptions, problem func(error), yield func(Input) bool) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		problem(&InputError{Path: filepath.ToSlash(dir), Err: cleanErr(err)})
		return true
	}
	// Only what the walk needs of each entry is kept while it goes down
	// the entry's subdirectories (the DirEntries are dead past this
	// loop): a directory of a million files costs its names, not a
	// million DirEntries.
	type entry struct {
		key        string // the name, with "/" for a directory
		dir, plain bool   // a directory; a regular file
	}
	list := make([]entry, len(entries))
	for i, d := range entries {
		e := entry{key: d.Name(), dir: d.IsDir(), plain: d.Type().IsRegular()}
		if e.dir {
			e.key += "/"
		}
		list[i] = e
	}
	slices.SortFunc(list, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	for _, e := range list {
		name := strings.TrimSuffix(e.key, "/")
		p := filepath.Join(dir, name)
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(name, ".") || matchAny(opt.Exclude, rel, name) {
			continue
		}
		if e.dir {
			if !walkDir(root, p, opt, problem, yield) {
				return false
			}
			continue
		}
		if !e.plain {
			continue
		}
		kind, comp, known := ClassifyName(name)
		if len(opt.Include) > 0 {
			known = matchAny(opt.Include, rel, name)
		}
		if !known {
			continue
		}
		info, err := os.Lstat(p)
		if err != nil {
			problem(&InputError{Path: filepath.ToSlash(p), Err: cleanErr(err)})
			continue
		}
		if !yield(newInput(filepath.ToSlash(filepath.Clean(p)), rel, kind, comp, info.Size())) {
			return false
		}
	}
	return true
}

func matchAny(globs []string, rel, name string) bool {
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
		if ok, _ := doublestar.Match(g, name); ok {
			return true
		}
		// A pattern naming a directory matches everything under it.
		if strings.HasPrefix(rel, strings.TrimSuffix(g, "/")+"/") {
			return true
		}
	}
	return false
}

// ValidGlob reports whether g is a glob Expand understands.
func ValidGlob(g string) bool { return doublestar.ValidatePattern(g) }

// cleanErr drops the "stat PATH:" prefix of an fs error, since every message
// names its file already.
func cleanErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// countingReader reports the bytes read from the underlying file, so that
// progress counts what was read from disk whatever the compression.
type countingReader struct {
	r     io.Reader
	count func(int)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 && c.count != nil {
		c.count(n)
	}
	return n, err
}

// Open opens an input for reading, decompressing it. count, if not nil, is
// told how many raw bytes are read.
func (in Input) Open(opt InputOptions, count func(int)) (io.ReadCloser, error) {
	var raw io.Reader
	var closer io.Closer
	if spooled, ok := opt.Spooled[in.Path]; ok {
		f, err := openFile(spooled)
		if err != nil {
			return nil, &InputError{Path: in.Path, Err: cleanErr(err)}
		}
		raw, closer = f, f
	} else if in.Stdin {
		raw = opt.Stdin
		if raw == nil {
			raw = os.Stdin
		}
	} else {
		f, err := openFile(in.Path)
		if err != nil {
			return nil, &InputError{Path: in.Path, Err: cleanErr(err)}
		}
		raw, closer = f, f
	}
	raw = &countingReader{r: raw, count: count}
	r := raw
	var dec io.Closer
	switch in.Compression {
	case Gzip:
		zr, err := gzip.NewReader(bufio.NewReaderSize(raw, 64<<10))
		if err != nil {
			closeQuietly(closer)
			return nil, &InputError{Path: in.Path, Err: fmt.Errorf("not a gzip file: %w", err)}
		}
		r, dec = zr, zr
	case Zstd:
		zr, err := zstd.NewReader(raw, zstd.WithDecoderConcurrency(1))
		if err != nil {
			closeQuietly(closer)
			return nil, &InputError{Path: in.Path, Err: fmt.Errorf("not a zstd file: %w", err)}
		}
		r, dec = zr, zstdCloser{zr}
	}
	return &readCloser{Reader: r, closers: []io.Closer{dec, closer}}, nil
}

type zstdCloser struct{ d *zstd.Decoder }

func (z zstdCloser) Close() error { z.d.Close(); return nil }

type readCloser struct {
	io.Reader
	closers []io.Closer
}

func (rc *readCloser) Close() error {
	var first error
	for _, c := range rc.closers {
		if c != nil {
			if err := c.Close(); err != nil && first == nil {
				first = err
			}
		}
	}
	return first
}

func closeQuietly(c io.Closer) {
	if c != nil {
		_ = c.Close()
	}
}

// ReadDocuments reads every document of in and hands each to emit in order.
// A problem with one record of a JSON Lines file is passed to problem and
// the next record is read; a problem that makes the whole file unreadable is
// returned. emit's error stops the read and is returned.
func ReadDocuments(in Input, opt InputOptions, count func(int), emit func(*Document) error, problem func(error)) error {
	rc, err := in.Open(opt, count)
	if err != nil {
		return err
	}
	defer closeQuietly(rc)
	if in.Kind == TextFile {
		data, err := readAll(rc, in.Size)
		if err != nil {
			return &InputError{Path: in.Path, Err: cleanErr(err)}
		}
		// The buffer is never written again, so the text can share it
		// rather than copy it.
		text := unsafe.String(unsafe.SliceData(data), len(data))
		if err := checkString(text); err != nil {
			return &InputError{Path: in.Path, Err: err}
		}
		return emit(&Document{Path: in.Path, Text: text})
	}
	return readJSONL(in, opt, rc, emit, problem)
}

// CheckText returns an error naming the line of the first invalid UTF-8
// sequence or NUL byte in data; scrapelint reads only text.
func CheckText(data []byte) error {
	return checkString(unsafe.String(unsafe.SliceData(data), len(data)))
}

// checkString is CheckText for a string, without copying it.
func checkString(s string) error {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return fmt.Errorf("line %d: binary data (a NUL byte at offset %d); not a text file", 1+strings.Count(s[:i], "\n"), i)
	}
	if !validUTF8(s) {
		i := firstInvalid([]byte(s))
		return fmt.Errorf("line %d: invalid UTF-8 at byte offset %d; convert the file to UTF-8", 1+strings.Count(s[:i], "\n"), i)
	}
	return nil
}

// validUTF8 is utf8.ValidString with AVX2 where the CPU has it
// (segmentio/asm; the library's own code elsewhere): every document is
// validated as it is read, in both passes of a run, and the library's loop,
// kept off its ASCII path by a multi-byte character every few bytes of
// Vietnamese, took a tenth of a run.
func validUTF8(s string) bool {
	return asmutf8.Valid(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// readAll reads r to the end into a buffer sized for size bytes (the
// file's size on disk, for an uncompressed file the exact size), so that a
// file is read without the repeated growing and copying of io.ReadAll.
func readAll(r io.Reader, size int64) ([]byte, error) {
	if size <= 0 || size > 1<<30 {
		size = 512
	}
	b := make([]byte, 0, size+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// JSONLRecord locates the text field's value inside a JSON Lines record, so
// that a fixed text can replace it while every other byte of the record is
// kept.
type JSONLRecord struct {
	// Line is the record's raw line without its line break.
	Line string
	// ValueStart and ValueEnd delimit the text field's JSON string value
	// (quotes included) inside Line.
	ValueStart, ValueEnd int
}

// WithText returns the record's line with the text field's value replaced by
// text, encoded as a JSON string.
func (r *JSONLRecord) WithText(text string) string {
	return r.Line[:r.ValueStart] + EncodeJSONString(text) + r.Line[r.ValueEnd:]
}

// EncodeJSONString encodes s as a JSON string without escaping HTML
// characters, which would change bytes the user did not ask to change.
func EncodeJSONString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

func readJSONL(in Input, opt InputOptions, r io.Reader, emit func(*Document) error, problem func(error)) error {
	return scanLines(in, r, func(lineNo int, line string) error {
		if perr := parseRecord(in, opt, lineNo, line, emit); perr != nil {
			var ie *InputError
			if !errors.As(perr, &ie) {
				return perr // emit asked to stop
			}
			problem(perr)
		}
		return nil
	})
}

// scanLines hands each line of r, with its 1-based number and its line
// break, to fn; fn's error stops the scan and is returned.
func scanLines(in Input, r io.Reader, fn func(lineNo int, line string) error) error {
	br := bufio.NewReaderSize(r, 256<<10)
	lineNo := 0
	for {
		line, err := br.ReadString('\n')
		if len(line) > 0 {
			lineNo++
			if ferr := fn(lineNo, line); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &InputError{Path: in.Path, Record: lineNo + 1, Err: cleanErr(err)}
		}
	}
}

// blankRecord reports whether a JSON Lines line holds nothing; such lines are
// skipped, not reported.
func blankRecord(line string) bool {
	return strings.TrimSpace(strings.TrimRight(line, "\r\n")) == ""
}

func parseRecord(in Input, opt InputOptions, lineNo int, line string, emit func(*Document) error) error {
	if blankRecord(line) {
		return nil
	}
	raw := strings.TrimRight(line, "\r\n")
	bad := func(format string, args ...any) error {
		return &InputError{Path: in.Path, Record: lineNo, Err: fmt.Errorf(format, args...)}
	}
	if err := checkString(raw); err != nil {
		return bad("%v", strings.TrimPrefix(err.Error(), "line 1: "))
	}
	rec, id, text, err := locateFields(raw, opt)
	if err != nil {
		return bad("%v", err)
	}
	if strings.IndexByte(text, 0) >= 0 {
		return bad("field %q holds binary data (a NUL character)", opt.TextField)
	}
	return emit(&Document{Path: in.Path, Record: lineNo, ID: id, Text: text, Raw: rec})
}

// locateFields reads one JSON object and returns where its text field's value
// is, the id field as a string, and the decoded text.
func locateFields(raw string, opt InputOptions) (*JSONLRecord, string, string, error) {
	if rec, id, text, ok := scanRecord(raw, opt); ok {
		return rec, id, text, nil
	}
	return decodeFields(raw, opt)
}

// decodeFields is locateFields with encoding/json: the reference behaviour,
// and the path that words the errors.
func decodeFields(raw string, opt InputOptions) (*JSONLRecord, string, string, error) {
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, "", "", fmt.Errorf("malformed JSON: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, "", "", fmt.Errorf("malformed record: want a JSON object, found %v", tok)
	}
	rec := &JSONLRecord{Line: raw, ValueStart: -1}
	var id, text string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, "", "", fmt.Errorf("malformed JSON: %w", err)
		}
		key, _ := tok.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, "", "", fmt.Errorf("malformed JSON: %w", err)
		}
		end := int(dec.InputOffset())
		switch key {
		case opt.TextField:
			if err := json.Unmarshal(value, &text); err != nil {
				return nil, "", "", fmt.Errorf("field %q is not a string", opt.TextField)
			}
			rec.ValueStart, rec.ValueEnd = end-len(value), end
		case opt.IDField:
			id = idString(value)
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, "", "", fmt.Errorf("malformed JSON: %w", err)
	}
	if rest := strings.TrimSpace(raw[dec.InputOffset():]); rest != "" {
		return nil, "", "", fmt.Errorf("malformed JSON: unexpected text after the object")
	}
	if rec.ValueStart < 0 {
		return nil, "", "", fmt.Errorf("no %q field (set --text-field)", opt.TextField)
	}
	return rec, id, text, nil
}

func idString(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(v, &n) == nil {
		return n.String()
	}
	return strconv.Quote(string(v))
}

// OutputPath returns where in.Rel lands under dir, refusing any path that
// would escape dir.
func OutputPath(dir, rel string) (string, error) {
	clean := path.Clean("/" + filepath.ToSlash(rel))
	if clean == "/" || strings.Contains(rel, "\x00") {
		return "", fmt.Errorf("cannot write %q under %s", rel, dir)
	}
	out := filepath.Join(dir, filepath.FromSlash(clean[1:]))
	r, err := filepath.Rel(dir, out)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("path %q escapes %s", rel, dir)
	}
	return out, nil
}
