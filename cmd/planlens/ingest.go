package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/index"
)

func ingestCommand() command {
	return command{
		name:    "ingest",
		summary: "extract documents and add them to the search index",
		run:     runIngest,
	}
}

// indexFlag adds --index: the index directory, from $PLANLENS_INDEX or
// ./planlens.index by default.
func indexFlag(fs *flag.FlagSet, e *env) *string {
	def := e.getenv("PLANLENS_INDEX")
	if def == "" {
		def = "planlens.index"
	}
	return fs.String("index", def, "index `DIR` (default $PLANLENS_INDEX or ./planlens.index)")
}

// openIndex opens the index for a command, turning the common failures
// into messages a person can act on.
func openIndex(ctx context.Context, dir string, mustExist bool) (*index.Index, error) {
	return openIndexWith(ctx, dir, index.Options{MustExist: mustExist})
}

// openIndexWith is openIndex with all of index.Open's options.
func openIndexWith(ctx context.Context, dir string, opts index.Options) (*index.Index, error) {
	ix, err := index.Open(ctx, dir, opts)
	return openResult(ix, err, dir)
}

// openResult turns index.Open's common failures into messages a person
// can act on.
func openResult(ix *index.Index, err error, dir string) (*index.Index, error) {
	switch {
	case errors.Is(err, index.ErrLocked):
		return nil, &exitError{code: 1, msg: err.Error() + " (wait for it to finish, or stop it)"}
	case errors.Is(err, index.ErrNoIndex):
		return nil, &exitError{code: 1, msg: fmt.Sprintf("no index at %s (run 'planlens ingest --index %s PATH...' first)", dir, dir)}
	}
	return ix, err
}

// defaultBatchOps is how many Bleve operations (records, sentences,
// documents) a batch collects before it is committed. A document never
// spans two batches.
const defaultBatchOps = 4000

type ingestStats struct {
	docs, records, skipped, failed int
	bytes                          int64
}

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ingest", "ingest [flags] PATH...\n\nExtracts records from files and directories (recursively) and adds them to the index.\nUnchanged documents are skipped; a changed document replaces its old records.\nCtrl-C stops after the current batch; run again to finish.")
	dir := indexFlag(fs, e)
	force := fs.Bool("force", false, "re-extract documents even when unchanged")
	batch := fs.Int("batch", defaultBatchOps, "commit after about `N` index operations (a document is never split)")
	shards := fs.Int("shards", runtime.NumCPU(), "split a new index into `N` shards, written in parallel (an existing index keeps its own)")
	verbose := fs.Bool("v", false, "list each document on stderr once it is committed to the index")
	df := addDocFlags(fs)
	lf := addLLMFlags(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageErr("no PATH given")
	}
	start := time.Now()
	defer tuneGC(e.getenv, *batch)()

	// One dictionary for the extractor and the index analyzer, unless
	// --dict asks for a segmenter of its own.
	x, err := e.extractor(df.dicts)
	if err != nil {
		return err
	}
	if *shards < 1 {
		return usageErr("--shards must be at least 1")
	}
	ix, release, err := openWriter(ctx, e, *dir, index.Options{Shards: *shards})
	if err != nil {
		return err
	}
	defer release()
	defer ix.Close()

	files, errs := source.Files(paths)
	var st ingestStats
	st.failed = len(errs)
	for _, err := range errs {
		fmt.Fprintf(e.stderr, "planlens ingest: %v\n", err)
	}
	var bar *progressbar.ProgressBar
	if e.stderrTTY {
		bar = progressbar.NewOptions(len(files),
			progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
	}
	var committed func(path string, records int)
	if *verbose {
		committed = func(path string, records int) {
			fmt.Fprintf(e.stderr, "planlens ingest: indexed %s (%d records)\n", source.Quote(path), records)
		}
	}
	lr, err := lf.runner(e)
	if err != nil {
		return err
	}
	job := ingestJob{ix: ix, x: x, df: df, force: *force, batchOps: *batch, committed: committed, llm: lr}
	err = job.run(ctx, files, &st, func(path string, err error) {
		if bar != nil {
			bar.Add(1)
		}
		if err != nil {
			if bar != nil {
				bar.Clear()
			}
			fmt.Fprintf(e.stderr, "planlens ingest: %s: %v\n", source.Quote(path), err)
		}
	})
	if bar != nil {
		bar.Finish()
	}
	lr.report(e)
	printIngestSummary(e.stderr, &st, time.Since(start))
	if err != nil {
		return err
	}
	if st.failed > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d of %d inputs failed", st.failed, len(files)+len(errs))}
	}
	return nil
}

