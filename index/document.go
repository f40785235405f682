package index

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/planlens/planlens/schema"
)

// Span is a stretch of a document's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// DocumentView is a stored document with its text, sentences and records.
type DocumentView struct {
	Doc schema.Document
	// Complete reports whether Doc.Text is the whole text. Indexes written
	// before the text was stored hold only the sentences: Text is then
	// their text at their offsets, with spaces between them.
	Complete  bool
	Sentences []Span
	// Records are in their order of extraction, with their text, doc,
	// source and heading path filled in.
	Records []schema.Record
}

// Document returns the document with the id doc (the text hash of
// schema.Document.ID), or found false.
func (ix *Index) Document(ctx context.Context, doc string) (*DocumentView, bool, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(term("kind", KindDocument), term("doc", doc)), 1, 0, false)
	req.Fields = []string{"json", "records", "sentences", "headings", "doctext"}
	req.SortBy([]string{"_id"})
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, false, fmt.Errorf("index: document %s: %w", doc, err)
	}
	if len(res.Hits) == 0 {
		return nil, false, nil
	}
	h := res.Hits[0]
	di, err := docInfo(h.Fields)
	if err != nil {
		return nil, false, err
	}
	var headings [][]string
	if hs, _ := h.Fields["headings"].(string); hs != "" {
		if err := json.Unmarshal([]byte(hs), &headings); err != nil {
			return nil, false, fmt.Errorf("index: document %s: stored headings: %w", doc, err)
		}
	}
	v := &DocumentView{Doc: di.Doc}
	text, _ := h.Fields["doctext"].(string)
	v.Complete = text != "" || di.Doc.Size == 0
	key := sourceKey(di.Doc.Source)
	rows := func(kind query.Query, n int) ([]*rowHit, error) {
		if n == 0 {
			return nil, nil
		}
		q := bleve.NewConjunctionQuery(kind, term("source", di.Doc.Source))
		req := bleve.NewSearchRequestOptions(q, n, 0, false)
		req.Fields = []string{"json", "text"}
		res, err := ix.bi.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("index: document %s: %w", doc, err)
		}
		var out []*rowHit
		for _, h := range res.Hits {
			kind, k, num, ok := parseID(h.ID)
			if !ok || k != key {
				continue
			}
			js, _ := h.Fields["json"].(string)
			t, _ := h.Fields["text"].(string)
			out = append(out, &rowHit{kind: kind, n: num, json: js, text: t})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].n < out[j].n })
		return out, nil
	}
	sens, err := rows(term("kind", KindSentence), di.Sentences)
	if err != nil {
		return nil, false, err
	}
	senText := map[int]string{}
	for _, s := range sens {
		var ss storedSentence
		if err := json.Unmarshal([]byte(s.json), &ss); err != nil {
			return nil, false, fmt.Errorf("index: document %s: stored sentence %d: %w", doc, s.n, err)
		}
		v.Sentences = append(v.Sentences, Span{Start: ss.Start, End: ss.End})
		senText[len(v.Sentences)-1] = s.text
	}
	if !v.Complete {
		text = textFromSentences(di.Doc.Size, v.Sentences, senText)
	}
	v.Doc.Text = text
	var kinds []query.Query
	for _, k := range RecordKinds {
		kinds = append(kinds, term("kind", k))
	}
	recs, err := rows(bleve.NewDisjunctionQuery(kinds...), di.Records)
	if err != nil {
		return nil, false, err
	}
	for _, r := range recs {
		var sr storedRecord
		if err := json.Unmarshal([]byte(r.json), &sr); err != nil {
			return nil, false, fmt.Errorf("index: document %s: stored record %d: %w", doc, r.n, err)
		}
		rec := sr.Record
		rec.Doc, rec.Source = di.Doc.ID, di.Doc.Source
		if sr.H != nil && *sr.H >= 0 && *sr.H < len(headings) {
			rec.Heading = headings[*sr.H]
		}
		if sr.T && rec.Start >= 0 && rec.End <= len(text) && rec.Start <= rec.End {
			rec.Text = text[rec.Start:rec.End]
		}
		v.Records = append(v.Records, rec)
	}
	return v, true, nil
}

type rowHit struct {
	kind       byte
	n          int
	json, text string
}

// textFromSentences lays the sentences' text at their offsets in a text
// of size bytes, spaces elsewhere.
func textFromSentences(size int, spans []Span, text map[int]string) string {
	b := make([]byte, size)
	for i := range b {
		b[i] = ' '
	}
	for i, s := range spans {
		t := text[i]
		if s.Start >= 0 && s.Start+len(t) <= size {
			copy(b[s.Start:], t)
		}
	}
	return string(b)
}
