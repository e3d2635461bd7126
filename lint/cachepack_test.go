package lint

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func findingsEntry(docs int, message string) *CacheEntry {
	return &CacheEntry{Documents: docs, Bytes: 100, Findings: []CachedFinding{{Finding: Finding{Rule: "glued-date", Message: message}, Line: 3}}}
}

func wantMessage(t *testing.T, c *Cache, key, want string) {
	t.Helper()
	e, ok := c.Get(key)
	if want == "" {
		if ok {
			t.Errorf("Get(%q) = %+v, want a miss", key, e)
		}
		return
	}
	if !ok || len(e.Findings) != 1 || e.Findings[0].Message != want {
		t.Errorf("Get(%q) = %+v, %v; want the entry saying %q", key, e, ok, want)
	}
}

func packsIn(t *testing.T, c *Cache) []string {
	t.Helper()
	packs, err := filepath.Glob(filepath.Join(c.Dir(), "*"+packSuffix))
	if err != nil {
		t.Fatal(err)
	}
	return packs
}

// What a run puts it reads back at once; other runs read it once the run
// has closed its cache, and only under the same run key.
func TestCacheRoundTripAcrossRuns(t *testing.T) {
	dir := t.TempDir()
	c := NewCache(dir, "run")
	if err := c.Put("k1", findingsEntry(42, "một")); err != nil {
		t.Fatal(err)
	}
	corpus := &CorpusEntry{Docs: []CorpusDoc{{Record: 3, ID: "bài-3", Sums: [][]byte{{1, 2}, {}}}}}
	if err := c.PutCorpus("k1", corpus); err != nil {
		t.Fatal(err)
	}
	wantMessage(t, c, "k1", "một")
	if n, ok := c.Documents("k1"); !ok || n != 42 {
		t.Errorf("Documents before Close = %d, %v; want 42, true", n, ok)
	}
	other := NewCache(dir, "run")
	wantMessage(t, other, "k1", "")
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	wantMessage(t, other, "k1", "") // other had loaded the cache before the pack was there
	again := NewCache(dir, "run")
	wantMessage(t, again, "k1", "một")
	if n, ok := again.Documents("k1"); !ok || n != 42 {
		t.Errorf("Documents = %d, %v; want 42, true", n, ok)
	}
	got, ok := again.GetCorpus("k1")
	if !ok || len(got.Docs) != 1 || got.Docs[0].ID != "bài-3" || !bytes.Equal(got.Docs[0].Sums[0], []byte{1, 2}) {
		t.Errorf("GetCorpus = %+v, %v", got, ok)
	}
	if _, ok := again.Documents("k2"); ok {
		t.Error("a missing key is not a miss")
	}
	if _, ok := again.GetCorpus("k2"); ok {
		t.Error("a missing corpus key is not a miss")
	}
	wantMessage(t, NewCache(dir, "another run"), "k1", "")
	f, c2 := again.Keys()
	if fmt.Sprint(f, c2) != "[k1] [k1]" {
		t.Errorf("Keys = %v, %v", f, c2)
	}
	if caches := CachesIn(dir); len(caches) != 1 || caches[0].Dir() != again.Dir() {
		t.Errorf("CachesIn found %d caches", len(caches))
	}
	if len(packsIn(t, again)) != 1 {
		t.Errorf("one run wrote %d packs, want 1", len(packsIn(t, again)))
	}
	again.Close()
}

func TestCacheRemove(t *testing.T) {
	dir := t.TempDir()
	c := NewCache(dir, "run")
	c.Put("k1", findingsEntry(1, "một"))
	c.Put("k2", findingsEntry(1, "hai"))
	c.PutCorpus("k1", &CorpusEntry{})
	c.Close()

	c = NewCache(dir, "run")
	c.Remove("k1")
	wantMessage(t, c, "k1", "")
	if _, ok := c.GetCorpus("k1"); ok {
		t.Error("the corpus entry outlived Remove")
	}
	c.Close()
	c = NewCache(dir, "run")
	wantMessage(t, c, "k1", "")
	wantMessage(t, c, "k2", "hai")
	// Put after Remove, in one run and in the next.
	c.Remove("k2")
	c.Put("k2", findingsEntry(1, "hai lần"))
	wantMessage(t, c, "k2", "hai lần")
	// Put, then Remove, in one run.
	c.Put("k3", findingsEntry(1, "ba"))
	c.Remove("k3")
	wantMessage(t, c, "k3", "")
	if f, _ := c.Keys(); fmt.Sprint(f) != "[k2]" {
		t.Errorf("Keys = %v, want [k2]", f)
	}
	c.Close()
	c = NewCache(dir, "run")
	wantMessage(t, c, "k2", "hai lần")
	wantMessage(t, c, "k3", "")
	c.Close()
}

