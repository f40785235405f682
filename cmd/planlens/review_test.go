package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/planlens/planlens/eval"
	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/schema"
	"github.com/planlens/planlens/web"
)

// TestReviewGoldRoundTrip: verdicts given through the site are saved
// beside the index, outlive ingesting the document again (also after an
// edit of its text), and export as a gold file that planlens eval reads and
// scores as the verdicts say.
func TestReviewGoldRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	docs := t.TempDir()
	p := copySeed(t, docs, "seed.txt", nil)
	if _, errs, code := pl(t, dir, "ingest", p); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	ctx := context.Background()
	var doc schema.Document
	var recs []schema.Record
	withServer := func(f func(srv *httptest.Server)) {
		t.Helper()
		ix, err := index.Open(ctx, dir, index.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		di, found, err := ix.Lookup(p)
		if err != nil || !found {
			t.Fatalf("lookup %s: %v %v", p, found, err)
		}
		dv, _, err := ix.Document(ctx, di.Doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		doc, recs = dv.Doc, dv.Records
		srv := httptest.NewServer(newServer(ix))
		defer srv.Close()
		f(srv)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(srv *httptest.Server, path string, form url.Values) {
		t.Helper()
		resp, err := noRedirect.PostForm(srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST %s %v: %d %s", path, form, resp.StatusCode, b)
		}
	}
	export := func(srv *httptest.Server) string {
		t.Helper()
		resp, err := http.Get(srv.URL + "/review/gold.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		g := filepath.Join(t.TempDir(), "review.gold.jsonl")
		if err := os.WriteFile(g, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return g
	}
	score := func(gold string) eval.Report {
		t.Helper()
		out, errs, code := pl(t, dir, "eval", "--gold", gold, "--format", "json", p)
		if code != 0 {
			t.Fatalf("eval: %d %s", code, errs)
		}
		var r struct {
			Total eval.Report `json:"total"`
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("eval JSON: %v\n%s", err, out)
		}
		return r.Total
	}
	var targets []schema.Record
	var project schema.Record
	withServer(func(srv *httptest.Server) {
		for _, r := range recs {
			if r.Kind == schema.KindTarget && r.Value != nil {
				targets = append(targets, r)
			}
		}
		if len(targets) < 3 {
			t.Fatalf("%d targets in the seed", len(targets))
		}
		// Everything right: eval scores the extractor perfect.
		post(srv, "/review/accept", url.Values{"doc": {doc.ID}})
		r := score(export(srv))
		if r.Target.FP != 0 || r.Target.FN != 0 || r.Target.TP != len(targets) || r.Project.FP != 0 || r.Project.FN != 0 || r.Project.TP == 0 {
			t.Fatalf("all right: target %+v project %+v", r.Target, r.Project)
		}
		// One target wrong, one fixed (its value), one added where the
		// extractor found none.
		form := func(r schema.Record, verdict string) url.Values {
			return url.Values{"doc": {doc.ID}, "kind": {r.Kind}, "start": {strconv.Itoa(r.Start)}, "end": {strconv.Itoa(r.End)}, "verdict": {verdict}}
		}
		post(srv, "/review", form(targets[0], "wrong"))
		fix := form(targets[1], "right")
		fix.Set("value", strconv.FormatFloat(*targets[1].Value+1, 'f', -1, 64))
		post(srv, "/review", fix)
		for _, r := range recs {
			free := r.Kind == schema.KindProject
			for _, tg := range recs {
				if tg.Kind == schema.KindTarget && tg.Start < r.End && r.Start < tg.End {
					free = false
				}
			}
			if free {
				project = r
				break
			}
		}
		add := url.Values{"doc": {doc.ID}, "kind": {"target"}, "start": {strconv.Itoa(project.Start)}, "end": {strconv.Itoa(project.End)},
			"verdict": {"added"}, "text": {project.Text}, "value": {"12345"}, "unit": {"个"}}
		post(srv, "/review", add)
		// A text that is not the document's at the span is refused.
		bad := url.Values{"doc": {doc.ID}, "kind": {"target"}, "start": {"0"}, "end": {"3"}, "verdict": {"added"}, "text": {"假"}}
		resp, err := noRedirect.PostForm(srv.URL+"/review", bad)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("ungrounded addition: %d", resp.StatusCode)
		}
	})
	want := func(r eval.Report) {
		t.Helper()
		if r.Target.TP != len(targets)-2 || r.Target.FP != 2 || r.Target.FN != 2 || len(r.NotTargetHits) != 1 {
			t.Errorf("after review: target %+v, %d not_target hits; want TP %d FP 2 FN 2, 1", r.Target, len(r.NotTargetHits), len(targets)-2)
		}
	}
	var gold string
	withServer(func(srv *httptest.Server) { gold = export(srv) })
	want(score(gold))
	b, err := os.ReadFile(gold)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"doc": "seed.txt", "kind": "not_target"`) || !strings.Contains(string(b), `"value": 12345`) {
		t.Errorf("gold file:\n%s", b)
	}
	if _, err := os.Stat(filepath.Join(dir, web.ReviewFile)); err != nil {
		t.Fatalf("no review file beside the index: %v", err)
	}

	// Ingest again, forced, then after an edit that shifts every offset:
	// the verdicts still hold and export the same scores.
	if _, errs, code := pl(t, dir, "ingest", "--force", p); code != 0 {
		t.Fatalf("ingest --force: %s", errs)
	}
	withServer(func(srv *httptest.Server) { gold = export(srv) })
	want(score(gold))
	copySeed(t, docs, "seed.txt", func(s string) string { return "（修订稿）\n" + s })
	if _, errs, code := pl(t, dir, "ingest", p); code != 0 {
		t.Fatalf("ingest edited: %s", errs)
	}
	withServer(func(srv *httptest.Server) {
		gold = export(srv)
		resp, err := http.Get(srv.URL + "/doc/" + doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if n := strings.Count(string(b), "verdict-right"); n < len(recs)-2 {
			t.Errorf("edited document shows %d records judged right, want at least %d", n, len(recs)-2)
		}
		if !strings.Contains(string(b), "verdict-added") || !strings.Contains(string(b), "verdict-wrong") {
			t.Errorf("edited document lost its wrong or added verdict")
		}
	})
	want(score(gold))
}
