package extract

import (
	"github.com/planlens/planlens/extract/action"
	"github.com/planlens/planlens/extract/indicator"
	"github.com/planlens/planlens/extract/project"
	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/extract/target"
	"github.com/planlens/planlens/extract/tense"
)

// builtinFinders returns the target and project rule sets.
func builtinFinders(seg *segment.Segmenter, lex *action.Lexicon, tj *tense.Judge) ([]Finder, error) {
	tf, err := target.New(target.Options{Lexicon: lex, Tense: tj})
	if err != nil {
		return nil, err
	}
	pf, err := project.New(project.Options{Lexicon: lex, Segmenter: seg})
	if err != nil {
		return nil, err
	}
	return []Finder{tf, pf}, nil
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
