package lint_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
	_ "github.com/scrapelint/scrapelint/lint/linttest"
)

func TestGitHubEscaping(t *testing.T) {
	for _, tc := range []struct{ in, data, prop string }{
		{"100% done", "100%25 done", "100%25 done"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"x: y, z", "x: y, z", "x%3A y%2C z"},
		{"%0A literal", "%250A literal", "%250A literal"},
	} {
		if got := lint.EscapeGitHubData(tc.in); got != tc.data {
			t.Errorf("data %q: %q, want %q", tc.in, got, tc.data)
		}
		if got := lint.EscapeGitHubProperty(tc.in); got != tc.prop {
			t.Errorf("property %q: %q, want %q", tc.in, got, tc.prop)
		}
	}
}

func located(t *testing.T, path, text string, start, end int, msg string) lint.Located {
	t.Helper()
	d := lint.NewDocument(path, text)
	return lint.Locate(d, lint.Finding{Rule: "r", Severity: lint.Warning, Start: start, End: end, Message: msg})
}

func TestGitHubAnnotation(t *testing.T) {
	text := "Dòng một.\nDòng hai, có lỗi.\nDòng ba.\n"
	one := located(t, "a,b:c.txt", text, strings.Index(text, "lỗi"), strings.Index(text, "lỗi")+len("lỗi"), "50% sure\nsecond line")
	want := "::warning file=a%2Cb%3Ac.txt,line=2,endLine=2,col=14,endColumn=17,title=scrapelint r::50%25 sure%0Asecond line"
	if got := lint.GitHubAnnotation(".", one); got != want {
		t.Errorf("single line:\n%s\nwant\n%s", got, want)
	}
	multi := located(t, "a.txt", text, 0, strings.Index(text, "Dòng ba"), "span")
	got := lint.GitHubAnnotation(".", multi)
	if strings.Contains(got, "col=") || strings.Contains(got, "endColumn=") || !strings.Contains(got, "line=1,endLine=3") {
		t.Errorf("a span over several lines has columns or lacks lines: %s", got)
	}
}

func TestFingerprintIgnoresPosition(t *testing.T) {
	line := "Giá vàng tăng mạnh 20212025 phiên sáng nay.\n"
	a := located(t, "a.txt", line, 19, 27, "m")
	b := located(t, "a.txt", "Một đoạn mới ở đầu bài.\n\n"+line, 19+len("Một đoạn mới ở đầu bài.\n\n"), 27+len("Một đoạn mới ở đầu bài.\n\n"), "m")
	if a.Fingerprint() != b.Fingerprint() || a.Line == b.Line {
		t.Errorf("moving a finding down changed its fingerprint: %s vs %s", a.Fingerprint(), b.Fingerprint())
	}
	c := located(t, "a.txt", strings.Replace(line, "sáng", "chiều", 1), 19, 27, "m")
	if c.Fingerprint() == a.Fingerprint() {
		t.Error("editing the finding's line kept its fingerprint")
	}
}

// TestFingerprintDefinition pins what a fingerprint hashes on an ordinary
// line: baselines in users' repositories hold these values.
func TestFingerprintDefinition(t *testing.T) {
	line := "Giá vàng tăng mạnh 20212025 phiên sáng nay."
	text := "Đầu bài.\n" + line + "\n"
	at := strings.Index(text, "20212025")
	f := located(t, "a.txt", text, at, at+8, "m")
	sum := sha256.Sum256([]byte("r\x0020212025\x00" + line))
	if want := hex.EncodeToString(sum[:16]); f.Fingerprint() != want {
		t.Errorf("fingerprint %s, want %s: the definition changed, and with it every baseline", f.Fingerprint(), want)
	}
}

// TestFingerprintOnALongLine checks the window a fingerprint hashes on a
// line longer than 64 KB: an edit more than 2 KB from the finding keeps it,
// an edit nearer does not, and a window edge inside a character is harmless.
func TestFingerprintOnALongLine(t *testing.T) {
	filler := strings.Repeat("Hà Nội phát triển. ", 8000) // 152 KB, two- and three-byte letters
	text := filler + "lỗi" + filler
	at := len(filler)
	base := located(t, "a.txt", text, at, at+len("lỗi"), "m")
	farEdit := "x" + text[1:]
	if far := located(t, "a.txt", farEdit, at, at+len("lỗi"), "m"); far.Fingerprint() != base.Fingerprint() {
		t.Error("an edit 150 KB away changed the fingerprint")
	}
	farEdit = text[:at-3000] + "y" + text[at-2999:]
	if far := located(t, "a.txt", farEdit, at, at+len("lỗi"), "m"); far.Fingerprint() != base.Fingerprint() {
		t.Error("an edit 3 KB away changed the fingerprint")
	}
	nearEdit := text[:at-1000] + "y" + text[at-999:]
	if near := located(t, "a.txt", nearEdit, at, at+len("lỗi"), "m"); near.Fingerprint() == base.Fingerprint() {
		t.Error("an edit next to the finding kept the fingerprint")
	}
	for shift := range 4 {
		// Move the finding so that the window's edges fall at every byte of
		// the letters around them.
		padded := strings.Repeat(" ", shift) + text
		if got := located(t, "a.txt", padded, at+shift, at+shift+len("lỗi"), "m"); got.Fingerprint() == "" {
			t.Errorf("shift %d: no fingerprint", shift)
		}
	}
}

func TestXMLReportsAreWellFormed(t *testing.T) {
	f := located(t, "tin <1> & \"2\".txt", "Có ký tự \x01 lạ <b>.\n", 0, 5, "a <tag> & \"quote\"")
	for _, format := range []string{"junit", "checkstyle"} {
		var buf bytes.Buffer
		rep := lint.Formats[format](lint.ReportContext{W: &buf})
		if err := rep.Report(f); err != nil {
			t.Fatal(err)
		}
		sum := lint.NewSummary()
		sum.Add(f.Finding)
		if err := rep.Finish(sum); err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(&buf)
		n := 0
		for {
			tok, err := dec.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Errorf("%s: not well-formed XML: %v\n%s", format, err, buf.String())
				}
				break
			}
			if se, ok := tok.(xml.StartElement); ok && (se.Name.Local == "failure" || se.Name.Local == "error") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d findings in the report, want 1", format, n)
		}
	}
}
