package extract_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/schema"
)

var (
	xOnce sync.Once
	xVal  *extract.Extractor
	xErr  error
)

// extractor loads the segmenter once per test binary.
func extractor(t testing.TB) *extract.Extractor {
	t.Helper()
	xOnce.Do(func() { xVal, xErr = extract.New(extract.Options{}) })
	if xErr != nil {
		t.Fatal(xErr)
	}
	return xVal
}

const seedPath = "../seeds/000_7c59a961256cf9e3.txt"

func checkGrounded(t *testing.T, res *extract.Result) {
	t.Helper()
	for _, r := range res.Records {
		if r.Start < 0 || r.End > len(res.Doc.Text) || r.Start > r.End {
			t.Fatalf("%s: record %+v out of range", res.Doc.Source, r)
		}
		if got := res.Doc.Text[r.Start:r.End]; got != r.Text {
			t.Fatalf("%s: doctext[%d:%d] = %q, record text %q", res.Doc.Source, r.Start, r.End, got, r.Text)
		}
		if r.Doc != res.Doc.ID || r.Source != res.Doc.Source || r.Origin == "" {
			t.Fatalf("%s: record provenance not filled: %+v", res.Doc.Source, r)
		}
		if r.Sentence < 0 || r.Sentence >= len(res.Sentences) {
			t.Fatalf("%s: record sentence %d of %d", res.Doc.Source, r.Sentence, len(res.Sentences))
		}
		s := res.Sentences[r.Sentence]
		if r.Start < s.Start || r.End > s.End {
			t.Fatalf("%s: record %d:%d outside its sentence %d:%d", res.Doc.Source, r.Start, r.End, s.Start, s.End)
		}
	}
}

// TestGroundedOnCorpus walks every corpus, seed and gold document: every
// record satisfies doctext[start:end] == text.
func TestGroundedOnCorpus(t *testing.T) {
	docs := frozenDocs(t)
	if len(docs) < 80 {
		t.Fatalf("only %d documents found", len(docs))
	}
	kinds := map[string]int{}
	for _, d := range docs {
		checkGrounded(t, d.res)
		for _, r := range d.res.Records {
			kinds[r.Kind]++
		}
	}
	for _, k := range []string{schema.KindTarget, schema.KindProject, schema.KindAction} {
		if kinds[k] == 0 {
			t.Errorf("no %s records in the corpus", k)
		}
	}
	t.Logf("records by kind: %v", kinds)
}

func recordTexts(res *extract.Result) []string {
	var out []string
	for _, r := range res.Records {
		out = append(out, r.Kind+"|"+r.Text)
	}
	return out
}

// TestEncodingVariantsGiveSameRecords saves the seed as GBK, as UTF-16 with
// BOM, as HTML and as DOCX and checks each gives the record texts of the
// UTF-8 original.
func TestEncodingVariantsGiveSameRecords(t *testing.T) {
	x := extractor(t)
	orig, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	want, err := x.File(context.Background(), seedPath, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Records) < 50 {
		t.Fatalf("only %d records from the seed", len(want.Records))
	}
	dir := t.TempDir()
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(orig)
	if err != nil {
		t.Fatal(err)
	}
	u16 := []byte{0xFF, 0xFE}
	for _, c := range utf16.Encode([]rune(string(orig))) {
		u16 = append(u16, byte(c), byte(c>>8))
	}
	lines := strings.Split(strings.TrimRight(string(orig), "\n"), "\n")
	var html strings.Builder
	html.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>朝阳区2026年计划</title><style>p{color:red}</style><script>var x = '开工9所学校';</script></head><body>")
	for _, l := range lines {
		html.WriteString("<p>" + strings.NewReplacer("&", "&amp;", "<", "&lt;").Replace(l) + "</p>\n")
	}
	html.WriteString("</body></html>")
	var docx bytes.Buffer
	if err := source.WriteDOCX(&docx, lines); err != nil {
		t.Fatal(err)
	}
	variants := map[string][]byte{
		"seed-gbk.txt":   gbk,
		"seed-utf16.txt": u16,
		"seed.html":      []byte(html.String()),
		"seed.docx":      docx.Bytes(),
	}
	wantTexts := strings.Join(recordTexts(want), "\n")
	for name, data := range variants {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := x.File(context.Background(), p, source.Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkGrounded(t, got)
			if g := strings.Join(recordTexts(got), "\n"); g != wantTexts {
				t.Errorf("record texts differ from the UTF-8 original (%d vs %d records)", len(got.Records), len(want.Records))
			}
		})
	}
}

func extractorForExample() (*extract.Extractor, error) {
	xOnce.Do(func() { xVal, xErr = extract.New(extract.Options{}) })
	return xVal, xErr
}
