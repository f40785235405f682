package extract

import (
	"github.com/planlens/planlens/extract/action"
	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/extract/brand"
	"github.com/planlens/planlens/extract/indicator"
	"github.com/planlens/planlens/extract/project"
	"github.com/planlens/planlens/extract/target"
)

// builtinFinders returns the built-in rule sets, one per record kind. The
// order is the order of records of different kinds at the same offset.
func builtinFinders(a *annotate.Annotator) ([]Finder, error) {
	tf, err := target.New(target.Options{Lexicon: a.Lexicon(), Tense: a.Tense()})
	if err != nil {
		return nil, err
	}
	pf, err := project.New(project.Options{Lexicon: a.Lexicon(), Segmenter: a.Segmenter()})
	if err != nil {
		return nil, err
	}
	bf, err := brand.New()
	if err != nil {
		return nil, err
	}
	return []Finder{tf, pf, bf, action.New()}, nil
}

// postPass sees a document's records after every finder ran and dedup
// sorted them; it may set fields but must not move offsets.
type postPass func(res *Result)

// builtinPostPasses returns the document-level passes: the indicator
// lexicon names each target's indicator and marks the headlines.
func builtinPostPasses() ([]postPass, error) {
	lex, err := indicator.New()
	if err != nil {
		return nil, err
	}
	return []postPass{func(res *Result) {
		sents := make([]indicator.Sentence, len(res.Sentences))
		for i, s := range res.Sentences {
			sents[i] = indicator.Sentence{Index: s.Index, Start: s.Start, End: s.End}
		}
		lex.Annotate(res.Doc, sents, res.Records)
	}}, nil
}
