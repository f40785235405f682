package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/index"
)

const seedFile = "../../seeds/000_7c59a961256cf9e3.txt"

// pl runs planlens with args and $PLANLENS_INDEX set to dir.
func pl(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{extractors: testExtractors, stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string {
		if k == "PLANLENS_INDEX" {
			return dir
		}
		return ""
	}}
	code = run(context.Background(), e, args)
	return out.String(), errb.String(), code
}

func statsJSON(t *testing.T, dir string) index.Stats {
	t.Helper()
	out, errs, code := pl(t, dir, "stats", "--format", "json")
	if code != 0 {
		t.Fatalf("stats: exit %d: %s", code, errs)
	}
	var st index.Stats
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("stats JSON: %v\n%s", err, out)
	}
	return st
}

type searchJSON struct {
	Total  int                         `json:"total"`
	Hits   []map[string]any            `json:"hits"`
	Facets map[string][]map[string]any `json:"facets"`
}

func searchHits(t *testing.T, dir string, args ...string) searchJSON {
	t.Helper()
	out, errs, code := pl(t, dir, append([]string{"search", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("search %v: exit %d: %s", args, code, errs)
	}
	var res searchJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search JSON: %v\n%s", err, out)
	}
	return res
}

// copySeed writes the seed into dir/name, optionally cut to its first n bytes
// of whole lines.
func copySeed(t *testing.T, dir, name string, edit func(string) string) string {
	t.Helper()
	b, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if edit != nil {
		text = edit(text)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestIngestSearchStats(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "ix")
	docs := t.TempDir()
	p := copySeed(t, docs, "seed.txt", nil)

	_, errs, code := pl(t, ix, "ingest", p)
	if code != 0 || !strings.Contains(errs, "1 documents") {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	st := statsJSON(t, ix)
	if st.Documents != 1 || st.Records == 0 || st.ByRegion["北京市朝阳区"] != 1 || st.ByYear["2026"] != 1 {
		t.Fatalf("stats = %+v", st)
	}

	// Re-ingest: skipped, stats identical.
	_, errs, code = pl(t, ix, "ingest", p)
	if code != 0 || !strings.Contains(errs, "0 documents") || !strings.Contains(errs, "1 unchanged skipped") {
		t.Fatalf("re-ingest: exit %d: %s", code, errs)
	}
	if again := statsJSON(t, ix); fmt.Sprint(again) != fmt.Sprint(st) {
		t.Errorf("re-ingest changed stats:\n got %+v\nwant %+v", again, st)
	}
	// --force re-extracts, to the same result.
	_, errs, code = pl(t, ix, "ingest", "--force", p)
	if code != 0 || !strings.Contains(errs, "1 documents") {
		t.Fatalf("forced ingest: exit %d: %s", code, errs)
	}
	if again := statsJSON(t, ix); fmt.Sprint(again) != fmt.Sprint(st) {
		t.Errorf("forced re-ingest changed stats:\n got %+v\nwant %+v", again, st)
	}

	// 学校开工: the seed's target 9所学校 (verb 开工) comes first.
	res := searchHits(t, ix, "学校开工")
	if res.Total == 0 {
		t.Fatal("学校开工: no hits")
	}
	top := res.Hits[0]
	if top["kind"] != "target" || !strings.Contains(top["text"].(string), "9所学校") || top["verb"] != "开工" || top["source"] != p {
		for _, h := range res.Hits {
			t.Logf("%.3f %s %s", h["score"], h["kind"], h["text"])
		}
		t.Errorf("top hit = %v", top)
	}
	for _, key := range []string{"kind", "text", "doc", "source", "start", "end", "score", "fragments"} {
		if _, ok := top[key]; !ok {
			t.Errorf("hit has no %q: %v", key, top)
		}
	}
	// Offsets are grounded in the file.
	b, _ := os.ReadFile(p)
	if s, e := int(top["start"].(float64)), int(top["end"].(float64)); string(b[s:e]) != top["text"] {
		t.Errorf("text[%d:%d] = %q, hit text %q", s, e, b[s:e], top["text"])
	}

	// Filters and facets through the command line.
	res = searchHits(t, ix, "--facets", "--stage", "start", "--region", "北京市朝阳区", "--year", "2026", "--limit", "100", "开工")
	if res.Total == 0 {
		t.Fatal("filtered search: no hits")
	}
	for _, h := range res.Hits {
		if h["stage"] != "start" || h["region"] != "北京市朝阳区" {
			t.Errorf("hit breaks filters: %v", h)
		}
	}
	for _, f := range index.FacetFields {
		if f != "unit" && f != "genre" && f != "issuer" && f != "indicator" && len(res.Facets[f]) == 0 { // 开工 hits state no indicator
			t.Errorf("facet %s missing: %v", f, res.Facets)
		}
	}
	if n := res.Facets["stage"][0]["count"].(float64); int(n) != res.Total {
		t.Errorf("stage facet %v, total %d", res.Facets["stage"], res.Total)
	}

	// Table output has the highlighted sentence, title and region.
	out, _, code := pl(t, ix, "search", "学校开工")
	if code != 0 || !strings.Contains(out, "【开工】") || !strings.Contains(out, "北京市朝阳区") || !strings.Contains(out, "hits") {
		t.Errorf("table output (exit %d):\n%s", code, out)
	}
}

func TestSearchErrors(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "ix")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no index", []string{"search", "学校"}, 1, "no index at"},
		{"stats without index", []string{"stats"}, 1, "no index at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := pl(t, ix, tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tt.code, tt.stderr)
			}
		})
	}
	p := copySeed(t, t.TempDir(), "seed.txt", nil)
	if _, errs, code := pl(t, ix, "ingest", p); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	tests = []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"unterminated quote", []string{"search", `"学校`}, 2, "unterminated quote"},
		{"punctuation only", []string{"search", "，。"}, 0, "no hits"}, // matched as written
		{"bad field", []string{"search", "colour:学校"}, 2, `unknown field "colour"`},
		{"bad stage", []string{"search", "--stage", "done", "学校"}, 2, `unknown stage "done" (allowed: plan, start, advance, complete, improve)`},
		{"bad level", []string{"search", "--level", "province", "学校"}, 2, `unknown level "province" (allowed: national, provincial`},
		{"bad genre", []string{"search", "--genre", "novel", "学校"}, 2, `unknown genre "novel"`},
		{"bad year", []string{"search", "--year", "2026..2021", "学校"}, 2, "year range 2026..2021 is empty"},
		{"huge offset", []string{"search", "--offset", "9223372036854775807", "学校"}, 2, "--offset in 0..100000"},
		{"huge query", []string{"search", strings.Repeat("学校", 400)}, 2, "at most 1024 are allowed"},
		{"bad sort", []string{"search", "--sort", "colour", "学校"}, 2, "unknown --sort"},
		{"no query", []string{"search"}, 2, "no QUERY"},
		{"bad min", []string{"search", "--min", "x", "学校"}, 2, "not a number"},
		{"bad kind", []string{"search", "--kind", "memo", "学校"}, 2, "unknown kind"},
		{"no hits", []string{"search", "火星基地"}, 0, "no hits for 火星基地"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := pl(t, ix, tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tt.code, tt.stderr)
			}
		})
	}
}

