package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
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

func runSearch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "search", "search [flags] QUERY\n\nQUERY is Chinese words (all required, any order) and \"quoted phrases\" (words in this order).\nHits are records (targets, projects, actions) unless --kind says otherwise.")
	dir := indexFlag(fs, e)
	var req index.Request
	kinds := fs.String("kind", "", "only these `kinds`, comma-separated: target,project,action,sentence,document")
	fs.StringVar(&req.Stage, "stage", "", "only this `stage`: plan, start, advance, complete, improve")
	fs.StringVar(&req.Modality, "modality", "", "only this `modality`: ensure, strive, seek")
	fs.StringVar(&req.Region, "region", "", "only this `region`, e.g. 北京市朝阳区")
	fs.StringVar(&req.Level, "level", "", "only this `level`: national, provincial, city, district")
	fs.StringVar(&req.Unit, "unit", "", "only targets in this `unit`, e.g. 所")
	fs.IntVar(&req.Year, "year", 0, "only this `year` (the record's, else its document's)")
	var lo, hi floatFlag
	fs.Var(&lo, "min", "only targets with value ≥ `N`")
	fs.Var(&hi, "max", "only targets with value ≤ `N`")
	fs.Float64Var(&req.MinConfidence, "min-confidence", 0, "only targets and projects with at least this `confidence` (0–1); other kinds pass")
	fs.StringVar(&req.Doc, "doc", "", "only this document (`id or source`)")
	facets := fs.Bool("facets", false, "count hits by kind, stage, region, year and unit")
	fs.IntVar(&req.Limit, "limit", 10, "show at most `N` hits")
	fs.IntVar(&req.Offset, "offset", 0, "skip the first `N` hits")
	format := fs.String("format", "table", "output `format`: table or json")
	words, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(words) == 0 {
		return usageErr("no QUERY given")
	}
	if *format != "table" && *format != "json" {
		return usageErr("unknown format %q (want table or json)", *format)
	}
	if req.Limit < 1 || req.Offset < 0 {
		return usageErr("--limit must be at least 1 and --offset at least 0")
	}
	req.Query = strings.Join(words, " ")
	req.Min, req.Max = lo.v, hi.v
	if req.Kinds, err = parseKinds(*kinds); err != nil {
		return usageErr("%v", err)
	}
	if *facets {
		req.Facets = index.FacetFields
	}

	ix, err := openIndex(ctx, *dir, true)
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Search(ctx, req)
	if errors.Is(err, index.ErrQuery) {
		return &exitError{code: 2, msg: err.Error()}
	}
	if err != nil {
		return err
	}
	if res.Total == 0 {
		fmt.Fprintf(e.stderr, "planlens search: no hits for %s\n", req.Query)
	}
	if *format == "json" {
		return writeSearchJSON(e.stdout, res)
	}
	if res.Total == 0 {
		return nil
	}
	return writeSearchTable(e.stdout, res, req)
}

// parseKinds parses a comma-separated list of hit kinds.
func parseKinds(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var kinds []string
	for _, k := range strings.Split(s, ",") {
		switch k = strings.TrimSpace(k); k {
		case schema.KindTarget, schema.KindProject, schema.KindAction, index.KindSentence, index.KindDocument:
			kinds = append(kinds, k)
		default:
			return nil, fmt.Errorf("unknown kind %q (want target, project, action, sentence or document)", k)
		}
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
