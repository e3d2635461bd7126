package lint

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestOpenFile: openFile reads a file whole, in small reads as in large,
// and fails the way os.Open does, naming the path.
func TestOpenFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	want := "một hai ba\nbốn năm\n"
	if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{1, 3, 1 << 16} {
		f, err := openFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var got []byte
		buf := make([]byte, size)
		for {
			n, err := f.Read(buf)
			got = append(got, buf[:n]...)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if string(got) != want {
			t.Errorf("reads of %d bytes: %q, want %q", size, got, want)
		}
		if err := f.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
		if err := f.Close(); err == nil {
			t.Error("a second close succeeded")
		}
		if _, err := f.Read(buf); err == nil {
			t.Error("a read after close succeeded")
		}
	}
	_, err := openFile(filepath.Join(dir, "missing.txt"))
	var pe *fs.PathError
	if !errors.As(err, &pe) || !errors.Is(err, fs.ErrNotExist) || pe.Path != filepath.Join(dir, "missing.txt") {
		t.Errorf("missing file: %v, want a path error saying it does not exist", err)
	}
	f, err := openFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Read(make([]byte, 8)); err == nil || (!errors.Is(err, syscall.EISDIR) && !errors.As(err, &pe)) {
		t.Errorf("reading a directory: %v, want an error", err)
	}
}
