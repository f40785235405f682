package panel_test

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/planlens/planlens/panel"
	"github.com/planlens/planlens/schema"
)

// fixture is two documents and their target records as extraction gives
// them: a national report with a headline and a later repeat, and a
// province with a range headline.
func fixture() ([]schema.Document, []schema.Record) {
	nat := "过去一年成绩显著。今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。国内生产总值增长5%左右，是综合考虑的结果。"
	prov := "全省地区生产总值增长5%—5.5%，居民消费价格涨幅3%左右。"
	docs := []schema.Document{
		{ID: "n", Source: "nat.txt", Title: "政府工作报告", Year: 2024, Region: "全国", Level: schema.LevelNational, Text: nat},
		{ID: "p", Source: "prov.txt", Title: "2026年安徽省政府工作报告", Year: 2026, Region: "安徽省", Level: schema.LevelProvincial, Text: prov},
	}
	at := func(doc, text, val string, nth int) (int, int) {
		i := -1
		for range nth {
			i += 1 + strings.Index(text[i+1:], val)
		}
		return i, i + len(val)
	}
	rec := func(d schema.Document, val string, nth int, key string, head bool, v, vmax float64, approx, unit string) schema.Record {
		s, e := at(d.ID, d.Text, val, nth)
		r := schema.Record{Kind: schema.KindTarget, Doc: d.ID, Source: d.Source, Text: d.Text[s:e], Start: s, End: e,
			Value: schema.Float(v), Approx: approx, Unit: unit, Indicator: key, Headline: head}
		if vmax != 0 {
			r.ValueMax = schema.Float(vmax)
		}
		return r
	}
	recs := []schema.Record{
		rec(docs[0], "5%左右", 1, "gdp_growth", true, 5, 0, "about", "%"),
		rec(docs[0], "1200万人以上", 1, "urban_new_jobs", true, 1200, 0, "at_least", "万人"),
		rec(docs[0], "5%左右", 2, "gdp_growth", false, 5, 0, "about", "%"),
		rec(docs[1], "5%—5.5%", 1, "gdp_growth", true, 5, 5.5, "exact", "%"),
		rec(docs[1], "3%左右", 1, "cpi", true, 3, 0, "about", "%"),
		{Kind: schema.KindProject, Doc: "p", Text: "x"},
	}
	return docs, recs
}

func TestBuild(t *testing.T) {
	docs, recs := fixture()
	rows := panel.Build(docs, recs, panel.Options{})
	var got []string
	for _, r := range rows {
		if r.Text != docs[map[string]int{"n": 0, "p": 1}[r.Doc]].Text[r.Start:r.End] {
			t.Errorf("row %+v: text is not the document's [start:end]", r)
		}
		got = append(got, fmt.Sprintf("%s %s %d %s %s", r.Indicator, r.Region, r.Year, r.Text, r.Sentence))
	}
	want := []string{
		"cpi 安徽省 2026 3%左右 全省地区生产总值增长5%—5.5%，居民消费价格涨幅3%左右。",
		"gdp_growth 全国 2024 5%左右 今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。",
		"gdp_growth 安徽省 2026 5%—5.5% 全省地区生产总值增长5%—5.5%，居民消费价格涨幅3%左右。",
		"urban_new_jobs 全国 2024 1200万人以上 今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Build:\n got %q\nwant %q", got, want)
	}
	all := panel.Build(docs, recs, panel.Options{All: true, Indicators: []string{"gdp_growth"}})
	if len(all) != 3 || !all[0].Headline || all[1].Headline || all[1].Region != "全国" || all[2].Region != "安徽省" {
		t.Errorf("Build(All, gdp_growth) = %+v, want national headline, national repeat, province", all)
	}
}

