package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	stdhtml "html"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/planlens/planlens/schema"
)

// RecordKinds are the kinds a search returns unless told otherwise.
var RecordKinds = schema.RecordKinds()

// FacetFields are the facets Search can count.
var FacetFields = []string{"kind", "stage", "modality", "region", "year", "unit", "level", "genre", "issuer", "indicator"}

// Request is a search.
type Request struct {
	// Query is a query string in the query language of ParseQuery; empty
	// matches everything the filters let through.
	Query string
	// Exact turns off query synonyms (Synonyms): words and phrases match
	// only as written (folded for width, case and script).
	Exact bool
	// Kinds restricts the kinds of hit (RecordKinds when empty); add
	// KindSentence or KindDocument to search those.
	Kinds []string
	// Keyword filters; empty means any. Region includes the divisions
	// under it (北京市 includes 北京市朝阳区) and may be a name, a short
	// name, a path or a GB/T 2260 code.
	Stage, Modality, Region, Level, Unit, Category, Genre, Issuer string
	// Year matches the record's year, or its document's year when the
	// record states none; 0 means any. YearFrom and YearTo bound it
	// (inclusive; 0 means open); Year sets both.
	Year, YearFrom, YearTo int
	// Min and Max bound a target's value (inclusive); nil means unbounded.
	// With Unit they bound its scaled value in that base unit instead
	// (Min 1e8, Unit 元: 1.2亿元 and 50000万元 pass, 1000亩 and 5000万元 do
	// not), and Unit matches the base unit (元 matches 亿元 and 万元).
	Min, Max *float64
	// Indicator keeps targets of this indicator key (gdp_growth, cpi, …;
	// extract/indicator).
	Indicator string
	// MinConfidence keeps targets and projects whose confidence is at
	// least this (0 means any); other kinds are not scored and pass.
	MinConfidence float64
	// Doc matches a document id, a source path as ingested, or a file name.
	Doc string
	// Facets names the facets to count (from FacetFields).
	Facets []string
	// Limit (default 10, at most MaxLimit) and Offset (at most MaxOffset)
	// page the hits.
	Limit, Offset int
	// Sort orders the hits: an order of SortOrders ("relevance", "year",
	// "value"), or Bleve sort fields ("-year_key", "region", "-_score":
	// keyword fields with doc values); empty means by score, then id.
	Sort []string
}

// Paging bounds: deeper pages are refused rather than handed to Bleve,
// whose cost grows with offset+limit.
const (
	MaxLimit  = 1000
	MaxOffset = 100000
)

// SortOrders are the named orders of Request.Sort.
var SortOrders = map[string][]string{
	"relevance": {"-_score", "_id"},
	"year":      {"-year_key", "-_score", "_id"},
	"value":     {"-value", "-_score", "_id"},
}

// ErrFilter marks a filter value that is not one of the allowed values.
var ErrFilter = errors.New("index: bad filter")

// Allowed filter values (Validate).
var (
	Stages     = []string{"plan", "start", "advance", "complete", "improve"}
	Modalities = []string{"ensure", "strive", "seek"}
	Levels     = []string{schema.LevelNational, schema.LevelProvincial, schema.LevelCity, schema.LevelDistrict, schema.LevelTownship}
	AllKinds   = append(schema.RecordKinds(), KindSentence, KindDocument)
)

