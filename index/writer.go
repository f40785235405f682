package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Many readers, one writer. Readers (search, stats, serve) open the index
// read-only and share it; a writer (ingest) needs it alone. A writer that
// finds readers announces itself with a file in the index directory
// (writerFile, holding its process id) and waits; a long-lived reader
// (serve) watches for that file, closes the index while it is there and
// opens it again, with the writer's documents, once it is gone.
const writerFile = "planlens.writer"

// AnnounceWriter leaves the writer file of dir, naming this process, and
// returns the function that removes it.
func AnnounceWriter(dir string) (func(), error) {
	p := filepath.Join(dir, writerFile)
	if err := os.WriteFile(p, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
		return nil, fmt.Errorf("index: announce writer in %s: %w", dir, err)
	}
	return func() { os.Remove(p) }, nil
}

// WaitingWriter returns the process id of a live writer announced in dir,
// or 0 when there is none (no file, or the process that left it is gone).
func WaitingWriter(dir string) int {
	b, err := os.ReadFile(filepath.Join(dir, writerFile))
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0
	}
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return 0 // a writer that died without removing its file
	}
	return pid
}
