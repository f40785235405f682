package panel

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"
)

// Formats are the output formats Write knows.
var Formats = []string{"csv", "jsonl", "json", "parquet", "xlsx"}

// Binary reports whether a format is not text (parquet, xlsx): such output
// goes to a file, not a terminal.
func Binary(format string) bool { return format == "parquet" || format == "xlsx" }

// Write writes t to w in format: csv (UTF-8 with a byte order mark, so
// that Excel reads it), jsonl (one object a row), json (an array),
// parquet (typed columns, empty numbers as nulls) or xlsx (one sheet
// "panel", numbers as numbers).
func Write(w io.Writer, t Table, format string) error {
	var err error
	switch format {
	case "csv":
		err = writeCSV(w, t)
	case "jsonl":
		err = writeJSONL(w, t)
	case "json":
		err = writeJSON(w, t)
	case "parquet":
		err = writeParquet(w, t)
	case "xlsx":
		err = writeXLSX(w, t)
	default:
		return fmt.Errorf("panel: unknown format %q (want one of %v)", format, Formats)
	}
	if err != nil {
		return fmt.Errorf("panel: write %s: %w", format, err)
	}
	return nil
}

func writeCSV(w io.Writer, t Table) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Names()); err != nil {
		return err
	}
	rec := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for i, c := range row {
			rec[i] = text(c)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// object is a row as a JSON object with the columns in order.
func object(t Table, row []any) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range row {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(t.Columns[i].Name)
		b.Write(k)
		b.WriteByte(':')
		var v []byte
		if f, ok := c.(*float64); ok && f == nil {
			v = []byte("null")
		} else {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(c) // cells are strings, ints, bools and floats
			v = bytes.TrimRight(buf.Bytes(), "\n")
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes()
}

func writeJSONL(w io.Writer, t Table) error {
	for _, row := range t.Rows {
		if _, err := w.Write(append(object(t, row), '\n')); err != nil {
			return err
		}
	}
	return nil
}

func writeJSON(w io.Writer, t Table) error {
	var b bytes.Buffer
	b.WriteString("[")
	for i, row := range t.Rows {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  ")
		b.Write(object(t, row))
	}
	if len(t.Rows) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	_, err := w.Write(b.Bytes())
	return err
}

// parquetSchema is t's columns as a parquet schema: strings as UTF-8
// byte arrays, ints as int64, floats as optional doubles.
func parquetSchema(t Table) *parquet.Schema {
	g := parquet.Group{}
	for _, c := range t.Columns {
		switch c.Kind {
		case KindInt:
			g[c.Name] = parquet.Int(64)
		case KindBool:
			g[c.Name] = parquet.Leaf(parquet.BooleanType)
		case KindFloat:
			g[c.Name] = parquet.Optional(parquet.Leaf(parquet.DoubleType))
		default:
			g[c.Name] = parquet.String()
		}
	}
	return parquet.NewSchema("panel", g)
}

func writeParquet(w io.Writer, t Table) error {
	s := parquetSchema(t)
	pw := parquet.NewWriter(w, s)
	for _, row := range t.Rows {
		m := make(map[string]any, len(row))
		for i, c := range row {
			switch v := c.(type) {
			case *float64:
				if v != nil {
					m[t.Columns[i].Name] = *v
				} else {
					m[t.Columns[i].Name] = nil
				}
			case int:
				m[t.Columns[i].Name] = int64(v)
			default:
				m[t.Columns[i].Name] = v
			}
		}
		if err := pw.Write(m); err != nil {
			return err
		}
	}
	return pw.Close()
}

const sheet = "panel"

func writeXLSX(w io.Writer, t Table) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	head := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c.Name
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for n, row := range t.Rows {
		cells := make([]any, len(row))
		for i, c := range row {
			switch v := c.(type) {
			case *float64:
				if v != nil {
					cells[i] = *v
				}
			case string:
				cells[i] = excelize.Cell{Value: v} // never read as a formula
			default:
				cells[i] = v
			}
		}
		ref, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// ReadCSV reads a table written by Write as csv; cols give the kinds of
// the columns (by name; a column not in cols is read as a string).
func ReadCSV(r io.Reader, cols []Column) (Table, error) {
	cr := csv.NewReader(r)
	recs, err := cr.ReadAll()
	if err != nil {
		return Table{}, fmt.Errorf("panel: read csv: %w", err)
	}
	if len(recs) > 0 && len(recs[0]) > 0 {
		recs[0][0] = string(bytes.TrimPrefix([]byte(recs[0][0]), []byte("\ufeff")))
	}
	return fromStrings(recs, cols, "csv")
}

// ReadXLSX reads the "panel" sheet of a workbook written by Write.
func ReadXLSX(r io.Reader, cols []Column) (Table, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return Table{}, fmt.Errorf("panel: read xlsx: %w", err)
	}
	defer f.Close()
	recs, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return Table{}, fmt.Errorf("panel: read xlsx: %w", err)
	}
	if len(recs) > 0 {
		n := len(recs[0])
		for i := range recs {
			for len(recs[i]) < n {
				recs[i] = append(recs[i], "") // GetRows drops trailing empty cells
			}
		}
	}
	return fromStrings(recs, cols, "xlsx")
}

func fromStrings(recs [][]string, cols []Column, format string) (Table, error) {
	if len(recs) == 0 {
		return Table{}, fmt.Errorf("panel: read %s: no header row", format)
	}
	t := Table{}
	for _, name := range recs[0] {
		k := KindString
		if i := slices.IndexFunc(cols, func(c Column) bool { return c.Name == name }); i >= 0 {
			k = cols[i].Kind
		}
		t.Columns = append(t.Columns, Column{name, k})
	}
	for n, rec := range recs[1:] {
		if len(rec) != len(t.Columns) {
			return Table{}, fmt.Errorf("panel: read %s: row %d has %d cells, header %d", format, n+2, len(rec), len(t.Columns))
		}
		row := make([]any, len(rec))
		for i, s := range rec {
			c, err := parse(s, t.Columns[i].Kind)
			if err != nil {
				return Table{}, fmt.Errorf("panel: read %s: row %d column %s: %w", format, n+2, t.Columns[i].Name, err)
			}
			row[i] = c
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// ReadParquet reads a table written by Write as parquet, with the column
// order of cols (the file's own order is alphabetical).
func ReadParquet(r io.ReaderAt, size int64, cols []Column) (Table, error) {
	f, err := parquet.OpenFile(r, size)
	if err != nil {
		return Table{}, fmt.Errorf("panel: read parquet: %w", err)
	}
	pr := parquet.NewReader(f)
	defer pr.Close()
	t := Table{Columns: cols}
	for {
		m := map[string]any{}
		if err := pr.Read(&m); err != nil {
			if err == io.EOF {
				break
			}
			return Table{}, fmt.Errorf("panel: read parquet: row %d: %w", len(t.Rows)+1, err)
		}
		row := make([]any, len(cols))
		for i, c := range cols {
			v, ok := m[c.Name]
			if !ok {
				return Table{}, fmt.Errorf("panel: read parquet: no column %s", c.Name)
			}
			switch c.Kind {
			case KindFloat:
				if f, ok := v.(float64); ok {
					row[i] = &f
				} else {
					row[i] = (*float64)(nil)
				}
			case KindInt:
				i64, _ := v.(int64)
				row[i] = int(i64)
			default:
				row[i] = v
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}
