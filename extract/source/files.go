package source

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Files expands paths into the list of files to read. A file path is taken
// as given, whatever its extension (Read sniffs unknown ones). A directory
// is walked recursively in lexical order, skipping hidden files and
// directories (names starting with "."), and yields the files whose
// extension is supported (.txt .text .md .html .htm .docx .pdf). Each file
// is listed once. Problems (a missing path, an unreadable directory) are
// returned in errs, one per problem, and do not stop the walk.
func Files(paths []string) (files []string, errs []error) {
	seen := make(map[string]bool)
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
			errs = append(errs, fmt.Errorf("source: %w", err))
			continue
		}
		if !fi.IsDir() {
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, fmt.Errorf("source: %w", err))
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
			if !Supported(d.Name()) || d.IsDir() {
				return nil
			}
			if d.Type().IsRegular() {
				add(p)
			} else if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				add(p) // a symbolic link to a file
			}
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("source: walk %s: %w", root, err))
		}
	}
	return files, errs
}
