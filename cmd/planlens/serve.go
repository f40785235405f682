package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/web"
)

func serveCommand() command {
	return command{
		name:    "serve",
		summary: "serve search over HTTP (JSON API and a search page)",
		run:     runServe,
	}
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "serve [flags]\n\nGET / (the search page), /doc/ID (a document with its records), /export.csv (all hits of a search)\nGET /review (verdicts so far), /review/gold.jsonl (them as a gold file for eval --gold)\nPOST /review, /review/accept (verdicts, saved in DIR/review.jsonl beside the index)\nGET /api/search?q=QUERY&kind=&stage=&modality=&region=&level=&unit=&year=&min=&max=&min_confidence=&doc=&facets=1&limit=&offset=\nGET /api/stats\n\nBound to loopback (the default), it answers only requests for its own host name.\nIt has no authentication: --addr on another interface lets anyone who reaches it read the index.")
	dir := indexFlag(fs, e)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address` (loopback by default)")
	minConf := fs.Float64("min-confidence", 0, "serve only targets and projects with at least this `confidence` (0–1); a request's min_confidence may raise it")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	// Read-only: search, stats and other serves work beside it; an
	// ingest makes it close and reopen the index (servelive.go).
	h, err := newLiveIndex(ctx, e, *dir, func(ix *index.Index) (http.Handler, error) {
		return newWebServer(ix, *dir, ln.Addr(), *minConf)
	})
	if err != nil {
		ln.Close()
		return err
	}
	defer h.Close()
	go h.watch(ctx)
	if !web.IsLoopback(ln.Addr().String()) {
		fmt.Fprintf(e.stderr, "planlens serve: warning: listening on %s, not loopback: there is no authentication, anyone who reaches this address can read the index\n", ln.Addr())
	}
	srv := web.HTTPServer(h)
	fmt.Fprintf(e.stderr, "planlens serve: http://%s/ (index %s)\n", ln.Addr(), *dir)
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newWebServer serves ix on a listener at addr: on loopback it accepts
// only the Host names of loopback (no DNS rebinding).
func newWebServer(ix *index.Index, dir string, addr net.Addr, minConf float64) (http.Handler, error) {
	rv, err := web.OpenReviews(dir)
	if err != nil {
		return nil, err
	}
	opts := web.Options{Reviews: rv, MinConfidence: minConf}
	if web.IsLoopback(addr.String()) {
		opts.Hosts = web.LoopbackHosts(addr)
	}
	return web.New(ix, opts)
}

// newServer serves the index with no Host check and its review file
// (tests).
func newServer(ix *index.Index) http.Handler {
	rv, err := web.OpenReviews(ix.Dir())
	if err != nil {
		panic(err)
	}
	s, err := web.New(ix, web.Options{Reviews: rv})
	if err != nil {
		panic(err) // the embedded templates do not parse: a build defect
	}
	return s
}
