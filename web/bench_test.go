package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkDocPage renders /doc/ID on the server: Guangdong's 2026 report
// (32,954 characters, 1,154 records) beside the three-line hostile
// document as its peer, with the document read from the index every time
// (cold: the cache emptied) and from the server's cache (warm). Run:
//
//	go test ./web -run '^$' -bench DocPage -benchtime 20x
func BenchmarkDocPage(b *testing.B) {
	f := getFixture(b)
	s, err := New(f.ix, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name, doc string
		cold      bool
	}{
		{"long/cold", f.long, true}, {"long/warm", f.long, false},
		{"three-line/cold", f.hostile, true}, {"three-line/warm", f.hostile, false},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "/doc/"+bc.doc, nil)
			size := 0
			for b.Loop() {
				if bc.cold {
					s.cache.mu.Lock()
					s.cache.docs, s.cache.order = nil, nil
					s.cache.mu.Unlock()
				}
				w := httptest.NewRecorder()
				s.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("GET /doc/%s: %d", bc.doc, w.Code)
				}
				size = w.Body.Len()
			}
			b.ReportMetric(float64(size), "page-bytes")
		})
	}
}
