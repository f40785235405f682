package main

import (
	"strconv"

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
