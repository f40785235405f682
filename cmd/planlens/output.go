package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/schema"
)

// recordWriter prints records in one output format.
type recordWriter interface {
	write(r schema.Record, d docMeta) error
	close() error
}

func newRecordWriter(format string, w io.Writer) (recordWriter, error) {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return &jsonlWriter{enc: enc}, nil
	case "json":
		return &jsonWriter{w: w}, nil
	case "csv":
		// A UTF-8 byte order mark makes Excel read the file as UTF-8.
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return nil, err
		}
		cw := csv.NewWriter(w)
		if err := cw.Write(append(append([]string{}, csvHeader...), docMetaHeader...)); err != nil {
			return nil, err
		}
		return &csvWriter{w: cw}, nil
	case "table":
		return &tableWriter{w: w}, nil
	}
	return nil, usageErr("unknown --format %q (want jsonl, json, csv or table)", format)
}

type jsonlWriter struct{ enc *json.Encoder }

func (j *jsonlWriter) write(r schema.Record, d docMeta) error { return j.enc.Encode(outRecord{r, d}) }
func (j *jsonlWriter) close() error                           { return nil }

type jsonWriter struct {
	w    io.Writer
	recs []outRecord
}

func (j *jsonWriter) write(r schema.Record, d docMeta) error {
	j.recs = append(j.recs, outRecord{r, d})
	return nil
}
func (j *jsonWriter) close() error {
	if j.recs == nil {
		j.recs = []outRecord{}
	}
	enc := json.NewEncoder(j.w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(j.recs)
}

var csvHeader = []string{"kind", "doc", "source", "sentence", "start", "end", "text",
	"verb", "stage", "modality", "object", "value", "value_max", "approx", "unit",
	"scaled", "base_unit", "direction", "examples", "year", "name", "category", "phase",
	"origin", "heading",
	// every other field of the JSONL record, so that the CSV loses nothing
	"page", "scaled_max", "indicator", "indicator_variant", "indicator_flags", "headline",
	"tense", "confidence", "confirmed", "llm_disputed", "llm_reason", "llm_fields", "explain"}

type csvWriter struct{ w *csv.Writer }

func fmtFloat(f *float64) string { return schema.FormatValue(f) }

func fmtInt(i int) string {
	if i == 0 {
		return ""
	}
	return strconv.Itoa(i)
}

func (c *csvWriter) write(r schema.Record, d docMeta) error {
	return c.w.Write(append([]string{r.Kind, r.Doc, r.Source, strconv.Itoa(r.Sentence),
		strconv.Itoa(r.Start), strconv.Itoa(r.End), r.Text, r.Verb, r.Stage, r.Modality,
		r.Object, fmtFloat(r.Value), fmtFloat(r.ValueMax), r.Approx, r.Unit,
		fmtFloat(r.Scaled), r.BaseUnit, r.Direction, strings.Join(r.Examples, "、"),
		fmtInt(r.Year), r.Name, r.Category, fmtInt(r.Phase), r.Origin,
		strings.Join(r.Heading, " > "),
		fmtInt(r.Page), fmtFloat(r.ScaledMax), r.Indicator, r.IndicatorVariant,
		strings.Join(r.IndicatorFlags, ","), fmtBool(r.Headline), r.Tense, fmtConfidence(r.Confidence),
		fmtBool(r.Confirmed), fmtBool(r.LLMDisputed), r.LLMReason, jsonCell(r.LLMFields), jsonCell(r.Explain)},
		d.columns()...))
}

func fmtBool(b bool) string {
	if !b {
		return ""
	}
	return "true"
}

func fmtConfidence(c float64) string {
	if c == 0 {
		return ""
	}
	return strconv.FormatFloat(c, 'f', -1, 64)
}

// jsonCell is a structured field as JSON in one CSV cell ("" when empty).
func jsonCell(v any) string {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || (rv.Kind() == reflect.Map || rv.Kind() == reflect.Slice) && rv.Len() == 0 {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

func (c *csvWriter) close() error {
	c.w.Flush()
	return c.w.Error()
}

// tableWriter prints aligned columns for a person, counting East Asian
// wide characters as two columns.
type tableWriter struct {
	w    io.Writer
	rows [][]string
}

func (t *tableWriter) write(r schema.Record, _ docMeta) error {
	where := fmt.Sprintf("%s:%d", source.Quote(r.Source), r.Start)
	if r.Page > 0 {
		where += fmt.Sprintf(" (p.%d)", r.Page)
	}
	t.rows = append(t.rows, []string{r.Kind, clip(r.Text, 30), details(r), where})
	return nil
}

// details summarises a record's fields in one cell, each phrase clipped.
func details(r schema.Record) string {
	parts := r.Details()
	for i, p := range parts {
		parts[i] = clip(p, 16)
	}
	return strings.Join(parts, " ")
}

func (t *tableWriter) close() error {
	rows := append([][]string{{"KIND", "TEXT", "DETAILS", "WHERE"}}, t.rows...)
	if err := writeColumns(t.w, rows); err != nil {
		return err
	}
	_, err := fmt.Fprintf(t.w, "%d records\n", len(t.rows))
	return err
}

// writeColumns prints rows as aligned columns (wide characters count two).
func writeColumns(w io.Writer, rows [][]string) error {
	var widths []int
	for _, row := range rows {
		for i, c := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			row[i] = visible(c)
			widths[i] = max(widths[i], displayWidth(row[i]))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for i, c := range row {
			b.WriteString(c)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		b.WriteByte('\n')
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

// visible replaces the control characters left in a table cell (from a
// document title, say) by their Go escapes, so that no cell can move the
// cursor or start a line of its own.
func visible(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) }) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// displayWidth is the number of terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// clip shortens s to at most n runes, marking the cut with an ellipsis.
func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
