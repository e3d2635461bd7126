package rules

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/scrapelint/scrapelint/internal/fastutf8"
	"github.com/scrapelint/scrapelint/lint"
)

// MarkupLeak finds HTML, CMS and program syntax that a scraper left in the
// text (DEFECTS.md family 9: entities, tags, escaped characters, program
// representations).
var MarkupLeak = &lint.Rule{
	ID:       "markup-leak",
	Family:   "5",
	Severity: lint.Error,
	Summary:  "HTML entities, tags, shortcodes, escape sequences or a program's list syntax left in the text",
	Doc: `A scraper that takes a page's source instead of its rendered text, or that
writes a program's representation of a string instead of the string, leaves
syntax no reader should see: "Giá xăng&nbsp;tăng", "R&amp;D", "<br>",
"[caption id=...]", "\xa0", "It\xe2\x80\x99s", or a whole Python list
"['\r\n', 'Câu một.']". Search, counting and training data all see noise.

The rule reports:
  entities      "&name;" that the HTML standard defines, "&#160;", "&#x27;";
                without the ";" only the entities HTML itself reads that way
                (nbsp, amp, quot, lt, gt, ...) and only before a character
                that cannot continue a name, so "AT&T", "R&D", "VH-TT&DL" and
                "Q&A" are text
  tags          "<br>", "</p>", "<a href=...>", "<!-- ... -->": an HTML element
                name with well-formed attributes, so "a < b", "x<y", "<3",
                "<<Tên sách>>" and "<ban.doc@example.vn>" are text
  shortcodes    "[caption ...]", "[/embed]": a name from the markup-shortcodes
                lexicon written in lower case with attributes, or closed on
                the same line ("[Video]" before a headline is text)
  escapes       "\xa0", "\u00a0", "\xe2\x80\x99", "\n", "\r\n", "\t", "\"", and
                the residue "xa0" standing alone between spaces
  program text  a list of quoted strings "['...', '...']", "[object Object]"`,
	Before: "Giá xăng&nbsp;tăng nhẹ, theo Bộ Công Thương &amp; Bộ Tài chính.<br>\n",
	After:  "Giá xăng tăng nhẹ, theo Bộ Công Thương & Bộ Tài chính.\n",
	Fix:    lint.SafeFix,
	FixDoc: `Safe: an entity or escape is replaced by the character it stands for
(decoded with Go's html package and string-literal rules); one that stands
for a space, a block tag ("<br>", "</p>"), a shortcode or an escaped line
break becomes one space, or nothing where a space is already there; an inline
tag ("<b>", "</a>") is deleted; a list of strings is replaced by its
non-blank strings joined by spaces. An escape that decodes to nothing valid
("&#0;") is reported without a fix.`,
	Lexicons: []string{"markup-shortcodes"},
	Run:      runMarkupLeak,
}

// leakEffect says what a leak stands for, which decides its fix.
type leakEffect int

const (
	// standsForText: the leak is replaced by its decoded text.
	standsForText leakEffect = iota
	// standsForSpace: the leak separated words (a no-break space, "<br>",
	// an escaped line break) and becomes one space unless one is there.
	standsForSpace
	// standsForNothing: the leak wrapped text ("<b>", a soft hyphen) and
	// is deleted.
	standsForNothing
	// undecodable: reported with no fix.
	undecodable
)

// leak is one piece of markup found in the text.
type leak struct {
	start, end int
	effect     leakEffect
	text       string // the replacement, for standsForText
	what       string // a description for the message
}

func runMarkupLeak(p *lint.Pass) {
	leaks := findLeaks(p.Doc.Text, p.Lexicon("markup-shortcodes"))
	for g := 0; g < len(leaks); {
		n := groupLen(leaks[g:])
		reportLeaks(p, leaks[g:g+n])
		g += n
	}
}

// findLeaks returns the leaks of text, in order.
func findLeaks(text string, shortcodes *lint.Lexicon) []leak {
	var leaks []leak
	next := needleScan{text: text, needles: markupStarts}
	for i := next.from(0); i < len(text); i = next.from(i + 1) {
		if l, ok := leakAt(text, i, shortcodes); ok {
			leaks = append(leaks, l)
			i = l.end - 1
		}
	}
	return leaks
}

