package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestShape1RulesEndToEnd checks doubled-headline, near-duplicate-paragraph
// and truncated-range through the binary: their findings in the text
// output, and a configuration that sets their options and extends the
// range-openers lexicon.
func TestShape1RulesEndToEnd(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "bai.txt"), []byte(strings.Join([]string{
		"Giá lúa gạo hôm nay tăng nhẹ ở miền Tây Giá lúa gạo hôm nay tăng nhẹ ở miền Tây",
		"Bộ trưởng Nguyễn Văn An khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay.",
		"Bộ trưởng khẳng định ngành sẽ tiếp tục hỗ trợ nông dân vùng lũ trong năm nay.",
		"- ·Quy hoạch vùng Tây Nguyên thời kỳ 2021",
		"- ·Vé máy bay Tết chỉ từ 99.000",
		"",
	}, "\n")))
	r := scrapelint(t, dir, "", nil, "check", "--fail-on", "info", ".")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"bai.txt:1:1: warning doubled-headline:",
		"bai.txt:3:1: info near-duplicate-paragraph: paragraph nearly repeats line 2",
		"bai.txt:4:38: info truncated-range: \"2021\" after \"thời kỳ\"",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "bai.txt:5:26: info truncated-range") {
		t.Errorf("a price 'from' a figure is not a cut range:\n%s", r.stdout)
	}

	write(t, filepath.Join(dir, ".scrapelint.yaml"), []byte(`rules:
  near-duplicate-paragraph:
    threshold: 0.95
  doubled-headline:
    min-words: 12
lexicons:
  range-openers:
    patterns: ['(?i)\bchỉ từ$']
`))
	r = scrapelint(t, dir, "", nil, "check", "--fail-on", "info", ".")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "bai.txt:5:26: info truncated-range: \"99.000\"") {
		t.Errorf("the configured pattern did not make line 5 a cut range:\n%s", r.stdout)
	}
	for _, gone := range []string{"doubled-headline:", "near-duplicate-paragraph:"} {
		if strings.Contains(r.stdout, gone) {
			t.Errorf("%s still reports with its option raised:\n%s", gone, r.stdout)
		}
	}
}
