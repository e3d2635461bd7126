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
// earlier ones entry by entry. Layout: packHeader; the entries' payloads
// back to back; the index, in packShards shards by a hash of the key; the
// shard table (each shard's length and CRC-32C); the footer (the index's
// offset, the shard table's CRC-32C, packFooterMagic). An index entry is a
// kind byte (with packRemoved set for a removal), the key's length and key,
// the document count, and the payload's offset, length and CRC-32C.
//
// The shards let a run that asks for a few keys (one small file) read a
// few kilobytes of index instead of the whole cache's; a run over the whole
// corpus loads every shard. A pack whose footer or shard table does not
// check is damaged and removed; a shard or payload that does not check is
// a miss.
type packStore struct {
	dir string

	mu     sync.Mutex
	opened bool
	packs  []*packFile
	// shards says which shards of every pack are in index.
	shards  [packShards]bool
	index   map[packKey]packLoc
	pending *pendingPack
}

const (
	packHeader      = "slpack1\n"
	packFooterMagic = "slpk"
	packFooterSize  = 16 // index offset, shard table CRC-32C, packFooterMagic
	packShards      = 256
	shardTableSize  = packShards * 8
	packSuffix      = ".pack"
	pendingPrefix   = ".pending-"
	// maxPacks is how many packs a run key's directory may hold before a
	// run merges the newest ones: a run reads every pack's shard table.
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

func shardOf(key string) int { return int(crc32.Checksum([]byte(key), packCRC) % packShards) }

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
	size int64
	// shardOff[i] is where shard i of the index starts; shardOff[packShards]
	// is where the shard table starts.
	shardOff [packShards + 1]int64
	shardCRC [packShards]uint32
}

// packEntry is one entry of a pack's index.
type packEntry struct {
	kind   byte
	key    string
	docs   int
	off, n int64
	crc    uint32
}

// in is where the entry's payload lies, in pf.
func (e packEntry) in(pf *packFile) packLoc {
	return packLoc{pack: pf, off: e.off, n: e.n, crc: e.crc, docs: e.docs}
}

// pendingPack is the pack this run writes.
type pendingPack struct {
	file    *packFile
	w       *bufio.Writer
	off     int64
	entries [packShards][]packEntry
}

func newPackStore(dir string) *packStore {
	return &packStore{dir: dir, index: map[packKey]packLoc{}}
}

// open reads every pack's shard table, oldest first, once. The caller
// holds mu.
func (s *packStore) open() {
	if s.opened {
		return
	}
	s.opened = true
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
		pf, err := openPack(path)
		if errors.Is(err, errDamagedPack) {
			os.Remove(path)
		}
		if err == nil {
			s.packs = append(s.packs, pf)
		}
		// Any other error: removed by another run's merge since the
		// listing, or unreadable; either way a miss.
	}
}

var errDamagedPack = errors.New("damaged cache pack")

// openPack opens a pack and reads its footer and shard table.
func openPack(path string) (*packFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	pf := &packFile{f: f, path: path}
	if err := pf.readShardTable(); err != nil {
		f.Close()
		return nil, err
	}
	return pf, nil
}

func (pf *packFile) readShardTable() error {
	info, err := pf.f.Stat()
	if err != nil {
		return err
	}
	pf.size = info.Size()
	tableOff := pf.size - packFooterSize - shardTableSize
	if tableOff < int64(len(packHeader)) {
		return errDamagedPack
	}
	tail := make([]byte, shardTableSize+packFooterSize)
	if _, err := pf.f.ReadAt(tail, tableOff); err != nil {
		return err
	}
	table, footer := tail[:shardTableSize], tail[shardTableSize:]
	if string(footer[12:]) != packFooterMagic || crc32.Checksum(table, packCRC) != binary.LittleEndian.Uint32(footer[8:12]) {
		return errDamagedPack
	}
	off := binary.LittleEndian.Uint64(footer[:8])
	if off < uint64(len(packHeader)) || off > uint64(tableOff) {
		return errDamagedPack
	}
	for i := range packShards {
		pf.shardOff[i] = int64(off)
		off += uint64(binary.LittleEndian.Uint32(table[i*8:]))
		pf.shardCRC[i] = binary.LittleEndian.Uint32(table[i*8+4:])
	}
	if off != uint64(tableOff) {
		return errDamagedPack
	}
	pf.shardOff[packShards] = tableOff
	return nil
}

// readShard returns the index entries of one shard; none when the shard
// does not check.
func (pf *packFile) readShard(i int) []packEntry {
	data := make([]byte, pf.shardOff[i+1]-pf.shardOff[i])
	if len(data) == 0 {
		return nil
	}
	if _, err := pf.f.ReadAt(data, pf.shardOff[i]); err != nil || crc32.Checksum(data, packCRC) != pf.shardCRC[i] {
		return nil
	}
	entries, err := parsePackIndex(data, pf.shardOff[0])
	if err != nil {
		return nil
	}
	return entries
}

// loadShard puts shard i of every pack into the index, oldest pack first.
// The caller holds mu.
func (s *packStore) loadShard(i int) {
	s.open()
	if s.shards[i] {
		return
	}
	s.shards[i] = true
	for _, pf := range s.packs {
		s.apply(pf, pf.readShard(i))
	}
}

