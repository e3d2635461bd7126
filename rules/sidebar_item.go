package rules

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/internal/fastutf8"
	"github.com/scrapelint/scrapelint/internal/slicepool"
	"github.com/scrapelint/scrapelint/lint"
)

// SidebarItem finds the headlines and teasers of other articles that a
// scraper took from the page's "related" boxes (DEFECTS.md family 6).
var SidebarItem = &lint.Rule{
	ID:       "sidebar-item",
	Family:   "6",
	Severity: lint.Warning,
	Summary:  "another article's headline and teaser, scraped from a related-news box",
	Doc: `News pages surround an article with links to other articles: "Tin liên
quan" boxes after the lead, "most read" lists after the end, a featured story
in the footer. Scrapers keep their headlines and teasers as if they were
paragraphs, so the text suddenly talks about a landslide or rice prices.

No single sign is enough, since real articles have short paragraphs,
subheadings and bullet lists, so the rule scores each candidate item (a
headline-shaped line, with the teaser line right under it):

  position (required)   after the article's end (an end-markers line such as
                        "Theo TTXVN", "./." or a byline, or a related-headers
                        line past the lead): 2; right under a related-headers
                        line: 2; among the first lead-lines lines, or the
                        last tail-lines lines before the end: 1
  doubled title         the title written twice, "X X" (link text and title
                        attribute): 3
  glued title           a "Topic: headline" run into its teaser with no
                        punctuation, on the last lines: 3
  list marker           a list-markers bullet ("- ·", "•", "»"): 1
  headline shape        short, capitalised, no final period: 1
  teaser                a sentence right under a headline-shaped line: 1
  word overlap          share of the item's content-word pairs (stop-words
                        removed) found in the rest of the article: below
                        0.15 adds 1, 0.5 or more takes 2 away

An item scoring min-score or more is reported, one finding per item. In the
lead and the tail, where real subheadings and short paragraphs abound, an
item must also have a doubled title, a glued title or a list bullet.`,
	Before: "Bộ trưởng tiếp đoàn đại biểu EU về an ninh mạng.\n\nHai bên thống nhất tăng cường trao đổi thông tin.\n\nTheo TTXVN\n- ·Giá lúa gạo tăng nhẹ sau phiên điều chỉnh\n",
	After:  "Bộ trưởng tiếp đoàn đại biểu EU về an ninh mạng.\n\nHai bên thống nhất tăng cường trao đổi thông tin.\n\nTheo TTXVN\n",
	Fix:    lint.UnsafeFix,
	FixDoc: `Unsafe: the item's lines (headline and teaser) are deleted with their line
breaks. The rule weighs signs, and a wrong guess would delete a paragraph of
the article, so the fix is applied only with --unsafe-fixes.`,
	Options: []lint.Option{
		{Name: "min-score", Default: 4, Doc: "score at which a candidate is reported"},
		{Name: "lead-lines", Default: 8, Doc: "non-blank lines at the start that count as the lead, where related boxes are inserted"},
		{Name: "tail-lines", Default: 6, Doc: "non-blank lines before the article's end that count as its tail"},
		{Name: "max-title-words", Default: 30, Doc: "longest headline, in words (syllables in Vietnamese)"},
	},
	Lexicons: []string{"list-markers", "related-headers", "end-markers", "stop-words"},
	Run:      runSidebarItem,
}

// sidebarLine is what the rule knows about one non-blank line.
type sidebarLine struct {
	line lint.Line
	// text is the trimmed line; title is text without its list marker.
	text, title string
	marker      bool
	doubled     bool
	header      bool
	end         bool
	zone        sidebarZone
	// headline and glued are the title's shapes, read only outside the
	// article's body (see runSidebarItem).
	headline bool
	glued    bool
}

// sidebarZone is where a line sits in the article's layout.
type sidebarZone int

const (
	zoneBody sidebarZone = iota
	zoneLead
	zoneTail
	zoneAfterHeader
	zoneAfterEnd
)

var zoneScores = [...]int{zoneBody: 0, zoneLead: 1, zoneTail: 1, zoneAfterHeader: 2, zoneAfterEnd: 2}

var zoneNames = [...]string{zoneBody: "in the body", zoneLead: "among the lead's lines", zoneTail: "just before the article's end", zoneAfterHeader: "under a related-news heading", zoneAfterEnd: "after the article's end"}

