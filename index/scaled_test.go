package index_test

import (
	"context"
	"slices"
	"testing"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/schema"
)

const moneyText = "今年安排专项资金1.2亿元。新增投资5000万元。整治农田1000亩。另拨50000万元。地区生产总值增长5%左右。"

// TestScaledMinMaxAndIndicator: --min/--max with --unit compare scaled
// values in one base unit (1.2亿元 and 50000万元 are over 1e8 元, 5000万元
// is not, 1000亩 is no money at all); --indicator filters and facets.
func TestScaledMinMaxAndIndicator(t *testing.T) {
	res := &extract.Result{Doc: schema.Document{ID: docID(moneyText), Source: "money.txt", Year: 2026,
		Region: "北京市", Level: schema.LevelProvincial, Format: "txt", Size: len(moneyText), Text: moneyText}}
	res.Sentences = sentences(moneyText)
	money := func(s string, v, scaled float64, unit string) {
		span(t, res, schema.KindTarget, s, func(r *schema.Record) {
			r.Value, r.Unit = schema.Float(v), unit
			if scaled != 0 {
				r.Scaled, r.BaseUnit = schema.Float(scaled), "元"
			}
		})
	}
	money("1.2亿元", 1.2, 1.2e8, "亿元")
	money("5000万元", 5000, 5e7, "万元")
	money("1000亩", 1000, 0, "亩")
	money("50000万元", 50000, 5e8, "万元")
	span(t, res, schema.KindTarget, "5%左右", func(r *schema.Record) {
		r.Value, r.Unit, r.Approx, r.Indicator, r.Headline = schema.Float(5), "%", schema.ApproxAbout, "gdp_growth", true
	})
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
	texts := func(r index.Request) []string {
		r.Limit = 100
		var out []string
		for _, h := range search(t, ix, r).Hits {
			out = append(out, h.Text)
		}
		slices.Sort(out)
		return out
	}
	f := func(v float64) *float64 { return &v }
	for _, c := range []struct {
		name string
		req  index.Request
		want []string
	}{
		{"min 1e8 元", index.Request{Min: f(1e8), Unit: "元"}, []string{"1.2亿元", "50000万元"}},
		{"max 1e8 元", index.Request{Max: f(1e8), Unit: "元"}, []string{"5000万元"}},
		{"min 1000 亩", index.Request{Min: f(1000), Unit: "亩"}, []string{"1000亩"}},
		{"min without unit compares values", index.Request{Min: f(1000)}, []string{"1000亩", "50000万元", "5000万元"}},
		{"unit without bounds is the unit as written", index.Request{Unit: "万元"}, []string{"50000万元", "5000万元"}},
		{"indicator", index.Request{Indicator: "gdp_growth"}, []string{"5%左右"}},
	} {
		if got := texts(c.req); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	fr := search(t, ix, index.Request{Facets: []string{"indicator"}, Limit: 1})
	if got := fr.Facets["indicator"]; len(got) != 1 || got[0].Term != "gdp_growth" || got[0].Count != 1 {
		t.Errorf("indicator facet %+v, want gdp_growth 1", got)
	}
}
