package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// ErrNotRegular is wrapped by the errors for paths that are not regular
// files: named pipes (FIFOs), devices, sockets. They are never opened — a
// FIFO would block the run until something writes to it.
var ErrNotRegular = errors.New("not a regular file")

// ErrLinkLoop is wrapped by the error for a symbolic link that points to
// itself, directly or through other links.
var ErrLinkLoop = errors.New("symbolic link loop")

// kindOf names the kind of a non-regular file for messages.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return "not a regular file"
}

// notRegular is the error for a path whose (followed) mode is not regular.
func notRegular(p string, m fs.FileMode, viaLink bool) error {
	how := "is"
	if viaLink {
		how = "is a symbolic link to"
	}
	return fmt.Errorf("source: %s %s %s: %w, skipped", Quote(p), how, kindOf(m), ErrNotRegular)
}

// statErr words an os.Stat failure; a symbolic link loop gets ErrLinkLoop.
func statErr(p string, err error) error {
	if errors.Is(err, syscall.ELOOP) {
		return fmt.Errorf("source: %s: %w, skipped", Quote(p), ErrLinkLoop)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("source: %s: %w", Quote(p), err)
}

// Files expands paths into the list of files to read. A file path is taken
// as given, whatever its extension (Read sniffs unknown ones). A directory
// is walked recursively in lexical order, skipping hidden files and
// directories (names starting with "."), and yields the files whose
// extension is supported (.txt .text .md .html .htm .docx .pdf). Symbolic
// links to files are followed; links to directories are not. Each file is
// listed once.
//
// Only regular files are listed: a named pipe, device or socket (given
// explicitly, found in a directory under a supported name, or reached
// through a symbolic link) is reported and skipped, and so are symbolic
// link loops and dangling links. Nothing is opened here, so a FIFO never
// blocks. Problems (a missing path, an unreadable directory) are returned
// in errs, one per problem, and do not stop the walk.
func Files(paths []string) (files []string, errs []error) {
	seen := make(map[string]bool)
	reported := make(map[string]bool)
	report := func(err error) {
		if msg := err.Error(); !reported[msg] {
			reported[msg] = true
			errs = append(errs, err)
		}
	}
	add := func(p string) {
		key := filepath.Clean(p)
		if !seen[key] {
			seen[key] = true
			files = append(files, p)
		}
	}
	for _, root := range paths {
		fi, err := os.Stat(root)
		if err != nil {
			report(statErr(root, err))
			continue
		}
		if !fi.IsDir() {
			if !fi.Mode().IsRegular() {
				li, lerr := os.Lstat(root)
				report(notRegular(root, fi.Mode(), lerr == nil && li.Mode()&fs.ModeSymlink != 0))
				continue
			}
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				report(statErr(p, err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if p != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			t := d.Type()
			switch {
			case t.IsRegular():
				if Supported(d.Name()) {
					add(p)
				}
			case t&fs.ModeSymlink != 0:
				fi, err := os.Stat(p)
				switch {
				case err != nil:
					// a loop or a dangling link is reported whatever its name
					report(statErr(p, err))
				case fi.IsDir():
					// links to directories are not followed (no cycles)
				case !Supported(d.Name()):
				case fi.Mode().IsRegular():
					add(p) // a symbolic link to a file
				default:
					report(notRegular(p, fi.Mode(), true))
				}
			case Supported(d.Name()):
				report(notRegular(p, t, false))
			}
			return nil
		})
		if err != nil {
			report(fmt.Errorf("source: walk %s: %w", Quote(root), err))
		}
	}
	return files, errs
}

// openRegular opens path for reading only if it is a regular file. It
// stats before opening, and opens non-blocking so that a file swapped for
// a FIFO between the two calls still cannot block; the opened file is
// checked again.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return nil, nil, ErrLinkLoop
		}
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%w: %s", ErrNotRegular, kindOf(fi.Mode()))
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	fi, err = f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, fmt.Errorf("%w: %s", ErrNotRegular, kindOf(fi.Mode()))
	}
	return f, fi, nil
}