// leakAt reads the leak that starts at text[i], if one does.
func leakAt(text string, i int, shortcodes *lint.Lexicon) (leak, bool) {
	switch text[i] {
	case '&':
		return scanEntity(text, i)
	case '<':
		return scanTag(text, i)
	case '[':
		return scanBracket(text, i, shortcodes)
	case '\\':
		return scanEscape(text, i)
	case 'x', 'u':
		// Residue stands alone: only a word's first letter can start it.
		if i == 0 || text[i-1] == ' ' || text[i-1] == '\n' {
			return scanResidue(text, i)
		}
	}
	return leak{}, false
}

// markupStarts are what a leak can start with: the first bytes of
// entities, tags, shortcodes and escapes, and the residues scanResidue
// reads whole, each searched for from its first 0 (their x and u are
// common letters).
var markupStarts = func() []needle {
	ns := []needle{{"&", 0}, {"<", 0}, {"[", 0}, {"\\", 0}}
	for _, r := range residues {
		ns = append(ns, needle{r, strings.IndexByte(r, '0')})
	}
	return ns
}()

// residues are what is left of an escape whose backslash was stripped.
var residues = []string{"xa0", "u00a0", "u200b"}

// groupLen counts the leaks at the start of ls that touch one another and
// all stand for a space or for nothing ("&nbsp;&nbsp;", "</p><p>"): they are
// fixed as one, so that the spaces around the run are counted once.
func groupLen(ls []leak) int {
	n := 1
	if ls[0].effect != standsForSpace && ls[0].effect != standsForNothing {
		return n
	}
	for n < len(ls) && ls[n].start == ls[n-1].end && (ls[n].effect == standsForSpace || ls[n].effect == standsForNothing) {
		n++
	}
	return n
}

func reportLeaks(p *lint.Pass, ls []leak) {
	text := p.Doc.Text
	start, end := ls[0].start, ls[len(ls)-1].end
	msg := ls[0].what + " left in the text"
	if len(ls) > 1 {
		msg = fmt.Sprintf("%d pieces of markup left in the text: %q", len(ls), text[start:end])
	}
	switch ls[0].effect {
	case undecodable:
		p.Reportf(start, end, "%s; it decodes to no valid character", msg)
		return
	case standsForText:
		p.ReportFix(start, end, lint.Safe, []lint.Edit{{Start: start, End: end, NewText: ls[0].text}}, "%s; it stands for %q", msg, ls[0].text)
		return
	}
	space := false
	for _, l := range ls {
		space = space || l.effect == standsForSpace
	}
	p.ReportFix(start, end, lint.Safe, []lint.Edit{removal(text, start, end, space)}, "%s", msg)
}

// removal returns the edit that takes text[start:end] out of its line,
// leaving exactly one space between the words around it when space is set
// (the markup separated them), and no space at either end of the line.
func removal(text string, start, end int, space bool) lint.Edit {
	lineStart := start == 0 || text[start-1] == '\n'
	lineEnd := end == len(text) || text[end] == '\n' || text[end] == '\r'
	spaceBefore := !lineStart && spaceOrTab(text[start-1])
	spaceAfter := !lineEnd && spaceOrTab(text[end])
	switch {
	case lineStart && spaceAfter:
		return lint.Edit{Start: start, End: end + 1}
	case lineEnd && spaceBefore:
		return lint.Edit{Start: start - 1, End: end}
	case spaceBefore && spaceAfter:
		return lint.Edit{Start: start, End: end + 1}
	case space && !lineStart && !lineEnd && !spaceBefore && !spaceAfter:
		return lint.Edit{Start: start, End: end, NewText: " "}
	}
	return lint.Edit{Start: start, End: end}
}

func spaceOrTab(c byte) bool { return c == ' ' || c == '\t' }

func asciiAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func hexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// bareEntities are the entities read without their ";". HTML reads more
// (its legacy list has "&not", "&para" ...), but those begin ordinary words
// ("&nothing"), so only the ones scrapers leak are trusted without it.
var bareEntities = map[string]bool{
	"nbsp": true, "amp": true, "quot": true, "lt": true, "gt": true, "apos": true,
	"AMP": true, "QUOT": true, "LT": true, "GT": true, "NBSP": true,
	"ndash": true, "mdash": true, "hellip": true, "laquo": true, "raquo": true,
	"lsquo": true, "rsquo": true, "ldquo": true, "rdquo": true, "copy": true, "reg": true,
}

