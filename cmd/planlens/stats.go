package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/planlens/planlens/index"
)

func statsCommand() command {
	return command{
		name:    "stats",
		summary: "count the documents and records in the index",
		run:     runStats,
	}
}

func runStats(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "stats", "stats [flags]")
	dir := indexFlag(fs, e)
	format := fs.String("format", "table", "output `format`: table or json")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return usageErr("unknown format %q (want table or json)", *format)
	}
	ix, err := openReader(ctx, e, *dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	st, err := ix.Stats(ctx)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	return writeStatsTable(e.stdout, st)
}

func writeStatsTable(w io.Writer, st *index.Stats) error {
	rows := [][]string{
		{"documents", strconv.FormatUint(st.Documents, 10)},
		{"sentences", strconv.FormatUint(st.Sentences, 10)},
		{"records", strconv.FormatUint(st.Records, 10)},
	}
	for _, g := range []struct {
		name string
		m    map[string]int
	}{{"kind", st.ByKind}, {"region", st.ByRegion}, {"year", st.ByYear}} {
		keys := make([]string, 0, len(g.m))
		for k := range g.m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if g.m[keys[i]] != g.m[keys[j]] {
				return g.m[keys[i]] > g.m[keys[j]]
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys {
			rows = append(rows, []string{"  " + g.name + " " + k, strconv.Itoa(g.m[k])})
		}
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	fmt.Fprintln(w, "(records by kind; documents by region and year)")
	return nil
}
