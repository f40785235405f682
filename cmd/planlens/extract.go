package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/confidence"
	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/schema"
)

func extractCommand() command {
	return command{
		name:    "extract",
		summary: "extract targets, projects and actions from documents (prints records)",
		run:     runExtract,
	}
}

// docFlags are the flags shared by commands that read documents.
type docFlags struct {
	year    int
	region  string
	dicts   stringList
	maxSize int64
	workers int
	lenient bool
	meta    manifestFlag
	// propose: candidates without the confidence model's decision
	// (train, eval --cv)
	propose bool
}

// manifestFlag loads a --meta manifest when the flag is parsed, so that a
// bad manifest stops the command before any document is read, with the
// file and line of the problem.
type manifestFlag struct {
	name string
	m    *source.Manifest
}

func (f *manifestFlag) String() string { return f.name }
func (f *manifestFlag) Set(s string) error {
	m, err := source.LoadManifest(s)
	if err != nil {
		return err
	}
	f.name, f.m = s, m
	return nil
}

func addDocFlags(fs *flag.FlagSet) *docFlags {
	f := &docFlags{}
	fs.IntVar(&f.year, "year", 0, "plan/report `year` of every document (default: inferred from the text)")
	fs.StringVar(&f.region, "region", "", "`region` of every document, e.g. 北京市朝阳区 (default: inferred)")
	fs.Var(&f.dicts, "dict", "extra segmentation dictionary `FILE` (word [freq [pos]] a line); repeatable")
	fs.Int64Var(&f.maxSize, "max-size", 16<<20, "refuse files larger than this many `bytes` (policy documents are rarely over 2 MB)")
	fs.IntVar(&f.workers, "workers", runtime.NumCPU(), "documents processed in parallel")
	fs.Var(&f.meta, "meta", "metadata manifest `FILE` (CSV/TSV with a header, or JSONL): path or file name → title, issuer, doc_number, date_written, date_published, year, region, level, genre; overrides front matter and inference")
	fs.BoolVar(&f.lenient, "lenient", false, "read a text file with invalid bytes anyway: each becomes U+FFFD, with a warning giving the byte offsets")
	return f
}

func (f *docFlags) sourceOptions() source.Options {
	return source.Options{MaxBytes: f.maxSize, Year: f.year, Region: f.region, Lenient: f.lenient, Manifest: f.meta.m}
}

