package extract

import (
	"context"
	"fmt"
	"sort"

	"github.com/planlens/planlens/extract/action"
	"github.com/planlens/planlens/extract/confidence"
	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/extract/tense"
	"github.com/planlens/planlens/extract/textlayer"
	"github.com/planlens/planlens/schema"
)

// Finder is a rule set that finds records in one sentence. Records come
// back with Start/End relative to s.Text (the normalised sentence); the
// pipeline maps them to document offsets and fills Text and provenance.
type Finder interface {
	Find(s *textlayer.Sentence, toks []segment.Token) []schema.Record
}

// ContextFinder is a Finder that also weighs the sentence's tense in its
// document (year, section, the paragraph lead for 这五年…/今年…). The
// pipeline judges each sentence once and calls FindContext instead of Find
// when a finder implements it.
type ContextFinder interface {
	Finder
	// FindContext finds records in s; offsets are relative to s.Text, as
	// for Find.
	FindContext(s *textlayer.Sentence, toks []segment.Token, tc tense.Context) []schema.Record
}

// Options configure an Extractor.
type Options struct {
	// Segmenter is the loaded gse segmenter; when nil, New loads one with
	// Dicts (about two seconds).
	Segmenter *segment.Segmenter
	// Dicts are extra user dictionaries, used only when Segmenter is nil.
	Dicts []string
	// Finders are extra rule sets, run after the built-in ones.
	Finders []Finder
	// Confidence scores the proposed targets and projects and drops those
	// below its threshold; nil means the embedded model
	// (confidence.Default).
	Confidence *confidence.Model
}

// Extractor turns documents into records. It is safe for concurrent use.
type Extractor struct {
	seg     *segment.Segmenter
	lex     *action.Lexicon
	tj      *tense.Judge
	finders []Finder
	conf    *confidence.Model
}

// New builds an Extractor.
func New(opts Options) (*Extractor, error) {
	seg := opts.Segmenter
	if seg == nil {
		var err error
		if seg, err = segment.Load(segment.Options{Dicts: opts.Dicts}); err != nil {
			return nil, fmt.Errorf("extract: %w", err)
		}
	}
	lex, err := action.NewLexiconWith(seg)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	tj, err := tense.New(tense.Options{})
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	conf := opts.Confidence
	if conf == nil {
		if conf, err = confidence.Default(); err != nil {
			return nil, fmt.Errorf("extract: %w", err)
		}
	}
	x := &Extractor{seg: seg, lex: lex, tj: tj, conf: conf}
	builtin, err := builtinFinders(seg, lex, tj)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	x.finders = append(builtin, opts.Finders...)
	return x, nil
}

// File reads one file and extracts its records.
func (x *Extractor) File(ctx context.Context, path string, opts source.Options) (*Result, error) {
	doc, err := source.Read(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	return x.Document(ctx, doc)
}

// ProposeFile reads one file and proposes its candidate records (see
// Propose).
func (x *Extractor) ProposeFile(ctx context.Context, path string, opts source.Options) (*Result, error) {
	doc, err := source.Read(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	return x.Propose(ctx, doc)
}

// Document extracts the records of a decoded document: the rules propose,
// the confidence model scores and decides. Every record's Text is
// doc.Text[Start:End].
func (x *Extractor) Document(ctx context.Context, doc schema.Document) (*Result, error) {
	res, err := x.Propose(ctx, doc)
	if err != nil {
		return nil, err
	}
	x.Decide(x.conf, res)
	return res, nil
}

// Confidence returns the extractor's confidence model.
func (x *Extractor) Confidence() *confidence.Model { return x.conf }

// Decide scores the targets and projects of res with model m and drops
// those below its threshold (res.Records is filtered in place).
func (x *Extractor) Decide(m *confidence.Model, res *Result) {
	d := ConfidenceDoc(res)
	m.Score(d, res.Records)
	res.Records = m.Decide(res.Records)
}

// ConfidenceDoc is the view of a result that confidence features read.
func ConfidenceDoc(res *Result) *confidence.Doc {
	d := &confidence.Doc{Text: res.Doc.Text, Genre: res.Doc.Genre, Year: res.Doc.Year,
		Sentences: make([]confidence.Span, len(res.Sentences))}
	for i, s := range res.Sentences {
		if s.Index >= 0 && s.Index < len(d.Sentences) {
			d.Sentences[s.Index] = confidence.Span{Start: s.Start, End: s.End, Heading: s.Heading}
		} else {
			d.Sentences[i] = confidence.Span{Start: s.Start, End: s.End, Heading: s.Heading}
		}
	}
	return d
}

// Propose extracts every candidate record of a decoded document, without
// the confidence model's scores and decision (for training and
// cross-validation).
func (x *Extractor) Propose(ctx context.Context, doc schema.Document) (*Result, error) {
	v := textlayer.New(doc.Text)
	sents := v.Sentences()
	res := &Result{Doc: doc, Sentences: make([]Sentence, len(sents))}
	td := x.tj.Document(v, sents)
	for i := range sents {
		s := &sents[i]
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("extract %s: %w", doc.Source, err)
			}
		}
		res.Sentences[i] = Sentence{Index: s.Index, Start: s.Start, End: s.End, Heading: s.Heading}
		toks := x.seg.Cut(s.Text)
		// actions are commitment clauses: none from a reported achievement
		tc := td.Context(i, toks)
		tn := tc.Tense()
		var recs []schema.Record
		if tn != tense.Past {
			recs = x.lex.Actions(s, toks)
		}
		for _, f := range x.finders {
			if cf, ok := f.(ContextFinder); ok {
				recs = append(recs, cf.FindContext(s, toks, tc)...)
				continue
			}
			recs = append(recs, f.Find(s, toks)...)
		}
		for _, r := range recs {
			if r.Start < 0 || r.End > len(s.Text) || r.Start > r.End {
				continue // a rule bug must not produce an ungrounded record
			}
			nStart, nEnd := r.Start, r.End
			r.Start, r.End = v.SentenceSpan(s, r.Start, r.End)
			r.Text = doc.Text[r.Start:r.End]
			if r.Kind == schema.KindProject && r.Name == s.Text[nStart:nEnd] {
				// a contiguous name is given as written in the document
				r.Name = r.Text
			}
			r.Doc = doc.ID
			r.Source = doc.Source
			r.Sentence = s.Index
			r.Heading = s.Heading
			if r.Origin == "" {
				r.Origin = schema.OriginRules
			}
			if r.Kind == schema.KindProject {
				r.Tense = tn.String()
			}
			res.Records = append(res.Records, r)
		}
	}
	res.Records = dedup(res.Records)
	return res, nil
}

var kindOrder = map[string]int{schema.KindTarget: 0, schema.KindProject: 1, schema.KindAction: 2}

// dedup sorts records by position and kind and drops exact repeats.
func dedup(recs []schema.Record) []schema.Record {
	sort.SliceStable(recs, func(i, j int) bool {
		a, b := recs[i], recs[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if kindOrder[a.Kind] != kindOrder[b.Kind] {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		return a.End < b.End
	})
	out := recs[:0]
	for i, r := range recs {
		if i > 0 {
			p := out[len(out)-1]
			if p.Kind == r.Kind && p.Start == r.Start && p.End == r.End && p.Name == r.Name {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}