func (s *packStore) apply(pf *packFile, entries []packEntry) {
	for _, e := range entries {
		k := packKey{kind: e.kind &^ packRemoved, key: e.key}
		if e.kind&packRemoved != 0 {
			delete(s.index, k)
			continue
		}
		s.index[k] = e.in(pf)
	}
}

// parsePackIndex decodes index entries whose payloads all lie in
// [len(packHeader), payloadEnd).
func parsePackIndex(index []byte, payloadEnd int64) ([]packEntry, error) {
	if payloadEnd < int64(len(packHeader)) {
		return nil, errDamagedPack
	}
	r := &varintReader{rest: index}
	var entries []packEntry
	for len(r.rest) > 0 {
		kind := r.rest[0]
		r.rest = r.rest[1:]
		key, ok := r.bytes()
		if !ok || (kind&^packRemoved != kindFindings && kind&^packRemoved != kindCorpus) {
			return nil, errDamagedPack
		}
		docs, ok1 := r.next()
		off, ok2 := r.next()
		n, ok3 := r.next()
		if !ok1 || !ok2 || !ok3 || len(r.rest) < 4 || docs > math.MaxInt32 ||
			off < uint64(len(packHeader)) || off > uint64(payloadEnd) || n > uint64(payloadEnd)-off {
			return nil, errDamagedPack
		}
		e := packEntry{kind: kind, key: string(key), docs: int(docs), off: int64(off), n: int64(n)}
		e.crc = binary.LittleEndian.Uint32(r.rest)
		r.rest = r.rest[4:]
		entries = append(entries, e)
	}
	return entries, nil
}

func packEntryBytes(entries []packEntry) []byte {
	var b []byte
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

// add appends an index entry to the pending pack. Its entries are not in
// the index: lookups look at them first, and a cold run, which writes an
// entry for every file and reads none back, does not hold each twice.
// The caller holds mu.
func (s *packStore) add(e packEntry) {
	i := shardOf(e.key)
	s.pending.entries[i] = append(s.pending.entries[i], e)
}

// pendingEntry returns the pending pack's last entry for key, a removal
// among them. The caller holds mu.
func (s *packStore) pendingEntry(kind byte, key string) (packEntry, bool) {
	if s.pending == nil {
		return packEntry{}, false
	}
	entries := s.pending.entries[shardOf(key)]
	for j := len(entries) - 1; j >= 0; j-- {
		if e := entries[j]; e.kind&^packRemoved == kind && e.key == key {
			return e, true
		}
	}
	return packEntry{}, false
}

func (s *packStore) put(kind byte, key string, docs int, payload []byte) error {
	if docs < 0 || docs > math.MaxInt32 {
		return fmt.Errorf("cache entry: %d documents", docs)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.startPending(); err != nil {
		return err
	}
	p := s.pending
	if _, err := p.w.Write(payload); err != nil {
		return err
	}
	e := packEntry{kind: kind, key: key, docs: docs, off: p.off, n: int64(len(payload)), crc: crc32.Checksum(payload, packCRC)}
	p.off += e.n
	s.add(e)
	return nil
}

func (s *packStore) remove(kind byte, key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.locate(kind, key); !ok {
		return
	}
	if s.startPending() == nil {
		s.add(packEntry{kind: kind | packRemoved, key: key, off: int64(len(packHeader))})
	}
}

func (s *packStore) lookup(kind byte, key string) (packLoc, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.locate(kind, key)
}

// locate finds the entry for key: this run's last, or the newest pack's.
// The caller holds mu.
func (s *packStore) locate(kind byte, key string) (packLoc, bool) {
	if e, ok := s.pendingEntry(kind, key); ok {
		if e.kind&packRemoved != 0 || s.pending.w.Flush() != nil {
			return packLoc{}, false
		}
		// Flushed: the entry may have been in the buffer.
		return e.in(s.pending.file), true
	}
	s.loadShard(shardOf(key))
	loc, ok := s.index[packKey{kind: kind, key: key}]
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
	var out []string
	// Candidates from this run's entries and the packs'; locate decides
	// which of them a removal or a later entry leaves.
	candidates := map[string]bool{}
	for i := range packShards {
		s.loadShard(i)
		if s.pending != nil {
			for _, e := range s.pending.entries[i] {
				candidates[e.key] = true
			}
		}
	}
	for k := range s.index {
		candidates[k.key] = true
	}
	for key := range candidates {
		if _, ok := s.locate(kind, key); ok {
			out = append(out, key)
		}
	}
	sort.Strings(out)
	return out
}

// close renames this run's pack into place, merges the newest packs when
// there are too many, and lets go of the files. The store is empty
// afterwards and opens again on its next use.
func (s *packStore) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	wrote := s.pending != nil
	if wrote {
		s.open() // to count the packs, before this run's joins them
	}
	err := s.commitPending()
	if err == nil && len(s.packs) > maxPacks {
		err = s.merge()
	}
	if s.opened {
		s.forgetUnused(wrote)
	}
	for _, pf := range s.packs {
		pf.f.Close()
	}
	s.packs, s.index, s.opened, s.shards = nil, map[packKey]packLoc{}, false, [packShards]bool{}
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
	forgetOldVersions(filepath.Dir(parent), filepath.Base(parent), now)
}

// forgetOldVersions removes the directories of other cache versions under
// root (a build with another layout made them; this one never reads them)
// once none of their run keys has been used for unusedAfter: a build of the
// old layout may still be in use beside this one. Only a directory that
// looks like one the cache made goes ("v" and digits, holding only run-key
// directories), whatever else --cache-dir holds.
func forgetOldVersions(root, current string, now time.Time) {
	versions, _ := os.ReadDir(root)
	for _, v := range versions {
		name := v.Name()
		if !v.IsDir() || name == current || len(name) < 2 || name[0] != 'v' || strings.Trim(name[1:], "0123456789") != "" {
			continue
		}
		dir := filepath.Join(root, name)
		if last, ok := lastUsed(dir); ok && last.Before(now.Add(-unusedAfter)) {
			os.RemoveAll(dir)
		}
	}
}

// lastUsed is the latest modification time of dir and its run-key
// directories (each touched when a run uses it); false when dir holds
// anything but run-key directories.
func lastUsed(dir string) (time.Time, bool) {
	info, err := os.Stat(dir)
	if err != nil {
		return time.Time{}, false
	}
	latest := info.ModTime()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return time.Time{}, false
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !e.IsDir() || !runKeyDirName(e.Name()) {
			return time.Time{}, false
		}
		if info.ModTime().After(latest) {
			latest = info.ModTime()
		}
	}
	return latest, true
}