func TestIngestChangedAndFailures(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "ix")
	docs := t.TempDir()
	p := copySeed(t, docs, "seed.txt", nil)
	bad := filepath.Join(docs, "broken.txt")
	if err := os.WriteFile(bad, []byte("\x00\x01\x02binary\x00\xff\xfe\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(docs, "missing.txt")
	_, errs, code := pl(t, ix, "ingest", p, bad, missing)
	if code != 1 || !strings.Contains(errs, "broken.txt") || !strings.Contains(errs, "missing.txt") || !strings.Contains(errs, "2 of 3 inputs failed") {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	before := statsJSON(t, ix)
	if before.Documents != 1 {
		t.Fatalf("stats after partial failure: %+v", before)
	}

	// Keep only the first half of the seed: its records shrink to what
	// extraction gives for the new text.
	copySeed(t, docs, "seed.txt", func(s string) string {
		lines := strings.SplitAfter(s, "\n")
		return strings.Join(lines[:len(lines)/2], "")
	})
	if _, errs, code := pl(t, ix, "ingest", p); code != 0 || !strings.Contains(errs, "1 documents") {
		t.Fatalf("changed ingest: exit %d: %s", code, errs)
	}
	after := statsJSON(t, ix)
	want := extractCount(t, p)
	if after.Documents != 1 || int(after.Records) != want || after.Records >= before.Records {
		t.Errorf("after change: %d documents, %d records; want 1 and %d (< %d)", after.Documents, after.Records, want, before.Records)
	}
	if res := searchHits(t, ix, "--kind", "sentence,target,project,action", "学校开工"); res.Total != 0 {
		t.Errorf("text of the removed half still found: %v", res.Hits[0])
	}
}

// extractCount is how many records extraction gives for path.
func extractCount(t *testing.T, path string) int {
	t.Helper()
	res, err := testExtractor(t).File(context.Background(), path, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return len(res.Records)
}

func TestIngestSecondWriter(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := index.Open(context.Background(), dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	release, err := index.AnnounceWriter(dir) // as ingest does
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	p := copySeed(t, t.TempDir(), "seed.txt", nil)
	start := time.Now()
	_, errs, code := pl(t, dir, "ingest", p)
	if code != 1 || !strings.Contains(errs, "index "+dir+" is in use by another planlens process") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("second writer took %v", d)
	}
}

// TestHelperProcess is not a test: it is planlens's main when the kill
// test re-executes this binary.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("PLANLENS_HELPER") != "1" {
		t.Skip("helper process")
	}
	args := strings.Split(os.Getenv("PLANLENS_ARGS"), "\x1f")
	os.Exit(run(context.Background(), newEnv(), args))
}

func TestIngestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess")
	}
	dir := filepath.Join(t.TempDir(), "ix")
	docs := t.TempDir()
	const n = 24
	var files []string
	for i := range n {
		files = append(files, copySeed(t, docs, fmt.Sprintf("doc%02d.txt", i), func(s string) string {
			return fmt.Sprintf("第%d号文件\n", i) + s
		}))
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "PLANLENS_HELPER=1",
		"PLANLENS_ARGS="+strings.Join([]string{"ingest", "-v", "--batch", "1", "--workers", "2", "--index", dir, docs}, "\x1f"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it after a few documents are committed.
	sc := bufio.NewScanner(stderr)
	seen := 0
	for sc.Scan() {
		if strings.Contains(sc.Text(), "indexed ") {
			seen++
			if seen == 3 {
				break
			}
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	go func() { // drain
		for sc.Scan() {
		}
	}()
	werr := cmd.Wait()
	if seen < 3 {
		t.Fatalf("ingest ended before the kill (%d committed): %v", seen, werr)
	}

	// The index opens and holds only whole documents.
	want := extractCount(t, files[0])
	ctx := context.Background()
	ix, err := index.Open(ctx, dir, index.Options{})
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	st, err := ix.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents < 3 || st.Documents >= n {
		t.Errorf("after kill: %d documents, want between 3 and %d", st.Documents, n-1)
	}
	for _, f := range files {
		info, found, err := ix.Lookup(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.Search(ctx, index.Request{Doc: f, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case !found && res.Total != 0:
			t.Errorf("%s: %d records without a document row", f, res.Total)
		case found && (info.Records != want || int(res.Total) != want):
			t.Errorf("%s: document says %d records, index has %d, extraction gives %d", f, info.Records, res.Total, want)
		}
	}
	if st.Records != st.Documents*uint64(want) {
		t.Errorf("records %d != %d documents × %d", st.Records, st.Documents, want)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// A re-run completes it.
	_, errs, code := pl(t, dir, "ingest", docs)
	if code != 0 || !strings.Contains(errs, fmt.Sprintf("%d unchanged skipped", st.Documents)) {
		t.Fatalf("re-run: exit %d: %s", code, errs)
	}
	final := statsJSON(t, dir)
	if final.Documents != n || final.Records != uint64(n*want) {
		t.Errorf("after re-run: %d documents %d records, want %d and %d", final.Documents, final.Records, n, n*want)
	}
}

func TestTuneGC(t *testing.T) {
	gcPercent := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	before, limit := gcPercent(), debug.SetMemoryLimit(-1)
	restore := tuneGC(func(string) string { return "" }, 4000)
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != 200 || l != 320<<20+4000*16<<10 {
		t.Errorf("tuned: GOGC %d, limit %d", p, l)
	}
	restore()
	if p, l := gcPercent(), debug.SetMemoryLimit(-1); p != before || l != limit {
		t.Errorf("restored: GOGC %d limit %d, want %d %d", p, l, before, limit)
	}
	// $GOGC or $GOMEMLIMIT: the user's settings stand.
	tuneGC(func(k string) string {
		if k == "GOGC" {
			return "50"
		}
		return ""
	}, 4000)()
	if p := gcPercent(); p != before {
		t.Errorf("with $GOGC: GOGC %d, want %d", p, before)
	}
}
