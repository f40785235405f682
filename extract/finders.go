package extract

import (
	"github.com/planlens/planlens/extract/action"
	"github.com/planlens/planlens/extract/annotate"
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
	return []Finder{tf, pf, action.New()}, nil
}