// Damage is a miss, never an error; a pack whose index does not check is
// removed, one whose payload does not check loses only that entry.
func TestCacheDamagedPacks(t *testing.T) {
	fill := func(t *testing.T) (string, string) {
		dir := t.TempDir()
		c := NewCache(dir, "run")
		c.Put("k1", findingsEntry(1, "một"))
		c.Put("k2", findingsEntry(2, "hai"))
		c.Close()
		packs := packsIn(t, c)
		if len(packs) != 1 {
			t.Fatalf("%d packs", len(packs))
		}
		return dir, packs[0]
	}
	t.Run("payload", func(t *testing.T) {
		dir, pack := fill(t)
		data, _ := os.ReadFile(pack)
		i := bytes.Index(data, []byte("một"))
		data[i] = 'M'
		os.WriteFile(pack, data, 0o644)
		c := NewCache(dir, "run")
		wantMessage(t, c, "k1", "")
		wantMessage(t, c, "k2", "hai")
		c.Close()
	})
	t.Run("shard", func(t *testing.T) {
		dir, pack := fill(t)
		pf, err := openPack(pack)
		if err != nil {
			t.Fatal(err)
		}
		pf.f.Close()
		if shardOf("k1") == shardOf("k2") {
			t.Fatal("the test needs k1 and k2 in different shards")
		}
		data, _ := os.ReadFile(pack)
		data[pf.shardOff[shardOf("k1")]+1] ^= 1
		os.WriteFile(pack, data, 0o644)
		c := NewCache(dir, "run")
		wantMessage(t, c, "k1", "")
		wantMessage(t, c, "k2", "hai")
		c.Close()
		if _, err := os.Stat(pack); err != nil {
			t.Errorf("a pack with one damaged shard was removed: %v", err)
		}
	})
	for name, damage := range map[string]func([]byte) []byte{
		"truncated":     func(b []byte) []byte { return b[:len(b)-3] },
		"shard table":   func(b []byte) []byte { b[len(b)-packFooterSize-3] ^= 1; return b },
		"footer offset": func(b []byte) []byte { b[len(b)-packFooterSize] ^= 0x40; return b },
		"empty":         func([]byte) []byte { return nil },
		"not a pack":    func([]byte) []byte { return []byte("{not a pack}") },
	} {
		t.Run(name, func(t *testing.T) {
			dir, pack := fill(t)
			data, _ := os.ReadFile(pack)
			os.WriteFile(pack, damage(data), 0o644)
			c := NewCache(dir, "run")
			wantMessage(t, c, "k1", "")
			if _, ok := c.Documents("k2"); ok {
				t.Error("an entry of a damaged pack is a hit")
			}
			if _, err := os.Stat(pack); !os.IsNotExist(err) {
				t.Errorf("the damaged pack was kept: %v", err)
			}
			// The cache still works.
			c.Put("k1", findingsEntry(1, "lại"))
			c.Close()
			wantMessage(t, NewCache(dir, "run"), "k1", "lại")
		})
	}
}

// Runs that overlap each add their own pack; none loses the other's.
func TestCacheConcurrentRuns(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	for run := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := NewCache(dir, "run")
			for i := range 50 {
				key := fmt.Sprintf("r%d-%d", run, i)
				if err := c.Put(key, findingsEntry(i, key)); err != nil {
					t.Error(err)
				}
				// Workers read entries while the emitter writes them.
				wantMessage(t, c, fmt.Sprintf("r%d-%d", run, i/2), fmt.Sprintf("r%d-%d", run, i/2))
			}
			if err := c.Close(); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	c := NewCache(dir, "run")
	for run := range 4 {
		for i := range 50 {
			key := fmt.Sprintf("r%d-%d", run, i)
			wantMessage(t, c, key, key)
		}
	}
	c.Close()
}