// runKeyDirName reports whether name is how NewCache names a run key's
// directory: 16 hexadecimal digits.
func runKeyDirName(name string) bool {
	return len(name) == 16 && strings.Trim(name, "0123456789abcdef") == ""
}

// commitPending finishes the pending pack and renames it into place; its
// file stays open, among the opened packs. The caller holds mu.
func (s *packStore) commitPending() error {
	p := s.pending
	if p == nil {
		return nil
	}
	s.pending = nil
	indexOff := p.off
	table := make([]byte, 0, shardTableSize)
	var err error
	for i := range packShards {
		shard := packEntryBytes(p.entries[i])
		table = binary.LittleEndian.AppendUint32(table, uint32(len(shard)))
		table = binary.LittleEndian.AppendUint32(table, crc32.Checksum(shard, packCRC))
		if err == nil {
			_, err = p.w.Write(shard)
		}
	}
	footer := binary.LittleEndian.AppendUint64(nil, uint64(indexOff))
	footer = binary.LittleEndian.AppendUint32(footer, crc32.Checksum(table, packCRC))
	footer = append(footer, packFooterMagic...)
	if err == nil {
		_, err = p.w.Write(table)
	}
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
	if err == nil {
		p.file.path = final
		err = p.file.readShardTable()
	}
	if err != nil {
		p.file.f.Close()
		os.Remove(p.file.path)
		return err
	}
	s.packs = append(s.packs, p.file)
	return nil
}

// merge writes what the newest packs hold into one pack and removes them.
// The newest: those after the largest pack, when that holds most of the
// bytes, so that a run over one small file does not copy the whole cache;
// otherwise all of them. The merged pack keeps their removals, which may
// concern older packs. A pack another run adds meanwhile is not among
// them and stays. The caller holds mu.
func (s *packStore) merge() error {
	largest, total := 0, int64(0)
	for i, pf := range s.packs {
		total += pf.size
		if pf.size > s.packs[largest].size {
			largest = i
		}
	}
	from := 0
	if s.packs[largest].size*2 > total && len(s.packs)-largest-1 >= 2 {
		from = largest + 1
	}
	merged := s.packs[from:]
	if err := s.startPending(); err != nil {
		return err
	}
	p := s.pending
	for i := range packShards {
		// The shard's net effect: each key's last entry among the merged
		// packs, removals included (not needed when merging them all).
		last := map[packKey]int{}
		var entries []packEntry
		var source []*packFile
		for _, pf := range merged {
			for _, e := range pf.readShard(i) {
				k := packKey{kind: e.kind &^ packRemoved, key: e.key}
				if j, ok := last[k]; ok {
					entries[j], source[j] = e, pf
					continue
				}
				last[k] = len(entries)
				entries = append(entries, e)
				source = append(source, pf)
			}
		}
		for j, e := range entries {
			if e.kind&packRemoved != 0 {
				if len(merged) < len(s.packs) {
					p.entries[i] = append(p.entries[i], e)
				}
				continue
			}
			data, ok := e.in(source[j]).read()
			if !ok {
				continue
			}
			if _, err := p.w.Write(data); err != nil {
				s.abortPending()
				return err
			}
			e.off = p.off
			p.off += e.n
			p.entries[i] = append(p.entries[i], e)
		}
	}
	kept := s.packs[:from:from]
	old := s.packs
	s.packs = kept
	if err := s.commitPending(); err != nil {
		s.packs = old
		return err
	}
	for _, pf := range merged {
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
