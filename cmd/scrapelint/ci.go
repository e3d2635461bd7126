package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/spf13/pflag"

	"github.com/scrapelint/scrapelint/lint"
)

// ciFlags are the flags for runs in CI: the cache, where report paths are
// relative to, and (for check) the baseline and changed-only runs.
type ciFlags struct {
	cacheDir   string
	noCache    bool
	repoRoot   string
	baseline   string
	prune      bool
	newFromRev string
}

func (c *ciFlags) registerCache(fs *pflag.FlagSet) {
	fs.StringVar(&c.cacheDir, "cache-dir", "", "where to keep per-file results between runs (default: scrapelint under the user cache directory)")
	fs.BoolVar(&c.noCache, "no-cache", false, "lint every file again, and keep no results")
	fs.StringVar(&c.repoRoot, "repo-root", "", "directory that paths in sarif, github, junit and checkstyle reports are relative to (default: the current directory)")
}

func (c *ciFlags) registerCheck(fs *pflag.FlagSet) {
	fs.StringVar(&c.baseline, "baseline", "", "report only findings not recorded in this baseline file (default: the config's baseline)")
	fs.BoolVar(&c.prune, "prune", false, "rewrite the baseline without its stale entries")
	fs.StringVar(&c.newFromRev, "new-from-rev", "", "report only findings on lines changed since this git revision")
}

// baselinePath is the baseline a check uses: the flag's, or the config's
// (relative to the config file).
func (c *ciFlags) baselinePath(cfg *lint.Config) string {
	if c.baseline != "" {
		return c.baseline
	}
	if cfg != nil && cfg.Baseline != "" {
		if filepath.IsAbs(cfg.Baseline) {
			return cfg.Baseline
		}
		return filepath.Join(filepath.Dir(cfg.Path), filepath.FromSlash(cfg.Baseline))
	}
	return ""
}

// sink is where a run's findings go: into the baseline being written, or
// past the baseline and the changed-lines filter to the reporter.
type sink struct {
	rep     lint.Reporter
	sum     *lint.Summary
	matcher *lint.BaselineMatcher
	changes *changeSet
	record  *lint.Baseline
}

func (k *sink) report(f lint.Located) error {
	switch {
	case k.record != nil:
		k.record.Add(f)
	case k.matcher != nil && k.matcher.Match(f):
		k.sum.Baselined++
		return nil
	case k.changes != nil && !k.changes.covers(f):
		k.sum.Unchanged++
		return nil
	}
	k.sum.Add(f.Finding)
	if k.rep == nil {
		return nil
	}
	return k.rep.Report(f)
}

// stale reports the baseline's entries that match nothing and, with prune,
// rewrites the baseline without them.
func (k *sink) stale(e *env, path string, prune bool) error {
	if k.matcher == nil {
		return nil
	}
	stale := k.matcher.Stale()
	k.sum.Stale = len(stale)
	for _, s := range stale {
		fmt.Fprintf(e.stderr, "scrapelint: %s: stale baseline entry: %s %s in %s (%d no longer found: %s)\n", path, s.Rule, s.Fingerprint, s.Path, s.Count, s.Message)
	}
	if !prune || len(stale) == 0 {
		return nil
	}
	if err := k.matcher.Pruned().Write(path); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "scrapelint: %s: removed %d stale %s\n", path, len(stale), pluralWord(len(stale), "entry", "entries"))
	k.sum.Stale = 0
	return nil
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// fileCache is a run's view of the cache: which inputs are unchanged since
// a run with the same rules, and what they found then.
type fileCache struct {
	cache *lint.Cache
	opt   lint.InputOptions
	// files holds what the run knows of each file's entries, in one map
	// of small values and no second map of the hits, since a run keeps it
	// for every file of the corpus (two maps of hex keys were 285 bytes a
	// file).
	files map[string]cachedFile
	// open holds the findings, per document, of the unchanged files being
	// linted again for the corpus rules; a file leaves it once done.
	mu   sync.Mutex
	open map[string]*openEntry
	// observed holds the summaries observeCached fed the corpus rules,
	// until quietFiles has asked the rules about them: reading them twice
	// was half of a warm re-run.
	observed map[string]*lint.CorpusEntry
}

