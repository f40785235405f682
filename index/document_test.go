package index_test

import (
	"context"
	"testing"
)

// Document gives back the whole text and every record, grounded in it, in
// the order of extraction.
func TestDocument(t *testing.T) {
	ix := newFixture(t)
	seed := seedResult(t)
	v, found, err := ix.Document(context.Background(), seed.Doc.ID)
	if err != nil || !found {
		t.Fatalf("Document(%s): found %v, %v", seed.Doc.ID, found, err)
	}
	if !v.Complete || v.Doc.Text != seed.Doc.Text {
		t.Fatalf("text not stored whole (complete %v, %d bytes of %d)", v.Complete, len(v.Doc.Text), len(seed.Doc.Text))
	}
	if v.Doc.Title != seed.Doc.Title || v.Doc.Region != seed.Doc.Region {
		t.Errorf("metadata: %+v", v.Doc)
	}
	if len(v.Records) != len(seed.Records) || len(v.Sentences) != len(seed.Sentences) {
		t.Fatalf("%d records, %d sentences; want %d, %d", len(v.Records), len(v.Sentences), len(seed.Records), len(seed.Sentences))
	}
	for i, r := range v.Records {
		w := seed.Records[i]
		if r.Kind != w.Kind || r.Start != w.Start || r.End != w.End || r.Text != w.Text || r.Doc != seed.Doc.ID {
			t.Errorf("record %d = %s %d:%d %q, want %s %d:%d %q", i, r.Kind, r.Start, r.End, r.Text, w.Kind, w.Start, w.End, w.Text)
		}
		if v.Doc.Text[r.Start:r.End] != r.Text {
			t.Errorf("record %d not grounded", i)
		}
	}
	if _, found, err := ix.Document(context.Background(), "0000000000000000"); found || err != nil {
		t.Errorf("unknown id: found %v, %v", found, err)
	}
}
