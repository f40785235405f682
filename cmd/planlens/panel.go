package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/term"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/indicator"
	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/panel"
	"github.com/planlens/planlens/schema"
)

func panelCommand() command {
	return command{
		name:    "panel",
		summary: "region × year × indicator table of headline targets (csv, jsonl, json, parquet, xlsx)",
		run:     runPanel,
	}
}

func runPanel(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "panel", "panel [flags] PATH... | panel --index DIR [flags]\n\n"+
		"Prints one row per document and indicator: the document's headline target for it (the value of its\n"+
		"主要预期目标, else its first statement of this year's value), with region, level, year, title, value,\n"+
		"range, approximator, unit, the target's text and sentence, source and byte offsets.\n"+
		"Documents come from PATHs (extracted now) or from an index made by 'planlens ingest'.")
	inds := fs.String("indicator", "", "only these indicator `keys`, comma-separated (gdp_growth,cpi,...; see --list)")
	format := fs.String("format", "csv", "output `format`: "+strings.Join(panel.Formats, ", ")+" (parquet and xlsx need -o)")
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	wide := fs.Bool("wide", false, "one row per document with a column group per indicator (value, max, approx, unit, start)")
	all := fs.Bool("all", false, "add every other mention of each indicator (headline false) after its headline")
	list := fs.Bool("list", false, "list the indicator keys and the phrases that name them, and exit")
	dir := fs.String("index", "", "read documents and records from the index `DIR` instead of PATHs")
	df := addDocFlags(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	lex, err := indicator.New()
	if err != nil {
		return err
	}
	if *list {
		return listIndicators(e.stdout, lex)
	}
	if !slices.Contains(panel.Formats, *format) {
		return usageErr("unknown --format %q (want %s)", *format, strings.Join(panel.Formats, ", "))
	}
	var keys []string
	if *inds != "" {
		known := lex.Keys()
		for _, k := range strings.Split(*inds, ",") {
			k = strings.TrimSpace(k)
			if !slices.Contains(known, k) {
				return usageErr("unknown --indicator %q (want one of %s)", k, strings.Join(known, ", "))
			}
			keys = append(keys, k)
		}
	}
	switch {
	case *dir != "" && len(paths) > 0:
		return usageErr("give PATHs or --index, not both")
	case *dir == "" && len(paths) == 0:
		return usageErr("no PATH given (or --index DIR)")
	}
	var w io.Writer = e.stdout
	if *out == "" && panel.Binary(*format) {
		if f, ok := e.stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			return usageErr("--format %s is binary: give -o FILE", *format)
		}
	}
	var docs []schema.Document
	var recs []schema.Record
	failed, inputs := 0, 0
	if *dir != "" {
		docs, recs, err = panelFromIndex(ctx, *dir)
		if err != nil {
			return err
		}
	} else {
		x, err := e.extractor(df.dicts)
		if err != nil {
			return err
		}
		files, errs := source.Files(paths)
		failed, inputs = len(errs), len(files)+len(errs)
		for _, err := range errs {
			fmt.Fprintf(e.stderr, "planlens panel: %v\n", err)
		}
		err = extractFiles(ctx, x, files, df, func(path string, res *extract.Result, err error) error {
			if err != nil {
				failed++
				fmt.Fprintf(e.stderr, "planlens panel: %v%s\n", err, hint(err))
				return nil
			}
			docs = append(docs, res.Doc)
			recs = append(recs, res.Records...)
			return nil
		})
		if err != nil {
			return err
		}
	}
	rows := panel.Build(docs, recs, panel.Options{Indicators: keys, All: *all})
	t := panel.Long(rows)
	if *wide {
		t = panel.Wide(rows)
	}
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return fmt.Errorf("panel: %w", err)
		}
		if err := panel.Write(f, t, *format); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("panel: %s: %w", *out, err)
		}
		fmt.Fprintf(e.stderr, "planlens panel: %d rows (%d documents) written to %s\n", len(t.Rows), len(docs), source.Quote(*out))
	} else if err := panel.Write(w, t, *format); err != nil {
		return err
	}
	if failed > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d of %d inputs failed", failed, inputs)}
	}
	return nil
}

// panelFromIndex reads every document of an index with its records.
func panelFromIndex(ctx context.Context, dir string) ([]schema.Document, []schema.Record, error) {
	ix, err := openIndex(ctx, dir, true)
	if err != nil {
		return nil, nil, err
	}
	defer ix.Close()
	var ids []string
	const page = 500
	for off := 0; ; off += page {
		res, err := ix.Search(ctx, index.Request{Kinds: []string{index.KindDocument}, Limit: page, Offset: off, Sort: []string{"_id"}})
		if err != nil {
			return nil, nil, fmt.Errorf("panel: %w", err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.Doc)
		}
		if len(res.Hits) < page || uint64(off+page) >= res.Total {
			break
		}
	}
	var docs []schema.Document
	var recs []schema.Record
	for _, id := range ids {
		v, found, err := ix.Document(ctx, id)
		if err != nil {
			return nil, nil, fmt.Errorf("panel: %w", err)
		}
		if !found {
			continue
		}
		if !v.Complete {
			v.Doc.Text = "" // sentence texts only: offsets may not cut it
		}
		docs = append(docs, v.Doc)
		recs = append(recs, v.Records...)
	}
	return docs, recs, nil
}

// listIndicators prints the lexicon: key, unit class and phrases.
func listIndicators(w io.Writer, lex *indicator.Lexicon) error {
	phrases := map[string][]string{}
	for _, en := range lex.Entries() {
		if en.Key == indicator.Block {
			continue
		}
		p := en.Phrase
		if en.Variant != "" {
			p += "(" + en.Variant + ")"
		}
		phrases[en.Key] = append(phrases[en.Key], p)
	}
	rows := [][]string{{"KEY", "PHRASES"}}
	for _, k := range lex.Keys() {
		rows = append(rows, []string{k, strings.Join(phrases[k], " ")})
	}
	return writeColumns(w, rows)
}