func runSidebarItem(p *lint.Pass) {
	ls := classifySidebarLines(p, sidebarLinePool.Get())
	defer func() {
		clear(ls) // let go of the document's text
		sidebarLinePool.Put(ls)
	}()
	if len(ls) < 2 {
		return
	}
	assignZones(ls, p.Int("lead-lines"), p.Int("tail-lines"))
	stop := stopWordSet(p.Lexicon("stop-words"))
	minScore := p.Int("min-score")
	maxWords := p.Int("max-title-words")
	var items []sidebarCandidate
	for k := 1; k < len(ls); k++ {
		t := &ls[k]
		if t.zone == zoneBody || t.header || t.end {
			continue
		}
		// The shapes are read here, not for every line: most lines are
		// the article's body, where no item is looked for.
		half := t.title
		if t.doubled {
			half, _ = doubledTitle(t.title)
		}
		t.headline, t.glued = headlineShaped(half, maxWords), gluedTitle(t.title)
		if !t.marker && !t.doubled && !t.headline && !t.glued {
			continue
		}
		last := k
		if !t.marker && !t.glued && k+1 < len(ls) && isTeaser(ls[k+1], *t) {
			last = k + 1
		}
		// Near the lead or the end, real subheadings and short paragraphs
		// abound: there an item needs a sign no article text has.
		weak := t.zone == zoneLead || t.zone == zoneTail
		structural := t.doubled || t.glued || t.marker
		if structural || !weak {
			items = append(items, sidebarCandidate{first: k, last: last})
		}
		k = last
	}
	// The word overlap with the article moves a score by +1 or -2 at
	// most: an item short of min-score by more than one without it is
	// never reported, and when no item is left the article's words are
	// not read at all (they were a third of the rule's time on the seeds).
	var why []string
	items = slices.DeleteFunc(items, func(it sidebarCandidate) bool {
		var score int
		score, why = scoreSidebarItem(ls, it, nil, nil, why[:0])
		return score+1 < minScore
	})
	if len(items) == 0 {
		return
	}
	// The article's pairs are counted only where an item has them: most
	// pairs of a text are in no item, and counting every one was most of
	// the rule's time.
	scratch := sidebarScratchPool.Get().(*sidebarScratch)
	defer scratch.release()
	pairs := scratch.itemPairs[:0]
	for i := range items {
		from := len(pairs)
		for _, l := range ls[items[i].first : items[i].last+1] {
			pairs = contentPairs(p.Doc.Text[l.line.Start:l.line.End], stop, pairs)
		}
		items[i].pairs = [2]int{from, len(pairs)}
	}
	scratch.itemPairs = pairs
	scratch.wanted.fill(pairs)
	body := bodyPairs(p.Doc.Text, ls, stop, scratch)
	for _, it := range items {
		var score int
		if score, why = scoreSidebarItem(ls, it, pairs[it.pairs[0]:it.pairs[1]], &body, why[:0]); score >= minScore {
			reportSidebarItem(p, ls[it.first].line, ls[it.last].line, score, why)
		}
	}
}

// sidebarCandidate is a title line, maybe with its teaser, that has the
// shape of another article's item, with its content-word pairs counted.
type sidebarCandidate struct {
	first, last int
	pairs       [2]int // where its pairs are in runSidebarItem's list
}

func isTeaser(next, title sidebarLine) bool {
	return next.line.Start == title.line.Next && !next.marker && !next.doubled && !next.header && !next.end &&
		sentenceShaped(next.title)
}

// sidebarLinePool keeps the slices classifySidebarLines fills: every line
// of every document goes through it.
var sidebarLinePool = slicepool.Pool[sidebarLine]{Most: 1 << 12}

func classifySidebarLines(p *lint.Pass, ls []sidebarLine) []sidebarLine {
	d := p.Doc
	markers := p.Lexicon("list-markers")
	headers := relatedHeadersOf(p.Lexicon("related-headers"))
	ends := p.Lexicon("end-markers")
	endLimits := patternLimits(ends)
	for _, l := range d.Lines() {
		text := fastutf8.TrimSpace(d.LineText(l))
		if text == "" {
			continue
		}
		s := sidebarLine{line: l, text: text, title: text}
		if rest, ok := cutListMarker(text, markers.Literals); ok {
			s.marker, s.title = true, rest
		}
		s.header = headers.match(text)
		s.end = matchesLine(text, ends, endLimits)
		_, s.doubled = doubledTitle(s.title)
		ls = append(ls, s)
	}
	return ls
}

