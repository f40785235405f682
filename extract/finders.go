package extract

import (
	"github.com/planlens/planlens/extract/action"
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
