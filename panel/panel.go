// Package panel builds the region × year × indicator table researchers
// make by hand from plans: one row per document and indicator, holding the
// document's headline target for that indicator (schema.Record.Headline,
// set by extract/indicator), traced to its sentence by source and byte
// offsets. Wide turns it into one row per document with a column group
// per indicator, for Stata and Excel users.
//
// The package only reads records: it works on the output of extraction
// (extract.Result) as on records and documents read back from an index.
package panel

import (
	"cmp"
	"slices"
	"strings"

	"github.com/planlens/planlens/extract/textlayer"
	"github.com/planlens/planlens/schema"
)

// Options choose the rows of a panel.
type Options struct {
	// Indicators keeps only these keys (gdp_growth, cpi, …); empty keeps
	// every indicator.
	Indicators []string
	// All adds the non-headline mentions of each indicator (Row.Headline
	// false), after the headline.
	All bool
}

// Row is one cell of the panel: a document's target for one indicator.
// Text is the document text [Start:End] of the target; Sentence is the
// text of its sentence.
type Row struct {
	Doc    string `json:"doc" parquet:"doc"`
	Region string `json:"region" parquet:"region"`
	Level  string `json:"level" parquet:"level"`
	Year   int    `json:"year" parquet:"year"`
	Title  string `json:"title" parquet:"title"`

	Indicator string `json:"indicator" parquet:"indicator"`
	Variant   string `json:"variant,omitempty" parquet:"variant"`
	// Flags are the lexicon's notes on the phrase used (gnp, retail_price, …),
	// comma-separated.
	Flags    string `json:"flags,omitempty" parquet:"flags"`
	Headline bool   `json:"headline" parquet:"headline"`

	Value     *float64 `json:"value" parquet:"value,optional"`
	ValueMax  *float64 `json:"value_max" parquet:"value_max,optional"`
	Approx    string   `json:"approx" parquet:"approx"`
	Unit      string   `json:"unit" parquet:"unit"`
	Scaled    *float64 `json:"scaled" parquet:"scaled,optional"`
	ScaledMax *float64 `json:"scaled_max" parquet:"scaled_max,optional"`
	BaseUnit  string   `json:"base_unit" parquet:"base_unit"`
	Modality  string   `json:"modality" parquet:"modality"`
	Direction string   `json:"direction" parquet:"direction"`
	// TargetYear is the year the target is for when the sentence names one.
	TargetYear int `json:"target_year,omitempty" parquet:"target_year"`

	Object   string `json:"object" parquet:"object"`
	Text     string `json:"text" parquet:"text"`
	Sentence string `json:"sentence" parquet:"sentence"`
	Source   string `json:"source" parquet:"source"`
	Start    int    `json:"start" parquet:"start"`
	End      int    `json:"end" parquet:"end"`
}

// Columns are the panel's column names in output order (CSV header, xlsx
// first row, parquet fields); Row.Values gives a row's cells in this order.
var Columns = []string{"doc", "region", "level", "year", "title", "indicator", "variant", "flags",
	"headline", "value", "value_max", "approx", "unit", "scaled", "scaled_max", "base_unit",
	"modality", "direction", "target_year", "object", "text", "sentence", "source", "start", "end"}

// Values returns the row's cells in Columns order: string, int, bool or
// *float64 (nil when absent).
func (r Row) Values() []any {
	return []any{r.Doc, r.Region, r.Level, r.Year, r.Title, r.Indicator, r.Variant, r.Flags,
		r.Headline, r.Value, r.ValueMax, r.Approx, r.Unit, r.Scaled, r.ScaledMax, r.BaseUnit,
		r.Modality, r.Direction, r.TargetYear, r.Object, r.Text, r.Sentence, r.Source, r.Start, r.End}
}

// levelOrder puts national rows before provincial, city and district.
var levelOrder = map[string]int{schema.LevelNational: 0, schema.LevelProvincial: 1, schema.LevelCity: 2,
	schema.LevelDistrict: 3, schema.LevelTownship: 4}

// Build makes the panel of docs from recs: for each document and indicator
// (and variant) its headline target, and with opts.All every other target
// of that indicator too. Records are matched to documents by Doc id; a
// record whose document is not in docs is kept with empty metadata. The
// sentence text is cut from the document's Text when it is present.
//
// Rows are sorted by indicator, variant, level (national first), region,
// year and position: a series per indicator, ready to draw.
func Build(docs []schema.Document, recs []schema.Record, opts Options) []Row {
	byID := make(map[string]*schema.Document, len(docs))
	for i := range docs {
		byID[docs[i].ID] = &docs[i]
	}
	sents := map[string][]textlayer.Sentence{}
	var rows []Row
	for _, r := range recs {
		if r.Kind != schema.KindTarget || r.Indicator == "" {
			continue
		}
		if !r.Headline && !opts.All {
			continue
		}
		if len(opts.Indicators) > 0 && !slices.Contains(opts.Indicators, r.Indicator) {
			continue
		}
		row := Row{
			Doc: r.Doc, Indicator: r.Indicator, Variant: r.IndicatorVariant,
			Flags: strings.Join(r.IndicatorFlags, ","), Headline: r.Headline,
			Value: r.Value, ValueMax: r.ValueMax, Approx: r.Approx, Unit: r.Unit,
			Scaled: r.Scaled, ScaledMax: r.ScaledMax, BaseUnit: r.BaseUnit,
			Modality: r.Modality, Direction: r.Direction, TargetYear: r.Year,
			Object: r.Object, Text: r.Text, Source: r.Source, Start: r.Start, End: r.End,
		}
		if d := byID[r.Doc]; d != nil {
			row.Region, row.Level, row.Year, row.Title = d.Region, d.Level, d.Year, d.Title
			if row.Source == "" {
				row.Source = d.Source
			}
			row.Sentence = sentenceText(d, r, sents)
		}
		rows = append(rows, row)
	}
	slices.SortStableFunc(rows, func(a, b Row) int {
		return cmp.Or(cmp.Compare(a.Indicator, b.Indicator), cmp.Compare(a.Variant, b.Variant),
			cmp.Compare(levelRank(a.Level), levelRank(b.Level)), cmp.Compare(a.Region, b.Region),
			cmp.Compare(a.Year, b.Year), cmp.Compare(a.Doc, b.Doc), boolRank(a.Headline, b.Headline),
			cmp.Compare(a.Start, b.Start))
	})
	return rows
}

func levelRank(l string) int {
	if r, ok := levelOrder[l]; ok {
		return r
	}
	return len(levelOrder)
}

// boolRank sorts true (the headline) first.
func boolRank(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

// sentenceText is the text of r's sentence in d, from the sentence that
// holds r's span (the sentences of a document are cut once and cached).
func sentenceText(d *schema.Document, r schema.Record, cache map[string][]textlayer.Sentence) string {
	if d.Text == "" || r.End > len(d.Text) || r.Start < 0 || r.Start > r.End {
		return ""
	}
	ss, ok := cache[d.ID]
	if !ok {
		ss = textlayer.New(d.Text).Sentences()
		cache[d.ID] = ss
	}
	i, found := slices.BinarySearchFunc(ss, r.Start, func(s textlayer.Sentence, p int) int {
		switch {
		case s.End <= p:
			return -1
		case s.Start > p:
			return 1
		}
		return 0
	})
	if !found {
		return ""
	}
	return d.Text[ss[i].Start:ss[i].End]
}