func TestWide(t *testing.T) {
	docs, recs := fixture()
	w := panel.Wide(panel.Build(docs, recs, panel.Options{}))
	names := strings.Join(w.Names(), ",")
	if !strings.HasPrefix(names, "doc,region,level,year,title,source,cpi,cpi_max,cpi_approx,cpi_unit,cpi_start,gdp_growth,") {
		t.Errorf("Wide columns %s", names)
	}
	if len(w.Rows) != 2 || w.Rows[0][1] != "全国" || w.Rows[1][1] != "安徽省" {
		t.Fatalf("Wide rows %v, want national then 安徽省", w.Rows)
	}
	col := func(name string) int {
		for i, c := range w.Columns {
			if c.Name == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	if v := w.Rows[1][col("gdp_growth_max")].(*float64); v == nil || *v != 5.5 {
		t.Errorf("安徽省 gdp_growth_max = %v, want 5.5", v)
	}
	if v := w.Rows[1][col("urban_new_jobs")].(*float64); v != nil {
		t.Errorf("安徽省 urban_new_jobs = %v, want empty", *v)
	}
}

// hostile rows: quotes, commas, newlines, a formula-looking text, an
// empty optional number, a zero and a negative value.
func hostile() panel.Table {
	docs, recs := fixture()
	rows := panel.Build(docs, recs, panel.Options{All: true})
	rows[0].Title = "=HYPERLINK(\"x\"),\n\"引号\""
	rows[1].Value = schema.Float(-0.25)
	rows[2].Value = schema.Float(0)
	rows[2].Scaled = schema.Float(1.2e12)
	return panel.Long(rows)
}

func roundTrip(t *testing.T, format string, read func(b []byte, cols []panel.Column) (panel.Table, error)) {
	want := hostile()
	var b bytes.Buffer
	if err := panel.Write(&b, want, format); err != nil {
		t.Fatal(err)
	}
	got, err := read(b.Bytes(), want.Columns)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Names(), want.Names()) {
		t.Fatalf("%s columns %v, want %v", format, got.Names(), want.Names())
	}
	if len(got.Rows) != len(want.Rows) {
		t.Fatalf("%s: %d rows back, want %d", format, len(got.Rows), len(want.Rows))
	}
	for i := range want.Rows {
		if !reflect.DeepEqual(got.Rows[i], want.Rows[i]) {
			t.Errorf("%s row %d:\n got %s\nwant %s", format, i, show(got.Rows[i]), show(want.Rows[i]))
		}
	}
}

func show(row []any) string {
	var s []string
	for _, c := range row {
		if f, ok := c.(*float64); ok {
			if f == nil {
				s = append(s, "nil")
			} else {
				s = append(s, fmt.Sprint(*f))
			}
			continue
		}
		s = append(s, fmt.Sprintf("%#v", c))
	}
	return strings.Join(s, " ")
}

func TestRoundTripCSV(t *testing.T) {
	roundTrip(t, "csv", func(b []byte, cols []panel.Column) (panel.Table, error) {
		if !bytes.HasPrefix(b, []byte("\ufeffdoc,region,")) {
			t.Errorf("csv starts %q, want a BOM and the header", b[:20])
		}
		return panel.ReadCSV(bytes.NewReader(b), cols)
	})
}

func TestRoundTripParquet(t *testing.T) {
	roundTrip(t, "parquet", func(b []byte, cols []panel.Column) (panel.Table, error) {
		if !bytes.HasPrefix(b, []byte("PAR1")) {
			t.Errorf("parquet file starts %q, want PAR1", b[:4])
		}
		return panel.ReadParquet(bytes.NewReader(b), int64(len(b)), cols)
	})
}

func TestRoundTripXLSX(t *testing.T) {
	roundTrip(t, "xlsx", func(b []byte, cols []panel.Column) (panel.Table, error) {
		return panel.ReadXLSX(bytes.NewReader(b), cols)
	})
}

func TestRoundTripWideParquet(t *testing.T) {
	docs, recs := fixture()
	want := panel.Wide(panel.Build(docs, recs, panel.Options{}))
	var b bytes.Buffer
	if err := panel.Write(&b, want, "parquet"); err != nil {
		t.Fatal(err)
	}
	got, err := panel.ReadParquet(bytes.NewReader(b.Bytes()), int64(b.Len()), want.Columns)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Rows, want.Rows) {
		t.Errorf("wide parquet rows differ:\n got %v\nwant %v", got.Rows, want.Rows)
	}
}

func TestJSONL(t *testing.T) {
	docs, recs := fixture()
	var b bytes.Buffer
	if err := panel.Write(&b, panel.Long(panel.Build(docs, recs, panel.Options{Indicators: []string{"cpi"}})), "jsonl"); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if !strings.HasPrefix(s, `{"doc":"p","region":"安徽省","level":"provincial","year":2026,`) ||
		!strings.Contains(s, `"value":3,"value_max":null,"approx":"about"`) || strings.Count(s, "\n") != 1 {
		t.Errorf("jsonl = %s", s)
	}
	if err := panel.Write(&b, panel.Table{}, "xls"); err == nil || !strings.Contains(err.Error(), `panel: unknown format "xls"`) {
		t.Errorf("Write(xls) error %v", err)
	}
}