// assignZones marks where each line sits: the lead, the tail before the
// article's end, under a related-news heading, or after the end.
func assignZones(ls []sidebarLine, leadLines, tailLines int) {
	// An end marker inside the lead is a source line quoted in the text,
	// unless the document is short enough for its lead to be most of it.
	first := min(leadLines, len(ls)/3)
	end := len(ls)
	for k := len(ls) - 1; k >= first; k-- {
		if ls[k].end {
			end = k
			break
		}
	}
	for k := first; k < end; k++ {
		if ls[k].header {
			end = k
			break
		}
	}
	for k := range ls {
		switch {
		case k > end:
			ls[k].zone = zoneAfterEnd
		case k < end && k >= end-tailLines:
			ls[k].zone = zoneTail
		case k > 0 && k < leadLines:
			ls[k].zone = zoneLead
		}
	}
	// A heading inside the lead opens a box that runs to the next blank
	// line (one blank line after the heading itself is allowed).
	for k := 0; k < end && k < leadLines; k++ {
		if !ls[k].header {
			continue
		}
		for j := k + 1; j < len(ls) && j < end; j++ {
			if j > k+1 && ls[j].line.Start != ls[j-1].line.Next {
				break
			}
			ls[j].zone = zoneAfterHeader
		}
	}
}

// scoreSidebarItem weighs the signs that lines (a title and maybe its
// teaser) are another article's, and appends the signs it saw to why (a
// buffer reused for every item of a document). Without the article's pairs
// (body nil) the overlap is left out.
func scoreSidebarItem(ls []sidebarLine, it sidebarCandidate, own []uint64, body *wantedCounts, why []string) (int, []string) {
	k := it.first
	item := ls[k : it.last+1]
	t := item[0]
	score := zoneScores[t.zone]
	why = append(why, zoneNames[t.zone])
	add := func(points int, sign string) {
		score += points
		why = append(why, sign)
	}
	if t.doubled {
		add(3, "title written twice")
	}
	if t.glued {
		add(3, "headline glued to its teaser")
	}
	if t.marker {
		add(1, "list bullet")
		if introducedList(ls, k) {
			add(-3, "but a list the article introduces with a colon")
		}
	}
	if t.headline || t.glued {
		add(1, "headline shape")
	}
	if len(item) > 1 {
		add(1, "teaser under it")
	}
	if overlap, ok := pairOverlap(own, body); ok {
		switch {
		case overlap < 0.15:
			add(1, fmt.Sprintf("few words shared with the article (%.0f%%)", 100*overlap))
		case overlap >= 0.5:
			score -= 2
		}
	}
	return score, why
}

// introducedList reports whether the bulleted line ls[k] belongs to a list
// whose line before the first bullet ends with a colon ("Các biện pháp
// gồm:"): the article's own list, not a box of links.
func introducedList(ls []sidebarLine, k int) bool {
	j := k
	for j > 0 && ls[j-1].marker && ls[j-1].line.Next == ls[j].line.Start {
		j--
	}
	return j > 0 && strings.HasSuffix(ls[j-1].text, ":")
}

// pairOverlap returns the share of the item's content-word pairs (own,
// reordered) that occur elsewhere in the article. Items with fewer than
// three pairs say too little.
func pairOverlap(own []uint64, body *wantedCounts) (float64, bool) {
	if len(own) < 3 || body == nil {
		return 0, false
	}
	slices.Sort(own)
	shared := 0
	for i := 0; i < len(own); {
		n := 1
		for i+n < len(own) && own[i+n] == own[i] {
			n++
		}
		if body.count(own[i]) > n {
			shared += n
		}
		i += n
	}
	return float64(shared) / float64(len(own)), true
}

func reportSidebarItem(p *lint.Pass, first, last lint.Line, score int, why []string) {
	d := p.Doc
	start, end := first.Start, last.Next
	if end == last.End && first.Start > 0 {
		// The item ends the text with no line break: take the break before
		// it, so that the line before keeps its own.
		start = first.Start - 1
		if start > 0 && d.Text[start-1] == '\r' {
			start--
		}
	}
	what := "headline"
	if first != last {
		what = "headline and teaser"
	}
	p.ReportFix(first.Start, last.End, lint.Unsafe, []lint.Edit{{Start: start, End: end}},
		"looks like another article's %s from a sidebar (score %d: %s)", what, score, strings.Join(why, ", "))
}

