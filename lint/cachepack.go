package lint

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// A packStore keeps a run key's cache entries in pack files: a run appends
// every entry it writes to one file and renames that into place when it
// is done, instead of creating a file per entry. A file per entry cost a
// cold run over 145,867 files two file creations and two renames each, a
// third of its time on ext4 (most of it in the kernel); appending costs
// microseconds.
//
// A pack is immutable once renamed into place, so concurrent runs never
// write the same file: each adds its own pack, and later packs override
// earlier ones entry by entry. Layout: packHeader, the entries' payloads
// back to back, the index, then a fixed footer (the index's offset, its
// CRC-32C, packFooterMagic). Each index entry is a kind byte (with
// packRemoved set for a removal), the key's length and key, the document
// count, and the payload's offset, length and CRC-32C. A pack whose footer
// or index does not check is damaged and removed; an entry whose payload
// does not check is a miss.
type packStore struct {
	dir string

	mu      sync.Mutex
	loaded  bool
	index   map[packKey]packLoc
	packs   []*packFile
	pending *pendingPack
}

const (
	packHeader      = "slpack1\n"
	packFooterMagic = "slpk"
	packFooterSize  = 16 // index offset, CRC-32C, packFooterMagic
	packSuffix      = ".pack"
	pendingPrefix   = ".pending-"
	// maxPacks is how many packs a run key's directory may hold before a
	// run merges them into one: every run reads every pack's index.
	maxPacks = 16
	// abandonedAfter is the age after which a pending pack no run renamed
	// (its run was killed) is removed.
	abandonedAfter = 24 * time.Hour
	// unusedAfter is the age after which another run key's directory is
	// removed: every build and every change of settings starts a new one,
	// and no run would read the old one's packs again.
	unusedAfter = 30 * 24 * time.Hour
)

const (
	kindFindings byte = 1
	kindCorpus   byte = 2
	// packRemoved marks an index entry that removes its key from the
	// packs before it.
	packRemoved byte = 0x80
)

var packCRC = crc32.MakeTable(crc32.Castagnoli)

type packKey struct {
	kind byte
	key  string
}

type packLoc struct {
	pack   *packFile
	off, n int64
	crc    uint32
	docs   int
}

type packFile struct {
	f    *os.File
	path string
}

// packEntry is one entry of a pack's index.
type packEntry struct {
	kind   byte
	key    string
	docs   int
	off, n int64
	crc    uint32
}

// pendingPack is the pack this run is writing.
type pendingPack struct {
	file    *packFile
	w       *bufio.Writer
	off     int64
	entries []packEntry
}

func newPackStore(dir string) *packStore {
	return &packStore{dir: dir, index: map[packKey]packLoc{}}
}

// load reads every pack's index, oldest first, once. The caller holds mu.
func (s *packStore) load() {
	if s.loaded {
		return
	}
	s.loaded = true
	names, _ := os.ReadDir(s.dir) // no directory yet: an empty cache
	for _, de := range names {
		name := de.Name()
		if strings.HasPrefix(name, pendingPrefix) {
			if info, err := de.Info(); err == nil && time.Since(info.ModTime()) > abandonedAfter {
				os.Remove(filepath.Join(s.dir, name))
			}
			continue
		}
		if !strings.HasSuffix(name, packSuffix) {
			continue
		}
		path := filepath.Join(s.dir, name)
		f, err := os.Open(path)
		if err != nil {
			continue // removed by another run's merge since the listing
		}
		entries, err := readPackIndex(f)
		if err != nil {
			f.Close()
			if errors.Is(err, errDamagedPack) {
				os.Remove(path)
			}
			continue
		}
		pf := &packFile{f: f, path: path}
		s.packs = append(s.packs, pf)
		s.apply(pf, entries)
	}
}

func (s *packStore) apply(pf *packFile, entries []packEntry) {
	for _, e := range entries {
		k := packKey{kind: e.kind &^ packRemoved, key: e.key}
		if e.kind&packRemoved != 0 {
			delete(s.index, k)
			continue
		}
		s.index[k] = packLoc{pack: pf, off: e.off, n: e.n, crc: e.crc, docs: e.docs}
	}
}

var errDamagedPack = errors.New("damaged cache pack")

// readPackIndex reads a pack's footer and index.
func readPackIndex(f *os.File) ([]packEntry, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := info.Size()
	if size < int64(len(packHeader)+packFooterSize) {
		return nil, errDamagedPack
	}
	var footer [packFooterSize]byte
	if _, err := f.ReadAt(footer[:], size-packFooterSize); err != nil {
		return nil, err
	}
	if string(footer[12:]) != packFooterMagic {
		return nil, errDamagedPack
	}
	indexOff := binary.LittleEndian.Uint64(footer[:8])
	indexEnd := uint64(size - packFooterSize)
	if indexOff < uint64(len(packHeader)) || indexOff > indexEnd {
		return nil, errDamagedPack
	}
	index := make([]byte, indexEnd-indexOff)
	if _, err := f.ReadAt(index, int64(indexOff)); err != nil {
		return nil, err
	}
	if crc32.Checksum(index, packCRC) != binary.LittleEndian.Uint32(footer[8:12]) {
		return nil, errDamagedPack
	}
	return parsePackIndex(index, int64(indexOff))
}

