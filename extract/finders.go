package extract

import (
	"github.com/planlens/planlens/extract/action"
	"github.com/planlens/planlens/extract/segment"
)

// builtinFinders returns the target and project rule sets.
func builtinFinders(seg *segment.Segmenter, lex *action.Lexicon) ([]Finder, error) {
	return nil, nil
}
