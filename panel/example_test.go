package panel_test

import (
	"fmt"
	"os"

	"github.com/planlens/planlens/panel"
	"github.com/planlens/planlens/schema"
)

// A panel is built from documents and their target records (as extraction
// or an index gives them) and written in any of the formats.
func Example() {
	doc := schema.Document{ID: "d1", Source: "gwr-2024.txt", Year: 2024, Region: "全国", Level: schema.LevelNational,
		Text: "今年发展主要预期目标是：国内生产总值增长5%左右。"}
	rec := schema.Record{Kind: schema.KindTarget, Doc: "d1", Start: 60, End: 68, Text: doc.Text[60:68],
		Value: schema.Float(5), Approx: schema.ApproxAbout, Unit: "%", Indicator: "gdp_growth", Headline: true}
	rows := panel.Build([]schema.Document{doc}, []schema.Record{rec}, panel.Options{})
	fmt.Println(rows[0].Region, rows[0].Year, rows[0].Indicator, *rows[0].Value, rows[0].Approx, rows[0].Text)
	_ = panel.Write(os.Stdout, panel.Wide(rows), "jsonl")
	// Output:
	// 全国 2024 gdp_growth 5 about 5%左右
	// {"doc":"d1","region":"全国","level":"national","year":2024,"title":"","source":"gwr-2024.txt","gdp_growth":5,"gdp_growth_max":null,"gdp_growth_approx":"about","gdp_growth_unit":"%","gdp_growth_start":60}
}
