package source

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/planlens/planlens/schema"
)

// maxManifestBytes bounds a manifest file.
const maxManifestBytes = 64 << 20

// Manifest is a sidecar table of metadata a user keeps for a corpus
// (--meta FILE): for each document, by path or file name, any of the
// fields title, issuer, doc_number, date_written, date_published, year,
// region, level, genre (or their Chinese names, see docmeta.txt); other
// columns are kept in Document.Meta. It is CSV (a header row; a .tsv file
// is tab-separated) or JSON Lines (.jsonl/.ndjson: one object a line).
type Manifest struct {
	name   string
	byPath map[string]int // absolute path, resolved against the manifest's directory
	byRaw  map[string]int // the path as written, cleaned
	byBase map[string][]int
	rows   [][][2]string
}

// pathKeys name the column that identifies a document.
var pathKeys = map[string]bool{"path": true, "file": true, "filename": true, "source": true, "文件": true, "路径": true, "文件名": true}

// LoadManifest reads a manifest. Errors name the file and line.
func LoadManifest(name string) (*Manifest, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("source: manifest: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxManifestBytes+1))
	if err != nil {
		return nil, fmt.Errorf("source: manifest %s: %w", name, err)
	}
	if len(data) > maxManifestBytes {
		return nil, fmt.Errorf("source: manifest %s: larger than %d bytes", name, maxManifestBytes)
	}
	data = bytes.TrimPrefix(data, bomUTF8)
	m := &Manifest{name: name, byPath: map[string]int{}, byRaw: map[string]int{}, byBase: map[string][]int{}}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson", ".json":
		err = m.readJSONL(data)
	case ".tsv", ".tab":
		err = m.readCSV(data, '\t')
	default:
		err = m.readCSV(data, ',')
	}
	if err != nil {
		return nil, err
	}
	if len(m.rows) == 0 {
		return nil, fmt.Errorf("source: manifest %s: no documents listed", name)
	}
	return m, nil
}

func (m *Manifest) errorf(line int, format string, args ...any) error {
	return fmt.Errorf("source: manifest %s:%d: %s", m.name, line, fmt.Sprintf(format, args...))
}

func (m *Manifest) readCSV(data []byte, comma rune) error {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = comma
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return m.csvError(err)
	}
	pathCol := -1
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
		if pathKeys[strings.ToLower(header[i])] && pathCol < 0 {
			pathCol = i
		}
	}
	if pathCol < 0 {
		return m.errorf(1, "no path column (one of path, file, filename, 文件, 路径) in header %q", strings.Join(header, string(comma)))
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return m.csvError(err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(header) {
			return m.errorf(line, "%d fields, header has %d", len(rec), len(header))
		}
		var row [][2]string
		for i, v := range rec {
			if i != pathCol {
				row = append(row, [2]string{header[i], v})
			}
		}
		if err := m.add(line, strings.TrimSpace(rec[pathCol]), row); err != nil {
			return err
		}
	}
}

func (m *Manifest) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return m.errorf(pe.Line, "%v", pe.Err)
	}
	return fmt.Errorf("source: manifest %s: %w", m.name, err)
}

func (m *Manifest) readJSONL(data []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	line := 0
	for sc.Scan() {
		line++
		s := bytes.TrimSpace(sc.Bytes())
		if len(s) == 0 {
			continue
		}
		var obj map[string]any
		dec := json.NewDecoder(bytes.NewReader(s))
		dec.UseNumber()
		if err := dec.Decode(&obj); err != nil {
			return m.errorf(line, "not a JSON object: %v", err)
		}
		path := ""
		var row [][2]string
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			var v string
			switch x := obj[k].(type) {
			case string:
				v = x
			case json.Number:
				v = x.String()
			case nil:
				continue
			case bool:
				v = strconv.FormatBool(x)
			default:
				return m.errorf(line, "field %q: want a string or number", k)
			}
			if pathKeys[strings.ToLower(k)] && path == "" {
				path = strings.TrimSpace(v)
				continue
			}
			row = append(row, [2]string{k, v})
		}
		if err := m.add(line, path, row); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("source: manifest %s: line %d: %w", m.name, line+1, err)
	}
	return nil
}

// add records one document's row; every field is checked so that a bad
// value is reported with its line.
func (m *Manifest) add(line int, path string, row [][2]string) error {
	if path == "" {
		return m.errorf(line, "empty path")
	}
	raw := filepath.Clean(path)
	if _, dup := m.byRaw[raw]; dup {
		return m.errorf(line, "%s listed twice", path)
	}
	for _, kv := range row {
		var probe schema.Document
		if w := setMeta(&probe, kv[0], kv[1], OriginManifest, true); w != "" {
			return m.errorf(line, "%s", strings.TrimPrefix(w, OriginManifest+": "))
		}
	}
	i := len(m.rows)
	m.rows = append(m.rows, row)
	m.byRaw[raw] = i
	abs := raw
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(filepath.Dir(m.name), raw)
	}
	if a, err := filepath.Abs(abs); err == nil {
		m.byPath[a] = i
	}
	base := filepath.Base(raw)
	m.byBase[base] = append(m.byBase[base], i)
	return nil
}

// Len is the number of documents listed.
func (m *Manifest) Len() int { return len(m.rows) }

// Lookup returns the fields of the document at path: listed by a path
// relative to the manifest's directory or absolute, by the path as given
// on the command line, or by its file name when only one entry has it.
func (m *Manifest) Lookup(path string) [][2]string {
	if m == nil {
		return nil
	}
	if a, err := filepath.Abs(path); err == nil {
		if i, ok := m.byPath[a]; ok {
			return m.rows[i]
		}
	}
	if i, ok := m.byRaw[filepath.Clean(path)]; ok {
		return m.rows[i]
	}
	if rows := m.byBase[filepath.Base(path)]; len(rows) == 1 {
		return m.rows[rows[0]]
	}
	return nil
}