// Validate checks the request's filter values and paging, naming the
// allowed values in its errors (which wrap ErrFilter).
func (r Request) Validate() error {
	check := func(name string, v string, allowed []string) error {
		if v != "" && !contains(allowed, v) {
			return fmt.Errorf("%w: unknown %s %q (allowed: %s)", ErrFilter, name, v, strings.Join(allowed, ", "))
		}
		return nil
	}
	for _, k := range r.Kinds {
		if err := check("kind", k, AllKinds); err != nil {
			return err
		}
	}
	for _, c := range []struct {
		name, v string
		allowed []string
	}{{"stage", r.Stage, Stages}, {"modality", r.Modality, Modalities}, {"level", r.Level, Levels}, {"genre", r.Genre, schema.Genres()}} {
		if err := check(c.name, c.v, c.allowed); err != nil {
			return err
		}
	}
	if r.Limit < 0 || r.Limit > MaxLimit {
		return fmt.Errorf("%w: limit %d is outside 0..%d", ErrFilter, r.Limit, MaxLimit)
	}
	if r.Offset < 0 || r.Offset > MaxOffset {
		return fmt.Errorf("%w: offset %d is outside 0..%d", ErrFilter, r.Offset, MaxOffset)
	}
	lo, hi := r.years()
	if lo != 0 && hi != 0 && lo > hi {
		return fmt.Errorf("%w: year range %d..%d is empty", ErrFilter, lo, hi)
	}
	if r.Min != nil && r.Max != nil && *r.Min > *r.Max {
		return fmt.Errorf("%w: --min %g is above --max %g", ErrFilter, *r.Min, *r.Max)
	}
	for _, f := range r.Facets {
		if !contains(FacetFields, f) {
			return fmt.Errorf("%w: unknown facet %q (allowed: %s)", ErrFilter, f, strings.Join(FacetFields, ", "))
		}
	}
	return nil
}

func (r Request) years() (lo, hi int) {
	if r.Year != 0 {
		return r.Year, r.Year
	}
	return r.YearFrom, r.YearTo
}

// ParseYears reads a year or a year range: 2026, 2021..2026, 2021.., ..2026.
func ParseYears(s string) (lo, hi int, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, nil
	}
	a, b, isRange := strings.Cut(s, "..")
	num := func(x string) (int, error) {
		if x == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(x)
		if err != nil || n < 1000 || n > 9999 {
			return 0, fmt.Errorf("%w: year %q is not a four-digit year (use 2026 or 2021..2026)", ErrFilter, x)
		}
		return n, nil
	}
	if lo, err = num(a); err != nil {
		return 0, 0, err
	}
	if !isRange {
		if lo == 0 {
			return 0, 0, fmt.Errorf("%w: empty year", ErrFilter)
		}
		return lo, lo, nil
	}
	if hi, err = num(b); err != nil {
		return 0, 0, err
	}
	if lo != 0 && hi != 0 && lo > hi {
		return 0, 0, fmt.Errorf("%w: year range %s is empty", ErrFilter, s)
	}
	return lo, hi, nil
}

// Hit is one search result: the record as extracted (its JSON fields
// promoted), the document's metadata, the score and highlighted fragments
// of its sentence (HTML, terms in <mark>).
type Hit struct {
	schema.Record
	Title     string `json:"title,omitempty"`
	Region    string `json:"region,omitempty"`
	Level     string `json:"level,omitempty"`
	DocYear   int    `json:"doc_year,omitempty"`
	Genre     string `json:"genre,omitempty"`
	Issuer    string `json:"issuer,omitempty"`
	DocNumber string `json:"doc_number,omitempty"`
	// Document is the hit's document metadata (no text).
	Document  *schema.Document `json:"-"`
	Score     float64          `json:"score"`
	Fragments []string         `json:"fragments"`
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
	if err := r.Validate(); err != nil {
		return nil, err
	}
	tree, err := ParseQuery(r.Query)
	if err != nil {
		return nil, err
	}
	q := bleve.NewBooleanQuery()
	if tree == nil {
		q.AddMust(bleve.NewMatchAllQuery())
	} else {
		nq, err := ix.nodeQuery(tree, !r.Exact)
		if err != nil {
			return nil, err
		}
		q.AddMust(nq)
	}
	q.AddFilter(ix.filterQuery(r))

	limit := r.Limit
	if limit == 0 {
		limit = 10
	}
	req := bleve.NewSearchRequestOptions(q, limit, r.Offset, false)
	sortBy := []string{"-_score", "_id"}
	if len(r.Sort) == 1 && SortOrders[r.Sort[0]] != nil {
		sortBy = SortOrders[r.Sort[0]]
	} else if len(r.Sort) > 0 {
		sortBy = r.Sort
	}
	req.SortBy(sortBy)
	req.Fields = []string{"json", "text"}
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	req.Highlight.Fields = []string{"text"}
	for _, f := range r.Facets {
		field := f
		if f == "year" {
			field = "year_key"
		}
		req.AddFacet(f, bleve.NewFacetRequest(field, 50))
	}
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("index: search: %w", err)
	}
	var leaves []*Node
	if tree != nil {
		leaves = tree.Leaves()
	}
	hits, err := ix.complete(ctx, leaves, res.Hits)
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

