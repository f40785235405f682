package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Stats summarises an index.
type Stats struct {
	Documents uint64         `json:"documents"`
	Records   uint64         `json:"records"`
	Sentences uint64         `json:"sentences"`
	ByKind    map[string]int `json:"by_kind"`
	// ByRegion and ByYear count documents.
	ByRegion map[string]int `json:"by_region"`
	ByYear   map[string]int `json:"by_year"`
}

// Stats counts documents, sentences and records.
func (ix *Index) Stats(ctx context.Context) (*Stats, error) {
	st := &Stats{ByKind: map[string]int{}, ByRegion: map[string]int{}, ByYear: map[string]int{}}

	docs, err := ix.count(ctx, term("kind", KindDocument), map[string]string{"region": "region", "year": "year_key"})
	if err != nil {
		return nil, err
	}
	st.Documents = docs.Total
	fill(st.ByRegion, docs.Facets["region"])
	fill(st.ByYear, docs.Facets["year"])

	var kq []query.Query
	for _, k := range RecordKinds {
		kq = append(kq, term("kind", k))
	}
	recs, err := ix.count(ctx, bleve.NewDisjunctionQuery(kq...), map[string]string{"kind": "kind"})
	if err != nil {
		return nil, err
	}
	st.Records = recs.Total
	fill(st.ByKind, recs.Facets["kind"])

	sens, err := ix.count(ctx, term("kind", KindSentence), nil)
	if err != nil {
		return nil, err
	}
	st.Sentences = sens.Total
	return st, nil
}

func fill(m map[string]int, fr *search.FacetResult) {
	for _, fc := range facetCounts(fr) {
		m[fc.Term] = fc.Count
	}
}

func (ix *Index) count(ctx context.Context, q query.Query, facets map[string]string) (*bleve.SearchResult, error) {
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	for name, field := range facets {
		req.AddFacet(name, bleve.NewFacetRequest(field, 10000))
	}
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: stats: %w", err)
	}
	return res, nil
}
