package lint

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// Baseline is a record of findings a corpus already had when it adopted
// scrapelint; a check with a baseline reports only findings not in it.
// Entries name a finding by file, rule and fingerprint (see Fingerprint),
// never by line, so that edits elsewhere in a file do not bring back old
// findings, and count identical findings so that a new copy of an old defect
// is still reported.
type Baseline struct {
	Version int             `json:"version"`
	Entries []BaselineEntry `json:"entries"`

	// dir is the directory paths are relative to: the baseline file's own.
	dir   string
	index map[baselineKey]int
}

// BaselineEntry is one kind of finding in one file and how many of it there
// are.
type BaselineEntry struct {
	// Path is the file, relative to the baseline file's directory, slash
	// separated.
	Path        string `json:"path"`
	Rule        string `json:"rule"`
	Fingerprint string `json:"fingerprint"`
	Count       int    `json:"count"`
	// Message is the first finding's message, for a person reading the
	// file; matching ignores it.
	Message string `json:"message,omitempty"`
}

type baselineKey struct{ path, rule, fingerprint string }

func (e BaselineEntry) key() baselineKey { return baselineKey{e.Path, e.Rule, e.Fingerprint} }

// NewBaseline returns an empty baseline to be written at path.
func NewBaseline(path string) *Baseline {
	return &Baseline{Version: BaselineVersion, dir: filepath.Dir(path)}
}

// LoadBaseline reads a baseline file.
func LoadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, cleanErr(err))
	}
	b := &Baseline{dir: filepath.Dir(path)}
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("baseline %s: not a scrapelint baseline: %w", path, err)
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("baseline %s: version %d, want %d (rewrite it with scrapelint baseline write)", path, b.Version, BaselineVersion)
	}
	for _, e := range b.Entries {
		if e.Path == "" || e.Rule == "" || e.Fingerprint == "" || e.Count < 1 {
			return nil, fmt.Errorf("baseline %s: entry %+v lacks a path, rule, fingerprint or count", path, e)
		}
	}
	return b, nil
}

func (b *Baseline) pathOf(f Located) string {
	p, _ := RelativePath(b.dir, f.Path)
	return p
}

// Add records a finding.
func (b *Baseline) Add(f Located) {
	k := baselineKey{b.pathOf(f), f.Rule, f.Fingerprint()}
	if b.index == nil {
		b.index = map[baselineKey]int{}
	}
	if i, ok := b.index[k]; ok {
		b.Entries[i].Count++
		return
	}
	b.index[k] = len(b.Entries)
	b.Entries = append(b.Entries, BaselineEntry{Path: k.path, Rule: k.rule, Fingerprint: k.fingerprint, Count: 1, Message: f.Message})
}

// Write writes the baseline to path atomically, entries sorted so that the
// file diffs well under version control.
func (b *Baseline) Write(path string) error {
	sort.Slice(b.Entries, func(i, j int) bool {
		x, y := b.Entries[i], b.Entries[j]
		if x.Path != y.Path {
			return x.Path < y.Path
		}
		if x.Rule != y.Rule {
			return x.Rule < y.Rule
		}
		return x.Fingerprint < y.Fingerprint
	})
	if b.Entries == nil {
		b.Entries = []BaselineEntry{}
	}
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	f, err := CreateAtomic(path)
	if err != nil {
		return err
	}
	f.Write(append(data, '\n'))
	return f.Commit()
}

// BaselineMatcher matches a run's findings against a baseline, using up
// each entry's count, and finds the entries that matched nothing.
type BaselineMatcher struct {
	b         *Baseline
	remaining map[baselineKey]int
	seen      map[string]bool
}

// Matcher starts matching a run against the baseline. It is not safe for
// concurrent use.
func (b *Baseline) Matcher() *BaselineMatcher {
	m := &BaselineMatcher{b: b, remaining: map[baselineKey]int{}, seen: map[string]bool{}}
	for _, e := range b.Entries {
		m.remaining[e.key()] += e.Count
	}
	return m
}

// Checked tells the matcher that path was read in full, so that its entries
// that match nothing are stale.
func (m *BaselineMatcher) Checked(path string) {
	p, _ := RelativePath(m.b.dir, path)
	m.seen[p] = true
}

// Match reports whether f is in the baseline, using up one of its entry's
// count.
func (m *BaselineMatcher) Match(f Located) bool {
	k := baselineKey{m.b.pathOf(f), f.Rule, f.Fingerprint()}
	if m.remaining[k] > 0 {
		m.remaining[k]--
		return true
	}
	return false
}

// Stale returns the entries, with the counts left over, that matched
// nothing in a file that was checked or that no longer exists.
func (m *BaselineMatcher) Stale() []BaselineEntry {
	var out []BaselineEntry
	for _, e := range m.b.Entries {
		left := m.remaining[e.key()]
		if left == 0 || !m.gone(e.Path) {
			continue
		}
		e.Count = min(left, e.Count)
		out = append(out, e)
	}
	return out
}

func (m *BaselineMatcher) gone(path string) bool {
	if m.seen[path] {
		return true
	}
	_, err := os.Stat(filepath.Join(m.b.dir, filepath.FromSlash(path)))
	return errors.Is(err, os.ErrNotExist)
}

// Pruned returns the baseline without its stale entries (and with stale
// counts taken off), ready to Write.
func (m *BaselineMatcher) Pruned() *Baseline {
	stale := map[baselineKey]int{}
	for _, e := range m.Stale() {
		stale[e.key()] = e.Count
	}
	out := &Baseline{Version: BaselineVersion, dir: m.b.dir, Entries: []BaselineEntry{}}
	for _, e := range m.b.Entries {
		e.Count -= stale[e.key()]
		if e.Count > 0 {
			out.Entries = append(out.Entries, e)
		}
	}
	return out
}