// tuneGC trades memory for CPU while ingesting, unless $GOGC or
// $GOMEMLIMIT say otherwise: the collector runs at 3x the live heap
// instead of 2x, under a soft memory limit that grows with the batch size
// (the batch in hand is most of what is live besides the dictionary; the
// live heap peaks at ~145 MB on the corpus with the default batch). The
// limit keeps the heap, and so the peak RSS, flat whatever the size of the
// index: at 4x the corpus the earlier 5x/635 MB setting sat at the limit
// (615 MB anonymous RSS) with another 120 MB of Bleve's mapped segment
// files on top. The returned func restores the previous settings.
func tuneGC(getenv func(string) string, batchOps int) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	limit := int64(320<<20) + int64(max(batchOps, 1))*(16<<10)
	pct := debug.SetGCPercent(200)
	old := debug.SetMemoryLimit(limit)
	return func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(old)
	}
}

func printIngestSummary(w io.Writer, st *ingestStats, d time.Duration) {
	mb := float64(st.bytes) / 1e6
	fmt.Fprintf(w, "planlens ingest: %d documents, %d records indexed; %d unchanged skipped; %d failed; %.1f MB in %.1fs (%.2f MB/s)\n",
		st.docs, st.records, st.skipped, st.failed, mb, d.Seconds(), mb/max(d.Seconds(), 1e-9))
}

// ingestJob is one ingest run's settings.
type ingestJob struct {
	ix       *index.Index
	x        *extract.Extractor
	df       *docFlags
	force    bool
	batchOps int
	// committed, when not nil, is called for each document once its
	// batch is committed.
	committed func(path string, records int)
	// llm runs over each extracted document before it is indexed.
	llm *llmRunner
}

// run reads and extracts files on df.workers goroutines and adds the
// results to the index in batches of whole documents. done is called once
// per file, from this goroutine. On cancellation the batch in hand is
// committed (it holds only whole documents) and ctx's error returned.
func (j *ingestJob) run(ctx context.Context, files []string, st *ingestStats, done func(path string, err error)) error {
	ix, x, df, force := j.ix, j.x, j.df, j.force
	type out struct {
		path string
		res  *extract.Result // nil: skipped or failed
		err  error
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan string)
	// Buffered, so that extraction goes on while a batch is committed.
	outs := make(chan out, 4*max(df.workers, 1))
	var wg sync.WaitGroup
	for range max(df.workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range jobs {
				res, err := extractIfChanged(wctx, ix, x, path, df, force)
				if err == nil {
					err = j.llm.run(wctx, res)
				}
				select {
				case outs <- out{path, res, err}:
				case <-wctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, p := range files {
			select {
			case jobs <- p:
			case <-wctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(outs) }()

	b := ix.NewBatch()
	type pending struct {
		path    string
		records int
	}
	var inBatch []pending
	commit := func() error {
		docs, recs := b.Documents(), b.Records()
		if err := ix.Commit(context.WithoutCancel(ctx), b); err != nil {
			return err
		}
		st.docs += docs
		st.records += recs
		if j.committed != nil {
			for _, p := range inBatch {
				j.committed(p.path, p.records)
			}
		}
		inBatch = inBatch[:0]
		return nil
	}
	for {
		var o out
		var ok bool
		select {
		case o, ok = <-outs:
		case <-ctx.Done():
			cancel()
			if err := commit(); err != nil {
				return err
			}
			return ctx.Err()
		}
		if !ok {
			break
		}
		switch {
		case o.err != nil && ctx.Err() != nil:
			continue // cancelled mid-file; the next select returns
		case o.err != nil:
			st.failed++
		case o.res == nil:
			st.skipped++
		default:
			if err := b.Add(o.res); err != nil {
				st.failed++
				o.err = err
				break
			}
			st.bytes += int64(len(o.res.Doc.Text))
			inBatch = append(inBatch, pending{o.path, len(o.res.Records)})
			if b.Size() >= j.batchOps {
				if err := commit(); err != nil {
					return err
				}
			}
		}
		done(o.path, o.err)
	}
	if err := commit(); err != nil {
		return err
	}
	return ctx.Err()
}

// extractIfChanged reads path and extracts it, unless the index already
// holds the same text with the same metadata from the same source (then
// it returns nil, nil): a corrected --meta manifest or --year reaches the
// index on the next run.
func extractIfChanged(ctx context.Context, ix *index.Index, x *extract.Extractor, path string, df *docFlags, force bool) (*extract.Result, error) {
	doc, err := source.Read(ctx, path, df.sourceOptions())
	if err != nil {
		return nil, err
	}
	if !force {
		old, found, err := ix.Lookup(doc.Source)
		if err != nil {
			return nil, err
		}
		if found && old.Doc.ID == doc.ID && docMetaOf(&old.Doc) == docMetaOf(&doc) {
			return nil, nil
		}
	}
	return x.Document(ctx, doc)
}
