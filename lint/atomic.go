package lint

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// AtomicFile is a file written under a temporary name in the destination's
// directory and renamed over it by Commit, so that a reader (or an
// interrupted run) sees either the old file or the whole new one.
type AtomicFile struct {
	*bufio.Writer
	f    *os.File
	path string
	mode fs.FileMode
}

// CreateAtomic starts writing path. The file keeps the mode of the file it
// replaces, or 0644 for a new one.
func CreateAtomic(path string) (*AtomicFile, error) {
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".scrapelint-*")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, cleanErr(err))
	}
	return &AtomicFile{Writer: bufio.NewWriterSize(f, 256<<10), f: f, path: path, mode: mode}, nil
}

// Commit flushes, syncs and renames the file into place.
func (a *AtomicFile) Commit() error {
	err := a.Flush()
	if err == nil {
		err = a.f.Chmod(a.mode)
	}
	if err == nil {
		err = a.f.Sync()
	}
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(a.f.Name(), a.path)
	}
	if err != nil {
		os.Remove(a.f.Name())
		return fmt.Errorf("%s: %w", a.path, err)
	}
	return nil
}

// Abort discards the temporary file.
func (a *AtomicFile) Abort() {
	a.f.Close()
	os.Remove(a.f.Name())
}
