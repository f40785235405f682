package panel

import (
	"fmt"
	"slices"
	"strconv"
)

// Cell kinds of a Table column.
const (
	KindString = "string"
	KindInt    = "int"
	KindBool   = "bool"
	KindFloat  = "float" // optional: a nil *float64 is an empty cell
)

// Column is one column of a Table.
type Column struct {
	Name string
	Kind string
}

// Table is a panel ready to write: named, typed columns and rows of cells
// (string, int, bool or *float64, as the column's kind says). Long and
// Wide make one; the writers of this package write any.
type Table struct {
	Columns []Column
	Rows    [][]any
}

// longKinds are the kinds of Columns.
var longKinds = map[string]string{"year": KindInt, "headline": KindBool, "value": KindFloat,
	"value_max": KindFloat, "scaled": KindFloat, "scaled_max": KindFloat, "target_year": KindInt,
	"start": KindInt, "end": KindInt}

// Long is the table of rows as they are: one row per document and
// indicator (and mention, with Options.All), the columns of Columns.
func Long(rows []Row) Table {
	t := Table{}
	for _, c := range Columns {
		k := longKinds[c]
		if k == "" {
			k = KindString
		}
		t.Columns = append(t.Columns, Column{c, k})
	}
	for _, r := range rows {
		t.Rows = append(t.Rows, r.Values())
	}
	return t
}

// Wide is one row per document (region × year) with a column group per
// indicator (and variant: per_capita_disposable_income_rural): the
// headline's value, value_max, approx, unit and source offset
// (KEY, KEY_max, KEY_approx, KEY_unit, KEY_start). Non-headline rows are
// ignored. Documents come in the order of their first row; indicators
// sorted.
func Wide(rows []Row) Table {
	var keys []string
	var docs []string
	cells := map[string]map[string]Row{}
	meta := map[string]Row{}
	for _, r := range rows {
		if !r.Headline {
			continue
		}
		k := r.Indicator
		if r.Variant != "" {
			k += "_" + r.Variant
		}
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
		if cells[r.Doc] == nil {
			cells[r.Doc] = map[string]Row{}
			docs = append(docs, r.Doc)
			meta[r.Doc] = r
		}
		if _, dup := cells[r.Doc][k]; !dup {
			cells[r.Doc][k] = r
		}
	}
	slices.Sort(keys)
	slices.SortStableFunc(docs, func(a, b string) int {
		ma, mb := meta[a], meta[b]
		if c := levelRank(ma.Level) - levelRank(mb.Level); c != 0 {
			return c
		}
		if ma.Region != mb.Region {
			if ma.Region < mb.Region {
				return -1
			}
			return 1
		}
		return ma.Year - mb.Year
	})
	t := Table{Columns: []Column{{"doc", KindString}, {"region", KindString}, {"level", KindString},
		{"year", KindInt}, {"title", KindString}, {"source", KindString}}}
	for _, k := range keys {
		t.Columns = append(t.Columns, Column{k, KindFloat}, Column{k + "_max", KindFloat},
			Column{k + "_approx", KindString}, Column{k + "_unit", KindString}, Column{k + "_start", KindInt})
	}
	for _, d := range docs {
		m := meta[d]
		row := []any{d, m.Region, m.Level, m.Year, m.Title, m.Source}
		for _, k := range keys {
			c, ok := cells[d][k]
			if !ok {
				row = append(row, (*float64)(nil), (*float64)(nil), "", "", 0)
				continue
			}
			row = append(row, c.Value, c.ValueMax, c.Approx, c.Unit, c.Start)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// Names lists the column names.
func (t Table) Names() []string {
	n := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		n[i] = c.Name
	}
	return n
}

// text is the written form of a cell: numbers in the shortest form that
// reads back exactly, an empty string for a nil float and for an int 0
// of an optional column.
func text(c any) string {
	switch v := c.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case *float64:
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'g', -1, 64)
	case nil:
		return ""
	}
	return fmt.Sprint(c)
}

// parse reads a written cell back as a cell of kind k.
func parse(s, k string) (any, error) {
	switch k {
	case KindInt:
		if s == "" {
			return 0, nil
		}
		return strconv.Atoi(s)
	case KindBool:
		if s == "" {
			return false, nil
		}
		return strconv.ParseBool(s)
	case KindFloat:
		if s == "" {
			return (*float64)(nil), nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, err
		}
		return &f, nil
	}
	return s, nil
}
