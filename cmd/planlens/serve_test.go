package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

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
		{"bad stage", "/api/search?q=a&stage=done", 400, func(body string) bool { return strings.Contains(body, "allowed: plan, start") }},
		{"bad level", "/api/search?q=a&level=province", 400, func(body string) bool { return strings.Contains(body, "allowed: national, provincial") }},
		{"huge offset", "/api/search?q=a&offset=9223372036854775807", 400, func(body string) bool { return strings.Contains(body, "offset") }},
		{"query too long", "/api/search?q=" + url.QueryEscape(strings.Repeat("高", 2000)), 400, func(body string) bool { return strings.Contains(body, "at most 1024") }},
		{"too many terms", "/api/search?q=" + url.QueryEscape(strings.Repeat("学 ", 40)), 400, func(body string) bool { return strings.Contains(body, "at most 32") }},
		{"stats", "/api/stats", 200, func(body string) bool {
			var st index.Stats
			return json.Unmarshal([]byte(body), &st) == nil && st.Documents == 1 && st.Records > 0
		}},
		{"page", "/", 200, func(body string) bool {
			return strings.Contains(body, `<input type="search" name="q"`) && strings.Contains(body, `class="hit `)
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

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeAddrWarning: serve on a non-loopback address warns that it has
// no authentication; on loopback it does not, and it refuses a foreign
// Host.
func TestServeAddrWarning(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	p := copySeed(t, t.TempDir(), "seed.txt", nil)
	if _, errs, code := pl(t, dir, "ingest", p); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	for _, tt := range []struct {
		addr string
		warn bool
	}{{"0.0.0.0:0", true}, {"127.0.0.1:0", false}} {
		t.Run(tt.addr, func(t *testing.T) {
			var errb syncBuffer
			e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, getenv: func(string) string { return "" }}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan int)
			go func() { done <- run(ctx, e, []string{"serve", "--index", dir, "--addr", tt.addr}) }()
			var url string
			for i := 0; i < 200 && url == ""; i++ {
				time.Sleep(20 * time.Millisecond)
				if m := regexp.MustCompile(`http://(\S+)/`).FindStringSubmatch(errb.String()); m != nil {
					url = m[1]
				}
			}
			if url == "" {
				cancel()
				t.Fatalf("serve did not start: %s", errb.String())
			}
			if got := strings.Contains(errb.String(), "no authentication"); got != tt.warn {
				t.Errorf("warning %v, want %v: %s", got, tt.warn, errb.String())
			}
			if !tt.warn {
				req, _ := http.NewRequest("GET", "http://"+url+"/", nil)
				req.Host = "rebound.example"
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusMisdirectedRequest {
					t.Errorf("foreign Host: status %d", resp.StatusCode)
				}
			}
			cancel()
			if code := <-done; code != 0 {
				t.Errorf("serve exit %d: %s", code, errb.String())
			}
		})
	}
}
