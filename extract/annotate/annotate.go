// Package annotate computes, once per sentence, what every finder reads:
// the gse words with their parts of speech, the quoted and titled spans,
// the clauses, the quantities, the policy verbs with their stages and the
// modality markers in scope, and the sentence's tense evidence in its
// document. Finders (action, target, project) take an annotated Sentence
// and return Findings; they do not segment or parse numerals themselves.
package annotate

import (
	"fmt"

	"github.com/planlens/planlens/extract/numeral"
	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/extract/tense"
	"github.com/planlens/planlens/extract/textlayer"
	"github.com/planlens/planlens/schema"
)

// Sentence is one sentence of a document with its annotations. Offsets
// of every annotation are byte offsets into Text (the sentence's
// normalised text), never into the document. A Sentence is read by one
// goroutine: the annotations computed on demand are cached in it.
type Sentence struct {
	// Sentence is the text layer's sentence: Text, Clauses (the one clause
	// definition, textlayer's), Heading, Level, Index and its offsets.
	*textlayer.Sentence
	// Tokens are the gse words of Text, with their parts of speech.
	Tokens []segment.Token
	// Quoted are the spans inside “…”, "…" and 《…》, marks excluded:
	// [open, close) with open at the opening mark.
	Quoted [][2]int
	// Tense is the sentence's tense evidence in its document: its own cues,
	// its paragraph lead's, its headings', the document year.
	Tense tense.Context
	// Year is the year of the document (0 when unknown).
	Year int
	// Explain asks finders to say which rules judged each finding and to
	// return the candidates a rule vetoed (Finding.Rejected).
	Explain bool

	lex *Lexicon
	seg *segment.Segmenter

	words      map[[2]int]*bounds // clause words, by clause span
	quants     []numeral.Quantity
	quantsDone bool
	verbs      []Verb
	verbsDone  bool
}

// Quantities returns the quantities of Text (numeral.Find), computed once.
func (s *Sentence) Quantities() []numeral.Quantity {
	if !s.quantsDone {
		s.quants, s.quantsDone = numeral.Find(s.Text), true
	}
	return s.quants
}

// Lexicon returns the verb and modality lexicon the sentence was
// annotated with.
func (s *Sentence) Lexicon() *Lexicon { return s.lex }

// Finding is what a finder returns for one sentence: a record whose span
// is given relative to the sentence.
type Finding struct {
	// SentStart and SentEnd are byte offsets into Sentence.Text (the
	// normalised sentence), not into the document: the pipeline maps
	// them back through the text layer's offset map.
	SentStart, SentEnd int
	// Record carries the kind and the kind's fields. The pipeline fills
	// its Start, End, Text, Doc, Source, Sentence, Heading and (when
	// empty) Origin.
	Record schema.Record
	// NameAsWritten asks the pipeline to give Record.Name as the document
	// writes the span (the name is the span's normalised text).
	NameAsWritten bool
	// Explain lists the named rules that judged the finding (only when
	// Sentence.Explain is set).
	Explain []schema.Verdict
	// Rejected marks a candidate a rule vetoed, returned only when
	// Sentence.Explain is set: it is no record (the pipeline keeps it in
	// schema.Result.Rejected, for per-rule scores).
	Rejected bool
}

// Options configure an Annotator.
type Options struct {
	// Segmenter cuts sentences into words; nil annotates no words (and
	// Govern then matches verbs by string, without word boundaries).
	Segmenter *segment.Segmenter
	// Lexicon is the verb and modality lexicon; nil loads the embedded one.
	Lexicon *Lexicon
	// Tense judges tense; nil builds one.
	Tense *tense.Judge
}

// Annotator annotates sentences. It is safe for concurrent use.
type Annotator struct {
	seg *segment.Segmenter
	lex *Lexicon
	tj  *tense.Judge
}

// New builds an Annotator.
func New(opts Options) (*Annotator, error) {
	a := &Annotator{seg: opts.Segmenter, lex: opts.Lexicon, tj: opts.Tense}
	var err error
	if a.lex == nil {
		if a.lex, err = NewLexicon(); err != nil {
			return nil, err
		}
	}
	if a.tj == nil {
		if a.tj, err = tense.New(tense.Options{}); err != nil {
			return nil, fmt.Errorf("annotate: %w", err)
		}
	}
	return a, nil
}

// Lexicon returns the annotator's verb and modality lexicon.
func (a *Annotator) Lexicon() *Lexicon { return a.lex }

// Tense returns the annotator's tense judge.
func (a *Annotator) Tense() *tense.Judge { return a.tj }

// Segmenter returns the annotator's segmenter (nil when it has none).
func (a *Annotator) Segmenter() *segment.Segmenter { return a.seg }

// Doc is one document to annotate sentence by sentence. It is read by one
// goroutine.
type Doc struct {
	a     *Annotator
	View  *textlayer.View
	sents []textlayer.Sentence
	td    *tense.Doc
}

// Document prepares doc's text: its view, sentences and tense sections.
// The tense cues are read against doc.Year (今年, 去年 and 2026年 are
// relative to it); when it is 0, the year is read from the text.
func (a *Annotator) Document(doc schema.Document) *Doc {
	v := textlayer.NewPaged(doc.Text, doc.Pages) // New unless paged (PDF)
	sents := v.Sentences()
	return &Doc{a: a, View: v, sents: sents, td: a.tj.DocumentYear(v, sents, doc.Year)}
}

// Text prepares a text that is not a document read from a file (tests,
// examples, a sentence typed in).
func (a *Annotator) Text(text string) *Doc {
	return a.Document(schema.Document{Text: text})
}

// Len is the number of sentences.
func (d *Doc) Len() int { return len(d.sents) }

// Raw returns the text layer's sentence i, unannotated.
func (d *Doc) Raw(i int) *textlayer.Sentence { return &d.sents[i] }

// Sentence annotates sentence i.
func (d *Doc) Sentence(i int) *Sentence {
	ts := &d.sents[i]
	s := &Sentence{Sentence: ts, lex: d.a.lex, seg: d.a.seg}
	if d.a.seg != nil {
		s.Tokens = d.a.seg.Cut(ts.Text)
	}
	s.Quoted = quotedSpans(ts.Text)
	s.Tense = d.td.Context(i, s.Tokens)
	s.Year = s.Tense.Year
	return s
}

// Sentences annotates every sentence.
func (d *Doc) Sentences() []*Sentence {
	out := make([]*Sentence, d.Len())
	for i := range out {
		out[i] = d.Sentence(i)
	}
	return out
}
