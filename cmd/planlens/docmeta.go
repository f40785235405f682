package main

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/schema"
)

// docMeta is the document metadata printed beside each record, so that a
// record line (or CSV row) can be filtered and compared across regions,
// years, issuers and genres without a join.
type docMeta struct {
	Title         string `json:"doc_title,omitempty"`
	Year          int    `json:"doc_year,omitempty"`
	Region        string `json:"doc_region,omitempty"`
	RegionCode    string `json:"doc_region_code,omitempty"`
	Level         string `json:"doc_level,omitempty"`
	Issuer        string `json:"doc_issuer,omitempty"`
	Number        string `json:"doc_number,omitempty"`
	DateWritten   string `json:"doc_date_written,omitempty"`
	DatePublished string `json:"doc_date_published,omitempty"`
	Genre         string `json:"doc_genre,omitempty"`
}

func docMetaOf(d *schema.Document) docMeta {
	if d == nil {
		return docMeta{}
	}
	return docMeta{Title: d.Title, Year: d.Year, Region: d.Region, RegionCode: d.RegionCode, Level: d.Level,
		Issuer: d.Issuer, Number: d.DocNumber, DateWritten: d.DateWritten, DatePublished: d.DatePublished, Genre: d.Genre}
}

// docMetaHeader are the CSV columns of docMeta, after the record's own.
var docMetaHeader = []string{"doc_title", "doc_year", "doc_region", "doc_region_code", "doc_level",
	"doc_issuer", "doc_number", "doc_date_written", "doc_date_published", "doc_genre"}

func (m docMeta) columns() []string {
	year := ""
	if m.Year != 0 {
		year = strconv.Itoa(m.Year)
	}
	return []string{m.Title, year, m.Region, m.RegionCode, m.Level, m.Issuer, m.Number, m.DateWritten, m.DatePublished, m.Genre}
}

// outRecord is a record as printed: its fields, then its document's.
type outRecord struct {
	schema.Record
	docMeta
}

// nopWriter writes no records (extract --docs).
type nopWriter struct{}

func (nopWriter) write(schema.Record, docMeta) error { return nil }
func (nopWriter) close() error                       { return nil }

// docCSVHeader are the columns of extract --docs --format csv. The first
// ten are manifest columns: the table can be corrected by hand and read
// back with --meta.
var docCSVHeader = append([]string{"path", "title", "issuer", "doc_number", "date_written", "date_published",
	"year", "region", "level", "genre", "region_code", "doc", "format", "encoding", "size", "sentences"},
	kindCountColumns()...)

// kindCountColumns name the record counts of a document, a column per
// kind (targets, projects, actions).
func kindCountColumns() []string {
	var out []string
	for _, k := range schema.RecordKinds() {
		out = append(out, k+"s")
	}
	return out
}

// docCSVWriter prints one row of metadata a document (UTF-8 with a BOM,
// for Excel).
type docCSVWriter struct{ w *csv.Writer }

func newDocCSVWriter(w io.Writer) (*docCSVWriter, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(docCSVHeader); err != nil {
		return nil, err
	}
	return &docCSVWriter{w: cw}, nil
}

func (d *docCSVWriter) write(res *extract.Result) error {
	counts := map[string]int{}
	for _, r := range res.Records {
		counts[r.Kind]++
	}
	doc := res.Doc
	year := ""
	if doc.Year != 0 {
		year = strconv.Itoa(doc.Year)
	}
	row := []string{doc.Source, doc.Title, doc.Issuer, doc.DocNumber, doc.DateWritten, doc.DatePublished,
		year, doc.Region, doc.Level, doc.Genre, doc.RegionCode, doc.ID, doc.Format, doc.Encoding, strconv.Itoa(doc.Size),
		strconv.Itoa(len(res.Sentences))}
	for _, k := range schema.RecordKinds() {
		row = append(row, strconv.Itoa(counts[k]))
	}
	if err := d.w.Write(row); err != nil {
		return err
	}
	d.w.Flush()
	return d.w.Error()
}

func (d *docCSVWriter) flush() { d.w.Flush() }