// nodeQuery turns a parsed query into a Bleve query. With synonyms on, a
// leaf that is a member of a synonym group matches any member.
func (ix *Index) nodeQuery(n *Node, synonyms bool) (query.Query, error) {
	switch n.Op {
	case OpWord, OpPhrase:
		alts := []string{n.Text}
		if synonyms {
			alts = ix.synonyms.expand(n.Text)
		}
		var qs []query.Query
		for _, text := range alts {
			leaf := *n
			leaf.Text = text
			lq, err := ix.leafQuery(&leaf)
			if err != nil {
				if len(alts) > 1 && text != n.Text {
					continue // a synonym with no searchable words
				}
				return nil, err
			}
			qs = append(qs, lq)
		}
		if len(qs) == 1 {
			return qs[0], nil
		}
		return bleve.NewDisjunctionQuery(qs...), nil
	case OpNot:
		k, err := ix.nodeQuery(n.Kids[0], synonyms)
		if err != nil {
			return nil, err
		}
		bq := bleve.NewBooleanQuery()
		bq.AddMust(bleve.NewMatchAllQuery())
		bq.AddMustNot(k)
		return bq, nil
	case OpAnd:
		bq := bleve.NewBooleanQuery()
		positive := false
		for _, k := range n.Kids {
			if k.Op == OpNot {
				kq, err := ix.nodeQuery(k.Kids[0], synonyms)
				if err != nil {
					return nil, err
				}
				bq.AddMustNot(kq)
				continue
			}
			kq, err := ix.nodeQuery(k, synonyms)
			if err != nil {
				return nil, err
			}
			bq.AddMust(kq)
			positive = true
		}
		if !positive {
			bq.AddMust(bleve.NewMatchAllQuery())
		}
		return bq, nil
	case OpOr:
		var qs []query.Query
		for _, k := range n.Kids {
			kq, err := ix.nodeQuery(k, synonyms)
			if err != nil {
				return nil, err
			}
			qs = append(qs, kq)
		}
		return bleve.NewDisjunctionQuery(qs...), nil
	}
	return nil, fmt.Errorf("%w: unknown node", ErrQuery)
}

// Word fields (gse) and their weights: what the record says (its span and
// verb; a sentence row's text) counts most, then what it names or counts,
// then the clause around it, then the document title. Headings only for
// heading:. The title's bigram companion (gse indexes only) catches words
// gse cuts differently in context, at a low weight.
var wordFields = map[string][]fieldBoost{
	"":         {{"about", 4}, {"text", 4}, {"name", 2}, {"object", 2}, {"examples", 1}, {"context", 1}, {"title", 1}, {"title_cjk", 0.3}},
	"text":     {{"about", 4}, {"text", 4}, {"context", 1}},
	"title":    {{"title", 1}, {"title_cjk", 0.3}},
	"object":   {{"object", 1}},
	"name":     {{"name", 1}},
	"heading":  {{"heading", 1}},
	"examples": {{"examples", 1}},
}

