package index_test

import (
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/schema"
)

func search(t *testing.T, ix *index.Index, r index.Request) *index.Response {
	t.Helper()
	res, err := ix.Search(context.Background(), r)
	if err != nil {
		t.Fatalf("Search(%+v): %v", r, err)
	}
	return res
}

func TestRankingSchoolStart(t *testing.T) {
	ix := newFixture(t)
	res := search(t, ix, index.Request{Query: "学校开工"})
	if len(res.Hits) == 0 {
		t.Fatal("no hits")
	}
	top := res.Hits[0]
	if top.Kind != schema.KindTarget || top.Text != "9所学校开工" || top.Source != seedSource {
		for _, h := range res.Hits {
			t.Logf("%.3f %s %s %s", h.Score, h.Kind, h.Text, h.Source)
		}
		t.Fatalf("top hit = %s %q from %s, want the seed's target 9所学校开工", top.Kind, top.Text, top.Source)
	}
	if len(top.Fragments) == 0 || !strings.Contains(top.Fragments[0], "<mark>") {
		t.Errorf("top fragments = %q, want highlighted sentence", top.Fragments)
	}
	if top.Title == "" || top.Region != "北京市朝阳区" || top.DocYear != 2026 || *top.Value != 9 || top.Unit != "所" {
		t.Errorf("top hit fields: %+v", top)
	}
}

func TestPhrase(t *testing.T) {
	ix := newFixture(t)
	tests := []struct {
		query string
		want  func(index.Hit) bool
		none  bool
	}{
		{`"学校开工"`, func(h index.Hit) bool { return strings.Contains(h.Text+sentenceText(h), "学校开工") }, false},
		{`"开工建设"`, func(h index.Hit) bool { return strings.Contains(h.Text+sentenceText(h), "开工建设") }, false},
		{`“老旧小区”`, func(h index.Hit) bool { return strings.Contains(h.Text+sentenceText(h), "老旧小区") }, false},
		// Both words occur, but never in this order.
		{`"开工学校"`, nil, true},
		{`"开工公园"`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := search(t, ix, index.Request{Query: tt.query, Limit: 100})
			if tt.none {
				if res.Total != 0 {
					t.Fatalf("total = %d, want 0; first %q", res.Total, res.Hits[0].Text)
				}
				return
			}
			if res.Total == 0 {
				t.Fatal("no hits")
			}
			for _, h := range res.Hits {
				if !tt.want(h) {
					t.Errorf("hit %q (fragments %q) does not contain the phrase", h.Text, h.Fragments)
				}
			}
		})
	}
	// Unquoted words match in any order and apart.
	for _, q := range []string{"开工 学校", "开工 公园"} {
		if res := search(t, ix, index.Request{Query: q}); res.Total == 0 {
			t.Errorf("%s: no hits", q)
		}
	}
}

// sentenceText strips the highlight marks from a hit's fragments.
func sentenceText(h index.Hit) string {
	return strings.NewReplacer("<mark>", "", "</mark>", "").Replace(strings.Join(h.Fragments, ""))
}