// cachedFile is a file's cache key and what its entry sums up. The
// findings themselves are read again when they are needed, one file at a
// time: holding every file's findings made a re-run's memory grow with the
// corpus (2.7 GB for 1 GB of text).
type cachedFile struct {
	key [sha256.Size]byte
	// documents is the number of documents of the entry of a hit.
	documents int32
	// hit: the file is unchanged, its entry is in the cache; quiet: and
	// no corpus rule reports on its documents, so it is not read again.
	hit, quiet bool
}

// keyOf returns path's cache key, or "" for a file that could not be
// hashed.
func (fc *fileCache) keyOf(path string) string {
	f, ok := fc.files[path]
	if !ok {
		return ""
	}
	return string(f.key[:])
}

type openEntry struct {
	once     sync.Once
	byRecord map[int][]lint.Finding
	err      error
}

// openCache returns nil when caching is off or impossible.
func (c *ciFlags) openCache(s *setup) *fileCache {
	if c.noCache {
		return nil
	}
	dir := c.cacheDir
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil
		}
		dir = filepath.Join(base, "scrapelint")
	}
	var extra []string
	if s.config != nil {
		for _, ic := range s.config.Ignores {
			extra = append(extra, fmt.Sprintf("ignore %q %q", ic.Path, ic.Rules))
		}
	}
	key := lint.RunKey(buildID(dir), s.rules, extra...)
	return newFileCache(lint.NewCache(dir, key), s.input)
}

func newFileCache(c *lint.Cache, opt lint.InputOptions) *fileCache {
	return &fileCache{cache: c, opt: opt, files: map[string]cachedFile{}, open: map[string]*openEntry{}, observed: map[string]*lint.CorpusEntry{}}
}

