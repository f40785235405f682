// Package lexicon reads planlens's word lists and rule tables. They all
// share one format:
//
//   - UTF-8 text, one row a line;
//   - a row's fields are separated by tabs or spaces (no field holds a
//     space);
//   - a line whose first field starts with # is a comment, blank lines
//     are skipped.
//
// What the fields mean is the reader's (word<TAB>role, head category
// flags…, key word word…); a row that does not fit is an error naming the
// file and the line, never skipped.
package lexicon

import (
	"fmt"
	"io/fs"
	"strings"
)

// Row is one line of a data file.
type Row struct {
	File   string
	Line   int // 1-based
	Fields []string
}

// Errorf returns an error naming the row's file and line.
func (r Row) Errorf(format string, args ...any) error {
	return rowError{fmt.Errorf("%s:%d: %s", r.File, r.Line, fmt.Sprintf(format, args...))}
}

// Parse splits data, the content of file, into rows.
func Parse(file, data string) []Row {
	var out []Row
	for n, line := range strings.Split(data, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		out = append(out, Row{File: file, Line: n + 1, Fields: f})
	}
	return out
}

// Each calls fn for every row of data (the content of file), after
// checking that it has between minFields and maxFields fields (maxFields
// 0: no upper limit). The first error stops it; errors from fn that do not
// name the row are given its file and line.
func Each(file, data string, minFields, maxFields int, fn func(Row) error) error {
	for _, r := range Parse(file, data) {
		if len(r.Fields) < minFields || maxFields > 0 && len(r.Fields) > maxFields {
			return r.Errorf("want %s, got %d: %q", fieldCount(minFields, maxFields), len(r.Fields), strings.Join(r.Fields, " "))
		}
		if err := fn(r); err != nil {
			if _, ok := err.(rowError); ok {
				return err
			}
			return r.Errorf("%v", err)
		}
	}
	return nil
}

// EachFS is Each over a file of fsys (an embedded directory).
func EachFS(fsys fs.FS, name string, minFields, maxFields int, fn func(Row) error) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	return Each(name, string(b), minFields, maxFields, fn)
}

// Words returns the single field of every row of data: a plain word list.
func Words(file, data string) ([]string, error) {
	var out []string
	err := Each(file, data, 1, 1, func(r Row) error {
		out = append(out, r.Fields[0])
		return nil
	})
	return out, err
}

type rowError struct{ error }

func (e rowError) Unwrap() error { return e.error }

func fieldCount(lo, hi int) string {
	switch {
	case hi == 0:
		return fmt.Sprintf("at least %d fields", lo)
	case lo == hi:
		return fmt.Sprintf("%d fields", lo)
	}
	return fmt.Sprintf("%d to %d fields", lo, hi)
}
