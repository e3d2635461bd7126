package lint

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// ErrChangedOnDisk is the error of a rewrite whose input changed between the
// moment it was read and the moment its new version was to replace it.
var ErrChangedOnDisk = errors.New("changed on disk since it was read; not overwritten")

// Rewriter writes a new version of one input in which some documents have a
// new text. Every other byte is copied from the original: other records,
// blank and malformed lines, the other fields of a changed record and their
// line breaks. The output has the input's compression. Documents must be
// handed over in file order; the original is read again alongside, which is
// also how a change on disk since the first read is noticed.
type Rewriter struct {
	in     Input
	disk   string // in.diskName
	src    io.ReadCloser
	br     *bufio.Reader
	line   int
	out    *AtomicFile
	comp   io.WriteCloser
	w      io.Writer
	before os.FileInfo
	done   bool
}

// NewRewriter starts the new version of in at dst (in.Path itself for a fix
// in place), written atomically. When stream is not nil the new version goes
// there instead, unbuffered by any file (standard input's fix).
func NewRewriter(in Input, opt InputOptions, dst string, stream io.Writer) (*Rewriter, error) {
	rw := &Rewriter{in: in, disk: in.diskName(opt)}
	if rw.disk != "" {
		if info, err := os.Stat(rw.disk); err == nil {
			rw.before = info
		}
	}
	src, err := in.Open(opt, nil)
	if err != nil {
		return nil, err
	}
	rw.src, rw.br = src, bufio.NewReaderSize(src, 64<<10)
	sink := stream
	if stream == nil {
		if rw.out, err = CreateAtomic(dst); err != nil {
			closeQuietly(src)
			return nil, err
		}
		sink = rw.out
	}
	rw.w = sink
	switch in.Compression {
	case Gzip:
		rw.comp = gzip.NewWriter(sink)
	case Zstd:
		zw, err := zstd.NewWriter(sink, zstd.WithEncoderConcurrency(1))
		if err != nil {
			rw.Abort()
			return nil, err
		}
		rw.comp = zw
	}
	if rw.comp != nil {
		rw.w = rw.comp
	}
	return rw, nil
}

// diskName is where the input's bytes are on disk, or "" for standard input
// that was not spooled.
func (in Input) diskName(opt InputOptions) string {
	if spooled, ok := opt.Spooled[in.Path]; ok {
		return spooled
	}
	if in.Stdin {
		return ""
	}
	return in.Path
}

// Document writes d with text as its new text (d.Text when unchanged),
// after copying everything of the original that comes before it.
func (rw *Rewriter) Document(d *Document, text string) error {
	if d.Raw == nil {
		old, err := io.ReadAll(rw.br)
		if err != nil {
			return &InputError{Path: rw.in.Path, Err: cleanErr(err)}
		}
		if string(old) != d.Text {
			return &InputError{Path: rw.in.Path, Err: ErrChangedOnDisk}
		}
		_, err = io.WriteString(rw.w, text)
		return err
	}
	for rw.line < d.Record {
		line, err := rw.br.ReadString('\n')
		if line == "" && err != nil {
			return &InputError{Path: rw.in.Path, Record: d.Record, Err: ErrChangedOnDisk}
		}
		rw.line++
		if rw.line < d.Record {
			if _, err := io.WriteString(rw.w, line); err != nil {
				return err
			}
			continue
		}
		raw := strings.TrimRight(line, "\r\n")
		if raw != d.Raw.Line {
			return &InputError{Path: rw.in.Path, Record: d.Record, Err: ErrChangedOnDisk}
		}
		if text != d.Text {
			raw = d.Raw.WithText(text)
		}
		if _, err := io.WriteString(rw.w, raw+line[len(strings.TrimRight(line, "\r\n")):]); err != nil {
			return err
		}
	}
	return nil
}

// Drop leaves record (a line number of a JSON Lines input) out of the new
// version, after copying everything of the original before it.
func (rw *Rewriter) Drop(record int) error {
	for rw.line < record {
		line, err := rw.br.ReadString('\n')
		if line == "" && err != nil {
			return &InputError{Path: rw.in.Path, Record: record, Err: ErrChangedOnDisk}
		}
		rw.line++
		if rw.line < record {
			if _, err := io.WriteString(rw.w, line); err != nil {
				return err
			}
		}
	}
	return nil
}

// Commit copies the rest of the original, and replaces the destination with
// the new version unless the input changed on disk meanwhile.
func (rw *Rewriter) Commit() error {
	if rw.done {
		return nil
	}
	if _, err := io.Copy(rw.w, rw.br); err != nil {
		rw.Abort()
		return &InputError{Path: rw.in.Path, Err: cleanErr(err)}
	}
	if rw.comp != nil {
		if err := rw.comp.Close(); err != nil {
			rw.Abort()
			return err
		}
	}
	closeQuietly(rw.src)
	rw.done = true
	if rw.before != nil {
		now, err := os.Stat(rw.disk)
		if err != nil || now.Size() != rw.before.Size() || !now.ModTime().Equal(rw.before.ModTime()) {
			if rw.out != nil {
				rw.out.Abort()
			}
			return &InputError{Path: rw.in.Path, Err: ErrChangedOnDisk}
		}
	}
	if rw.out == nil {
		return nil
	}
	if err := rw.out.Commit(); err != nil {
		return fmt.Errorf("writing %w", err)
	}
	return nil
}

// Abort leaves the destination as it was.
func (rw *Rewriter) Abort() {
	if rw.done {
		return
	}
	rw.done = true
	closeQuietly(rw.src)
	if rw.out != nil {
		rw.out.Abort()
	}
}
