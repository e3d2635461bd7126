package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"

	"github.com/scrapelint/scrapelint/internal/dedupe"
	"github.com/scrapelint/scrapelint/lint"
	"github.com/scrapelint/scrapelint/rules"
)

// manifestName is the file dedup --out writes beside the corpus copy. It
// is not a corpus file kind, so a later run over DIR does not read it.
const manifestName = "dedup-manifest.json"

func runDedup(e *env, args []string) int {
	var cf corpusFlags
	var keep, format, out string
	fs := newFlagSet(e, "dedup", "[flags] PATH...",
		"Group duplicate and near-duplicate documents under each PATH, and say which one of each group is kept.\nThresholds and normalisation are those of the near-duplicate-document rule (options in .scrapelint.yaml).")
	cf.register(fs)
	fs.StringVar(&keep, "keep", "longest", "which document of a group to keep: longest (most words once furniture is left out) or first (in corpus order)")
	fs.StringVarP(&format, "format", "f", "text", "output format: text or json")
	fs.StringVar(&out, "out", "", "write the corpus under this directory with one document of each group, mirroring the input tree, and "+manifestName)
	if done, status := parse(fs, args); done {
		return status
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "scrapelint dedup: no PATH given (use . for the current directory)")
		fs.Usage()
		return exitTrouble
	}
	if keep != "longest" && keep != "first" {
		return fail(e, usagef("--keep: want longest or first, not %q", keep))
	}
	if format != "text" && format != "json" {
		return fail(e, usagef("--format: want text or json, not %q", format))
	}
	s, err := cf.load(e)
	if err != nil {
		return fail(e, err)
	}
	d := &deduper{e: e, s: s, keepFirst: keep == "first"}
	for _, st := range s.rules.Settings {
		if st.Rule == rules.NearDuplicateDocument {
			d.settings = st
		}
	}
	if err := d.index(&cf, fs.Args()); err != nil {
		return fail(e, err)
	}
	groups := d.groups()
	if format == "json" {
		err = d.writeJSON(groups)
	} else {
		d.writeText(groups)
	}
	if err == nil && out != "" {
		err = d.writeCorpus(out, groups)
	}
	if err != nil {
		return fail(e, err)
	}
	if d.problems > 0 {
		return exitTrouble
	}
	if len(groups) > 0 {
		return exitFindings
	}
	return exitClean
}

// deduper holds what dedup learns of the corpus: per document a signature,
// a file number and its record and id, never its text.
type deduper struct {
	e         *env
	s         *setup
	settings  *lint.Settings
	keepFirst bool

	inputs   []lint.Input
	ids      []string // per document, in corpus order (JSON Lines ids)
	ix       *dedupe.Index
	problems int
}

func (d *deduper) index(cf *corpusFlags, paths []string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	corpus, cleanup, err := cf.openCorpus(d.e, d.s, paths, true)
	defer cleanup()
	if err != nil {
		return err
	}
	d.inputs = corpus.Inputs
	d.ix = dedupe.NewIndex(rules.DedupOptions(d.settings))
	bar := newProgress(d.e, cf, corpus.TotalSize())
	corpus.Progress = bar.add
	defer bar.finish()
	err = lint.Stream(ctx, corpus, cf.jobs, func(doc *lint.Document) dedupe.Doc {
		return rules.DedupDoc(doc, d.settings)
	}, func(doc *lint.Document, sig dedupe.Doc) error {
		sig.File, sig.Record = int32(lint.InputOf(d.inputs, doc.Seq)), int32(doc.Record)
		// Stream emits in corpus order, so the index fills already sorted.
		sig.Seq = len(d.ids)
		// A record's id may share memory with its whole line: copy it so
		// that the line can go.
		d.ids = append(d.ids, strings.Clone(doc.ID))
		d.ix.Add(sig)
		return nil
	})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errors.New("interrupted")
		}
		return err
	}
	bar.finish()
	d.problems = corpus.Problems()
	d.ix.Finish()
	return nil
}

// dedupGroup is one group: the kept document first, then the others in
// corpus order, each with its similarity to the kept one.
type dedupGroup struct {
	kept    int
	members []dedupMember
}

type dedupMember struct {
	doc                  int
	exact                bool
	jaccard, containment float64
}

func (d *deduper) groups() []dedupGroup {
	var out []dedupGroup
	for _, g := range d.ix.Groups() {
		kept := g[0]
		if !d.keepFirst {
			for _, i := range g {
				if d.ix.Docs[i].Length > d.ix.Docs[kept].Length {
					kept = i
				}
			}
		}
		k := &d.ix.Docs[kept]
		grp := dedupGroup{kept: kept}
		for _, i := range g {
			m := &d.ix.Docs[i]
			// Exact copies are alike whatever their signatures say, and a
			// document too short for near matching has none.
			j, c := 1.0, 1.0
			if m.Exact != k.Exact {
				j = dedupe.Jaccard(k.Sig, m.Sig)
				c = dedupe.Containment(j, int(k.Shingles), int(m.Shingles))
			}
			grp.members = append(grp.members, dedupMember{doc: i, exact: m.Exact == k.Exact, jaccard: j, containment: c})
		}
		sort.SliceStable(grp.members, func(a, b int) bool { return grp.members[a].doc == kept && grp.members[b].doc != kept })
		out = append(out, grp)
	}
	return out
}

func (d *deduper) name(i int) string {
	doc := &d.ix.Docs[i]
	s := d.inputs[doc.File].Path
	if doc.Record > 0 {
		s += fmt.Sprintf(":%d", doc.Record)
		if id := d.ids[doc.Seq]; id != "" {
			s += " id=" + id
		}
	}
	return s
}

func (m dedupMember) kind() string {
	if m.exact {
		return "exact"
	}
	return "near"
}