// scanEntity reads an HTML character reference at text[i] == '&'.
func scanEntity(text string, i int) (leak, bool) {
	j := i + 1
	if j < len(text) && text[j] == '#' {
		return scanNumericEntity(text, i)
	}
	for j < len(text) && j-i <= 32 && asciiAlnum(text[j]) {
		j++
	}
	name := text[i+1 : j]
	if name == "" {
		return leak{}, false
	}
	if j < len(text) && text[j] == ';' {
		ref := text[i : j+1]
		decoded := html.UnescapeString(ref)
		if decoded == ref {
			return leak{}, false // "&T;": no such entity
		}
		return decodedLeak(i, j+1, decoded, fmt.Sprintf("HTML entity %q", ref)), true
	}
	if !bareEntities[name] || insideURL(text, i) {
		return leak{}, false
	}
	return decodedLeak(i, j, html.UnescapeString("&"+name+";"), fmt.Sprintf("HTML entity %q", text[i:j])), true
}

// scanNumericEntity reads "&#160;", "&#xA0;", or without the ";" "&#39".
func scanNumericEntity(text string, i int) (leak, bool) {
	j := i + 2
	hex := j < len(text) && (text[j] == 'x' || text[j] == 'X')
	if hex {
		j++
	}
	digits := j
	for j < len(text) && j-digits < 8 && (hex && hexDigit(text[j]) || !hex && isDigit(text[j])) {
		j++
	}
	n := j - digits
	end := j
	switch {
	case j < len(text) && text[j] == ';':
		end = j + 1
	case n < 2 || (j < len(text) && asciiAlnum(text[j]) && hex) || insideURL(text, i):
		// Without ";" a reference is trusted only when it cannot be read
		// another way: two digits at least, and not glued to a name.
		return leak{}, false
	}
	if n == 0 {
		return leak{}, false
	}
	ref := text[i:end]
	decoded := html.UnescapeString(ref + strings.Repeat(";", boolInt(end == j)))
	what := fmt.Sprintf("HTML entity %q", ref)
	if decoded == "\uFFFD" || decoded == "\x00" {
		return leak{start: i, end: end, effect: undecodable, what: what}, true
	}
	return decodedLeak(i, end, decoded, what), true
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// decodedLeak classifies what a decoded entity or escape stands for.
func decodedLeak(start, end int, decoded, what string) leak {
	l := leak{start: start, end: end, what: what, text: decoded}
	switch {
	case !utf8.ValidString(decoded) || strings.ContainsRune(decoded, utf8.RuneError) || strings.ContainsRune(decoded, 0):
		l.effect = undecodable
	case strings.TrimFunc(decoded, spaceLikeRune) == "":
		l.effect = standsForSpace
	case strings.TrimFunc(decoded, formatRune) == "":
		l.effect = standsForNothing
	}
	return l
}

func spaceLikeRune(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) }

func formatRune(r rune) bool { return unicode.Is(unicode.Cf, r) }

// insideURL reports whether offset i lies inside a URL, where "&amp" may be a
// query parameter's name and is left alone unless it ends with ";".
func insideURL(text string, i int) bool {
	tok := strings.LastIndexAny(text[:i], " \t\n") + 1
	before := text[tok:i]
	return strings.Contains(before, "://") || strings.HasPrefix(before, "www.")
}

// htmlElements are the HTML element names the rule recognises; blockElements
// are those that separate words when a browser renders them.
var htmlElements, blockElements = elementSets(
	"a abbr b bdi bdo big cite code data del dfn em font i img ins kbd mark q s samp small span strike strong sub sup time tt u var wbr",
	"address article aside blockquote body br caption center dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html iframe input label li link main meta nav noscript ol option p picture pre script section select source style table tbody td textarea tfoot th thead title tr ul video audio button canvas embed object param svg",
)

func elementSets(inline, block string) (all, blocks map[string]bool) {
	all, blocks = map[string]bool{}, map[string]bool{}
	for _, name := range strings.Fields(inline) {
		all[name] = true
	}
	for _, name := range strings.Fields(block) {
		all[name], blocks[name] = true, true
	}
	return all, blocks
}

