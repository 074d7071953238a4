package appfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// ErrNotRegular is matched by the error of [OpenRegular] for a path that
// names something other than a regular file: a pipe, a device, a socket or
// a directory.
var ErrNotRegular = errors.New("not a regular file")

// OpenRegular opens the file at path for reading when it is a regular file
// (symbolic links followed). It never waits: the file is opened without
// blocking, so a FIFO with no writer or a device cannot hold the caller,
// and the check is made on the opened descriptor, so the path cannot be
// swapped for a pipe between the check and the open.
func OpenRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: path, Err: fmt.Errorf("%w (%s)", ErrNotRegular, kindOf(st.Mode()))}
	}
	return f, nil
}

// kindOf names the type of a file that is not regular.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a plain file"
}
