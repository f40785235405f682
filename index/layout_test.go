package index

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/planlens/planlens/index/analyzer"
)

// Rows are built field by field from the mapping (Batch.Add does not go
// through Bleve's mapping walk): each property must become exactly the
// fields Bleve's mapping would make of it.
func TestRowsMatchMapping(t *testing.T) {
	for _, an := range []string{"", "cjk"} {
		t.Run("analyzer="+an, func(t *testing.T) {
			ix, err := Open(context.Background(), t.TempDir(), Options{Analyzer: an})
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			im := ix.bi.Mapping().(*mapping.IndexMappingImpl)
			for prop, specs := range ix.fields {
				t.Run(prop, func(t *testing.T) {
					r := ix.newRow("x")
					var value any
					if specs[0].analyzer == nil {
						r.number(prop, 2026)
						value = 2026.0
					} else if prop == "kind" {
						r.text(prop, "target")
						value = "target"
					} else {
						r.texts(prop, []string{"朝阳区9所学校开工", "Ａ类PM2.5"})
						value = []any{"朝阳区9所学校开工", "Ａ类PM2.5"}
					}
					if r.err != nil {
						t.Fatal(r.err)
					}
					want := document.NewDocument("x")
					if err := im.MapDocument(want, map[string]any{prop: value}); err != nil {
						t.Fatal(err)
					}
					if len(r.doc.Fields) != len(want.Fields) {
						t.Fatalf("%d fields, mapping makes %d", len(r.doc.Fields), len(want.Fields))
					}
					for i, f := range r.doc.Fields {
						w := want.Fields[i]
						if f.Name() != w.Name() || f.Options() != w.Options() || string(f.Value()) != string(w.Value()) ||
							!reflect.DeepEqual(f.ArrayPositions(), w.ArrayPositions()) {
							t.Errorf("field %d = %s %v %q %v, mapping: %s %v %q %v", i, f.Name(), f.Options(), f.Value(), f.ArrayPositions(),
								w.Name(), w.Options(), w.Value(), w.ArrayPositions())
						}
						if !f.Options().IsIndexed() {
							continue
						}
						f.Analyze()
						w.Analyze()
						if !reflect.DeepEqual(f.AnalyzedTokenFrequencies(), w.AnalyzedTokenFrequencies()) || f.AnalyzedLength() != w.AnalyzedLength() {
							t.Errorf("field %s analyses differently from the mapping's", f.Name())
						}
					}
					if len(want.CompositeFields) != 0 {
						t.Errorf("mapping makes composite fields %v", want.CompositeFields)
					}
				})
			}
		})
	}
}

func TestCachedAnalyzer(t *testing.T) {
	ix, err := Open(context.Background(), t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	base := ix.bi.Mapping().AnalyzerNamed(analyzer.Name)
	c := newCachedAnalyzer(base, 1)
	inputs := []string{"一、2025年工作回顾", "（二）推进城市更新", "一、2025年工作回顾"}
	for round := range 2 {
		for _, in := range inputs {
			want := base.Analyze([]byte(in))
			got := c.Analyze([]byte(in))
			if len(got) == 0 || !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d %q: %v, want %v", round, in, got, want)
			}
			got[0].Position = 99 // callers own their tokens
			if again := c.Analyze([]byte(in)); again[0].Position == 99 {
				t.Fatalf("%q: cached tokens shared with a caller", in)
			}
		}
	}
}

func TestClause(t *testing.T) {
	text := "教育领域，力争北京科学高中等9所学校开工，建成十一学校。推进PM2.5治理\t牵头单位|市教委"
	tests := []struct {
		span, want string
		lo, hi     int
	}{
		{"9所学校", "力争北京科学高中等9所学校开工", 0, len(text)},
		{"建成", "建成十一学校", 0, len(text)},
		{"教育", "教育领域", 0, len(text)},
		{"治理", "推进PM2.5治理", 0, len(text)},
		// table cells end a clause, as in the text layer (one definition)
		{"牵头", "牵头单位", 0, len(text)},
		{"教委", "市教委", 0, len(text)},
		// Bounded by the sentence.
		{"9所学校", "高中等9所学校开工", len("教育领域，力争北京科学"), len(text)},
	}
	for _, tt := range tests {
		t.Run(tt.span, func(t *testing.T) {
			i := strings.Index(text, tt.span)
			cs, ce := clause(text, i, i+len(tt.span), tt.lo, tt.hi)
			if got := text[cs:ce]; got != tt.want {
				t.Errorf("clause = %q, want %q", got, tt.want)
			}
		})
	}
	// maxClause bytes at most on each side, never cutting a rune.
	long := strings.Repeat("城市", 100) + "公园" + strings.Repeat("建设", 100)
	i := strings.Index(long, "公园")
	cs, ce := clause(long, i, i+len("公园"), 0, len(long))
	if i-cs > maxClause || ce-i-len("公园") > maxClause || !utf8.ValidString(long[cs:ce]) {
		t.Errorf("long clause [%d:%d] around %d", cs, ce, i)
	}
}

func TestLayoutRefused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := ix.NewBatch()
	r := ix.newRow("x")
	r.text("kind", KindDocument)
	if err := b.bs[0].IndexAdvanced(r.doc); err != nil {
		t.Fatal(err)
	}
	if err := ix.Commit(ctx, b); err != nil {
		t.Fatal(err)
	}
	if err := ix.bi.SetInternal([]byte(layoutKey), []byte("1")); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if ix, err := Open(ctx, dir, Options{}); !errors.Is(err, ErrLayout) {
		if err == nil {
			ix.Close()
		}
		t.Fatalf("Open of a layout-1 index: err = %v, want ErrLayout", err)
	}
	// An index of the current layout opens again.
	dir = t.TempDir()
	for range 2 {
		ix, err := Open(ctx, dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		ix.Close()
	}
}
