package index

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/planlens/planlens/schema"
)

// RecordKinds are the kinds a search returns unless told otherwise.
var RecordKinds = []string{schema.KindTarget, schema.KindProject, schema.KindAction}

// FacetFields are the facets Search can count.
var FacetFields = []string{"kind", "stage", "region", "year", "unit"}

// Request is a search.
type Request struct {
	// Query is a query string for ParseQuery; empty matches everything the
	// filters let through.
	Query string
	// Kinds restricts the kinds of hit (RecordKinds when empty); add
	// KindSentence or KindDocument to search those.
	Kinds []string
	// Keyword filters; empty means any.
	Stage, Modality, Region, Level, Unit, Category string
	// Year matches the record's year, or its document's year when the
	// record states none; 0 means any.
	Year int
	// Min and Max bound a target's value (inclusive); nil means unbounded.
	Min, Max *float64
	// MinConfidence keeps targets and projects whose confidence is at
	// least this (0 means any); other kinds are not scored and pass.
	MinConfidence float64
	// Doc matches a document id or a source.
	Doc string
	// Facets names the facets to count (from FacetFields).
	Facets []string
	// Limit (default 10) and Offset page the hits.
	Limit, Offset int
	// Sort orders the hits by Bleve sort fields ("-year_key", "region",
	// "-_score", ...: keyword fields with doc values); empty means by
	// score, then id.
	Sort []string
}

// Hit is one search result: the record as extracted (its JSON fields
// promoted), the document's metadata, the score and highlighted fragments
// of its sentence (HTML, terms in <mark>).
type Hit struct {
	schema.Record
	Title     string   `json:"title,omitempty"`
	Region    string   `json:"region,omitempty"`
	Level     string   `json:"level,omitempty"`
	DocYear   int      `json:"doc_year,omitempty"`
	Score     float64  `json:"score"`
	Fragments []string `json:"fragments"`
}