// Phrase fields: the exact (rune) companions, so that a phrase matches
// every literal occurrence whatever gse made of it; records also match a
// phrase of their span and governing verb (about, gse: 学校开工 for
// 9所学校 governed by 开工).
var phraseFields = map[string][]fieldBoost{
	"":         {{"text_exact", 4}, {"about_exact", 4}, {"name_exact", 2}, {"object_exact", 2}, {"title_exact", 1}, {"about", 3}},
	"text":     {{"text_exact", 4}, {"about_exact", 4}, {"about", 3}},
	"title":    {{"title_exact", 1}},
	"object":   {{"object_exact", 1}},
	"name":     {{"name_exact", 1}},
	"heading":  {{"heading", 1}},
	"examples": {{"examples", 1}},
}

type fieldBoost struct {
	field string
	boost float64
}

// leafQuery matches one word or phrase in its fields.
func (ix *Index) leafQuery(n *Node) (query.Query, error) {
	if n.Op == OpPhrase {
		return ix.phraseQuery(n)
	}
	text := ix.fold.String(n.Text)
	terms := ix.analyze(text)
	if len(terms) == 0 {
		// No gse word (punctuation, a lone character gse drops): match it
		// as written.
		if len(ix.fold.ExactTerms(n.Text)) > 0 && ix.hasExact {
			return ix.phraseQuery(&Node{Op: OpPhrase, Text: n.Text, Field: n.Field})
		}
		return nil, fmt.Errorf("%w: %q has no searchable words", ErrQuery, n.Text)
	}
	var alts []query.Query
	for _, fb := range wordFields[n.Field] {
		if _, ok := ix.fields[fb.field]; !ok && !strings.HasSuffix(fb.field, "_cjk") {
			continue
		}
		an := ix.queryAnalyzer // companions use their field's (cjk)
		if strings.HasSuffix(fb.field, "_cjk") {
			if !ix.hasField(fb.field) {
				continue
			}
			an = ""
		}
		mq := bleve.NewMatchQuery(text)
		mq.SetField(fb.field)
		mq.SetBoost(fb.boost)
		mq.SetOperator(query.MatchQueryOperatorAnd)
		mq.Analyzer = an
		alts = append(alts, mq)
	}
	any := bleve.NewDisjunctionQuery(alts...)
	if len(terms) < 2 || n.Field != "" {
		return any, nil
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(any)
	ph := bleve.NewMatchPhraseQuery(text)
	ph.SetField("about")
	ph.Analyzer = ix.queryAnalyzer
	ph.SetBoost(4)
	bq.AddShould(ph)
	return bq, nil
}

// phraseQuery matches a phrase rune by rune on the exact fields (indexes
// made before them: gse phrases on the text fields).
func (ix *Index) phraseQuery(n *Node) (query.Query, error) {
	runes := ix.fold.ExactTerms(n.Text)
	if len(runes) == 0 {
		return nil, fmt.Errorf("%w: %q has no searchable characters", ErrQuery, n.Text)
	}
	var alts []query.Query
	for _, fb := range phraseFields[n.Field] {
		if !ix.hasField(fb.field) {
			continue
		}
		if !strings.HasSuffix(fb.field, "_exact") {
			mq := bleve.NewMatchPhraseQuery(ix.fold.String(n.Text))
			mq.SetField(fb.field)
			mq.SetBoost(fb.boost)
			mq.Analyzer = ix.queryAnalyzer
			alts = append(alts, mq)
			continue
		}
		var q query.Query
		if len(runes) == 1 {
			tq := bleve.NewTermQuery(runes[0])
			tq.SetField(fb.field)
			tq.SetBoost(fb.boost)
			q = tq
		} else {
			pq := bleve.NewPhraseQuery(runes, fb.field)
			pq.SetBoost(fb.boost)
			q = pq
		}
		alts = append(alts, q)
	}
	if len(alts) == 0 {
		return nil, fmt.Errorf("%w: field %s has no phrase field in this index", ErrQuery, n.Field)
	}
	return bleve.NewDisjunctionQuery(alts...), nil
}

func (ix *Index) hasField(name string) bool {
	if _, ok := ix.fields[name]; ok {
		return true
	}
	for _, specs := range ix.fields {
		for _, f := range specs {
			if f.name == name {
				return true
			}
		}
	}
	return false
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

func (ix *Index) filterQuery(r Request) query.Query {
	kinds := r.Kinds
	if len(kinds) == 0 {
		kinds = RecordKinds
	}
	var kq []query.Query
	for _, k := range kinds {
		kq = append(kq, term("kind", k))
	}
	must := []query.Query{bleve.NewDisjunctionQuery(kq...)}
	var unitQ query.Query // the unit filter, replaced by base_unit under --min/--max
	for _, kv := range [][2]string{
		{"stage", r.Stage}, {"modality", r.Modality},
		{"level", r.Level}, {"unit", r.Unit}, {"category", r.Category},
		{"genre", r.Genre}, {"issuer", r.Issuer},
	} {
		if kv[1] != "" {
			must = append(must, term(kv[0], kv[1]))
			if kv[0] == "unit" {
				unitQ = must[len(must)-1]
			}
		}
	}
	if r.Region != "" {
		if ix.hasField("region_path") {
			must = append(must, term("region_path", regionKey(ix.gaz, r.Region)))
		} else {
			must = append(must, term("region", r.Region))
		}
	}
	if lo, hi := r.years(); lo != 0 || hi != 0 {
		if lo == hi {
			must = append(must, term("year_key", yearKey(lo)))
		} else {
			q := bleve.NewTermRangeInclusiveQuery(yearKey(max(lo, 1000)), yearKey(hiYear(hi)), ptrTrue(), ptrTrue())
			q.SetField("year_key")
			must = append(must, q)
		}
	}
	if r.Indicator != "" {
		must = append(must, term("indicator", r.Indicator))
	}
	if r.Min != nil || r.Max != nil {
		if r.Unit != "" && ix.hasField("scaled") {
			// the unit filter above was on unit; here the base unit
			// decides, and the scaled value is compared
			must = slices.DeleteFunc(must, func(q query.Query) bool { return q == unitQ })
			must = append(must, term("base_unit", r.Unit), numRange("scaled", r.Min, r.Max))
		} else {
			must = append(must, numRange("value", r.Min, r.Max))
		}
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
		alts := []query.Query{term("doc", r.Doc), term("source", r.Doc)}
		if ix.hasField("source_base") {
			alts = append(alts, term("source_base", r.Doc))
		}
		must = append(must, bleve.NewDisjunctionQuery(alts...))
	}
	return bleve.NewConjunctionQuery(must...)
}

func hiYear(hi int) int {
	if hi == 0 {
		return 9999
	}
	return hi
}

func ptrTrue() *bool { t := true; return &t }

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

// FragmentRunes bounds a fragment that is a whole sentence (a search
// with no words to highlight): longer sentences are cut with "…".
const FragmentRunes = 300

// plainFragment is a sentence as a fragment: HTML-escaped, no marks.
func plainFragment(text string) string {
	if n := 0; len(text) > FragmentRunes {
		for i := range text {
			if n == FragmentRunes {
				text = text[:i] + "…"
				break
			}
			n++
		}
	}
	return stdhtml.EscapeString(text)
}

// complete rebuilds hits from their rows and, with one more search, the
// rows they refer to: their documents' rows (id, source, title, region,
// level, year and the table of heading paths) and record hits' sentence
// rows (the record's text when its row left it out, and the sentence
// highlighted with the query's words: records do not store it). With no
// words to highlight (a search by filters only), a record's fragment is
// its sentence as it stands (escaped, clipped at FragmentRunes).
func (ix *Index) complete(ctx context.Context, parts []*Node, matches search.DocumentMatchCollection) ([]Hit, error) {
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
			if r.rec.Sentence >= 0 {
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
		mq := bleve.NewMatchQuery(ix.fold.String(p.Text))
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
				if len(parts) == 0 && text != "" {
					hit.Fragments = []string{plainFragment(text)}
				}
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
		hit.Genre, hit.Issuer, hit.DocNumber = d.doc.Genre, d.doc.Issuer, d.doc.DocNumber
		hit.Document = &d.doc
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