// attributes matches what may follow a tag's name up to its ">": attributes
// with optional quoted or bare values, and the "/" of a void element.
var attributes = regexp.MustCompile(`^(?:\s+[a-zA-Z_:@][-a-zA-Z0-9_:.@]*(?:\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|[^\s"'=<>` + "`" + `]+))?)*\s*/?$`)

// scanTag reads an HTML tag or comment at text[i] == '<'.
func scanTag(text string, i int) (leak, bool) {
	rest := text[i:]
	if strings.HasPrefix(rest, "<!--") {
		k := strings.Index(rest, "-->")
		if k < 0 || strings.ContainsAny(rest[:k], "\n") {
			return leak{}, false
		}
		return leak{start: i, end: i + k + 3, effect: standsForNothing, what: "HTML comment"}, true
	}
	j := i + 1
	closing := j < len(text) && text[j] == '/'
	if closing {
		j++
	}
	nameStart := j
	for j < len(text) && j-nameStart <= 10 && asciiAlnum(text[j]) {
		j++
	}
	name := strings.ToLower(text[nameStart:j])
	if !htmlElements[name] || name[0] < 'a' || name[0] > 'z' {
		return leak{}, false
	}
	k := strings.IndexAny(text[j:min(len(text), j+1000)], "<>\n")
	if k < 0 || text[j+k] != '>' {
		return leak{}, false
	}
	attrs := text[j : j+k]
	// Attributes must include a value ("<a href=...>"): "a<b and b>c" is a
	// comparison, not a tag with the attributes "and" and "b".
	bare := fastutf8.TrimSpace(strings.TrimSuffix(fastutf8.TrimSpace(attrs), "/")) == ""
	if closing && fastutf8.TrimSpace(attrs) != "" || !bare && !strings.Contains(attrs, "=") || !attributes.MatchString(attrs) {
		return leak{}, false
	}
	end := j + k + 1
	l := leak{start: i, end: end, effect: standsForNothing, what: fmt.Sprintf("HTML tag %q", shortenMarkup(text[i:end]))}
	if blockElements[name] {
		l.effect = standsForSpace
	}
	return l, true
}

// shortenMarkup keeps a long tag readable in a message.
func shortenMarkup(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	r := []rune(s)
	return string(r[:37]) + "..."
}

// scanBracket reads a shortcode, a list of quoted strings or "[object
// Object]" at text[i] == '['.
func scanBracket(text string, i int, shortcodes *lint.Lexicon) (leak, bool) {
	rest := text[i:]
	if strings.HasPrefix(rest, "[object Object]") {
		return leak{start: i, end: i + len("[object Object]"), effect: standsForSpace, what: `JavaScript placeholder "[object Object]"`}, true
	}
	if l, ok := scanStringList(text, i); ok {
		return l, true
	}
	return scanShortcode(text, i, shortcodes)
}

// scanShortcode reads "[name attrs]" or "[/name]" where name is a shortcode.
// An opening code without attributes counts only when its closing code
// follows on the same line, since "[video]" alone may label a headline.
func scanShortcode(text string, i int, shortcodes *lint.Lexicon) (leak, bool) {
	j := i + 1
	closing := j < len(text) && text[j] == '/'
	if closing {
		j++
	}
	nameStart := j
	for j < len(text) && j-nameStart <= 40 && (text[j] >= 'a' && text[j] <= 'z' || text[j] >= '0' && text[j] <= '9' || text[j] == '_' || text[j] == '-') {
		j++
	}
	name := text[nameStart:j]
	if name == "" || !lexiconHasName(shortcodes, name) {
		return leak{}, false
	}
	k := strings.IndexAny(text[j:min(len(text), j+1000)], "[]\n")
	if k < 0 || text[j+k] != ']' {
		return leak{}, false
	}
	attrs := text[j : j+k]
	end := j + k + 1
	switch {
	case closing && fastutf8.TrimSpace(attrs) != "":
		return leak{}, false
	case !closing && fastutf8.TrimSpace(attrs) == "":
		// The closing code is looked for in the next 2000 bytes of the
		// line, which bounds the work of a line full of "[embed]".
		window := text[end:min(len(text), end+2000)]
		if k := strings.IndexByte(window, '\n'); k >= 0 {
			window = window[:k]
		}
		if !strings.Contains(window, "[/"+name+"]") {
			return leak{}, false
		}
	case !closing && (!strings.Contains(attrs, "=") || !attributes.MatchString(attrs)):
		return leak{}, false
	}
	return leak{start: i, end: end, effect: standsForSpace, what: fmt.Sprintf("shortcode %q", shortenMarkup(text[i:end]))}, true
}

