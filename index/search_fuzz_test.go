package index_test

import (
	"context"
	"errors"
	"testing"

	"github.com/planlens/planlens/index"
)

// FuzzSearch runs whole searches on a real index (gse, Bleve on disk):
// any query string, limit, offset, year range and sort either answers a
// page no longer than its limit, with every hit grounded in its text, or
// fails with an error wrapping ErrQuery or ErrFilter. Nothing panics,
// however large the offset (math.MaxInt64 used to panic inside Bleve).
func FuzzSearch(f *testing.F) {
	ix := newFixture(f)
	for _, s := range []struct {
		q             string
		limit, offset int
		years, sort   string
	}{
		{`"学校"`, 10, 0, "", "relevance"},
		{"学校 开工", 5, 3, "2026", "year"},
		{`("学校" OR 公园) -"二期"`, 1000, 0, "2021..2026", "value"},
		{"heading:重点任务", 0, 9223372036854775807, "", ""},
		{`"桥"`, -1, -9223372036854775808, "..2030", "-region"},
		{"GDP", 1001, 100001, "2026..2021", "nonsense"},
	} {
		f.Add(s.q, s.limit, s.offset, s.years, s.sort)
	}
	f.Fuzz(func(t *testing.T, q string, limit, offset int, years, sortBy string) {
		lo, hi, err := index.ParseYears(years)
		if err != nil {
			if !errors.Is(err, index.ErrFilter) {
				t.Fatalf("ParseYears(%q): %v does not wrap ErrFilter", years, err)
			}
			lo, hi = 0, 0
		}
		r := index.Request{Query: q, Limit: limit, Offset: offset, YearFrom: lo, YearTo: hi, Kinds: index.AllKinds}
		if _, ok := index.SortOrders[sortBy]; ok {
			r.Sort = []string{sortBy}
		}
		res, err := ix.Search(context.Background(), r)
		if err != nil {
			if !errors.Is(err, index.ErrQuery) && !errors.Is(err, index.ErrFilter) {
				t.Fatalf("Search(%+v): %v wraps neither ErrQuery nor ErrFilter", r, err)
			}
			return
		}
		want := limit
		if want == 0 {
			want = 10
		}
		if len(res.Hits) > want {
			t.Fatalf("Search(%+v): %d hits, limit %d", r, len(res.Hits), want)
		}
		if len(res.Hits) > 0 && uint64(offset)+uint64(len(res.Hits)) > res.Total {
			t.Fatalf("Search(%+v): offset %d + %d hits > total %d", r, offset, len(res.Hits), res.Total)
		}
		for _, h := range res.Hits {
			if h.Kind == index.KindDocument {
				continue
			}
			if h.Start < 0 || h.Start > h.End || (h.Text != "" && len(h.Text) != h.End-h.Start) {
				t.Fatalf("Search(%+v): hit %s [%d:%d] %q is not grounded", r, h.Kind, h.Start, h.End, h.Text)
			}
		}
	})
}
