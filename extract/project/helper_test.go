package project

import (
	"sync"
	"testing"

	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/schema"
)

var (
	testOnce   sync.Once
	testFinder *Finder
	testSeg    *segment.Segmenter
	testAnn    *annotate.Annotator
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
		if testAnn, testErr = annotate.New(annotate.Options{Segmenter: testSeg}); testErr != nil {
			return
		}
		testFinder, testErr = New(Options{Segmenter: testSeg, Lexicon: testAnn.Lexicon()})
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
	d := testAnn.Text(text)
	v := d.View
	var out []schema.Record
	for _, s := range d.Sentences() {
		for _, fd := range f.Find(s) {
			r := fd.Record
			if fd.SentStart < 0 || fd.SentEnd > len(s.Text) || fd.SentStart >= fd.SentEnd {
				t.Fatalf("record %+v out of sentence %q", r, s.Text)
			}
			r.Start, r.End = v.SentenceSpan(s.Sentence, fd.SentStart, fd.SentEnd)
			r.Text = text[r.Start:r.End]
			r.Sentence = s.Index
			out = append(out, r)
		}
	}
	return out
}

// sentences annotates text as the pipeline does (finder must have run).
func sentences(t testing.TB, text string) []*annotate.Sentence {
	t.Helper()
	finder(t)
	return testAnn.Text(text).Sentences()
}

// records returns the records of the findings, spans sentence-relative.
func records(fds []annotate.Finding) []schema.Record {
	out := make([]schema.Record, len(fds))
	for i, fd := range fds {
		out[i] = fd.Record
		out[i].Start, out[i].End = fd.SentStart, fd.SentEnd
	}
	return out
}
