// Package web is planlens's review site: a search page with filters,
// facets, paging and CSV export, a document view with every record
// highlighted in its text, review verdicts saved beside the index and
// exported as gold, and the JSON API. Pages are rendered on the server
// with html/template (document text is always escaped); a little
// JavaScript and CSS are embedded, so the site works offline with no
// build step.
package web

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/planlens/planlens/extract/indicator"
	"github.com/planlens/planlens/index"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configure a Server.
type Options struct {
	// Hosts are the Host header values the server answers (host or
	// host:port, compared case-insensitively); empty accepts any. A server
	// bound to loopback gets LoopbackHosts, so that a web page of another
	// site cannot reach it through a rebound DNS name.
	Hosts []string
	// Reviews stores review verdicts; nil turns review off.
	Reviews *Reviews
	// MinConfidence is the least confidence of the targets and projects
	// every search returns (planlens serve --min-confidence); a request's
	// min_confidence may raise it, never lower it.
	MinConfidence float64
}

// search runs a search with the server's confidence floor.
func (s *Server) search(ctx context.Context, req index.Request) (*index.Response, error) {
	req.MinConfidence = max(req.MinConfidence, s.opts.MinConfidence)
	return s.ix.Search(ctx, req)
}

// Server serves an index.
type Server struct {
	ix      *index.Index
	opts    Options
	hosts   map[string]bool
	tmpl    *template.Template
	handler http.Handler
	cache   docCache
	// indicators are the indicator lexicon's keys (the indicator filter's
	// choices and the chart's).
	indicators []string
}

// New returns a server of ix.
func New(ix *index.Index, opts Options) (*Server, error) {
	tmpl, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	lex, err := indicator.New()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	s := &Server{ix: ix, opts: opts, tmpl: tmpl, indicators: lex.Keys()}
	if len(opts.Hosts) > 0 {
		s.hosts = map[string]bool{}
		for _, h := range opts.Hosts {
			s.hosts[strings.ToLower(h)] = true
		}
	}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/search", s.apiSearch)
	mux.HandleFunc("GET /api/stats", s.apiStats)
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.routes(mux)
	s.handler = mux
	return s, nil
}

// contentSecurityPolicy allows only the site's own scripts, styles and
// requests: no inline script, no other origin, no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// ServeHTTP checks the Host, sets the security headers and serves.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.hosts != nil && !s.hosts[strings.ToLower(r.Host)] {
		http.Error(w, fmt.Sprintf("planlens: host %q is not served here (DNS rebinding?)", r.Host), http.StatusMisdirectedRequest)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	s.handler.ServeHTTP(w, r)
}

// IsLoopback reports whether a listen address (host:port) is on the
// loopback interface only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// LoopbackHosts are the Host values a browser sends to a server listening
// on a loopback address: the address itself, localhost, 127.0.0.1 and
// [::1], with the port (and without it on port 80).
func LoopbackHosts(addr net.Addr) []string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return []string{addr.String()}
	}
	names := []string{"localhost", "127.0.0.1", "[::1]"}
	if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
		names = append(names, "["+host+"]")
	} else {
		names = append(names, host)
	}
	var out []string
	for _, n := range names {
		out = append(out, n+":"+port)
		if port == "80" {
			out = append(out, n)
		}
	}
	return out
}

// Timeouts of HTTPServer. Writes of large exports extend their own
// deadline as they go (see csvExport).
const (
	ReadHeaderTimeout = 10 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 2 * time.Minute
	IdleTimeout       = 60 * time.Second
)

// HTTPServer returns an http.Server for h with bounded header reading,
// request reading, response writing and idle keep-alive times.
func HTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
}

var funcs = template.FuncMap{
	"itoa": strconv.Itoa,
	"add":  func(a, b int) int { return a + b },
}