func TestFilters(t *testing.T) {
	ix := newFixture(t)
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name string
		req  index.Request
		ok   func(index.Hit) bool
	}{
		{"kind target", index.Request{Kinds: []string{"target"}}, func(h index.Hit) bool { return h.Kind == "target" }},
		{"kind project", index.Request{Query: "学校", Kinds: []string{"project"}}, func(h index.Hit) bool { return h.Kind == "project" }},
		{"kind sentence", index.Request{Query: "学校开工", Kinds: []string{index.KindSentence}}, func(h index.Hit) bool {
			return h.Kind == index.KindSentence && strings.Contains(h.Text, "学校")
		}},
		{"kind document", index.Request{Query: "海淀区", Kinds: []string{index.KindDocument}}, func(h index.Hit) bool {
			return h.Kind == index.KindDocument && h.Source == "other/haidian-2025.txt"
		}},
		{"stage", index.Request{Stage: "start"}, func(h index.Hit) bool { return h.Stage == "start" }},
		{"modality", index.Request{Modality: "strive"}, func(h index.Hit) bool { return h.Modality == "strive" }},
		{"region", index.Request{Region: "北京市海淀区"}, func(h index.Hit) bool { return h.Region == "北京市海淀区" }},
		{"level", index.Request{Level: "district", Query: "学校"}, func(h index.Hit) bool { return h.Level == "district" }},
		{"unit", index.Request{Unit: "所"}, func(h index.Hit) bool { return h.Unit == "所" }},
		{"year of document", index.Request{Year: 2025}, func(h index.Hit) bool { return h.DocYear == 2025 }},
		{"min", index.Request{Min: f(100)}, func(h index.Hit) bool { return h.Value != nil && *h.Value >= 100 }},
		{"max", index.Request{Max: f(5), Kinds: []string{"target"}}, func(h index.Hit) bool { return h.Value != nil && *h.Value <= 5 }},
		{"min and max", index.Request{Min: f(9), Max: f(10)}, func(h index.Hit) bool { return *h.Value >= 9 && *h.Value <= 10 }},
		{"doc by source", index.Request{Doc: "other/haidian-2025.txt"}, func(h index.Hit) bool { return h.Source == "other/haidian-2025.txt" }},
		{"doc by id", index.Request{Doc: docID(otherText)}, func(h index.Hit) bool { return h.Doc == docID(otherText) }},
		{"query and filter", index.Request{Query: "学校", Stage: "start", Region: "北京市朝阳区"}, func(h index.Hit) bool {
			return h.Stage == "start" && h.Region == "北京市朝阳区"
		}},
	}
	all := search(t, ix, index.Request{Limit: 1000})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Limit = 1000
			res := search(t, ix, tt.req)
			if res.Total == 0 {
				t.Fatal("no hits")
			}
			if int(res.Total) != len(res.Hits) {
				t.Fatalf("total %d, %d hits", res.Total, len(res.Hits))
			}
			for _, h := range res.Hits {
				if !tt.ok(h) {
					t.Errorf("hit %s %q breaks the filter: %+v", h.Kind, h.Text, h)
				}
			}
			if tt.req.Query == "" && len(tt.req.Kinds) == 0 && res.Total >= all.Total {
				t.Errorf("filter kept all %d records", all.Total)
			}
		})
	}
	// Records by default: neither sentences nor documents.
	for _, h := range all.Hits {
		if h.Kind != "target" && h.Kind != "project" && h.Kind != "action" {
			t.Errorf("default search returned a %s", h.Kind)
		}
	}
	if want := uint64(len(seedResult(t).Records) + len(otherResult(t).Records)); all.Total != want {
		t.Errorf("all records = %d, want %d", all.Total, want)
	}
}

func TestFacets(t *testing.T) {
	ix := newFixture(t)
	res := search(t, ix, index.Request{Facets: index.FacetFields, Limit: 1000})
	want := map[string]map[string]int{}
	for _, f := range index.FacetFields {
		want[f] = map[string]int{}
	}
	for _, h := range res.Hits {
		add := func(f, v string) {
			if v != "" {
				want[f][v]++
			}
		}
		add("kind", h.Kind)
		add("stage", h.Stage)
		add("modality", h.Modality)
		add("region", h.Region)
		add("unit", h.Unit)
		add("level", h.Level)
		add("genre", h.Genre)
		add("issuer", h.Issuer)
		y := h.Year
		if y == 0 {
			y = h.DocYear
		}
		add("year", fmt.Sprint(y))
	}
	for _, f := range index.FacetFields {
		got := map[string]int{}
		for _, fc := range res.Facets[f] {
			got[fc.Term] = fc.Count
		}
		if !reflect.DeepEqual(got, want[f]) {
			t.Errorf("facet %s = %v, want %v", f, got, want[f])
		}
	}
	if res.Facets["region"][0].Term != "北京市朝阳区" {
		t.Errorf("region facet not sorted by count: %v", res.Facets["region"])
	}
	if _, err := ix.Search(context.Background(), index.Request{Facets: []string{"colour"}}); !errors.Is(err, index.ErrFilter) {
		t.Errorf("unknown facet: err = %v, want ErrFilter", err)
	}
}

func TestPaging(t *testing.T) {
	ix := newFixture(t)
	all := search(t, ix, index.Request{Query: "学校", Limit: 100})
	if len(all.Hits) < 4 {
		t.Fatalf("only %d hits", len(all.Hits))
	}
	page := search(t, ix, index.Request{Query: "学校", Limit: 2, Offset: 2})
	if page.Total != all.Total || len(page.Hits) != 2 || page.Hits[0].Text != all.Hits[2].Text || page.Hits[1].Start != all.Hits[3].Start {
		t.Errorf("page 2 = %v, want hits 2,3 of %v", page.Hits, all.Hits[:4])
	}
}

