package web

import (
	"errors"
	"net/http"

	"github.com/planlens/planlens/index"
)

func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.searchPage)
	mux.HandleFunc("GET /export.csv", s.csvExport)
	mux.HandleFunc("GET /doc/{id}", s.docPage)
	mux.HandleFunc("GET /doc/{id}/fields.json", s.docFields)
	mux.HandleFunc("GET /chart", s.chartPage)
	if s.opts.Reviews != nil {
		// Posts from pages of other origins are refused (no cross-site
		// request forgery against a server on loopback).
		cop := http.NewCrossOriginProtection()
		mux.Handle("POST /review", cop.Handler(http.HandlerFunc(s.reviewPost)))
		mux.Handle("POST /review/accept", cop.Handler(http.HandlerFunc(s.reviewAccept)))
		mux.HandleFunc("GET /review", s.reviewList)
		mux.HandleFunc("GET /review/gold.jsonl", s.goldExport)
	}
}

// isQueryError reports a request error (a malformed query, a bad filter
// value): 400, not 500.
func isQueryError(err error) bool {
	return errors.Is(err, index.ErrQuery) || errors.Is(err, index.ErrFilter)
}