// parsePackIndex decodes an index whose payloads all lie in
// [len(packHeader), payloadEnd).
func parsePackIndex(index []byte, payloadEnd int64) ([]packEntry, error) {
	if payloadEnd < int64(len(packHeader)) {
		return nil, errDamagedPack
	}
	rest := index
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(rest)
		if n <= 0 {
			return 0, false
		}
		rest = rest[n:]
		return v, true
	}
	count, ok := next()
	if !ok || count > uint64(len(rest)) {
		return nil, errDamagedPack
	}
	entries := make([]packEntry, 0, count)
	for range count {
		if len(rest) == 0 {
			return nil, errDamagedPack
		}
		kind := rest[0]
		rest = rest[1:]
		keyLen, ok := next()
		if !ok || keyLen > uint64(len(rest)) || (kind&^packRemoved != kindFindings && kind&^packRemoved != kindCorpus) {
			return nil, errDamagedPack
		}
		e := packEntry{kind: kind, key: string(rest[:keyLen])}
		rest = rest[keyLen:]
		docs, ok1 := next()
		off, ok2 := next()
		n, ok3 := next()
		if !ok1 || !ok2 || !ok3 || len(rest) < 4 || docs > math.MaxInt32 ||
			off < uint64(len(packHeader)) || off > uint64(payloadEnd) || n > uint64(payloadEnd)-off {
			return nil, errDamagedPack
		}
		e.docs, e.off, e.n = int(docs), int64(off), int64(n)
		e.crc = binary.LittleEndian.Uint32(rest)
		rest = rest[4:]
		entries = append(entries, e)
	}
	if len(rest) != 0 {
		return nil, errDamagedPack
	}
	return entries, nil
}

func packIndexBytes(entries []packEntry) []byte {
	b := binary.AppendUvarint(nil, uint64(len(entries)))
	for _, e := range entries {
		b = append(b, e.kind)
		b = binary.AppendUvarint(b, uint64(len(e.key)))
		b = append(b, e.key...)
		b = binary.AppendUvarint(b, uint64(e.docs))
		b = binary.AppendUvarint(b, uint64(e.off))
		b = binary.AppendUvarint(b, uint64(e.n))
		b = binary.LittleEndian.AppendUint32(b, e.crc)
	}
	return b
}

// startPending creates the pack this run writes. The caller holds mu.
func (s *packStore) startPending() error {
	if s.pending != nil {
		return nil
	}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(s.dir, pendingPrefix+"*")
	if err != nil {
		return err
	}
	p := &pendingPack{file: &packFile{f: f, path: f.Name()}, w: bufio.NewWriterSize(f, 256<<10)}
	if _, err := p.w.WriteString(packHeader); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	p.off = int64(len(packHeader))
	s.pending = p
	return nil
}

func (s *packStore) put(kind byte, key string, docs int, payload []byte) error {
	if docs < 0 || docs > math.MaxInt32 {
		return fmt.Errorf("cache entry: %d documents", docs)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.load()
	if err := s.startPending(); err != nil {
		return err
	}
	p := s.pending
	if _, err := p.w.Write(payload); err != nil {
		return err
	}
	e := packEntry{kind: kind, key: key, docs: docs, off: p.off, n: int64(len(payload)), crc: crc32.Checksum(payload, packCRC)}
	p.off += e.n
	p.entries = append(p.entries, e)
	s.apply(p.file, []packEntry{e})
	return nil
}

func (s *packStore) remove(kind byte, key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.load()
	k := packKey{kind: kind, key: key}
	if _, ok := s.index[k]; !ok {
		return
	}
	delete(s.index, k)
	if s.startPending() == nil {
		s.pending.entries = append(s.pending.entries, packEntry{kind: kind | packRemoved, key: key, off: int64(len(packHeader))})
	}
}

func (s *packStore) lookup(kind byte, key string) (packLoc, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.load()
	loc, ok := s.index[packKey{kind: kind, key: key}]
	if ok && s.pending != nil && loc.pack == s.pending.file {
		// Written by this run and maybe still in the buffer.
		if s.pending.w.Flush() != nil {
			return packLoc{}, false
		}
	}
	return loc, ok
}

// get returns the payload stored under key; false when there is none or it
// does not check.
func (s *packStore) get(kind byte, key string) ([]byte, bool) {
	loc, ok := s.lookup(kind, key)
	if !ok {
		return nil, false
	}
	return loc.read()
}

func (loc packLoc) read() ([]byte, bool) {
	data := make([]byte, loc.n)
	if _, err := loc.pack.f.ReadAt(data, loc.off); err != nil {
		return nil, false
	}
	return data, crc32.Checksum(data, packCRC) == loc.crc
}

func (s *packStore) documents(key string) (int, bool) {
	loc, ok := s.lookup(kindFindings, key)
	return loc.docs, ok
}

// keys returns the keys of the entries of kind, sorted.
func (s *packStore) keys(kind byte) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.load()
	var out []string
	for k := range s.index {
		if k.kind == kind {
			out = append(out, k.key)
		}
	}
	sort.Strings(out)
	return out
}

