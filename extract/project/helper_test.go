package project

import (
	"sync"
	"testing"

	"github.com/planlens/planlens/extract/action"
	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/extract/textlayer"
	"github.com/planlens/planlens/schema"
)

var (
	testOnce   sync.Once
	testFinder *Finder
	testSeg    *segment.Segmenter
	testErr    error
)

// finder returns the test binary's Finder, loading the segmenter once.
func finder(t testing.TB) *Finder {
	t.Helper()
	testOnce.Do(func() {
		testSeg, testErr = segment.Shared()
		if testErr != nil {
			return
		}
		var lex *action.Lexicon
		if lex, testErr = action.NewLexiconWith(testSeg); testErr != nil {
			return
		}
		testFinder, testErr = New(Options{Segmenter: testSeg, Lexicon: lex})
	})
	if testErr != nil {
		t.Fatal(testErr)
	}
	return testFinder
}

// docRecords runs the finder over a whole document and maps records to
// document offsets, as the pipeline does.
func docRecords(t testing.TB, text string) []schema.Record {
	f := finder(t)
	v := textlayer.New(text)
	var out []schema.Record
	for _, s := range v.Sentences() {
		toks := testSeg.Cut(s.Text)
		for _, r := range f.Find(&s, toks) {
			if r.Start < 0 || r.End > len(s.Text) || r.Start >= r.End {
				t.Fatalf("record %+v out of sentence %q", r, s.Text)
			}
			r.Start, r.End = v.SentenceSpan(&s, r.Start, r.End)
			r.Text = text[r.Start:r.End]
			r.Sentence = s.Index
			out = append(out, r)
		}
	}
	return out
}
