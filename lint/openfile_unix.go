//go:build unix

package lint

import (
	"io"
	"os"
	"syscall"
)

// openFile opens a file for reading with one system call. os.Open also
// makes the descriptor non-blocking and offers it to the network poller,
// which refuses a regular file, and puts it back: five more system calls
// for every file, five of the nine it took to read a small document (open,
// two reads, close), and a run reads each file twice.
func openFile(path string) (io.ReadCloser, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: path, Err: err}
		}
		return &fdFile{fd: fd, path: path}, nil
	}
}

// fdFile is a file read through its descriptor with blocking reads.
type fdFile struct {
	fd   int
	path string
}

// maxRead bounds one read, as os.File does: some kernels refuse larger.
const maxRead = 1 << 30

func (f *fdFile) Read(p []byte) (int, error) {
	if f.fd < 0 {
		return 0, &os.PathError{Op: "read", Path: f.path, Err: os.ErrClosed}
	}
	if len(p) == 0 {
		return 0, nil
	}
	if len(p) > maxRead {
		p = p[:maxRead]
	}
	for {
		n, err := syscall.Read(f.fd, p)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, &os.PathError{Op: "read", Path: f.path, Err: err}
		}
		if n == 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *fdFile) Close() error {
	if f.fd < 0 {
		return &os.PathError{Op: "close", Path: f.path, Err: os.ErrClosed}
	}
	err := syscall.Close(f.fd)
	f.fd = -1
	if err != nil {
		return &os.PathError{Op: "close", Path: f.path, Err: err}
	}
	return nil
}
