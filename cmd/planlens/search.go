package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/schema"
)

func searchCommand() command {
	return command{
		name:    "search",
		summary: "search the index for records",
		run:     runSearch,
	}
}

// floatFlag is an optional number flag.
type floatFlag struct{ v *float64 }

func (f *floatFlag) String() string {
	if f.v == nil {
		return ""
	}
	return strconv.FormatFloat(*f.v, 'g', -1, 64)
}

func (f *floatFlag) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return errors.New("not a number")
	}
	f.v = &v
	return nil
}

const searchUsage = `search [flags] QUERY

QUERY is the query language:
  高铁 机场            both words, in any order (AND may be written)
  "城市更新"           a phrase, character by character exactly as written
                       (one character works: "桥"; traditional and simplified
                       script, full and half width, upper and lower case match)
  高铁 OR 机场         either (AND binds tighter than OR)
  高铁 -机场           高铁 without 机场 (also: 高铁 NOT 机场)
  (高铁 OR 铁路) 开工  parentheses group
  title:规划  name:"科学城"  object:学校  heading:重点任务  text:开工  examples:中学
Words match the text of sentences and records, not section headings (use
heading: for those). Words and phrases in the synonym list (GDP = 国内生产总值 =
地区生产总值, 十五五 = 第十五个五年规划, 双碳 = 碳达峰碳中和, ...) match each other
unless --exact. Hits are records (targets, projects, actions) unless --kind says
otherwise; --kind sentence counts the sentences holding a phrase.`

func runSearch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "search", searchUsage)
	dir := indexFlag(fs, e)
	var req index.Request
	kinds := fs.String("kind", "", "only these `kinds`, comma-separated: "+strings.Join(index.AllKinds, ","))
	fs.StringVar(&req.Stage, "stage", "", "only this `stage`: "+strings.Join(index.Stages, ", "))
	fs.StringVar(&req.Modality, "modality", "", "only this `modality`: "+strings.Join(index.Modalities, ", "))
	fs.StringVar(&req.Region, "region", "", "only this `region` and the divisions under it (北京市 includes 朝阳区; a name, path or GB/T 2260 code)")
	fs.StringVar(&req.Level, "level", "", "only this `level`: "+strings.Join(index.Levels, ", "))
	fs.StringVar(&req.Genre, "genre", "", "only documents of this `genre`: "+strings.Join(schema.Genres(), ", "))
	fs.StringVar(&req.Issuer, "issuer", "", "only documents of this `issuer` (发文机关, as written)")
	fs.StringVar(&req.Unit, "unit", "", "only targets in this `unit`, e.g. 所; with --min/--max the base unit (元 matches 亿元 and 万元) and the bounds compare scaled values")
	fs.StringVar(&req.Indicator, "indicator", "", "only targets of this indicator `key` (gdp_growth, cpi, urban_new_jobs, ...; planlens panel --list)")
	years := fs.String("year", "", "only this `year` or range (2026, 2021..2026, 2021..): the record's year, else its document's")
	var lo, hi floatFlag
	fs.Var(&lo, "min", "only targets with value ≥ `N` (with --unit: scaled value in that base unit, e.g. --min 1e8 --unit 元)")
	fs.Var(&hi, "max", "only targets with value ≤ `N` (with --unit: scaled value)")
	fs.Float64Var(&req.MinConfidence, "min-confidence", 0, "only targets and projects with at least this `confidence` (0–1); other kinds pass")
	fs.StringVar(&req.Doc, "doc", "", "only this document (`id, file name or path`)")
	fs.BoolVar(&req.Exact, "exact", false, "no synonyms: words and phrases match only as written")
	sortBy := fs.String("sort", "relevance", "order `by`: relevance, year (newest first) or value (largest first)")
	facets := fs.Bool("facets", false, "count hits by "+strings.Join(index.FacetFields, ", "))
	fs.IntVar(&req.Limit, "limit", 10, fmt.Sprintf("show at most `N` hits (1..%d)", index.MaxLimit))
	fs.IntVar(&req.Offset, "offset", 0, fmt.Sprintf("skip the first `N` hits (0..%d)", index.MaxOffset))
	format := fs.String("format", "table", "output `format`: table, json or csv (every field, document metadata included)")
	words, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(words) == 0 && !filtered(fs) {
		return usageErr("no QUERY given (a search with filters may leave it out: --kind document --region 北京市)")
	}
	if *format != "table" && *format != "json" && *format != "csv" {
		return usageErr("unknown format %q (want table, json or csv)", *format)
	}
	if req.Limit < 1 || req.Limit > index.MaxLimit || req.Offset < 0 || req.Offset > index.MaxOffset {
		return usageErr("--limit must be in 1..%d and --offset in 0..%d", index.MaxLimit, index.MaxOffset)
	}
	if index.SortOrders[*sortBy] == nil {
		return usageErr("unknown --sort %q (want relevance, year or value)", *sortBy)
	}
	req.Sort = []string{*sortBy}
	if req.YearFrom, req.YearTo, err = index.ParseYears(*years); err != nil {
		return usageErr("--year: %v", strings.TrimPrefix(err.Error(), index.ErrFilter.Error()+": "))
	}
	req.Query = strings.Join(words, " ")
	req.Min, req.Max = lo.v, hi.v
	if req.Kinds, err = parseKinds(*kinds); err != nil {
		return usageErr("%v", err)
	}
	if *facets {
		req.Facets = index.FacetFields
	}
	if err := req.Validate(); err != nil {
		return usageErr("%s", strings.TrimPrefix(err.Error(), index.ErrFilter.Error()+": "))
	}
	if _, err := index.ParseQuery(req.Query); err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}

	ix, err := openReader(ctx, e, *dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Search(ctx, req)
	if errors.Is(err, index.ErrQuery) || errors.Is(err, index.ErrFilter) {
		return &exitError{code: 2, msg: err.Error()}
	}
	if err != nil {
		return err
	}
	if res.Total == 0 {
		fmt.Fprintf(e.stderr, "planlens search: no hits for %s\n", req.Query)
	}
	switch *format {
	case "json":
		return writeSearchJSON(e.stdout, res)
	case "csv":
		return writeSearchCSV(e.stdout, res)
	}
	if res.Total == 0 {
		return nil
	}
	return writeSearchTable(e.stdout, res, req)
}