func TestMalformedQuery(t *testing.T) {
	ix := newFixture(t)
	for _, q := range []string{`"学校`, `“学校`, `""`, `学校”`, `colour:学校`, `(学校`} {
		if _, err := ix.Search(context.Background(), index.Request{Query: q}); !errors.Is(err, index.ErrQuery) {
			t.Errorf("Search(%q): err = %v, want ErrQuery", q, err)
		}
	}
	res := search(t, ix, index.Request{Query: "火星基地"})
	if res.Total != 0 || len(res.Hits) != 0 {
		t.Errorf("火星基地: %d hits", res.Total)
	}
}

func TestReaddUnchangedAndChanged(t *testing.T) {
	ctx := context.Background()
	ix := newFixture(t)
	before, err := ix.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before.Documents != 2 || before.ByKind["target"] == 0 || before.ByRegion["北京市海淀区"] != 1 || before.ByYear["2026"] != 1 {
		t.Fatalf("stats = %+v", before)
	}

	// The same results again: nothing changes.
	b := ix.NewBatch()
	for _, res := range []*extract.Result{seedResult(t), otherResult(t)} {
		if err := b.Add(res); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Commit(ctx, b); err != nil {
		t.Fatal(err)
	}
	again, err := ix.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, again) {
		t.Errorf("re-add changed stats:\n got %+v\nwant %+v", again, before)
	}

	// A changed document at the same source: its old records go.
	other := otherResult(t)
	other.Doc.Text = strings.Replace(other.Doc.Text, "新建公园10个", "新建绿道20条", 1)
	other.Doc.ID = docID(other.Doc.Text)
	other.Records = other.Records[:1]
	b = ix.NewBatch()
	if err := b.Add(other); err != nil {
		t.Fatal(err)
	}
	if err := ix.Commit(ctx, b); err != nil {
		t.Fatal(err)
	}
	after, err := ix.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Documents != 2 || after.Records != before.Records-4 {
		t.Errorf("after change: %d documents %d records, want 2 and %d", after.Documents, after.Records, before.Records-4)
	}
	info, found, err := ix.Lookup("other/haidian-2025.txt")
	if err != nil || !found || info.Doc.ID != other.Doc.ID || info.Records != 1 {
		t.Errorf("Lookup = %+v %v %v", info, found, err)
	}
	if res := search(t, ix, index.Request{Query: "公园", Doc: "other/haidian-2025.txt"}); res.Total != 0 {
		t.Errorf("old record still found: %q", res.Hits[0].Text)
	}
	if res := search(t, ix, index.Request{Query: "绿道", Kinds: []string{index.KindSentence}, Doc: "other/haidian-2025.txt"}); res.Total != 1 {
		t.Errorf("new sentence: %d hits", res.Total)
	}

	// Delete removes everything of a source.
	b = ix.NewBatch()
	if err := b.Delete("other/haidian-2025.txt"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Commit(ctx, b); err != nil {
		t.Fatal(err)
	}
	if res := search(t, ix, index.Request{Doc: "other/haidian-2025.txt", Kinds: []string{"target", "project", "action", "sentence", "document"}}); res.Total != 0 {
		t.Errorf("after delete: %d hits", res.Total)
	}
}

func TestSecondWriter(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := index.Open(ctx, dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	start := time.Now()
	ix2, err := index.Open(ctx, dir, index.Options{LockTimeout: 300 * time.Millisecond})
	if err == nil {
		ix2.Close()
		t.Fatal("second Open succeeded")
	}
	if !errors.Is(err, index.ErrLocked) || !strings.Contains(err.Error(), "index "+dir+" is in use by another planlens process") {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := index.Open(ctx, dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := ix.NewBatch()
	if err := b.Add(seedResult(t)); err != nil {
		t.Fatal(err)
	}
	if err := ix.Commit(ctx, b); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = index.Open(ctx, dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res := search(t, ix, index.Request{Query: "学校开工"})
	if len(res.Hits) == 0 || res.Hits[0].Text != "9所学校开工" {
		t.Errorf("after reopen: %v", res.Hits)
	}
}

// Rows store records and sentences compactly (no doc, source or heading;
// a record's text from its sentence row): hits give them back whole.
func TestHitsGiveRecordsBack(t *testing.T) {
	ix := newFixture(t)
	want := map[string]schema.Record{}
	key := func(r schema.Record) string { return fmt.Sprintf("%s %s %d %d", r.Source, r.Kind, r.Start, r.End) }
	var sentences []extract.Sentence
	for _, res := range []*extract.Result{seedResult(t), otherResult(t)} {
		for _, r := range res.Records {
			r.Doc, r.Source = res.Doc.ID, res.Doc.Source
			want[key(r)] = r
		}
		if res.Doc.Source == seedSource {
			sentences = res.Sentences
		}
	}
	all := search(t, ix, index.Request{Limit: 1000})
	if len(all.Hits) != len(want) {
		t.Fatalf("%d hits, want %d", len(all.Hits), len(want))
	}
	for _, h := range all.Hits {
		w, ok := want[key(h.Record)]
		if !ok || !reflect.DeepEqual(h.Record, w) {
			t.Errorf("hit record\n %+v\nwant\n %+v", h.Record, w)
		}
	}
	// The same with a query, which highlights (a second path to the text).
	for _, h := range search(t, ix, index.Request{Query: "学校", Limit: 1000}).Hits {
		if w := want[key(h.Record)]; !reflect.DeepEqual(h.Record, w) {
			t.Errorf("hit record\n %+v\nwant\n %+v", h.Record, w)
		}
	}
	seed, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	res := search(t, ix, index.Request{Kinds: []string{index.KindSentence}, Doc: seedSource, Limit: index.MaxLimit})
	if len(res.Hits) != len(sentences) {
		t.Fatalf("%d sentence hits, want %d", len(res.Hits), len(sentences))
	}
	for _, h := range res.Hits {
		s := sentences[h.Sentence]
		if h.Text != string(seed[s.Start:s.End]) || h.Start != s.Start || h.End != s.End || h.Source != seedSource ||
			!reflect.DeepEqual(h.Heading, s.Heading) || h.Region != "北京市朝阳区" || h.DocYear != 2026 {
			t.Errorf("sentence hit %+v, want %+v", h, s)
		}
	}
}

// Heading paths come back from the document's table of headings: a
// sentence's, and a record's own when it has one.
func TestHitsGiveHeadingsBack(t *testing.T) {
	ctx := context.Background()
	ix, err := index.Open(ctx, t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res := otherResult(t)
	for i := range res.Sentences {
		res.Sentences[i].Heading = []string{"一、工作安排", fmt.Sprintf("（%d）分项", i%2)}
	}
	res.Records[1].Heading = []string{"二、项目"}
	b := ix.NewBatch()
	if err := b.Add(res); err != nil {
		t.Fatal(err)
	}
	if err := ix.Commit(ctx, b); err != nil {
		t.Fatal(err)
	}
	for _, h := range search(t, ix, index.Request{Kinds: []string{index.KindSentence, "target", "project", "action"}, Limit: 100}).Hits {
		var want []string
		switch {
		case h.Kind == index.KindSentence:
			want = res.Sentences[h.Sentence].Heading
		case h.Text == res.Records[1].Text:
			want = res.Records[1].Heading
		}
		if !reflect.DeepEqual(h.Heading, want) {
			t.Errorf("%s %q: heading %q, want %q", h.Kind, h.Text, h.Heading, want)
		}
	}
	// Headings are searched when asked (heading:): the record under
	// 二、项目 is found by it, and a plain word does not match headings.
	if r := search(t, ix, index.Request{Query: "heading:项目", Kinds: []string{"project"}}); r.Total != 1 {
		t.Errorf("heading:项目: %d project hits, want 1", r.Total)
	}
	if r := search(t, ix, index.Request{Query: "工作安排", Kinds: []string{index.KindSentence}}); r.Total != 0 {
		t.Errorf("工作安排 (only in headings): %d sentence hits, want 0", r.Total)
	}
	if r := search(t, ix, index.Request{Query: `heading:"工作安排"`, Kinds: []string{index.KindSentence}}); r.Total != uint64(len(res.Sentences)) {
		t.Errorf(`heading:"工作安排": %d sentence hits, want %d`, r.Total, len(res.Sentences))
	}
}

// A search by filters only has no words to highlight: a record's fragment
// is its whole sentence, escaped.
func TestFragmentWithoutQuery(t *testing.T) {
	ix := newFixture(t)
	res := search(t, ix, index.Request{Kinds: []string{schema.KindTarget}, Limit: 50})
	if len(res.Hits) == 0 {
		t.Fatal("no targets")
	}
	for _, h := range res.Hits {
		if len(h.Fragments) != 1 || !strings.Contains(html.UnescapeString(h.Fragments[0]), h.Text) || strings.Contains(h.Fragments[0], "<mark>") {
			t.Errorf("%s %q: fragments %q", h.Doc, h.Text, h.Fragments)
		}
	}
}
