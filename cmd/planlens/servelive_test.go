package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/planlens/planlens/index"
)

// serve, two searches and stats read one index at once; an ingest while
// serve runs goes through (serve closes the index for it, answering 503
// meanwhile) and serve answers with the new document within seconds.
func TestServeReadersAndIngest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	docs := t.TempDir()
	if _, errs, code := pl(t, dir, "ingest", copySeed(t, docs, "seed.txt", nil)); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	var logs syncBuffer
	e := &env{stderr: &logs, getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	live, err := newLiveIndex(ctx, e, dir, func(ix *index.Index) (http.Handler, error) { return newServer(ix), nil })
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	live.poll = 50 * time.Millisecond
	go live.watch(ctx)
	srv := httptest.NewServer(live)
	defer srv.Close()
	get := func(q string) (int, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + "/api/search?kind=sentence&q=" + url.QueryEscape(q))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get(`"学校"`); code != 200 || !strings.Contains(body, `"total"`) {
		t.Fatalf("serve: %d %s", code, body)
	}

	// Two searches and stats beside serve, at the same time.
	var wg sync.WaitGroup
	for _, args := range [][]string{{"search", "--kind", "sentence", `"学校"`}, {"search", "学校 OR 开工"}, {"stats"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, errs, code := pl(t, dir, args...); code != 0 {
				t.Errorf("%v beside serve: exit %d: %s", args, code, errs)
			}
		}()
	}
	wg.Wait()

	// An ingest while serve runs: it waits for serve to close the index,
	// says so, and goes through.
	word := "樱桃谷示范园"
	p := filepath.Join(docs, "new.txt")
	if err := os.WriteFile(p, []byte("全面推进"+word+"建设，2026年建成开放。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, body := get(`"` + word + `"`); code != 200 || !strings.Contains(body, `"total": 0,`) {
		t.Fatalf("before ingest: %d %s", code, body)
	}
	_, errs, code := pl(t, dir, "ingest", p)
	if code != 0 {
		t.Fatalf("ingest beside serve: exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "waiting for it to be closed") {
		t.Errorf("ingest beside serve does not say what it waits for: %s", errs)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, body := get(`"` + word + `"`)
		if code == 200 && !strings.Contains(body, `"total": 0,`) {
			break
		}
		if code != 200 && code != http.StatusServiceUnavailable {
			t.Fatalf("serve after ingest: %d %s", code, body)
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve does not see the new document 10 s after the ingest: %d %s\nserve log: %s", code, body, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "reopened") {
		t.Errorf("serve log: %s", logs.String())
	}
}