// writeSearchCSV writes the hits as extract --format csv writes records:
// every record field, then the document's metadata.
func writeSearchCSV(w io.Writer, res *index.Response) error {
	rw, err := newRecordWriter("csv", w)
	if err != nil {
		return err
	}
	for _, h := range res.Hits {
		if err := rw.write(h.Record, docMetaOf(h.Document)); err != nil {
			return err
		}
	}
	return rw.close()
}

// parseKinds parses a comma-separated list of hit kinds.
func parseKinds(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var kinds []string
	for _, k := range strings.Split(s, ",") {
		k = strings.TrimSpace(k)
		if !slices.Contains(index.AllKinds, k) {
			return nil, fmt.Errorf("unknown kind %q (allowed: %s)", k, strings.Join(index.AllKinds, ", "))
		}
		kinds = append(kinds, k)
	}
	return kinds, nil
}

func writeSearchJSON(w io.Writer, res *index.Response) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

// plainFragment turns a highlighted HTML fragment into terminal text,
// marking the matched terms with 【】.
func plainFragment(s string) string {
	s = strings.NewReplacer("<mark>", "【", "</mark>", "】").Replace(s)
	return strings.ReplaceAll(html.UnescapeString(s), "\n", " ")
}

func writeSearchTable(w io.Writer, res *index.Response, req index.Request) error {
	header := []string{"KIND", "TEXT", "SENTENCE", "DOCUMENT", "REGION", "YEAR"}
	rows := [][]string{header}
	for _, h := range res.Hits {
		frag := ""
		if len(h.Fragments) > 0 {
			frag = plainFragment(h.Fragments[0])
		}
		year := ""
		if h.DocYear != 0 {
			year = strconv.Itoa(h.DocYear)
		}
		title := h.Title
		if title == "" {
			title = source.Quote(h.Source)
		}
		rows = append(rows, []string{h.Kind, clip(h.Text, 24), clip(frag, 48), clip(title, 20), h.Region, year})
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	fmt.Fprintf(w, "%d–%d of %d hits\n", req.Offset+1, req.Offset+len(res.Hits), res.Total)
	for _, name := range index.FacetFields {
		counts := res.Facets[name]
		if len(counts) == 0 {
			continue
		}
		var parts []string
		for _, c := range counts {
			parts = append(parts, fmt.Sprintf("%s %d", c.Term, c.Count))
		}
		fmt.Fprintf(w, "%s: %s\n", name, strings.Join(parts, ", "))
	}
	return nil
}

// filtered reports whether a filter flag was given: a search may then
// have no query (every hit the filters let through).
func filtered(fs *flag.FlagSet) bool {
	found := false
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "index", "format", "limit", "offset", "sort", "facets", "exact":
		default:
			found = true
		}
	})
	return found
}
