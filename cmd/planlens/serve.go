package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/planlens/planlens/index"
)

func serveCommand() command {
	return command{
		name:    "serve",
		summary: "serve search over HTTP (JSON API and a search page)",
		run:     runServe,
	}
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "serve [flags]\n\nGET /api/search?q=QUERY&kind=&stage=&modality=&region=&level=&unit=&year=&min=&max=&doc=&facets=1&limit=&offset=\nGET /api/stats\nGET / (a search page)")
	dir := indexFlag(fs, e)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address` (loopback by default)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	ix, err := openIndex(ctx, *dir, true)
	if err != nil {
		return err
	}
	defer ix.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: newServer(ix), ReadHeaderTimeout: 10 * time.Second}
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

// newServer serves the index: the JSON API and the search page.
func newServer(ix *index.Index) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/search", func(w http.ResponseWriter, r *http.Request) {
		req, err := requestFromQuery(r.URL.Query())
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		res, err := ix.Search(r.Context(), req)
		switch {
		case errors.Is(err, index.ErrQuery):
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		case err != nil:
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
		default:
			writeJSON(w, http.StatusOK, res)
		}
	})
	mux.HandleFunc("GET /api/stats", func(w http.ResponseWriter, r *http.Request) {
		st, err := ix.Stats(r.Context())
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, st)
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(searchPage))
	})
	return mux
}

// requestFromQuery reads a search request from URL parameters named like
// the search command's flags (q is the query).
func requestFromQuery(v url.Values) (index.Request, error) {
	req := index.Request{
		Query: v.Get("q"), Stage: v.Get("stage"), Modality: v.Get("modality"), Region: v.Get("region"),
		Level: v.Get("level"), Unit: v.Get("unit"), Doc: v.Get("doc"), Limit: 10,
	}
	if strings.TrimSpace(req.Query) == "" {
		return req, errors.New("missing q")
	}
	var err error
	if req.Kinds, err = parseKinds(v.Get("kind")); err != nil {
		return req, err
	}
	ints := []struct {
		name string
		dst  *int
	}{{"year", &req.Year}, {"limit", &req.Limit}, {"offset", &req.Offset}}
	for _, p := range ints {
		if s := v.Get(p.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return req, fmt.Errorf("%s: not a number: %q", p.name, s)
			}
			*p.dst = n
		}
	}
	req.Limit = min(max(req.Limit, 1), 1000)
	for _, p := range []struct {
		name string
		dst  **float64
	}{{"min", &req.Min}, {"max", &req.Max}} {
		if s := v.Get(p.name); s != "" {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return req, fmt.Errorf("%s: not a number: %q", p.name, s)
			}
			*p.dst = &f
		}
	}
	if b, _ := strconv.ParseBool(v.Get("facets")); b {
		req.Facets = index.FacetFields
	}
	return req, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// searchPage is the search box. Fragments come from Bleve's HTML
// highlighter, which escapes the text and adds only <mark>; everything
// else is inserted as text.
const searchPage = `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>planlens search</title>
<style>
body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}
input[type=search]{width:70%;font-size:1.1em}
.hit{margin:1em 0;border-bottom:1px solid #ddd;padding-bottom:.5em}
.meta{color:#666;font-size:.9em} mark{background:#ffe066}
</style></head>
<body>
<h1>planlens</h1>
<form id="f"><input type="search" name="q" placeholder="学校开工" autofocus>
<select name="kind"><option value="">records</option><option>target</option><option>project</option><option>action</option><option>sentence</option></select>
<button>search</button></form>
<p id="total" class="meta"></p><div id="hits"></div>
<script>
const f = document.getElementById('f');
function details(h) {
  const parts = [];
  if (h.kind === 'target') {
    let v = (h.value ?? '') + (h.value_max != null ? '–' + h.value_max : '') + (h.unit || '');
    if (h.approx && h.approx !== 'exact') v += ' (' + h.approx + ')';
    parts.push(v);
    if (h.object) parts.push(h.object);
    if (h.year) parts.push('by ' + h.year);
  }
  if (h.kind === 'project' && h.category) parts.push(h.category + (h.phase ? ' phase ' + h.phase : ''));
  if (h.verb) parts.push(h.verb + (h.stage ? '/' + h.stage : ''));
  if (h.modality) parts.push(h.modality);
  return parts.join(' · ');
}
async function search() {
  const params = new URLSearchParams(new FormData(f));
  history.replaceState(null, '', '?' + params);
  const r = await fetch('/api/search?' + params);
  const data = await r.json();
  const hits = document.getElementById('hits');
  hits.replaceChildren();
  if (!r.ok) { document.getElementById('total').textContent = data.error; return; }
  document.getElementById('total').textContent = data.total + ' hits';
  for (const h of data.hits) {
    const div = document.createElement('div'); div.className = 'hit';
    const head = document.createElement('div');
    const b = document.createElement('b'); b.textContent = h.kind + ' ';
    const d = document.createElement('span'); d.className = 'meta'; d.textContent = '  ' + details(h);
    head.append(b, h.text, d);
    const frag = document.createElement('div'); frag.innerHTML = (h.fragments || []).join(' … ');
    const meta = document.createElement('div'); meta.className = 'meta';
    meta.textContent = [h.title || h.source, h.region, h.doc_year].filter(Boolean).join(' · ') + '  [' + h.source + ':' + h.start + ']';
    div.append(head, frag, meta); hits.append(div);
  }
}
f.addEventListener('submit', ev => { ev.preventDefault(); search(); });
// a shared link (/?q=学校开工&kind=target) runs its search on load
const initial = new URLSearchParams(location.search);
for (const [k, v] of initial) { if (f.elements[k]) f.elements[k].value = v; }
if (initial.get('q')) search();
</script></body></html>
`