// Past maxPacks the packs are merged into one, keeping the newest value of
// each key and none of the removed ones.
func TestCacheMergesPacks(t *testing.T) {
	dir := t.TempDir()
	for run := range maxPacks + 1 {
		c := NewCache(dir, "run")
		c.Put(fmt.Sprintf("k%d", run), findingsEntry(1, fmt.Sprintf("run %d", run)))
		c.Put("shared", findingsEntry(1, fmt.Sprintf("shared %d", run)))
		c.PutCorpus("shared", &CorpusEntry{Docs: []CorpusDoc{{Record: run}}})
		if run == 5 {
			c.Remove("k3")
		}
		if got := len(packsIn(t, c)); got != run {
			t.Fatalf("before run %d closes: %d packs", run, got)
		}
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	c := NewCache(dir, "run")
	if got := len(packsIn(t, c)); got != 1 {
		t.Fatalf("after %d runs: %d packs, want them merged into 1", maxPacks+1, got)
	}
	for run := range maxPacks + 1 {
		want := fmt.Sprintf("run %d", run)
		if run == 3 {
			want = ""
		}
		wantMessage(t, c, fmt.Sprintf("k%d", run), want)
	}
	wantMessage(t, c, "shared", fmt.Sprintf("shared %d", maxPacks))
	if ce, ok := c.GetCorpus("shared"); !ok || ce.Docs[0].Record != maxPacks {
		t.Errorf("merged corpus entry: %+v, %v", ce, ok)
	}
	c.Close()
}

// A cache whose bulk is one large pack (a run over the whole corpus) is
// not copied because small runs piled up packs after it: only those are
// merged, and a removal among them still hides the large pack's entry.
func TestCacheMergesOnlyThePacksAfterALargeOne(t *testing.T) {
	dir := t.TempDir()
	c := NewCache(dir, "run")
	for i := range 200 {
		c.Put(fmt.Sprintf("big%d", i), findingsEntry(1, strings.Repeat("lớn ", 50)))
	}
	c.Close()
	large := packsIn(t, c)[0]
	for run := range maxPacks {
		c := NewCache(dir, "run")
		c.Put(fmt.Sprintf("small%d", run), findingsEntry(1, "nhỏ"))
		if run == 2 {
			c.Remove("big7")
		}
		c.Close()
	}
	packs := packsIn(t, c)
	if len(packs) != 2 || packs[0] != large {
		t.Fatalf("packs after the merge: %v; want the large one and one more", packs)
	}
	c = NewCache(dir, "run")
	wantMessage(t, c, "big7", "")
	wantMessage(t, c, "big8", strings.Repeat("lớn ", 50))
	wantMessage(t, c, "small0", "nhỏ")
	wantMessage(t, c, fmt.Sprintf("small%d", maxPacks-1), "nhỏ")
	c.Close()
}

// A pack a killed run left pending is removed once it is old; a young one
// may be another run's, still being written.
func TestCacheRemovesAbandonedPendingPacks(t *testing.T) {
	dir := t.TempDir()
	c := NewCache(dir, "run")
	os.MkdirAll(c.Dir(), 0o755)
	old := filepath.Join(c.Dir(), pendingPrefix+"old")
	young := filepath.Join(c.Dir(), pendingPrefix+"young")
	os.WriteFile(old, []byte(packHeader), 0o644)
	os.WriteFile(young, []byte(packHeader), 0o644)
	long := time.Now().Add(-2 * abandonedAfter)
	os.Chtimes(old, long, long)
	wantMessage(t, c, "k1", "")
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the abandoned pack was kept: %v", err)
	}
	if _, err := os.Stat(young); err != nil {
		t.Errorf("a pending pack that may be another run's was removed: %v", err)
	}
	c.Close()
}

func TestPackIndexRoundTrip(t *testing.T) {
	entries := []packEntry{
		{kind: kindFindings, key: "k1", docs: 3, off: 8, n: 20, crc: 0xdeadbeef},
		{kind: kindCorpus, key: strings.Repeat("x", 300), off: 28, n: 0, crc: 1},
		{kind: kindFindings | packRemoved, key: "k2", off: 8},
	}
	got, err := parsePackIndex(packEntryBytes(entries), 28)
	if err != nil || fmt.Sprint(got) != fmt.Sprint(entries) {
		t.Fatalf("parsePackIndex = %v, %v; want %v", got, err, entries)
	}
	// A payload past the payloads' end is damage.
	if _, err := parsePackIndex(packEntryBytes(entries), 27); err == nil {
		t.Error("an entry past the payloads was accepted")
	}
}

