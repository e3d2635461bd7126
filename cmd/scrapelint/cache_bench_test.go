package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scrapelint/scrapelint/lint"
)

// benchWords are the vocabulary of the benchmark's invented articles.
var benchWords = strings.Fields("nông dân tỉnh hội nghị mùa khô giống lúa chịu mặn thủy lợi đê biển cứu hộ xung yếu báo cáo kế hoạch ngân sách trường học bệnh viện giao thông")

// benchCorpus writes files JSON Lines files of docs records each: articles of
// twenty random sentences, one in ten with a repeated line and one in seven
// with a glued year range, about the density of defects in scraped news.
func benchCorpus(b *testing.B, dir string, files, docs int) int64 {
	rng := rand.New(rand.NewPCG(1, 2))
	var total int64
	for f := range files {
		var sb strings.Builder
		for d := range docs {
			lines := make([]string, 20)
			for i := range lines {
				words := make([]string, 14)
				for j := range words {
					words[j] = benchWords[rng.IntN(len(benchWords))]
				}
				lines[i] = strings.Join(words, " ") + "."
			}
			if d%10 == 0 {
				lines[5] = lines[4]
			}
			if d%7 == 0 {
				lines[8] += " Giai đoạn 20212025 đã qua."
			}
			text := strings.Join(lines, "\n") + "\n"
			fmt.Fprintf(&sb, "{\"id\":\"%d-%d\",\"text\":%s}\n", f, d, lint.EncodeJSONString(text))
		}
		total += int64(sb.Len())
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("part-%03d.jsonl", f)), []byte(sb.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return total
}

// BenchmarkCheckCache times the built binary on a 10,000-document corpus
// (20 files of 500 records): cold is a first run that fills an empty cache,
// cached a re-run of the unchanged corpus.
//
//	go test ./cmd/scrapelint -run '^$' -bench CheckCache -benchtime 5x
func BenchmarkCheckCache(b *testing.B) {
	dir := b.TempDir()
	corpus := filepath.Join(dir, "corpus")
	os.Mkdir(corpus, 0o755)
	size := benchCorpus(b, corpus, 20, 500)
	check := func(cacheDir string) {
		cmd := exec.Command(binary, "check", "--no-config", "-q", "--format", "json", "-o", filepath.Join(dir, "out.json"), "--cache-dir", cacheDir, corpus)
		if out, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() != exitFindings {
			b.Fatalf("%v\n%s", err, out)
		}
	}
	b.Run("cold", func(b *testing.B) {
		b.SetBytes(size)
		for range b.N {
			check(b.TempDir()) // a new, empty cache every time, whatever -count says
		}
	})
	b.Run("cached", func(b *testing.B) {
		warm := filepath.Join(dir, "warm")
		check(warm)
		b.SetBytes(size)
		b.ResetTimer()
		for range b.N {
			check(warm)
		}
	})
}
