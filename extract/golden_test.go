package extract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenSets are the document sets frozen in ../testdata/golden: every
// corpus work report, the seed and the gold documents' texts. One JSONL
// file a document, one record a line, without the document's id and path
// (the file name says which document it is).
var goldenSets = []struct{ name, dir, glob string }{
	{"corpus", "../testdata/corpus", "*.txt"},
	{"seeds", "../seeds", "*.txt"},
	{"gold", "../testdata/gold", "*.txt"},
}

const goldenDir = "../testdata/golden"

type goldenDoc struct {
	set, path string
	res       *extract.Result
}

var (
	goldenOnce sync.Once
	goldenDocs []goldenDoc
	goldenErr  error
)

// frozenDocs extracts every document of goldenSets once per test binary.
func frozenDocs(t *testing.T) []goldenDoc {
	t.Helper()
	x := extractor(t)
	goldenOnce.Do(func() {
		for _, set := range goldenSets {
			files, err := filepath.Glob(filepath.Join(set.dir, set.glob))
			if err != nil {
				goldenErr = err
				return
			}
			if len(files) == 0 {
				goldenErr = fmt.Errorf("no %s files in %s", set.glob, set.dir)
				return
			}
			sort.Strings(files)
			for _, f := range files {
				res, err := x.File(context.Background(), f, source.Options{})
				if err != nil {
					goldenErr = fmt.Errorf("%s: %w", f, err)
					return
				}
				goldenDocs = append(goldenDocs, goldenDoc{set.name, f, res})
			}
		}
	})
	if goldenErr != nil {
		t.Fatal(goldenErr)
	}
	return goldenDocs
}

// frozen is a record without the fields every record of a document shares
// (doc, source) or that are a sentence's (heading); origin is left out when
// it is "rules".
type frozen struct {
	schema.Record
	Doc     *struct{} `json:"doc,omitempty"`
	Source  *struct{} `json:"source,omitempty"`
	Heading *struct{} `json:"heading,omitempty"`
	Origin  string    `json:"origin,omitempty"`
}

// goldenJSONL is the frozen form of one document's records.
func goldenJSONL(t *testing.T, res *extract.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, r := range res.Records {
		f := frozen{Record: r}
		if r.Origin != schema.OriginRules {
			f.Origin = r.Origin
		}
		if err := enc.Encode(f); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// TestCorpusGolden compares today's records of every corpus, seed and gold
// document with ../testdata/golden/<set>/<name>.jsonl. After a deliberate
// rule change, go test ./extract -run TestCorpusGolden -update rewrites them;
// list the differences (git diff --stat testdata/golden) and their reasons
// in the commit message.
func TestCorpusGolden(t *testing.T) {
	docs := frozenDocs(t)
	var changed []string
	for _, d := range docs {
		got := goldenJSONL(t, d.res)
		name := strings.TrimSuffix(filepath.Base(d.path), filepath.Ext(d.path)) + ".jsonl"
		golden := filepath.Join(goldenDir, d.set, name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%v (go test ./extract -run TestCorpusGolden -update creates it)", err)
			continue
		}
		if !bytes.Equal(got, want) {
			added, removed := lineDiff(string(want), string(got))
			changed = append(changed, fmt.Sprintf("%s/%s: +%d -%d records", d.set, name, len(added), len(removed)))
			for i, l := range added {
				if i == 3 {
					break
				}
				t.Logf("%s/%s + %s", d.set, name, l)
			}
			for i, l := range removed {
				if i == 3 {
					break
				}
				t.Logf("%s/%s - %s", d.set, name, l)
			}
		}
	}
	if len(changed) > 0 {
		t.Errorf("records differ from %s in %d documents:\n%s\n(go test ./extract -run TestCorpusGolden -update rewrites them; list the differences and their reasons in the commit)",
			goldenDir, len(changed), strings.Join(changed, "\n"))
	}
}

// lineDiff returns the lines only in b (added) and only in a (removed),
// as multisets.
func lineDiff(a, b string) (added, removed []string) {
	count := map[string]int{}
	for _, l := range strings.Split(a, "\n") {
		count[l]++
	}
	for _, l := range strings.Split(b, "\n") {
		if count[l] > 0 {
			count[l]--
			continue
		}
		added = append(added, l)
	}
	left := map[string]int{}
	for _, l := range strings.Split(b, "\n") {
		left[l]++
	}
	for _, l := range strings.Split(a, "\n") {
		if left[l] > 0 {
			left[l]--
			continue
		}
		removed = append(removed, l)
	}
	return added, removed
}

// BenchmarkLoad measures start-up: loading gse's embedded dictionary with
// the policy lexicon.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := segment.Load(segment.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtractCorpus measures extraction throughput (MB/s of document
// text) over the 80 corpus documents on one goroutine.
func BenchmarkExtractCorpus(b *testing.B) {
	x := extractor(b)
	files, errs := source.Files([]string{"../testdata/corpus"})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	var docs []schema.Document
	var total int64
	for _, f := range files {
		if !strings.HasSuffix(f, ".txt") {
			continue
		}
		d, err := source.Read(context.Background(), f, source.Options{})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
		total += int64(len(d.Text))
	}
	b.SetBytes(total)
	b.ResetTimer()
	start := time.Now()
	recs := 0
	for b.Loop() {
		for _, d := range docs {
			res, err := x.Document(context.Background(), d)
			if err != nil {
				b.Fatal(err)
			}
			recs += len(res.Records)
		}
	}
	b.ReportMetric(float64(recs)/time.Since(start).Seconds(), "records/s")
}