// Whatever bytes a pack's index holds, parsing it never panics, and every
// entry it accepts lies among the payloads and re-encodes to those bytes.
func FuzzPackIndex(f *testing.F) {
	f.Add(packEntryBytes([]packEntry{{kind: kindFindings, key: "k", docs: 1, off: 8, n: 4, crc: 7}}), int64(100))
	f.Add([]byte{0}, int64(8))
	f.Add(binary.AppendUvarint(nil, 1<<40), int64(1<<20))
	f.Fuzz(func(t *testing.T, data []byte, payloadEnd int64) {
		entries, err := parsePackIndex(data, payloadEnd)
		if err != nil {
			return
		}
		for _, e := range entries {
			if e.off < int64(len(packHeader)) || e.n < 0 || e.off+e.n > payloadEnd {
				t.Fatalf("entry %+v outside [8, %d)", e, payloadEnd)
			}
		}
		if again := packEntryBytes(entries); !bytes.Equal(again, data) {
			// Varints have one shortest form; a longer one decodes the same.
			if reparsed, err := parsePackIndex(again, payloadEnd); err != nil || fmt.Sprint(reparsed) != fmt.Sprint(entries) {
				t.Fatalf("re-encoding changed the entries: %v, %v", reparsed, err)
			}
		}
	})
}

// A run keeps its run key's directory alive, whether it wrote or only
// read, and removes the directories of run keys unused for unusedAfter.
func TestCacheForgetsUnusedRunKeys(t *testing.T) {
	dir := t.TempDir()
	long := time.Now().Add(-2 * unusedAfter)
	old := NewCache(dir, "old build")
	old.Put("k", findingsEntry(1, "cũ"))
	old.Close()
	os.Chtimes(old.Dir(), long, long)
	recent := NewCache(dir, "recent build")
	recent.Put("k", findingsEntry(1, "mới"))
	recent.Close()
	os.Chtimes(recent.Dir(), time.Now().Add(-unusedAfter/2), time.Now().Add(-unusedAfter/2))

	reader := NewCache(dir, "reader")
	reader.Put("k", findingsEntry(1, "đọc"))
	reader.Close()
	os.Chtimes(reader.Dir(), long, long)
	// A run that only reads keeps the directory it read from.
	reader = NewCache(dir, "reader")
	wantMessage(t, reader, "k", "đọc")
	reader.Close()

	if _, err := os.Stat(old.Dir()); !os.IsNotExist(err) {
		t.Errorf("an unused run key's directory was kept: %v", err)
	}
	wantMessage(t, NewCache(dir, "recent build"), "k", "mới")
	if info, err := os.Stat(reader.Dir()); err != nil || time.Since(info.ModTime()) > time.Hour {
		t.Errorf("the directory a run read from was not marked as used: %v", err)
	}
	// A new cache closed without any use makes no directory.
	NewCache(dir, "never used").Close()
	if _, err := os.Stat(NewCache(dir, "never used").Dir()); !os.IsNotExist(err) {
		t.Errorf("closing an unused cache made its directory: %v", err)
	}
}

// TestCacheForgetsOldVersions removes the directories of other cache
// versions once no run key in them has been used for a while: the one
// untouched for twice unusedAfter goes, the one a run used lately stays,
// and so do directories the cache did not make (a file among the run keys,
// a name not "v" and digits), however old.
func TestCacheForgetsOldVersions(t *testing.T) {
	dir := t.TempDir()
	long, lately := time.Now().Add(-2*unusedAfter), time.Now().Add(-unusedAfter/2)
	a, b, c := strings.Repeat("a", 16), strings.Repeat("b", 16), strings.Repeat("c", 16)
	for _, p := range []string{"v2/" + a, "v3/" + b, "v3/" + c, "v9/" + a, "vendor/" + a} {
		if err := os.MkdirAll(filepath.Join(dir, p), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// v9 holds a file the cache would never have made there.
	if err := writeFile(filepath.Join(dir, "v9/notes.txt"), "x"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"v2/" + a, "v2", "v3/" + b, "v3", "v9/" + a, "v9/notes.txt", "v9", "vendor/" + a, "vendor"} {
		os.Chtimes(filepath.Join(dir, p), long, long)
	}
	os.Chtimes(filepath.Join(dir, "v3", c), lately, lately)
	cache := NewCache(dir, "run")
	cache.Put("k", findingsEntry(1, "một"))
	if err := cache.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "v2")); !os.IsNotExist(err) {
		t.Errorf("an old version's unused directory was kept: %v", err)
	}
	for _, kept := range []string{"v3/" + c, "v9/notes.txt", "vendor/" + a} {
		if _, err := os.Stat(filepath.Join(dir, kept)); err != nil {
			t.Errorf("%s was removed: %v", kept, err)
		}
	}
	wantMessage(t, NewCache(dir, "run"), "k", "một")
}
