package web

import (
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/schema"
)

// pageSizes are the page sizes the search page offers; the first is the
// default.
var pageSizes = []int{20, 50, 100}

// stateParams are the URL parameters that make a search page's state, in
// the order links write them. Everything the page shows follows from them,
// so a shared link reproduces the page.
var stateParams = []string{"q", "exact", "kind", "stage", "modality", "region", "level", "genre", "issuer", "indicator", "unit", "category", "year", "years", "min", "max", "min_confidence", "doc", "sort", "per", "page"}

// filterDef is one filter control of the search page.
type filterDef struct {
	Param, Label string
	// Options are fixed choices (a select); nil means a text box.
	Options []string
	// Facet names the facet whose counts sit beside the control.
	Facet string
}

var filterDefs = []filterDef{
	{Param: "kind", Label: "kind", Options: append(append([]string{}, index.RecordKinds...), index.KindSentence, index.KindDocument), Facet: "kind"},
	{Param: "stage", Label: "stage", Options: []string{schema.StagePlan, schema.StageStart, schema.StageAdvance, schema.StageComplete, schema.StageImprove}, Facet: "stage"},
	{Param: "modality", Label: "modality", Options: []string{schema.ModalityEnsure, schema.ModalityStrive, schema.ModalitySeek}, Facet: "modality"},
	{Param: "level", Label: "level", Options: index.Levels, Facet: "level"},
	{Param: "region", Label: "region (and the divisions under it)", Facet: "region"},
	{Param: "genre", Label: "genre", Options: schema.Genres(), Facet: "genre"},
	{Param: "issuer", Label: "issuing body", Facet: "issuer"},
	// Indicator's choices are the indicator lexicon's keys (Server.indicators).
	{Param: "indicator", Label: "indicator (targets)", Facet: "indicator"},
	{Param: "year", Label: "year", Facet: "year"},
	{Param: "years", Label: "years (2021..2026)"},
	{Param: "min_confidence", Label: "confidence at least (0–1)"},
	{Param: "unit", Label: "unit", Facet: "unit"},
	{Param: "category", Label: "category"},
}

// state is a search page's URL parameters.
type state struct{ v url.Values }

func newState(v url.Values) state {
	out := url.Values{}
	for _, p := range stateParams {
		if s := strings.TrimSpace(v.Get(p)); s != "" {
			out.Set(p, s)
		}
	}
	return state{out}
}

func (s state) Get(p string) string { return s.v.Get(p) }

// with returns the URL of the state with p set to value (removed when
// empty); any change but a page change goes back to page 1.
func (s state) with(path string, kv ...string) string {
	v := url.Values{}
	for k, vs := range s.v {
		v[k] = vs
	}
	page := false
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			v.Del(kv[i])
		} else {
			v.Set(kv[i], kv[i+1])
		}
		page = page || kv[i] == "page"
	}
	if !page {
		v.Del("page")
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// searchView is what the search template shows.
type searchView struct {
	State    state
	Query    string
	Err      string
	Total    uint64
	From, To int
	Hits     []hitView
	Filters  []filterView
	Active   []activeFilter
	Sorts    []option
	Sizes    []option
	Prev     string
	Next     string
	Pages    []pageLink
	CSV      string
	CSVLimit int
}

type option struct {
	Value, Label string
	Selected     bool
}

type filterView struct {
	filterDef
	Value   string
	Choices []option
	Counts  []facetLink
}

type facetLink struct {
	Term   string
	Count  int
	URL    string
	Active bool
}

type activeFilter struct {
	Label, Value, Remove string
}

type pageLink struct {
	N       int
	URL     string
	Current bool
}

type hitView struct {
	index.Hit
	Details  string
	Fragment template.HTML
	DocURL   string
	Where    string
}

// sorts are the orders the page offers: Bleve sort fields (keywords with
// doc values).
var sorts = []struct{ value, label string }{
	{"", "relevance"}, {"year", "year, newest first"}, {"-year", "year, oldest first"}, {"region", "region"}, {"value", "target value"},
}

// searchRequest turns a page state into an index request.
func searchRequest(st state) (index.Request, int, error) {
	v := url.Values{}
	for k, vs := range st.v {
		v[k] = vs
	}
	v.Del("offset")
	v.Del("limit")
	req, err := RequestFromQuery(v)
	if err != nil {
		return req, 0, err
	}
	per := pageSizes[0]
	if s := st.Get("per"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			return req, 0, fmt.Errorf("per: want a page size of 1 to 1000, not %q", s)
		}
		per = n
	}
	page := 1
	if s := st.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || (n-1)*per > MaxOffset {
			return req, 0, fmt.Errorf("page: want a page number of 1 to %d, not %q", MaxOffset/per+1, s)
		}
		page = n
	}
	req.Limit, req.Offset = per, (page-1)*per
	req.Sort, err = sortFields(st.Get("sort"))
	return req, page, err
}