// bodyPairs counts the wanted content-word pairs (scratch.wanted) of the
// lines that may be the article's own: not bulleted, not doubled titles,
// not headings, and not after the article's end. Most of the article's
// pairs are not wanted: the set answers for them, where a map lookup for
// each was a third of the rule's time on the seeds.
func bodyPairs(text string, ls []sidebarLine, stop *wordSet, scratch *sidebarScratch) wantedCounts {
	wanted := &scratch.wanted
	counts := slices.Grow(scratch.counts[:0], wanted.slotCount())[:wanted.slotCount()]
	clear(counts)
	scratch.counts = counts
	body := wantedCounts{set: wanted, counts: counts}
	pairs := scratch.linePairs[:0]
	for _, l := range ls {
		if l.marker || l.doubled || l.header || l.end || l.zone == zoneAfterEnd {
			continue
		}
		pairs = contentPairs(text[l.line.Start:l.line.End], stop, pairs[:0])
		for _, h := range pairs {
			if i := wanted.slot(h); i >= 0 {
				body.counts[i]++
			}
		}
	}
	scratch.linePairs = pairs
	return body
}

// sidebarScratch holds the slices runSidebarItem fills for a document with
// items, kept for the next: making them for each such document was most of
// what the rule allocated.
type sidebarScratch struct {
	itemPairs, linePairs []uint64
	wanted               wordSet
	counts               []int32
}

var sidebarScratchPool = sync.Pool{New: func() any { return new(sidebarScratch) }}

// release returns the scratch to the pool, unless a very long document
// grew it: one outlier should not pin its memory for the rest of the run.
func (s *sidebarScratch) release() {
	const most = 1 << 16
	if cap(s.itemPairs) > most || cap(s.linePairs) > most || cap(s.wanted.slots) > 4*most {
		return
	}
	sidebarScratchPool.Put(s)
}

// wantedCounts is how often each pair of a set occurs, counted by its slot
// in the set: counting in a map was a fifth of the rule's time on the
// seeds, whose sidebars have many items.
type wantedCounts struct {
	set    *wordSet
	counts []int32
}

func (c *wantedCounts) count(h uint64) int {
	if i := c.set.slot(h); i >= 0 {
		return int(c.counts[i])
	}
	return 0
}

// contentPairs appends to dst a hash of each pair of adjacent content words
// of s (lower-cased, stop words and numbers left out). Pairs, not single
// words: Vietnamese words are written as syllables, and single syllables
// ("hợp", "tác") are shared by unrelated texts far more than compounds.
func contentPairs(s string, stop *wordSet, dst []uint64) []uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	var prev uint64
	havePrev := false
	for i := 0; i < len(s); {
		// The word, hashed lower-cased as it is read (lowerHash's hash).
		h := uint64(offset)
		// seen has the bit 0x40 once a letter is read: every lower-case
		// ASCII letter has it, no digit, and a test a byte was a branch.
		var seen byte
		if c := s[i]; c < utf8.RuneSelf {
			if v := pairASCII[c]; v <= pairStop {
				if v == pairStop {
					havePrev = false
				}
				i++
				continue
			}
		} else {
			// A first character beyond ASCII is hashed here, where it is
			// decoded to see whether a word starts, not decoded again.
			r, size := fastutf8.Decode(s, i)
			i += size
			class := classOf(r)
			if class.flags&(runeLetter|runeDigit) == 0 {
				continue
			}
			if class.flags&runeLetter != 0 {
				seen = 0x40
			}
			h = (h ^ uint64(class.lower)) * prime
		}
	word:
		for i < len(s) {
			// A run of ASCII letters and digits has a loop of its own:
			// in one loop with the accented letters' cases, the registers
			// those need were saved and loaded again at every byte.
			for ; i < len(s) && s[i] < utf8.RuneSelf; i++ {
				v := pairASCII[s[i]]
				if v <= pairStop {
					break word
				}
				seen |= v
				h = (h ^ uint64(v)) * prime
			}
			if i == len(s) {
				break
			}
			// The accented letters of Vietnamese, most characters beyond
			// ASCII, are decoded here: fastutf8.Decode is a call.
			var r rune
			size := 2
			if latin, ok := fastutf8.Latin(s, i); ok {
				r = latin
			} else if s[i] == 0xE1 && i+2 < len(s) && fastutf8.VietnameseE1(s[i+1], s[i+2]) {
				r, size = 0x1000|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
			} else {
				r, size = fastutf8.Decode(s, i)
			}
			class := classOf(r)
			if class.flags&(runeLetter|runeDigit|runeMark) == 0 {
				break
			}
			if class.flags&runeLetter != 0 {
				seen = 0x40
			}
			h = (h ^ uint64(class.lower)) * prime
			i += size
		}
		if seen&0x40 == 0 || stop.has(h) {
			continue
		}
		if havePrev {
			dst = append(dst, prev*prime^h)
		}
		prev, havePrev = h, true
	}
	return dst
}

