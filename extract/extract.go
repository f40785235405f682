// Package extract turns a policy document into grounded records.
//
// The stages, each its own package:
//
//	source    file → schema.Document (decoded text + metadata)
//	textlayer document text → normalised view with an offset map → sentences → clauses
//	annotate  sentence → annotated Sentence, computed once and read by every finder:
//	          gse words with POS (segment), quoted spans, clauses, quantities
//	          (numeral), policy verbs and stages, modality, tense evidence (tense)
//	action    annotated sentence → action findings (commitment clauses)
//	target    annotated sentence → target findings
//	project   annotated sentence → project findings
//
// This file is the contract between the pipeline and the finders: a
// Finder reads an annotated Sentence and returns Findings whose offsets
// are relative to the sentence's Text; the pipeline (pipeline.go) maps
// them to the document, so that every record's Text is
// Doc.Text[Start:End], and fills the provenance. The pipeline has no code
// for any kind of record: a new kind is a new Finder package, its data
// file, its fields in schema and one line in finders.go.
package extract

import (
	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/schema"
)

// Finder is a rule set that finds records of one kind in a sentence.
//
// It reads an annotated sentence (annotate.Sentence: the text layer's
// sentence with its words, quoted spans, clauses, quantities, policy verbs,
// modality and tense evidence, all as byte offsets into its Text) and
// returns annotate.Findings: records whose spans are sentence-relative
// (Finding.SentStart, Finding.SentEnd into Sentence.Text), with the named
// rules that judged them (Finding.Explain). Implementations must be safe
// for concurrent use and must not modify the sentence's annotations.
type Finder interface {
	Find(s *annotate.Sentence) []annotate.Finding
}

// Result is schema.Result, kept so that callers of extract need not
// import schema for it.
type Result = schema.Result

// Sentence is schema.Sentence (a sentence's span in the document and its
// heading path), kept for callers of extract. The sentence finders read
// is annotate.Sentence.
type Sentence = schema.Sentence