func sortFields(s string) ([]string, error) {
	switch s {
	case "":
		return nil, nil
	case "year":
		return []string{"-year_key", "-_score", "_id"}, nil
	case "-year":
		return []string{"year_key", "-_score", "_id"}, nil
	case "region":
		return []string{"region", "-_score", "_id"}, nil
	case "value":
		return []string{"value"}, nil
	}
	return nil, fmt.Errorf("sort: unknown order %q (want year, -year or region)", s)
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	st := newState(r.URL.Query())
	view := searchView{State: st, Query: st.Get("q"), CSVLimit: MaxExport}
	req, page, err := searchRequest(st)
	status := http.StatusOK
	res := &index.Response{}
	if err != nil {
		status = http.StatusBadRequest
	} else {
		req.Facets = index.FacetFields
		if res, err = s.search(r.Context(), req); err != nil {
			status = http.StatusInternalServerError
			if isQueryError(err) {
				status = http.StatusBadRequest
			}
			res = &index.Response{}
		}
	}
	if err != nil {
		view.Err = err.Error()
	}
	view.Total = res.Total
	for _, h := range res.Hits {
		view.Hits = append(view.Hits, newHitView(h, st.Get("q")))
	}
	if len(res.Hits) > 0 {
		view.From, view.To = req.Offset+1, req.Offset+len(res.Hits)
	}
	for _, f := range filterDefs {
		fv := filterView{filterDef: f, Value: st.Get(f.Param)}
		opts := f.Options
		if f.Param == "indicator" {
			opts = s.indicators
		}
		for _, o := range opts {
			fv.Choices = append(fv.Choices, option{Value: o, Label: o, Selected: o == fv.Value})
		}
		for _, c := range res.Facets[f.Facet] {
			active := c.Term == fv.Value
			u := st.with("/", f.Param, c.Term)
			if active {
				u = st.with("/", f.Param, "")
			}
			fv.Counts = append(fv.Counts, facetLink{Term: c.Term, Count: c.Count, URL: u, Active: active})
		}
		view.Filters = append(view.Filters, fv)
		if fv.Value != "" {
			view.Active = append(view.Active, activeFilter{Label: f.Label, Value: fv.Value, Remove: st.with("/", f.Param, "")})
		}
	}
	for _, p := range []string{"min", "max", "doc", "exact"} {
		if v := st.Get(p); v != "" {
			view.Active = append(view.Active, activeFilter{Label: p, Value: v, Remove: st.with("/", p, "")})
		}
	}
	for _, so := range sorts {
		view.Sorts = append(view.Sorts, option{Value: so.value, Label: so.label, Selected: so.value == st.Get("sort")})
	}
	for i, n := range pageSizes {
		sel := st.Get("per") == strconv.Itoa(n) || (i == 0 && st.Get("per") == "")
		view.Sizes = append(view.Sizes, option{Value: strconv.Itoa(n), Label: strconv.Itoa(n), Selected: sel})
	}
	if req.Limit > 0 && res.Total > 0 {
		last := int((res.Total + uint64(req.Limit) - 1) / uint64(req.Limit))
		last = min(last, MaxOffset/req.Limit+1)
		if page > 1 {
			view.Prev = st.with("/", "page", strconv.Itoa(page-1))
		}
		if page < last {
			view.Next = st.with("/", "page", strconv.Itoa(page+1))
		}
		for n := max(1, page-4); n <= min(last, page+4); n++ {
			view.Pages = append(view.Pages, pageLink{N: n, URL: st.with("/", "page", strconv.Itoa(n)), Current: n == page})
		}
	}
	view.CSV = st.with("/export.csv", "page", "", "per", "")
	s.render(w, status, "search.html", view)
}

func newHitView(h index.Hit, q string) hitView {
	hv := hitView{Hit: h, Details: details(h.Record)}
	hv.Fragment = fragment(strings.Join(h.Fragments, " … "))
	hv.DocURL = "/doc/" + url.PathEscape(h.Doc)
	if h.Kind != index.KindDocument {
		hv.DocURL = recordURL(h.Doc, h.Start, h.End)
	}
	var where []string
	for _, s := range []string{h.Title, h.Region} {
		if s != "" {
			where = append(where, s)
		}
	}
	if h.DocYear != 0 {
		where = append(where, strconv.Itoa(h.DocYear))
	}
	hv.Where = strings.Join(where, " · ")
	return hv
}

// recordURL links to a record in its document: the view scrolls to the
// span start..end (byte offsets) and marks it.
func recordURL(doc string, start, end int) string {
	return "/doc/" + url.PathEscape(doc) + "?at=" + strconv.Itoa(start) + "&end=" + strconv.Itoa(end) + "#at"
}

// details is a record's fields in a line (schema.Record.Details), less
// an object the record's own text already shows (an action's, mostly).
func details(r schema.Record) string {
	if r.Object != "" && strings.Contains(r.Text, r.Object) {
		r.Object = ""
	}
	return strings.Join(r.Details(), " · ")
}

func fmtNum(f *float64) string { return schema.FormatValue(f) }

// fragment makes safe HTML of a highlighted fragment: only the
// highlighter's <mark> tags survive; everything else is unescaped and
// escaped again, so no markup of the document can come through.
func fragment(s string) template.HTML {
	var b strings.Builder
	open := false
	text := func(t string) { b.WriteString(template.HTMLEscapeString(html.UnescapeString(t))) }
	for s != "" {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			text(s)
			break
		}
		text(s[:i])
		s = s[i:]
		switch {
		case strings.HasPrefix(s, "<mark>"):
			if !open {
				b.WriteString("<mark>")
				open = true
			}
			s = s[len("<mark>"):]
		case strings.HasPrefix(s, "</mark>"):
			if open {
				b.WriteString("</mark>")
				open = false
			}
			s = s[len("</mark>"):]
		default:
			text("<")
			s = s[1:]
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}

func (s *Server) render(w http.ResponseWriter, status int, name string, data any) {
	var b strings.Builder
	if err := s.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		http.Error(w, "web: "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write([]byte(b.String()))
}