// buildID names the scrapelint build, so that a changed rule never reads
// results an earlier build cached.
func buildID(cacheDir string) string {
	if info, ok := debug.ReadBuildInfo(); ok {
		if id, ok := sourceIdentity(info); ok {
			return version() + " " + id
		}
	}
	// A development build (or one without version control stamps): the
	// binary's own hash tells builds apart even when they share a version
	// string. Hashing the binary costs a cached re-run 10 ms, so the hash
	// is remembered in the cache beside the binary's size and time.
	exe, err := os.Executable()
	if err != nil {
		return version() + " unknown build"
	}
	info, err := os.Stat(exe)
	if err != nil {
		return version() + " unknown build"
	}
	stamp := fmt.Sprintf("%s\x00%d\x00%d", exe, info.Size(), info.ModTime().UnixNano())
	sum := sha256.Sum256([]byte(stamp))
	memo := filepath.Join(cacheDir, "binaries", hex.EncodeToString(sum[:16]))
	if data, err := os.ReadFile(memo); err == nil {
		if rest, ok := strings.CutPrefix(string(data), stamp+"\n"); ok && len(rest) == 64 {
			return version() + " " + rest
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return version() + " unknown build"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return version() + " unknown build"
	}
	hash := hex.EncodeToString(h.Sum(nil))
	if os.MkdirAll(filepath.Dir(memo), 0o755) == nil {
		if af, err := lint.CreateAtomic(memo); err == nil {
			af.WriteString(stamp + "\n" + hash)
			_ = af.Commit() // a memo that cannot be written only costs the next run a hash
		}
	}
	return version() + " " + hash
}

// sourceIdentity names the source a binary was built from when the build
// information pins it down: a released module version (with its checksum),
// or a commit built from an unchanged tree. Hashing the binary instead cost
// a cached re-run several milliseconds.
func sourceIdentity(info *debug.BuildInfo) (string, bool) {
	if v := info.Main.Version; v != "" && v != "(devel)" && info.Main.Sum != "" {
		return info.Main.Path + "@" + v + " " + info.Main.Sum, true
	}
	var revision, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if revision != "" && modified == "false" {
		return "commit " + revision, true
	}
	return "", false
}

// lookup hashes every input on disk and finds the unchanged ones, jobs at a
// time.
func (fc *fileCache) lookup(inputs []lint.Input, jobs int) {
	type answer struct {
		file   cachedFile
		hashed bool
	}
	answers := make([]answer, len(inputs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(jobs, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				in := inputs[i]
				sum, err := lint.HashFile(in.Path)
				if err != nil {
					continue
				}
				key := fc.cache.Key(in, fc.opt, sum)
				a := answer{hashed: len(key) == sha256.Size}
				copy(a.file.key[:], key)
				if n, ok := fc.cache.Documents(key); ok {
					a.file.hit, a.file.documents = true, int32(n)
				}
				answers[i] = a
			}
		}()
	}
	for i, in := range inputs {
		if _, spooled := fc.opt.Spooled[in.Path]; !in.Stdin && !spooled {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	for i, a := range answers {
		if a.hashed {
			fc.files[inputs[i].Path] = a.file
		}
	}
}

// store keeps a fully read file's per-document findings.
func (fc *fileCache) store(path string, entry *lint.CacheEntry) {
	if f, ok := fc.files[path]; !ok || f.hit {
		return
	}
	// A cache that cannot be written only makes the next run slower.
	_ = fc.cache.Put(fc.keyOf(path), entry)
}

// runner is the second pass of a check: it lints each document (or replays
// its file's findings from the cache) and hands the findings to the sink in
// corpus order.
type runner struct {
	e        *env
	k        *sink
	fc       *fileCache
	rules    *lint.RuleSet
	all      []lint.Input
	perDoc   map[string]bool
	replay   bool
	next     int
	cur      string
	entry    *fileEntry
	mu       sync.Mutex
	bad      map[string]bool
	failures int
	// finished, when set, is closed once the corpus rules have finished
	// their first pass; until then work runs only the other rules.
	finished <-chan struct{}
}

type result struct {
	findings []lint.Finding
	err      error
	// corpusPending says the corpus rules have not run yet.
	corpusPending bool
}

func newRunner(e *env, k *sink, fc *fileCache, rules *lint.RuleSet, all []lint.Input) *runner {
	r := &runner{e: e, k: k, fc: fc, rules: rules, all: all, perDoc: map[string]bool{}, bad: map[string]bool{}}
	for _, s := range rules.Settings {
		r.perDoc[s.Rule.ID] = isPerDocRule(s.Rule)
	}
	r.replay = fc != nil && !rules.HasCorpusRules()
	return r
}

func (r *runner) problem(err error) {
	var ie *lint.InputError
	if errors.As(err, &ie) {
		r.mu.Lock()
		r.bad[ie.Path] = true
		r.mu.Unlock()
	}
}

func (r *runner) isBad(path string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.bad[path]
}

func isCorpusRule(rule *lint.Rule) bool { return rule.NewCorpus != nil }

func (r *runner) work(d *lint.Document) result {
	if r.fc != nil {
		if r.fc.hit(d.Path) {
			// An unchanged file in a run with corpus rules: the corpus
			// rules run again, the others' findings come from the cache.
			if r.finished != nil {
				<-r.finished
			}
			f, err := r.rules.CheckOnly(d, isCorpusRule)
			cached, cerr := r.fc.findingsOf(d.Path, d.Record)
			f = append(f, cached...)
			if err == nil {
				err = cerr
			}
			lint.SortFindings(f)
			return result{findings: f, err: err}
		}
	}
	if r.finished != nil {
		select {
		case <-r.finished:
		default:
			// The corpus rules are still finishing: the others run now,
			// and the emitter runs the corpus rules once they are done.
			f, err := r.rules.CheckOnly(d, isPerDocRule)
			return result{findings: f, err: err, corpusPending: true}
		}
	}
	f, err := r.rules.Check(d)
	return result{findings: f, err: err}
}

// checkCorpusRules adds the corpus rules' findings to a result work made
// before they had finished.
func (r *runner) checkCorpusRules(d *lint.Document, res result) result {
	<-r.finished
	f, err := r.rules.CheckOnly(d, isCorpusRule)
	if res.err == nil {
		res.err = err
	}
	res.findings = append(res.findings, f...)
	lint.SortFindings(res.findings)
	res.corpusPending = false
	return res
}

func isPerDocRule(rule *lint.Rule) bool { return rule.NewCorpus == nil }

func (r *runner) emit(d *lint.Document, res result) error {
	if res.corpusPending {
		res = r.checkCorpusRules(d, res)
	}
	if err := r.replayThrough(lint.InputIndex(d.Seq)); err != nil {
		return err
	}
	if d.Path != r.cur || r.entry == nil {
		r.store()
		r.fc.close(r.cur)
		r.cur, r.entry = d.Path, &fileEntry{limit: maxCachedFindingBytes}
	}
	r.k.sum.Documents++
	r.k.sum.Bytes += int64(len(d.Text))
	r.entry.Documents++
	r.entry.Bytes += int64(len(d.Text))
	if res.err != nil {
		r.failures++
		r.problem(&lint.InputError{Path: d.Path, Err: res.err})
		fmt.Fprintf(r.e.stderr, "scrapelint: %v\n", res.err)
	}
	for _, f := range res.findings {
		l := lint.Locate(d, f)
		if r.fc != nil && r.perDoc[f.Rule] {
			r.entry.add(l)
		}
		if err := r.k.report(l); err != nil {
			return err
		}
	}
	return nil
}

// replayThrough reports, in corpus order, the cached findings of the
// unchanged files up to the input of Index index. The list is in Index
// order, so no map from a path to its place is kept: it was a tenth of the
// memory of a run over many small files.
func (r *runner) replayThrough(index int) error {
	for ; r.next < len(r.all) && r.all[r.next].Index <= index; r.next++ {
		in := r.all[r.next]
		if !r.fc.hit(in.Path) || (!r.replay && !r.fc.quiet(in.Path)) {
			continue
		}
		entry, ok := r.fc.entry(in.Path)
		if !ok {
			// The entry was there when the run began.
			err := &lint.InputError{Path: in.Path, Err: errVanishedEntry}
			r.failures++
			r.problem(err)
			fmt.Fprintf(r.e.stderr, "scrapelint: %v\n", err)
			continue
		}
		r.k.sum.Documents += entry.Documents
		r.k.sum.Bytes += entry.Bytes
		for _, f := range entry.Findings {
			if err := r.k.report(f.Located(in.Path)); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxCachedFindingBytes bounds the memory the findings of one file may take
// while they wait to be cached.
const maxCachedFindingBytes = 32 << 20

// fileEntry collects a file's cache entry while its documents are linted.
// The findings wait in memory until the file's last document; one huge JSON
// Lines file must not make memory grow with the corpus, so a file whose
// findings outgrow limit goes uncached.
type fileEntry struct {
	lint.CacheEntry
	bytes, limit int
}

func (fe *fileEntry) add(l lint.Located) {
	if fe.overLimit() {
		return
	}
	c := lint.Cached(l)
	fe.bytes += c.Size()
	if fe.overLimit() {
		fe.Findings = nil
		return
	}
	fe.Findings = append(fe.Findings, c)
}

func (fe *fileEntry) overLimit() bool { return fe.bytes > fe.limit }

func (r *runner) store() {
	if r.fc != nil && r.entry != nil && !r.entry.overLimit() && !r.isBad(r.cur) {
		r.fc.store(r.cur, &r.entry.CacheEntry)
	}
}

// done replays the cached files after the last linted one.
func (r *runner) done() error {
	r.store()
	return r.replayThrough(math.MaxInt)
}

// observeCached feeds the corpus rules the cached summaries of in's
// documents; false when the cache has none for it.
func (fc *fileCache) observeCached(rs *lint.RuleSet, in lint.Input) bool {
	key := fc.keyOf(in.Path)
	if key == "" {
		return false
	}
	ce, ok := fc.cache.GetCorpus(key)
	if !ok {
		return false
	}
	for _, doc := range ce.Docs {
		rs.ObserveSummaries(lint.DocRef{Path: in.Path, Record: doc.Record, ID: doc.ID, Seq: lint.DocSeq(in.Index, doc.Record)}, doc.Sums)
	}
	if fc.hit(in.Path) {
		fc.observed[in.Path] = ce
	}
	return true
}

// storeCorpus keeps the summaries of a file read in the first pass.
func (fc *fileCache) storeCorpus(path string, entry *lint.CorpusEntry) {
	if key := fc.keyOf(path); key != "" {
		// A cache that cannot be written only makes the next run slower.
		_ = fc.cache.PutCorpus(key, entry)
	}
}

// markQuiet marks the cached inputs (findings and summaries both in the
// cache) none of whose documents a corpus rule reports on, once the first
// pass is finished.
func (fc *fileCache) markQuiet(rs *lint.RuleSet, inputs []lint.Input) {
	for _, in := range inputs {
		f, ok := fc.files[in.Path]
		if !ok || !f.hit {
			continue
		}
		ce, ok := fc.observed[in.Path]
		delete(fc.observed, in.Path)
		if !ok || len(ce.Docs) != int(f.documents) {
			continue
		}
		reported := false
		for _, doc := range ce.Docs {
			if rs.CorpusReports(lint.DocRef{Path: in.Path, Record: doc.Record, ID: doc.ID, Seq: lint.DocSeq(in.Index, doc.Record)}, doc.Sums) {
				reported = true
				break
			}
		}
		if !reported {
			f.quiet = true
			fc.files[in.Path] = f
		}
	}
}

func (fc *fileCache) hit(path string) bool {
	return fc != nil && fc.files[path].hit
}

// quiet reports whether a cached file need not be read again: see markQuiet.
func (fc *fileCache) quiet(path string) bool {
	return fc != nil && fc.files[path].quiet
}

// entry reads an unchanged file's entry; one that cannot be read is
// removed.
func (fc *fileCache) entry(path string) (*lint.CacheEntry, bool) {
	key := fc.keyOf(path)
	e, ok := fc.cache.Get(key)
	if !ok {
		fc.cache.Remove(key)
	}
	return e, ok
}

// findingsOf returns the cached findings of one document of an unchanged
// file; the file's entry is read once, by whichever worker asks first.
func (fc *fileCache) findingsOf(path string, record int) ([]lint.Finding, error) {
	fc.mu.Lock()
	oe := fc.open[path]
	if oe == nil {
		oe = &openEntry{}
		fc.open[path] = oe
	}
	fc.mu.Unlock()
	oe.once.Do(func() {
		oe.byRecord = map[int][]lint.Finding{}
		entry, ok := fc.entry(path)
		if !ok {
			oe.err = &lint.InputError{Path: path, Err: errVanishedEntry}
			return
		}
		for _, f := range entry.Findings {
			oe.byRecord[f.Record] = append(oe.byRecord[f.Record], f.Finding)
		}
	})
	return oe.byRecord[record], oe.err
}

// errVanishedEntry: the entry looked whole when the run began, so the file
// was not linted in full; its findings are not all known. The entry is
// removed, so that the next run lints the file.
var errVanishedEntry = errors.New("its cache entry could not be read (removed or damaged during the run); run again")

// close lets go of a file's findings once its last document is reported.
func (fc *fileCache) close(path string) {
	if fc == nil {
		return
	}
	fc.mu.Lock()
	delete(fc.open, path)
	fc.mu.Unlock()
}