type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "extract", "extract [flags] PATH...\n\nReads .txt (UTF-8, UTF-16, GB18030/GBK), .html, .docx and .pdf files and directories\n(recursively) and prints one record per line (or as chosen by --format).")
	format := fs.String("format", "jsonl", "output `format`: jsonl, json, csv (UTF-8 with BOM, opens in Excel) or table")
	docsOnly := fs.Bool("docs", false, "print each document's metadata (id, title, issuer, doc_number, dates, genre, year, region, level, encoding ...) and record counts instead of records: JSON lines, or with --format csv a table that --meta reads back")
	minConf := fs.Float64("min-confidence", 0, "only targets and projects with at least this `confidence` (0–1); actions pass")
	kinds := fs.String("kind", "", "only these record `kinds`, comma-separated: target,project,action")
	explain := fs.Bool("explain", false, "add to each record (jsonl, json) the field explain: the named rules that judged it and their verdicts (accept, pass, veto)")
	df := addDocFlags(fs)
	lf := addLLMFlags(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageErr("no PATH given")
	}
	var w recordWriter = nopWriter{}
	var dw *docCSVWriter
	switch {
	case !*docsOnly:
		if w, err = newRecordWriter(*format, e.stdout); err != nil {
			return err
		}
	case *format == "csv":
		if dw, err = newDocCSVWriter(e.stdout); err != nil {
			return err
		}
		defer dw.flush()
	case *format != "jsonl":
		return usageErr("--docs prints jsonl or csv, not %q", *format)
	}
	keep, err := kindFilter(*kinds)
	if err != nil {
		return err
	}
	x, err := e.extractor(df.dicts)
	if err != nil {
		return err
	}
	if *explain {
		x = x.Explaining()
	}
	lr, err := lf.runner(e)
	if err != nil {
		return err
	}
	files, errs := source.Files(paths)
	failed := len(errs)
	for _, err := range errs {
		fmt.Fprintf(e.stderr, "planlens extract: %v\n", err)
	}
	err = extractFiles(ctx, x, files, df, func(path string, res *extract.Result, err error) error {
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "planlens extract: %v%s\n", err, hint(err))
			return nil
		}
		for _, warn := range res.Doc.Warnings {
			fmt.Fprintf(e.stderr, "planlens extract: %s: warning: %s\n", source.Quote(path), warn)
		}
		if err := lr.run(ctx, res); err != nil {
			return err
		}
		if *docsOnly {
			if *format == "csv" {
				return dw.write(res)
			}
			return writeDocJSON(e.stdout, res)
		}
		for _, r := range confidence.MinConfidence(res.Records, *minConf) {
			if keep(r) {
				if err := w.write(r, docMetaOf(&res.Doc)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := w.close(); err != nil {
		return err
	}
	lr.report(e)
	if failed > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d of %d inputs failed", failed, len(files)+len(errs))}
	}
	return nil
}

func kindFilter(kinds string) (func(schema.Record) bool, error) {
	if kinds == "" {
		return func(schema.Record) bool { return true }, nil
	}
	set := map[string]bool{}
	for _, k := range strings.Split(kinds, ",") {
		k = strings.TrimSpace(k)
		if !slices.Contains(schema.RecordKinds(), k) {
			return nil, usageErr("unknown kind %q (want one of %s)", k, strings.Join(schema.RecordKinds(), ", "))
		}
		set[k] = true
	}
	return func(r schema.Record) bool { return set[r.Kind] }, nil
}

// extractFiles extracts files on df.workers goroutines and calls emit for
// each file in input order (with the file's error, if any). emit's error
// stops the run.
func extractFiles(ctx context.Context, x *extract.Extractor, files []string, df *docFlags,
	emit func(path string, res *extract.Result, err error) error) error {
	type out struct {
		res *extract.Result
		err error
	}
	n := max(df.workers, 1)
	results := make([]chan out, len(files))
	for i := range results {
		results[i] = make(chan out, 1)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				file := x.File
				if df.propose {
					file = x.ProposeFile
				}
				res, err := file(ctx, files[i], df.sourceOptions())
				results[i] <- out{res, err}
			}
		}()
	}
	// At most 2n documents are extracted and not yet emitted: memory is
	// bounded by a few documents, not by the corpus, however slow emit is.
	ahead := make(chan struct{}, 2*n)
	go func() {
		defer close(jobs)
		for i := range files {
			select {
			case ahead <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	// On an early return the feeder and the workers must see the
	// cancellation before we wait for them: cancel first, then wait.
	defer func() {
		cancel()
		wg.Wait()
	}()
	for i, path := range files {
		var o out
		select {
		case o = <-results[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		err := emit(path, o.res, o.err)
		results[i] = nil // the result is garbage once emitted
		<-ahead
		if err != nil {
			return err
		}
	}
	return nil
}

// writeDocJSON prints a document's metadata and record counts as one JSON line.
func writeDocJSON(w io.Writer, res *extract.Result) error {
	counts := map[string]int{}
	for _, r := range res.Records {
		counts[r.Kind]++
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		schema.Document
		Sentences int            `json:"sentences"`
		Records   map[string]int `json:"records"`
	}{res.Doc, len(res.Sentences), counts})
}

// hint is advice a person can act on for some per-file errors.
func hint(err error) string {
	if errors.Is(err, source.ErrTooLarge) {
		return " (raise --max-size to read it anyway)"
	}
	if errors.Is(err, source.ErrEncoding) {
		return " (--lenient reads it with each invalid byte replaced)"
	}
	return ""
}
