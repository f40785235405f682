package index_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/schema"
)

// sentenceTexts are the fixture's sentence texts (both documents).
func sentenceTexts(t *testing.T) []string {
	var out []string
	for _, r := range []string{seedTextOf(t), otherText} {
		for _, s := range sentences(r) {
			out = append(out, r[s.Start:s.End])
		}
	}
	return out
}

func seedTextOf(t *testing.T) string { return seedResult(t).Doc.Text }

func countWhere(texts []string, ok func(string) bool) uint64 {
	var n uint64
	for _, s := range texts {
		if ok(s) {
			n++
		}
	}
	return n
}

func sentenceTotal(t *testing.T, ix *index.Index, q string, exact bool) uint64 {
	t.Helper()
	res, err := ix.Search(context.Background(), index.Request{Query: q, Kinds: []string{index.KindSentence}, Exact: exact, Limit: 1})
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return res.Total
}

// A quoted phrase finds every sentence that holds it as written, whatever
// gse makes of it: the count is that of a literal scan of the text.
func TestPhraseCountsAreLiteral(t *testing.T) {
	ix := newFixture(t)
	texts := sentenceTexts(t)
	for _, p := range []string{"学校", "开工", "朝阳", "老旧小区", "城市更新", "产业", "园", "区", "年", "2026", "%", "中关村学院", "二期", "三年行动计划", "建设", "学校开工", "PM2.5"} {
		want := countWhere(texts, func(s string) bool { return strings.Contains(s, p) })
		if got := sentenceTotal(t, ix, `"`+p+`"`, true); got != want {
			t.Errorf(`"%s": %d sentence hits, a literal scan finds %d`, p, got, want)
		}
	}
}

func TestScriptWidthAndCaseFold(t *testing.T) {
	ix := newFixture(t)
	for _, tt := range []struct{ a, b string }{
		{`"學校"`, `"学校"`},       // traditional
		{`"開工建設"`, `"开工建设"`},   // traditional phrase
		{`"ＰＭ２．５"`, `"PM2.5"`}, // full width
		{`"pm2.5"`, `"PM2.5"`}, // case
		{"學校", "学校"},           // a word, too
	} {
		got, want := sentenceTotal(t, ix, tt.a, true), sentenceTotal(t, ix, tt.b, true)
		if got != want || want == 0 {
			t.Errorf("%s: %d hits, %s: %d (want equal and > 0)", tt.a, got, tt.b, want)
		}
	}
}

func TestBooleanCounts(t *testing.T) {
	ix := newFixture(t)
	texts := sentenceTexts(t)
	has := func(p string) func(string) bool { return func(s string) bool { return strings.Contains(s, p) } }
	a, b := has("学校"), has("公园")
	tests := []struct {
		q    string
		want uint64
	}{
		{`"学校" OR "公园"`, countWhere(texts, func(s string) bool { return a(s) || b(s) })},
		{`"学校" -"公园"`, countWhere(texts, func(s string) bool { return a(s) && !b(s) })},
		{`"学校" NOT "公园"`, countWhere(texts, func(s string) bool { return a(s) && !b(s) })},
		{`"学校" "公园"`, countWhere(texts, func(s string) bool { return a(s) && b(s) })},
		{`-"学校"`, countWhere(texts, func(s string) bool { return !a(s) })},
		{`("学校" OR "公园") -"开工"`, countWhere(texts, func(s string) bool { return (a(s) || b(s)) && !strings.Contains(s, "开工") })},
	}
	for _, tt := range tests {
		if got := sentenceTotal(t, ix, tt.q, true); got != tt.want {
			t.Errorf("%s: %d sentence hits, want %d", tt.q, got, tt.want)
		}
	}
	if sentenceTotal(t, ix, `"学校" OR "公园"`, true) <= sentenceTotal(t, ix, `"学校"`, true) {
		t.Error("OR finds no more than one of its terms")
	}
}