func lexiconHasName(lex *lint.Lexicon, name string) bool {
	for _, lit := range lex.Literals {
		if strings.EqualFold(lit, name) {
			return true
		}
	}
	for _, re := range lex.Patterns {
		if re.MatchString(name) {
			return true
		}
	}
	return false
}

// scanResidue reads "xa0", "u00a0" or "u200b" standing alone between spaces:
// what is left of an escape whose backslash was stripped.
func scanResidue(text string, i int) (leak, bool) {
	for _, r := range residues {
		if !strings.HasPrefix(text[i:], r) {
			continue
		}
		end := i + len(r)
		before := i == 0 || text[i-1] == ' ' || text[i-1] == '\n'
		after := end == len(text) || text[end] == ' ' || text[end] == '\n' || text[end] == '\r'
		if before && after {
			return leak{start: i, end: end, effect: standsForSpace, what: fmt.Sprintf("residue %q of an escaped character", r)}, true
		}
	}
	return leak{}, false
}

// scanEscape reads a run of backslash escapes at text[i] == '\\': "\xa0",
// "\xe2\x80\x99" (the UTF-8 bytes of one character), "\u00a0", "\r\n",
// "\"". A doubled backslash ("\\n", from text escaped twice) belongs to the
// escape.
func scanEscape(text string, i int) (leak, bool) {
	j := skipBackslashes(text, i)
	if j == i || j >= len(text) {
		return leak{}, false
	}
	switch text[j] {
	case 'x':
		return scanHexEscapes(text, i)
	case 'u', 'U':
		return scanUnicodeEscapes(text, i)
	case 'n', 'r', 't':
		return scanBreakEscapes(text, i)
	case '"', '\'':
		return leak{start: i, end: j + 1, effect: standsForText, text: text[j : j+1], what: fmt.Sprintf("escaped quote %q", text[i:j+1])}, true
	}
	return leak{}, false
}

func skipBackslashes(text string, i int) int {
	for i < len(text) && text[i] == '\\' {
		i++
	}
	return i
}

// scanHexEscapes decodes "\xHH" escapes: as UTF-8 when their bytes spell
// characters ("\xe2\x80\x99" is ’), else as Latin-1 code points ("\xa0" is a
// no-break space, as Python writes it).
func scanHexEscapes(text string, i int) (leak, bool) {
	var bytes []byte
	end := i
	for {
		j := skipBackslashes(text, end)
		if j == end || j+3 > len(text) || text[j] != 'x' || !hexDigit(text[j+1]) || !hexDigit(text[j+2]) {
			break
		}
		bytes = append(bytes, byte(hexDigitValue(text[j+1])<<4|hexDigitValue(text[j+2])))
		end = j + 3
	}
	if len(bytes) == 0 {
		return leak{}, false
	}
	decoded := string(bytes)
	if !utf8.Valid(bytes) || len(bytes) == 1 && bytes[0] >= 0x80 {
		runes := make([]rune, len(bytes))
		for k, b := range bytes {
			runes[k] = rune(b)
		}
		decoded = string(runes)
	}
	return decodedLeak(i, end, decoded, fmt.Sprintf("escaped character %q", text[i:end])), true
}

func hexDigitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}

// scanUnicodeEscapes decodes "\uHHHH" (joining surrogate pairs, as JSON
// writes characters outside the BMP) and "\UHHHHHHHH".
func scanUnicodeEscapes(text string, i int) (leak, bool) {
	var runes []rune
	end := i
	for {
		j := skipBackslashes(text, end)
		if j == end || j >= len(text) {
			break
		}
		n := 4
		if text[j] == 'U' {
			n = 8
		} else if text[j] != 'u' {
			break
		}
		r, ok := hexRune(text, j+1, n)
		if !ok {
			break
		}
		runes = append(runes, r)
		end = j + 1 + n
	}
	if len(runes) == 0 {
		return leak{}, false
	}
	return decodedLeak(i, end, joinSurrogates(runes), fmt.Sprintf("escaped character %q", text[i:end])), true
}

