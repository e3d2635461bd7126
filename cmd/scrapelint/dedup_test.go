package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dedupCorpus holds one article three times across text and JSON Lines
// files (exact, and with its furniture changed and a sentence added),
// and two distinct articles.
func dedupCorpus(t *testing.T) string {
	dir := t.TempDir()
	article := "Hà Nội khởi công tuyến đường sắt đô thị số 5\n\nSáng 10/3, thành phố Hà Nội đã khởi công tuyến đường sắt đô thị số 5 nối quận Ba Đình với huyện Hòa Lạc, dài 38 km với tổng mức đầu tư hơn 65.000 tỷ đồng.\nTheo kế hoạch, tuyến đường sẽ có 20 nhà ga, trong đó 7 ga đi ngầm, và đưa vào khai thác trước năm 2030.\nPhát biểu tại lễ khởi công, lãnh đạo thành phố yêu cầu các nhà thầu bảo đảm an toàn lao động và chất lượng công trình.\n"
	write(t, filepath.Join(dir, "a/original.txt"), []byte(article))
	write(t, filepath.Join(dir, "b/copy.txt"), []byte(article+"In bài viết\n"))
	rec, _ := json.Marshal(map[string]any{"id": "r-copy", "text": article + "Dự án được kỳ vọng giảm ùn tắc ở cửa ngõ phía tây.\n- ·Một tiêu đề khác\n", "site": "x"})
	other, _ := json.Marshal(map[string]any{"id": "r-other", "text": "Giá lúa tăng nhẹ trong tuần qua tại các tỉnh đồng bằng sông Cửu Long, theo báo cáo của ngành nông nghiệp địa phương công bố hôm thứ Hai."})
	write(t, filepath.Join(dir, "c/news.jsonl"), []byte(string(other)+"\n"+string(rec)+"\n"))
	write(t, filepath.Join(dir, "d/other.txt"), []byte("Trường học vùng cao khai giảng năm học mới với hơn 300 học sinh dân tộc thiểu số, nhà trường cho biết đã chuẩn bị đủ sách vở.\n"))
	return dir
}

func TestDedupGroupsAndKeeps(t *testing.T) {
	dir := dedupCorpus(t)
	res := scrapelint(t, dir, "", nil, "dedup", ".")
	if res.code != 1 || !strings.Contains(res.stdout, "5 documents, 1 group of copies; 2 to drop (0 exact, 2 near)") {
		t.Fatalf("dedup: exit %d\n%s\n%s", res.code, res.stdout, res.stderr)
	}
	// The longest member (the JSON Lines copy with a sentence added) is
	// kept; the others are near copies of it.
	if !strings.Contains(res.stdout, "keep  c/news.jsonl:2 id=r-copy") {
		t.Errorf("kept the wrong document:\n%s", res.stdout)
	}
	res = scrapelint(t, dir, "", nil, "dedup", "--keep", "first", "--format", "json", ".")
	var report struct {
		Groups []struct {
			Kept    map[string]any
			Members []struct {
				Path       string
				Record     int
				ID         string
				Similarity float64
				Kind       string
			}
		}
		Summary map[string]int
	}
	if err := json.Unmarshal([]byte(res.stdout), &report); err != nil {
		t.Fatalf("%v\n%s", err, res.stdout)
	}
	if len(report.Groups) != 1 || report.Groups[0].Kept["path"] != "a/original.txt" || len(report.Groups[0].Members) != 3 {
		t.Fatalf("json groups: %+v", report.Groups)
	}
	kinds := map[string]string{}
	for _, m := range report.Groups[0].Members {
		kinds[m.Path] = m.Kind
		if m.Similarity < 0.8 {
			t.Errorf("%s: similarity %.2f below the threshold", m.Path, m.Similarity)
		}
	}
	if kinds["b/copy.txt"] != "exact" || kinds["c/news.jsonl"] != "near" {
		t.Errorf("kinds %v", kinds)
	}
	if report.Summary["dropped"] != 2 || report.Summary["documents"] != 5 {
		t.Errorf("summary %v", report.Summary)
	}

	out := filepath.Join(t.TempDir(), "clean")
	res = scrapelint(t, dir, "", nil, "dedup", "--keep", "first", "--out", out, ".")
	if res.code == 2 {
		t.Fatalf("dedup --out: %s", res.stderr)
	}
	got := tree(t, out)
	if _, ok := got["b/copy.txt"]; ok {
		t.Error("the dropped copy was written")
	}
	if got["a/original.txt"] == "" || got["d/other.txt"] == "" {
		t.Errorf("kept files missing: %v", keys(got))
	}
	if news := got["c/news.jsonl"]; strings.Contains(news, "r-copy") || !strings.Contains(news, "r-other") {
		t.Errorf("news.jsonl written as %q", news)
	}
	manifest, err := os.ReadFile(filepath.Join(out, "dedup-manifest.json"))
	if err != nil || !strings.Contains(string(manifest), `"kind": "near"`) {
		t.Errorf("manifest: %v %s", err, manifest)
	}
	if res := scrapelint(t, dir, "", nil, "dedup", "--keep", "biggest", "."); res.code != 2 {
		t.Errorf("--keep biggest: exit %d", res.code)
	}
	if res := scrapelint(t, filepath.Join(dir, "d"), "", nil, "dedup", "."); res.code != 0 || !strings.Contains(res.stdout, "0 groups") {
		t.Errorf("one document: exit %d\n%s", res.code, res.stdout)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestDedupShortExactCopies groups copies of a document too short for near
// matching, which keeps no signature: they are exact copies, alike in full.
func TestDedupShortExactCopies(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), []byte("Tin ngắn về thời tiết hôm nay.\n"))
	write(t, filepath.Join(dir, "b.txt"), []byte("TIN NGẮN về thời tiết   hôm nay!\n"))
	res := scrapelint(t, dir, "", nil, "dedup", "--format", "json", ".")
	var report struct {
		Groups []struct {
			Members []struct {
				Path                 string
				Jaccard, Containment float64
				Kind                 string
			}
		}
	}
	if err := json.Unmarshal([]byte(res.stdout), &report); err != nil || len(report.Groups) != 1 || len(report.Groups[0].Members) != 2 {
		t.Fatalf("%v\n%s\n%s", err, res.stdout, res.stderr)
	}
	for _, m := range report.Groups[0].Members {
		if m.Kind != "exact" || m.Jaccard != 1 || m.Containment != 1 {
			t.Errorf("%s: %s, Jaccard %v, containment %v; want exact, 1, 1", m.Path, m.Kind, m.Jaccard, m.Containment)
		}
	}
}