func (m dedupMember) similarity() float64 {
	if m.exact {
		return 1
	}
	return max(m.jaccard, m.containment)
}

func (d *deduper) writeText(groups []dedupGroup) {
	w := bufio.NewWriter(d.e.stdout)
	defer w.Flush()
	dropped, exact := 0, 0
	for n, g := range groups {
		fmt.Fprintf(w, "group %d: %d documents\n", n+1, len(g.members))
		for _, m := range g.members {
			switch {
			case m.doc == g.kept:
				fmt.Fprintf(w, "  keep  %s\n", d.name(m.doc))
			case m.exact:
				dropped++
				exact++
				fmt.Fprintf(w, "  drop  %s  (exact copy)\n", d.name(m.doc))
			default:
				dropped++
				fmt.Fprintf(w, "  drop  %s  (near copy: Jaccard %.2f, containment %.2f)\n", d.name(m.doc), m.jaccard, m.containment)
			}
		}
	}
	fmt.Fprintf(w, "%d documents, %d %s of copies; %d to drop (%d exact, %d near)\n",
		len(d.ix.Docs), len(groups), pluralWord(len(groups), "group", "groups"), dropped, exact, dropped-exact)
}

// jsonDocRef names a document in dedup's JSON.
type jsonDocRef struct {
	Path   string `json:"path"`
	Record int    `json:"record,omitempty"`
	ID     string `json:"id,omitempty"`
}

type jsonMember struct {
	jsonDocRef
	Similarity  float64 `json:"similarity"`
	Jaccard     float64 `json:"jaccard"`
	Containment float64 `json:"containment"`
	Kind        string  `json:"kind"`
}

func (d *deduper) ref(i int) jsonDocRef {
	doc := &d.ix.Docs[i]
	r := jsonDocRef{Path: d.inputs[doc.File].Path, Record: int(doc.Record)}
	if doc.Record > 0 {
		r.ID = d.ids[doc.Seq]
	}
	return r
}

func round(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

func (d *deduper) writeJSON(groups []dedupGroup) error {
	type jsonGroup struct {
		Kept    jsonDocRef   `json:"kept"`
		Members []jsonMember `json:"members"`
	}
	report := struct {
		Groups  []jsonGroup `json:"groups"`
		Summary struct {
			Documents int `json:"documents"`
			Groups    int `json:"groups"`
			Dropped   int `json:"dropped"`
			Exact     int `json:"exact"`
			Near      int `json:"near"`
		} `json:"summary"`
	}{Groups: []jsonGroup{}}
	for _, g := range groups {
		jg := jsonGroup{Kept: d.ref(g.kept)}
		for _, m := range g.members {
			jg.Members = append(jg.Members, jsonMember{d.ref(m.doc), round(m.similarity()), round(m.jaccard), round(m.containment), m.kind()})
			if m.doc == g.kept {
				continue
			}
			report.Summary.Dropped++
			if m.exact {
				report.Summary.Exact++
			} else {
				report.Summary.Near++
			}
		}
		report.Groups = append(report.Groups, jg)
	}
	report.Summary.Documents, report.Summary.Groups = len(d.ix.Docs), len(groups)
	enc := json.NewEncoder(d.e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(report)
}

// writeCorpus mirrors the corpus under dir without the dropped documents,
// and writes the manifest of what was dropped and why.
func (d *deduper) writeCorpus(dir string, groups []dedupGroup) error {
	type droppedDoc struct {
		jsonDocRef
		Kept       jsonDocRef `json:"kept"`
		Kind       string     `json:"kind"`
		Similarity float64    `json:"similarity"`
	}
	var manifest struct {
		Dropped []droppedDoc `json:"dropped"`
	}
	manifest.Dropped = []droppedDoc{}
	drop := map[int32]map[int32]bool{} // file -> records (0: the whole file)
	for _, g := range groups {
		for _, m := range g.members {
			if m.doc == g.kept {
				continue
			}
			doc := &d.ix.Docs[m.doc]
			if drop[doc.File] == nil {
				drop[doc.File] = map[int32]bool{}
			}
			drop[doc.File][doc.Record] = true
			manifest.Dropped = append(manifest.Dropped, droppedDoc{d.ref(m.doc), d.ref(g.kept), m.kind(), round(m.similarity())})
		}
	}
	for i, in := range d.inputs {
		if in.Stdin {
			continue
		}
		if err := d.copyInput(dir, in, drop[int32(i)]); err != nil {
			fmt.Fprintf(d.e.stderr, "scrapelint: %v\n", err)
			d.problems++
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := lint.CreateAtomic(filepath.Join(dir, manifestName))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(manifest); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

func (d *deduper) copyInput(dir string, in lint.Input, drop map[int32]bool) error {
	if drop[0] {
		return nil // a dropped text file is not written
	}
	dst, err := lint.OutputPath(dir, in.Rel())
	if err != nil {
		return err
	}
	if same(dst, in.Path) {
		return fmt.Errorf("%s: --out would overwrite the input itself", in.Path)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if len(drop) == 0 {
		return copyFile(in.Path, dst)
	}
	rw, err := lint.NewRewriter(in, d.s.input, dst, nil)
	if err != nil {
		return err
	}
	records := make([]int, 0, len(drop))
	for r := range drop {
		records = append(records, int(r))
	}
	sort.Ints(records)
	for _, r := range records {
		if err := rw.Drop(r); err != nil {
			rw.Abort()
			return err
		}
	}
	return rw.Commit()
}

// copyFile copies a file kept whole, byte for byte, atomically.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := lint.CreateAtomic(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Abort()
		return fmt.Errorf("%s: %w", src, err)
	}
	return out.Commit()
}
