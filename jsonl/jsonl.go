// Package jsonl reads JSON Lines files (one JSON value a line, blank
// lines skipped): gold files, review files.
package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// MaxLine is the longest line Each reads (16 MiB); a longer one is an
// error, not a cut.
const MaxLine = 16 << 20

// Each decodes every non-blank line of r into a T and calls fn with it
// and its line number (from 1), stopping at the first error: a line that
// does not decode ("line N: …"), fn's error, or the reader's.
func Each[T any](r io.Reader, fn func(line int, v T) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLine)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(b, &v); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		if err := fn(line, v); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("after line %d: %w", line, err)
	}
	return nil
}