func TestSynonyms(t *testing.T) {
	text := "全区GDP增长5%左右。\n地区生产总值突破千亿元。\n国内生产总值稳步增长。\n推进高速铁路建设。\n高铁站开工。\n居民收入增长。\n"
	res := &extract.Result{Doc: schema.Document{ID: docID(text), Source: "syn.txt", Text: text, Size: len(text), Format: "txt"}}
	res.Sentences = sentences(text)
	ix, err := index.Open(context.Background(), t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	b := ix.NewBatch()
	if err := b.Add(res); err != nil {
		t.Fatal(err)
	}
	if err := ix.Commit(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		q            string
		syn, literal uint64
	}{
		{`"地区生产总值"`, 3, 1}, {`"GDP"`, 3, 1}, {"gdp", 3, 1}, {`"高铁"`, 2, 1}, {"高速铁路", 2, 1}, {"居民收入", 1, 1},
	} {
		if got := sentenceTotal(t, ix, tt.q, false); got != tt.syn {
			t.Errorf("%s with synonyms: %d hits, want %d", tt.q, got, tt.syn)
		}
		if got := sentenceTotal(t, ix, tt.q, true); got != tt.literal {
			t.Errorf("%s --exact: %d hits, want %d", tt.q, got, tt.literal)
		}
	}
}

func TestRegionHierarchy(t *testing.T) {
	ix := newFixture(t)
	all := search(t, ix, index.Request{Limit: 1}).Total
	for _, tt := range []struct {
		region string
		want   func(uint64) bool
	}{
		{"北京市", func(n uint64) bool { return n == all }},
		{"北京", func(n uint64) bool { return n == all }},
		{"110000", func(n uint64) bool { return n == all }},
		{"北京市朝阳区", func(n uint64) bool { return n > 0 && n < all }},
		{"朝阳区", func(n uint64) bool { return n > 0 && n < all }},
		{"上海市", func(n uint64) bool { return n == 0 }},
	} {
		if got := search(t, ix, index.Request{Region: tt.region, Limit: 1}).Total; !tt.want(got) {
			t.Errorf("region %s: %d hits (of %d)", tt.region, got, all)
		}
	}
	a := search(t, ix, index.Request{Region: "朝阳区", Limit: 1}).Total
	b := search(t, ix, index.Request{Region: "北京市朝阳区", Limit: 1}).Total
	if a != b {
		t.Errorf("朝阳区 %d hits, 北京市朝阳区 %d", a, b)
	}
}

func TestDocByNameAndYearRange(t *testing.T) {
	ix := newFixture(t)
	for _, doc := range []string{"haidian-2025.txt", "other/haidian-2025.txt", docID(otherText)} {
		res := search(t, ix, index.Request{Doc: doc, Limit: 100})
		if res.Total == 0 {
			t.Errorf("--doc %s: no hits", doc)
		}
		for _, h := range res.Hits {
			if h.Source != "other/haidian-2025.txt" {
				t.Errorf("--doc %s: hit from %s", doc, h.Source)
			}
		}
	}
	all := search(t, ix, index.Request{Limit: 1}).Total
	y25 := search(t, ix, index.Request{Year: 2025, Limit: 1}).Total
	y26 := search(t, ix, index.Request{Year: 2026, Limit: 1}).Total
	if got := search(t, ix, index.Request{YearFrom: 2025, YearTo: 2026, Limit: 1}).Total; got != y25+y26 || got != all {
		t.Errorf("2025..2026: %d hits, want %d + %d = %d", got, y25, y26, all)
	}
	if got := search(t, ix, index.Request{YearFrom: 2026, Limit: 1}).Total; got != y26 {
		t.Errorf("2026..: %d hits, want %d", got, y26)
	}
}

func TestBadFilters(t *testing.T) {
	ix := newFixture(t)
	for _, tt := range []struct {
		r    index.Request
		want string
	}{
		{index.Request{Stage: "done"}, `unknown stage "done" (allowed: plan, start, advance, complete, improve)`},
		{index.Request{Level: "province"}, `unknown level "province" (allowed: national, provincial, city, district, township)`},
		{index.Request{Modality: "must"}, `unknown modality "must"`},
		{index.Request{Genre: "novel"}, `unknown genre "novel" (allowed: report`},
		{index.Request{Kinds: []string{"targets"}}, `unknown kind "targets"`},
		{index.Request{Offset: 9223372036854775807}, "offset 9223372036854775807 is outside 0..100000"},
		{index.Request{Limit: -1}, "limit -1 is outside"},
		{index.Request{Limit: 1 << 40}, "is outside 0..1000"},
		{index.Request{YearFrom: 2026, YearTo: 2021}, "year range 2026..2021 is empty"},
		{index.Request{Query: strings.Repeat("学校 ", 300)}, "at most 1024 are allowed"},
	} {
		_, err := ix.Search(context.Background(), tt.r)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Search(%+v) = %v, want an error containing %q", tt.r, err, tt.want)
		}
		if err != nil && !errors.Is(err, index.ErrFilter) && !errors.Is(err, index.ErrQuery) {
			t.Errorf("Search(%+v) = %v: neither ErrFilter nor ErrQuery", tt.r, err)
		}
	}
}

// Readers open the index side by side (search, stats and serve at once).
func TestReadersSideBySide(t *testing.T) {
	dir := t.TempDir()
	ix, err := index.Open(context.Background(), dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := ix.NewBatch()
	if err := b.Add(otherResult(t)); err != nil {
		t.Fatal(err)
	}
	if err := ix.Commit(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	var readers []*index.Index
	for i := 0; i < 3; i++ {
		r, err := index.Open(context.Background(), dir, index.Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("reader %d: %v", i, err)
		}
		defer r.Close()
		readers = append(readers, r)
	}
	for i, r := range readers {
		res, err := r.Search(context.Background(), index.Request{Query: `"学校"`, Limit: 10})
		if err != nil || res.Total == 0 {
			t.Errorf("reader %d: %v, %v", i, res, err)
		}
	}
	// A writer waits for the readers and says so (ErrLocked after its timeout).
	if _, err := index.Open(context.Background(), dir, index.Options{LockTimeout: 200e6}); !errors.Is(err, index.ErrLocked) {
		t.Errorf("writer beside readers: %v, want ErrLocked", err)
	}
	if _, err := index.Open(context.Background(), t.TempDir(), index.Options{ReadOnly: true}); !errors.Is(err, index.ErrNoIndex) {
		t.Errorf("read-only open of no index: %v, want ErrNoIndex", err)
	}
}
