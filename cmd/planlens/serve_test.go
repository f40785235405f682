package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planlens/planlens/index"
)

func TestServe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	p := copySeed(t, t.TempDir(), "seed.txt", nil)
	if _, errs, code := pl(t, dir, "ingest", p); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	// The search command's JSON, to compare with the API's.
	cli, _, code := pl(t, dir, "search", "--format", "json", "--kind", "action", "学校开工")
	if code != 0 {
		t.Fatal("search failed")
	}
	ix, err := index.Open(context.Background(), dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	srv := httptest.NewServer(newServer(ix))
	defer srv.Close()

	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, string(b)
	}
	tests := []struct {
		name   string
		path   string
		status int
		check  func(string) bool
	}{
		{"search equals the command's JSON", "/api/search?q=" + url.QueryEscape("学校开工") + "&kind=action", 200,
			func(body string) bool { return body == cli }},
		{"facets", "/api/search?facets=1&q=" + url.QueryEscape("开工"), 200, func(body string) bool {
			var r index.Response
			return json.Unmarshal([]byte(body), &r) == nil && r.Total > 0 && len(r.Facets["kind"]) > 0
		}},
		{"filters", "/api/search?stage=start&year=2026&q=" + url.QueryEscape("开工"), 200, func(body string) bool {
			var r index.Response
			if json.Unmarshal([]byte(body), &r) != nil || r.Total == 0 {
				return false
			}
			for _, h := range r.Hits {
				if h.Stage != "start" {
					return false
				}
			}
			return true
		}},
		{"malformed query", "/api/search?q=" + url.QueryEscape(`"学校`), 400, func(body string) bool {
			return strings.Contains(body, "unterminated quote")
		}},
		{"missing q", "/api/search", 400, func(body string) bool { return strings.Contains(body, "missing q") }},
		{"bad kind", "/api/search?q=a&kind=memo", 400, func(body string) bool { return strings.Contains(body, "unknown kind") }},
		{"stats", "/api/stats", 200, func(body string) bool {
			var st index.Stats
			return json.Unmarshal([]byte(body), &st) == nil && st.Documents == 1 && st.Records > 0
		}},
		{"page", "/", 200, func(body string) bool {
			return strings.Contains(body, `<input type="search" name="q"`) && strings.Contains(body, "/api/search?")
		}},
		{"unknown path", "/nope", 404, func(string) bool { return true }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := get(tt.path)
			if status != tt.status || !tt.check(body) {
				t.Errorf("GET %s: %d\n%s", tt.path, status, body)
			}
		})
	}
}