// close renames this run's pack into place, merges the packs when there
// are too many, and lets go of the files. The store is empty afterwards
// and loads again on its next use.
func (s *packStore) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	wrote := s.pending != nil
	err := s.commitPending()
	if err == nil && len(s.packs) > maxPacks {
		err = s.merge()
	}
	if s.loaded {
		s.forgetUnused(wrote)
	}
	for _, pf := range s.packs {
		pf.f.Close()
	}
	s.packs, s.index, s.loaded = nil, map[packKey]packLoc{}, false
	return err
}

// forgetUnused marks the run key's directory as used (renaming a pack
// into it already did) and removes the other run keys' directories no run
// has used for unusedAfter. The caller holds mu.
func (s *packStore) forgetUnused(wrote bool) {
	now := time.Now()
	if !wrote {
		if os.Chtimes(s.dir, now, now) != nil {
			return // no directory: nothing was ever cached under this key
		}
	}
	parent := filepath.Dir(s.dir)
	siblings, _ := os.ReadDir(parent)
	for _, de := range siblings {
		if !de.IsDir() || de.Name() == filepath.Base(s.dir) {
			continue
		}
		if info, err := de.Info(); err == nil && now.Sub(info.ModTime()) > unusedAfter {
			os.RemoveAll(filepath.Join(parent, de.Name()))
		}
	}
}

// commitPending finishes the pending pack and renames it into place; its
// file stays open, among the loaded packs. The caller holds mu.
func (s *packStore) commitPending() error {
	p := s.pending
	if p == nil {
		return nil
	}
	s.pending = nil
	index := packIndexBytes(p.entries)
	footer := binary.LittleEndian.AppendUint64(nil, uint64(p.off))
	footer = binary.LittleEndian.AppendUint32(footer, crc32.Checksum(index, packCRC))
	footer = append(footer, packFooterMagic...)
	_, err := p.w.Write(index)
	if err == nil {
		_, err = p.w.Write(footer)
	}
	if err == nil {
		err = p.w.Flush()
	}
	// Not synced, like any cache entry before: a pack a crash leaves torn
	// fails its checks and is a miss.
	final := filepath.Join(s.dir, fmt.Sprintf("%016x-%08x%s", time.Now().UnixNano(), rand.Uint32(), packSuffix))
	if err == nil {
		err = os.Rename(p.file.path, final)
	}
	if err != nil {
		p.file.f.Close()
		os.Remove(p.file.path)
		return err
	}
	p.file.path = final
	s.packs = append(s.packs, p.file)
	return nil
}

// merge writes every live entry into one new pack and removes the packs
// it read. A pack another run adds meanwhile is not among them and stays.
// The caller holds mu.
func (s *packStore) merge() error {
	keys := make([]packKey, 0, len(s.index))
	for k := range s.index {
		keys = append(keys, k)
	}
	// In the order the entries lie on disk, for sequential reads.
	sort.Slice(keys, func(i, j int) bool {
		a, b := s.index[keys[i]], s.index[keys[j]]
		if a.pack != b.pack {
			return a.pack.path < b.pack.path
		}
		return a.off < b.off
	})
	if err := s.startPending(); err != nil {
		return err
	}
	p := s.pending
	for _, k := range keys {
		loc := s.index[k]
		data, ok := loc.read()
		if !ok {
			continue
		}
		if _, err := p.w.Write(data); err != nil {
			s.abortPending()
			return err
		}
		p.entries = append(p.entries, packEntry{kind: k.kind, key: k.key, docs: loc.docs, off: p.off, n: loc.n, crc: loc.crc})
		p.off += loc.n
	}
	old := s.packs
	s.packs = nil
	if err := s.commitPending(); err != nil {
		s.packs = old
		return err
	}
	for _, pf := range old {
		pf.f.Close()
		os.Remove(pf.path)
	}
	return nil
}

func (s *packStore) abortPending() {
	if s.pending != nil {
		s.pending.file.f.Close()
		os.Remove(s.pending.file.path)
		s.pending = nil
	}
}
