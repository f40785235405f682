package extract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSeedGolden compares the seed's records with testdata/seed.golden.jsonl;
// go test ./extract -update rewrites it after a deliberate rule change.
func TestSeedGolden(t *testing.T) {
	x := extractor(t)
	res, err := x.File(context.Background(), seedPath, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, r := range res.Records {
		r.Source = filepath.Base(r.Source)
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	golden := filepath.Join("testdata", "seed.golden.jsonl")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./extract -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		got := strings.Split(buf.String(), "\n")
		exp := strings.Split(string(want), "\n")
		for i := 0; i < max(len(got), len(exp)); i++ {
			var g, w string
			if i < len(got) {
				g = got[i]
			}
			if i < len(exp) {
				w = exp[i]
			}
			if g != w {
				t.Fatalf("seed records differ from %s at line %d:\ngot  %s\nwant %s\n(go test ./extract -update rewrites it)", golden, i+1, g, w)
			}
		}
	}
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
