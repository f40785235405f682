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
}

func isQueryError(err error) bool { return errors.Is(err, index.ErrQuery) }
