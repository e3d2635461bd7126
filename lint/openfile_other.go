//go:build !unix

package lint

import (
	"io"
	"os"
)

func openFile(path string) (io.ReadCloser, error) { return os.Open(path) }
