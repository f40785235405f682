package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/planlens/planlens/index"
)

// MaxOffset bounds a request's offset: deeper pages cost Bleve time and
// memory in proportion to the offset.
const MaxOffset = 100000

// apiSearch is GET /api/search: the search command's JSON.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	req, err := RequestFromQuery(r.URL.Query())
	if err == nil && strings.TrimSpace(req.Query) == "" {
		err = errors.New("missing q")
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	res, err := s.search(r.Context(), req)
	switch {
	case isQueryError(err):
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
	case err != nil:
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
	default:
		writeJSON(w, http.StatusOK, res)
	}
}

// apiStats is GET /api/stats.
func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.ix.Stats(r.Context())
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// RequestFromQuery reads a search request from URL parameters named like
// the search command's flags (q is the query; kind a comma-separated
// list). Limit defaults to 10 and is at most 1000; offset is at most
// MaxOffset.
func RequestFromQuery(v url.Values) (index.Request, error) {
	req := index.Request{
		Query: v.Get("q"), Stage: v.Get("stage"), Modality: v.Get("modality"), Region: v.Get("region"),
		Level: v.Get("level"), Unit: v.Get("unit"), Category: v.Get("category"), Doc: v.Get("doc"), Limit: 10,
		Genre: v.Get("genre"), Issuer: v.Get("issuer"), Indicator: v.Get("indicator"),
	}
	if ys := v.Get("years"); ys != "" { // a range: 2021..2026, 2021.., ..2026
		lo, hi, err := index.ParseYears(ys)
		if err != nil {
			return req, fmt.Errorf("years: %w", err)
		}
		req.YearFrom, req.YearTo = lo, hi
	}
	req.Exact, _ = strconv.ParseBool(v.Get("exact"))
	var err error
	if req.Kinds, err = parseKinds(v.Get("kind")); err != nil {
		return req, err
	}
	ints := []struct {
		name string
		dst  *int
		max  int
	}{{"year", &req.Year, 9999}, {"limit", &req.Limit, 1000}, {"offset", &req.Offset, MaxOffset}}
	for _, p := range ints {
		if s := v.Get(p.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return req, fmt.Errorf("%s: not a number: %q", p.name, s)
			}
			if n > p.max {
				return req, fmt.Errorf("%s: %d is over %d", p.name, n, p.max)
			}
			*p.dst = n
		}
	}
	req.Limit = max(req.Limit, 1)
	for _, p := range []struct {
		name string
		dst  **float64
	}{{"min", &req.Min}, {"max", &req.Max}, {"min_confidence", nil}} {
		if s := v.Get(p.name); s != "" {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return req, fmt.Errorf("%s: not a number: %q", p.name, s)
			}
			if p.dst == nil {
				req.MinConfidence = f
				continue
			}
			*p.dst = &f
		}
	}
	if b, _ := strconv.ParseBool(v.Get("facets")); b {
		req.Facets = index.FacetFields
	}
	return req, nil
}

// allKinds are the kinds a request may name.
var allKinds = append(append([]string{}, index.RecordKinds...), index.KindSentence, index.KindDocument)

// parseKinds reads a comma-separated list of kinds; empty means the
// record kinds.
func parseKinds(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var out []string
	for _, k := range strings.Split(s, ",") {
		k = strings.TrimSpace(k)
		ok := false
		for _, a := range allKinds {
			ok = ok || a == k
		}
		if !ok {
			return nil, fmt.Errorf("unknown kind %q (want %s)", k, strings.Join(allKinds, ", "))
		}
		out = append(out, k)
	}
	return out, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}