// FacetCount is one term of a facet and its count.
type FacetCount struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// Response is a page of hits, the total count and the facets asked for.
type Response struct {
	Total  uint64                  `json:"total"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetCount `json:"facets,omitempty"`
}

// Field weights: what the record says (its span and verb; a sentence row's
// text) counts most, then what it names or counts, then the clause around
// it, then its section headings. The title's bigram companion (gse
// indexes only) catches words gse cuts differently in context, at a low
// weight.
var fieldBoosts = []struct {
	field string
	boost float64
}{
	{"about", 4}, {"text", 4}, {"name", 2}, {"object", 2}, {"examples", 1}, {"context", 1}, {"heading", 0.5}, {"title", 1},
	{"title_cjk", 0.3},
}

// Search runs a request.
func (ix *Index) Search(ctx context.Context, r Request) (*Response, error) {
	parts, err := ParseQuery(r.Query)
	if err != nil {
		return nil, err
	}
	q := bleve.NewBooleanQuery()
	if len(parts) == 0 {
		q.AddMust(bleve.NewMatchAllQuery())
	}
	for _, p := range parts {
		pq, err := ix.partQuery(p)
		if err != nil {
			return nil, err
		}
		q.AddMust(pq)
	}
	q.AddFilter(filterQuery(r))

	limit := r.Limit
	if limit <= 0 {
		limit = 10
	}
	req := bleve.NewSearchRequestOptions(q, limit, max(r.Offset, 0), false)
	if len(r.Sort) > 0 {
		req.SortBy(r.Sort)
	} else {
		req.SortBy([]string{"-_score", "_id"})
	}
	req.Fields = []string{"json", "text"}
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	req.Highlight.Fields = []string{"text"}
	for _, f := range r.Facets {
		field := f
		switch f {
		case "kind", "stage", "region", "unit":
		case "year":
			field = "year_key"
		default:
			return nil, fmt.Errorf("%w: unknown facet %q (have %s)", ErrQuery, f, strings.Join(FacetFields, ", "))
		}
		req.AddFacet(f, bleve.NewFacetRequest(field, 50))
	}
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	hits, err := ix.complete(ctx, parts, res.Hits)
	if err != nil {
		return nil, err
	}
	out := &Response{Total: res.Total, Hits: hits}
	if len(r.Facets) > 0 {
		out.Facets = map[string][]FacetCount{}
		for name, fr := range res.Facets {
			out.Facets[name] = facetCounts(fr)
		}
	}
	return out, nil
}

// partQuery matches one query part in any of the weighted fields. Words
// must all occur in one field (any order); the words' phrase in the record
// text scores extra, so adjacent words rank first.
func (ix *Index) partQuery(p Part) (query.Query, error) {
	terms := ix.analyze(p.Text)
	if len(terms) == 0 {
		return nil, fmt.Errorf("%w: %q has no searchable words", ErrQuery, p.Text)
	}
	var alts []query.Query
	for _, fb := range fieldBoosts {
		an := ix.queryAnalyzer // companions use their field's (cjk)
		if strings.HasSuffix(fb.field, "_cjk") {
			an = ""
		}
		if p.Phrase {
			mq := bleve.NewMatchPhraseQuery(p.Text)
			mq.SetField(fb.field)
			mq.SetBoost(fb.boost)
			mq.Analyzer = an
			alts = append(alts, mq)
			continue
		}
		mq := bleve.NewMatchQuery(p.Text)
		mq.SetField(fb.field)
		mq.SetBoost(fb.boost)
		mq.SetOperator(query.MatchQueryOperatorAnd)
		mq.Analyzer = an
		alts = append(alts, mq)
	}
	any := bleve.NewDisjunctionQuery(alts...)
	if p.Phrase || len(terms) < 2 {
		return any, nil
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(any)
	ph := bleve.NewMatchPhraseQuery(p.Text)
	ph.SetField("about")
	ph.Analyzer = ix.queryAnalyzer
	ph.SetBoost(4)
	bq.AddShould(ph)
	return bq, nil
}

// analyze returns the terms of s under the index's text analyzer.
func (ix *Index) analyze(s string) []string {
	a := ix.bi.Mapping().AnalyzerNamed(ix.queryAnalyzer)
	if a == nil {
		return strings.Fields(s)
	}
	var out []string
	for _, t := range a.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

func filterQuery(r Request) query.Query {
	kinds := r.Kinds
	if len(kinds) == 0 {
		kinds = RecordKinds
	}
	var kq []query.Query
	for _, k := range kinds {
		kq = append(kq, term("kind", k))
	}
	must := []query.Query{bleve.NewDisjunctionQuery(kq...)}
	for _, kv := range [][2]string{
		{"stage", r.Stage}, {"modality", r.Modality}, {"region", r.Region},
		{"level", r.Level}, {"unit", r.Unit}, {"category", r.Category},
	} {
		if kv[1] != "" {
			must = append(must, term(kv[0], kv[1]))
		}
	}
	if r.Year != 0 {
		must = append(must, term("year_key", yearKey(r.Year)))
	}
	if r.Min != nil || r.Max != nil {
		must = append(must, numRange("value", r.Min, r.Max))
	}
	if r.MinConfidence > 0 {
		lo := r.MinConfidence
		var pass []query.Query
		for _, k := range kinds {
			if k != schema.KindTarget && k != schema.KindProject {
				pass = append(pass, term("kind", k))
			}
		}
		pass = append(pass, numRange("confidence", &lo, nil))
		must = append(must, bleve.NewDisjunctionQuery(pass...))
	}
	if r.Doc != "" {
		must = append(must, bleve.NewDisjunctionQuery(term("doc", r.Doc), term("source", r.Doc)))
	}
	return bleve.NewConjunctionQuery(must...)
}

func term(field, value string) query.Query {
	q := bleve.NewTermQuery(value)
	q.SetField(field)
	return q
}

func numRange(field string, lo, hi *float64) query.Query {
	in := true
	q := bleve.NewNumericRangeInclusiveQuery(lo, hi, &in, &in)
	q.SetField(field)
	return q
}

// complete rebuilds hits from their rows and, with one more search, the
// rows they refer to: their documents' rows (id, source, title, region,
// level, year and the table of heading paths) and record hits' sentence
// rows (the record's text when its row left it out, and the sentence
// highlighted with the query's words: records do not store it).
func (ix *Index) complete(ctx context.Context, parts []Part, matches search.DocumentMatchCollection) ([]Hit, error) {
	type row struct {
		kind byte
		key  string
		n    int
		rec  storedRecord
		sen  storedSentence
	}
	rows := make([]row, len(matches))
	var ids []string
	seen := map[string]bool{}
	want := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for i, h := range matches {
		kind, key, n, ok := parseID(h.ID)
		if !ok {
			return nil, fmt.Errorf("index: row %s: malformed id", h.ID)
		}
		r := row{kind: kind, key: key, n: n}
		js, _ := h.Fields["json"].(string)
		switch kind {
		case 'r':
			if err := json.Unmarshal([]byte(js), &r.rec); err != nil {
				return nil, fmt.Errorf("index: stored record %s: %w", h.ID, err)
			}
			if r.rec.Sentence >= 0 && (len(parts) > 0 || r.rec.T) {
				want(senRowID(key, r.rec.Sentence))
			}
		case 's':
			if err := json.Unmarshal([]byte(js), &r.sen); err != nil {
				return nil, fmt.Errorf("index: stored sentence %s: %w", h.ID, err)
			}
		case 'd':
		default:
			return nil, fmt.Errorf("index: row %s: unknown kind", h.ID)
		}
		want("d" + key)
		rows[i] = r
	}
	if len(ids) == 0 {
		return []Hit{}, nil
	}
	q := bleve.NewBooleanQuery()
	q.AddMust(bleve.NewDocIDQuery(ids))
	for _, p := range parts { // optional: they only choose what to highlight
		mq := bleve.NewMatchQuery(p.Text)
		mq.SetField("text")
		mq.Analyzer = ix.queryAnalyzer
		q.AddShould(mq)
	}
	req := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	req.Fields = []string{"json", "text", "headings"}
	if len(parts) > 0 {
		req.Highlight = bleve.NewHighlightWithStyle(html.Name)
		req.Highlight.Fields = []string{"text"}
	}
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search: rows of hits: %w", err)
	}
	type docRow struct {
		doc      schema.Document
		headings [][]string
	}
	docs := map[string]*docRow{}
	sens := map[string]*search.DocumentMatch{}
	for _, h := range res.Hits {
		if h.ID[0] != 'd' {
			sens[h.ID] = h
			continue
		}
		var d docRow
		js, _ := h.Fields["json"].(string)
		if err := json.Unmarshal([]byte(js), &d.doc); err != nil {
			return nil, fmt.Errorf("index: stored document %s: %w", h.ID, err)
		}
		if hs, _ := h.Fields["headings"].(string); hs != "" {
			if err := json.Unmarshal([]byte(hs), &d.headings); err != nil {
				return nil, fmt.Errorf("index: stored headings %s: %w", h.ID, err)
			}
		}
		docs[h.ID[1:]] = &d
	}

	out := make([]Hit, len(matches))
	for i, h := range matches {
		r, hit := rows[i], &out[i]
		d := docs[r.key]
		if d == nil {
			return nil, fmt.Errorf("index: row %s: no document row", h.ID)
		}
		heading := func(i *int) []string {
			if i == nil || *i < 0 || *i >= len(d.headings) {
				return nil
			}
			return d.headings[*i]
		}
		hit.Fragments = h.Fragments["text"]
		switch r.kind {
		case 'r':
			hit.Record = r.rec.Record
			hit.Heading = heading(r.rec.H)
			if s := sens[senRowID(r.key, r.rec.Sentence)]; s != nil {
				var ss storedSentence
				js, _ := s.Fields["json"].(string)
				if err := json.Unmarshal([]byte(js), &ss); err != nil {
					return nil, fmt.Errorf("index: stored sentence %s: %w", s.ID, err)
				}
				text, _ := s.Fields["text"].(string)
				if lo, hi := hit.Start-ss.Start, hit.End-ss.Start; r.rec.T && lo >= 0 && hi <= len(text) && lo <= hi {
					hit.Text = text[lo:hi]
				}
				hit.Fragments = s.Fragments["text"]
			}
			if r.rec.T && hit.Text == "" {
				return nil, fmt.Errorf("index: record %s: its text is not in its sentence row", h.ID)
			}
		case 's':
			text, _ := h.Fields["text"].(string)
			hit.Record = schema.Record{Kind: KindSentence, Text: text, Start: r.sen.Start, End: r.sen.End, Sentence: r.n, Heading: heading(r.sen.H)}
		case 'd':
			hit.Record = schema.Record{Kind: KindDocument, Text: d.doc.Title, End: d.doc.Size}
		}
		hit.Doc, hit.Source = d.doc.ID, d.doc.Source
		hit.Title, hit.Region, hit.Level, hit.DocYear = d.doc.Title, d.doc.Region, d.doc.Level, d.doc.Year
		hit.Score = h.Score
		if hit.Fragments == nil {
			hit.Fragments = []string{}
		}
	}
	return out, nil
}

func facetCounts(fr *search.FacetResult) []FacetCount {
	if fr == nil {
		return nil
	}
	var out []FacetCount
	if fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			out = append(out, FacetCount{Term: t.Term, Count: t.Count})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Term < out[j].Term
	})
	return out
}