// pairASCII is what contentPairs reads of an ASCII byte: a letter or digit
// as itself lower-cased, pairStop for punctuation that ends a run of pairs,
// pairSpace for any other byte. One lookup where the tests were a
// chain of comparisons a byte.
var pairASCII = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		case isASCIIAlnum(byte(c)):
			t[c] = byte(c)
		case strings.IndexByte(".,;:!?", byte(c)) >= 0:
			t[c] = pairStop
		default:
			t[c] = pairSpace
		}
	}
	return t
}()

const (
	pairSpace = 0
	pairStop  = 1
)

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// lowerHash is an FNV-1a hash of s lower-cased, computed without building
// the lower-cased string (the rule hashes every word of every document). A
// character outside ASCII goes in as its code point, not its UTF-8 bytes:
// one step instead of two or three, and the hash is only compared with
// others made here and in contentPairs.
func lowerHash(s string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			h = (h ^ uint64(r)) * prime
			continue
		}
		h = (h ^ uint64(classOf(r).lower)) * prime
	}
	return h
}

func stopWordSet(lex *lint.Lexicon) *wordSet {
	return stopWordSets.get(lex.Key(), func() *wordSet {
		hashes := make([]uint64, len(lex.Literals))
		for i, w := range lex.Literals {
			hashes[i] = lowerHash(w)
		}
		return newWordSet(hashes)
	})
}

var stopWordSets derived[lint.LexiconKey, *wordSet]

// cutListMarker removes a sidebar bullet from the start of text.
func cutListMarker(text string, markers []string) (string, bool) {
	for _, m := range markers {
		if rest, ok := strings.CutPrefix(text, m); ok && rest != "" {
			return fastutf8.TrimSpace(rest), true
		}
	}
	return text, false
}

// relatedHeaders is the related-headers lexicon, with the ASCII bytes its
// headings can begin with (each first letter's case folds among them):
// every line of every document is asked, and most begin with a letter no
// heading does.
type relatedHeaders struct {
	headings []string
	initials [utf8.RuneSelf]bool
}

// relatedHeadersOf returns lex's relatedHeaders, built once per lexicon.
func relatedHeadersOf(lex *lint.Lexicon) *relatedHeaders {
	return relatedHeadersByLexicon.get(lex.Key(), func() *relatedHeaders { return newRelatedHeaders(lex.Literals) })
}

var relatedHeadersByLexicon derived[lint.LexiconKey, *relatedHeaders]

func newRelatedHeaders(headings []string) *relatedHeaders {
	rh := &relatedHeaders{headings: headings}
	for _, h := range headings {
		first, _ := utf8.DecodeRuneInString(h)
		// strings.EqualFold matches a letter to any in its fold orbit,
		// which can leave ASCII: "K" (the Kelvin sign) to "k" and "K".
		for r := first; ; {
			if r < utf8.RuneSelf {
				rh.initials[r] = true
			}
			if r = unicode.SimpleFold(r); r == first {
				break
			}
		}
	}
	return rh
}

