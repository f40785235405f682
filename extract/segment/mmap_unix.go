//go:build unix

package segment

import (
	"fmt"
	"os"
	"syscall"
)

// mapFile maps the file at path into memory, copy-on-write: the pages are
// read from the page cache as they are touched, and shared with other
// processes that map the same snapshot. The mapping is never unmapped (the
// dictionary points into it for the life of the process); snapshots are
// replaced by renaming a new file over the old one, which leaves an
// existing mapping intact.
func mapFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := st.Size()
	if size <= 0 || size != int64(int(size)) {
		return nil, fmt.Errorf("segment: snapshot %s: size %d", path, size)
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE)
	if err != nil {
		return nil, fmt.Errorf("segment: snapshot %s: mmap: %w", path, err)
	}
	return b, nil
}
