package extract

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/extract/confidence"
	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/extract/tense"
	"github.com/planlens/planlens/schema"
)

// Options configure an Extractor.
type Options struct {
	// Segmenter is the loaded gse segmenter; when nil, New loads one with
	// Dicts (about two seconds).
	Segmenter *segment.Segmenter
	// Dicts are extra user dictionaries, used only when Segmenter is nil.
	Dicts []string
	// Finders are extra rule sets, run after the built-in ones.
	Finders []Finder
	// Explain keeps on each record the rules that judged it
	// (schema.Record.Explain).
	Explain bool
	// MaxRecords bounds the records of one document, and so the memory a
	// document can take (about 2 KB a record while it is extracted); a
	// document with more fails with ErrTooManyRecords. 0 means
	// DefaultMaxRecords; negative means no bound.
	MaxRecords int
	// Confidence scores the proposed targets and projects and drops those
	// below its threshold; nil means the embedded model
	// (confidence.Default).
	Confidence *confidence.Model
}

// DefaultMaxRecords is the default Options.MaxRecords. The largest real
// documents of the corpora (170 KB) give about 2,000 records; a 4 MB
// compendium of work reports about 50,000.
const DefaultMaxRecords = 40000

// ErrTooManyRecords is wrapped by the error for a document with more
// records than Options.MaxRecords.
var ErrTooManyRecords = errors.New("too many records")

// Extractor turns documents into records. It is safe for concurrent use.
type Extractor struct {
	ann     *annotate.Annotator
	finders []Finder
	post    []postPass
	explain bool
	maxRecs int
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
	tj, err := tense.New(tense.Options{})
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	ann, err := annotate.New(annotate.Options{Segmenter: seg, Tense: tj})
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	builtin, err := builtinFinders(ann)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	post, err := builtinPostPasses()
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	maxRecs := opts.MaxRecords
	switch {
	case maxRecs == 0:
		maxRecs = DefaultMaxRecords
	case maxRecs < 0:
		maxRecs = 0
	}
	conf := opts.Confidence
	if conf == nil {
		if conf, err = confidence.Default(); err != nil {
			return nil, fmt.Errorf("extract: %w", err)
		}
	}
	return &Extractor{ann: ann, finders: append(builtin, opts.Finders...), post: post, explain: opts.Explain, maxRecs: maxRecs, conf: conf}, nil
}

// Explaining returns an extractor that shares x's segmenter, lexicons and
// finders and keeps on each record the rules that judged it
// (schema.Record.Explain) and the vetoed candidates (Result.Rejected).
func (x *Extractor) Explaining() *Extractor {
	y := *x
	y.explain = true
	return &y
}

// File reads one file and extracts its records.
func (x *Extractor) File(ctx context.Context, path string, opts source.Options) (*Result, error) {
	doc, err := source.Read(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	return x.Document(ctx, doc)
}

// found is a record with the position of its finder, which orders records
// of different kinds at the same offset.
type found struct {
	rec    schema.Record
	finder int
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
	m.Score(ConfidenceDoc(res), res.Records)
	res.Records = m.Decide(res.Records)
}

// ConfidenceDoc is the view of a result that confidence features read.
func ConfidenceDoc(res *Result) *confidence.Doc {
	d := &confidence.Doc{Text: res.Doc.Text, Genre: res.Doc.Genre, Year: res.Doc.Year,
		Sentences: make([]confidence.Span, len(res.Sentences))}
	for i, s := range res.Sentences {
		j := i
		if s.Index >= 0 && s.Index < len(d.Sentences) {
			j = s.Index
		}
		d.Sentences[j] = confidence.Span{Start: s.Start, End: s.End, Heading: s.Heading}
	}
	return d
}

// Propose extracts every candidate record of a decoded document, without
// the confidence model's scores and decision (for training and
// cross-validation).
func (x *Extractor) Propose(ctx context.Context, doc schema.Document) (*Result, error) {
	ad := x.ann.Document(doc)
	v := ad.View
	res := &Result{Doc: doc, Sentences: make([]schema.Sentence, ad.Len())}
	var recs []found
	for i := range ad.Len() {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("extract %s: %w", doc.Source, err)
			}
		}
		s := ad.Sentence(i)
		s.Explain = x.explain
		res.Sentences[i] = schema.Sentence{Index: s.Index, Start: s.Start, End: s.End, Heading: s.Heading}
		for k, f := range x.finders {
			for _, fd := range f.Find(s) {
				if fd.SentStart < 0 || fd.SentEnd > len(s.Text) || fd.SentStart > fd.SentEnd {
					continue // a rule bug must not produce an ungrounded record
				}
				r := fd.Record
				r.Start, r.End = v.SentenceSpan(s.Sentence, fd.SentStart, fd.SentEnd)
				r.Text = doc.Text[r.Start:r.End]
				if fd.NameAsWritten {
					r.Name = r.Text
				}
				r.Doc = doc.ID
				r.Source = doc.Source
				r.Sentence = s.Index
				r.Heading = s.Heading
				r.Page = doc.PageAt(r.Start)
				if r.Origin == "" {
					r.Origin = schema.OriginRules
				}
				r.Explain = fd.Explain
				if fd.Rejected {
					res.Rejected = append(res.Rejected, r)
					continue
				}
				recs = append(recs, found{r, k})
			}
		}
		if x.maxRecs > 0 && len(recs) > x.maxRecs {
			return nil, fmt.Errorf("extract %s: %w: more than %d by sentence %d of %d (several documents in one file, or not a policy document?): split it",
				doc.Source, ErrTooManyRecords, x.maxRecs, i+1, ad.Len())
		}
	}
	res.Records = dedup(recs)
	for _, p := range x.post {
		p(res)
	}
	return res, nil
}

// dedup sorts records by position (then by finder, then by end) and drops
// exact repeats.
func dedup(recs []found) []schema.Record {
	sort.SliceStable(recs, func(i, j int) bool {
		a, b := recs[i], recs[j]
		if a.rec.Start != b.rec.Start {
			return a.rec.Start < b.rec.Start
		}
		if a.finder != b.finder {
			return a.finder < b.finder
		}
		return a.rec.End < b.rec.End
	})
	out := make([]schema.Record, 0, len(recs))
	for _, f := range recs {
		r := f.rec
		if n := len(out); n > 0 {
			p := out[n-1]
			if p.Kind == r.Kind && p.Start == r.Start && p.End == r.End && p.Name == r.Name {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}
