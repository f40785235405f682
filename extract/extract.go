// Package extract turns a policy document into grounded records.
//
// The stages, each its own package:
//
//	source    file → schema.Document (decoded text + metadata)
//	textlayer document text → normalised view with an offset map → sentences → clauses
//	segment   clause → gse words (embedded dictionary + policy lexicon)
//	action    clause → action records; the governing verb of any span
//	numeral   normalised text → quantities (number, range, approximator, unit)
//	target    sentence → target records
//	project   sentence → project records
//
// Every record's Text is Doc.Text[Start:End]: rules find spans on the
// normalised view and map them back through the offset map.
package extract

import "github.com/planlens/planlens/schema"

// Sentence is one sentence of a document: its byte span in the document
// text and its section heading path (outermost first).
type Sentence struct {
	Index   int      `json:"index"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Heading []string `json:"heading,omitempty"`
}

// Result is what extraction gives for one document.
type Result struct {
	Doc       schema.Document
	Sentences []Sentence
	Records   []schema.Record
}