// match reports whether text is a related-news heading: one of the
// headings, maybe with a colon, or one followed by a short category name.
func (rh *relatedHeaders) match(text string) bool {
	text = strings.TrimSuffix(fastutf8.TrimSpace(text), ":")
	if text == "" || text[0] < utf8.RuneSelf && !rh.initials[text[0]] {
		return false
	}
	for _, h := range rh.headings {
		// The heading ends the line or a word: a byte's test that
		// settles most lines before their letters are folded.
		if len(text) < len(h) || len(text) > len(h) && text[len(h)] != ' ' || !strings.EqualFold(text[:len(h)], h) {
			continue
		}
		return wordCount(text, 7) <= 6 && !strings.ContainsAny(text, ".,;!?")
	}
	return false
}

// matchesLine reports whether the trimmed line is one of lex's literals
// (case-insensitively) or matches one of its patterns, whose limits are
// patternLimits(lex).
func matchesLine(text string, lex *lint.Lexicon, limits []lint.PatternLimits) bool {
	for _, lit := range lex.Literals {
		if strings.EqualFold(text, lit) {
			return true
		}
	}
	spaces := -1
	for i, re := range lex.Patterns {
		// Every line of every document is tried, and most are paragraphs
		// longer than an anchored pattern can match.
		if lim := &limits[i]; !lim.Fits(text, &spaces) || !lim.MayHold(text) {
			continue
		}
		if re.MatchString(text) {
			return true
		}
	}
	return false
}

var patternLimitsByLexicon derived[lint.LexiconKey, []lint.PatternLimits]

// patternLimits returns the limits of each of lex's patterns, computed once
// per lexicon.
func patternLimits(lex *lint.Lexicon) []lint.PatternLimits {
	return patternLimitsByLexicon.get(lex.Key(), func() []lint.PatternLimits {
		limits := make([]lint.PatternLimits, len(lex.Patterns))
		for i, re := range lex.Patterns {
			limits[i] = lint.LimitsOf(re)
		}
		return limits
	})
}

// doubledTitle reports whether text is one title written twice, "X X", and
// returns X. Three words at least: short phrases repeat for other reasons.
func doubledTitle(text string) (string, bool) {
	n := len(text)
	if n%2 == 0 {
		return "", false
	}
	m := n / 2
	if text[m] != ' ' || text[:m] != text[m+1:] || wordCount(text[:m], 3) < 3 {
		return "", false
	}
	return text[:m], true
}

// headlineShaped reports whether text reads as a headline: a few words,
// starting with a capital or a digit, not ending like a sentence or a
// clause.
func headlineShaped(text string, maxWords int) bool {
	// The ends first: they settle most lines (a paragraph ends with its
	// full stop) without counting words.
	first, _ := utf8.DecodeRuneInString(text)
	last, _ := utf8.DecodeLastRuneInString(text)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) || strings.ContainsRune(".;:,", last) {
		return false
	}
	n := wordCount(text, maxWords+1)
	return n >= 2 && n <= maxWords && !strings.Contains(text, ". ")
}

// sentenceShaped reports whether text reads as a sentence: six words or
// more, ending with a full stop, a question or exclamation mark, or an
// ellipsis.
func sentenceShaped(text string) bool {
	last, _ := utf8.DecodeLastRuneInString(text)
	return strings.ContainsRune(".!?…", last) && wordCount(text, 6) >= 6
}

// gluedTitle reports whether text is a headline of the "Topic: headline"
// shape run into a teaser sentence with no punctuation between them:
// "Công ước Hà Nội: Dấu ấn ... toàn cầu Ngay tại Lễ mở ký, 72 quốc gia ...".
// The junction is a lower-case word followed by a capitalised word that
// starts a sentence (the word after it is lower case again, so it is not a
// name).
func gluedTitle(text string) bool {
	colon := strings.Index(text, ": ")
	if colon <= 0 || !sentenceShaped(text) {
		return false
	}
	topic := strings.Fields(text[:colon])
	if len(topic) > 6 || !startsUpper(topic[0]) || (len(topic) > 2 && !startsUpper(topic[len(topic)-1])) {
		return false
	}
	words := strings.Fields(text[colon+2:])
	if len(words) < 10 || !startsUpper(words[0]) {
		return false
	}
	for j := 1; j+6 <= len(words); j++ {
		prev := words[j-1]
		if strings.ContainsAny(prev, ".;!?:\"“”") {
			return false // the headline part ended before any junction
		}
		if j >= 3 && startsLower(prev) && !strings.HasSuffix(prev, ",") &&
			startsUpper(words[j]) && startsLower(words[j+1]) {
			return true
		}
	}
	return false
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

func startsLower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}