func hexRune(text string, at, n int) (rune, bool) {
	if at+n > len(text) {
		return 0, false
	}
	var r rune
	for k := at; k < at+n; k++ {
		if !hexDigit(text[k]) {
			return 0, false
		}
		r = r<<4 | rune(hexDigitValue(text[k]))
	}
	return r, true
}

// joinSurrogates turns UTF-16 surrogate pairs into characters; a lone
// surrogate becomes U+FFFD, which makes the escape undecodable.
func joinSurrogates(rs []rune) string {
	var b strings.Builder
	for k := 0; k < len(rs); k++ {
		r := rs[k]
		if r >= 0xD800 && r < 0xDC00 && k+1 < len(rs) && rs[k+1] >= 0xDC00 && rs[k+1] < 0xE000 {
			r = 0x10000 + (r-0xD800)<<10 + (rs[k+1] - 0xDC00)
			k++
		}
		if !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// scanBreakEscapes reads a run of "\n", "\r" and "\t". A run followed by a
// lower-case ASCII letter is left alone: "C:\temp", "\news" are paths.
func scanBreakEscapes(text string, i int) (leak, bool) {
	end := i
	for {
		j := skipBackslashes(text, end)
		if j == end || j >= len(text) || (text[j] != 'n' && text[j] != 'r' && text[j] != 't') {
			break
		}
		end = j + 1
	}
	if end < len(text) && text[end] >= 'a' && text[end] <= 'z' {
		return leak{}, false
	}
	return leak{start: i, end: end, effect: standsForSpace, what: fmt.Sprintf("escaped line break %q", text[i:end])}, true
}

// scanStringList reads a program's representation of a list of strings,
// "['\r\n', 'Câu một.']" or `["a", "b"]`, on one line. It is replaced by its
// non-blank strings, decoded and joined by spaces.
func scanStringList(text string, i int) (leak, bool) {
	j := i + 1
	var parts []string
	for {
		for j < len(text) && text[j] == ' ' {
			j++
		}
		s, next, ok := scanQuoted(text, j)
		if !ok {
			return leak{}, false
		}
		parts = append(parts, s)
		j = next
		for j < len(text) && text[j] == ' ' {
			j++
		}
		if j < len(text) && text[j] == ',' {
			j++
			continue
		}
		if j < len(text) && text[j] == ']' {
			break
		}
		return leak{}, false
	}
	end := j + 1
	var kept []string
	for _, s := range parts {
		s = strings.Join(strings.FieldsFunc(s, spaceLikeRune), " ")
		if s != "" {
			kept = append(kept, s)
		}
	}
	l := decodedLeak(i, end, strings.Join(kept, " "), fmt.Sprintf("program representation of a list of %d strings", len(parts)))
	if l.text == "" {
		l.effect = standsForSpace
	}
	return l, true
}

// scanQuoted reads one string literal at text[j] (with an optional u, r or b
// prefix) and returns its decoded value and the offset after it.
func scanQuoted(text string, j int) (string, int, bool) {
	raw := false
	if j < len(text) && (text[j] == 'u' || text[j] == 'r' || text[j] == 'b') {
		raw = text[j] == 'r'
		j++
	}
	if j >= len(text) || (text[j] != '\'' && text[j] != '"') {
		return "", 0, false
	}
	quote := text[j]
	var b strings.Builder
	for k := j + 1; k < len(text); k++ {
		c := text[k]
		switch {
		case c == '\n':
			return "", 0, false
		case c == quote:
			return b.String(), k + 1, true
		case c == '\\' && !raw && k+1 < len(text):
			l, ok := scanEscape(text, k)
			if !ok || l.effect == undecodable {
				b.WriteByte(text[k+1])
				k++
				continue
			}
			if l.effect == standsForText {
				b.WriteString(l.text)
			} else {
				b.WriteByte(' ')
			}
			k = l.end - 1
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, false
}
