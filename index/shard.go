package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// A sharded index is a directory holding shardsFile and the shards
// shard-00, shard-01, …, each a Bleve index of the same mapping. A
// document, its sentences and its records all go to the shard its source
// hashes to, so that a document is replaced or removed within one shard
// and a shard's batch holds whole documents. Searches go through a Bleve
// index alias over all shards, which merges hits, totals and facets.
//
// A directory with index_meta.json at its top is an unsharded index (every
// index made before shards existed) and is opened as before.
const shardsFile = "planlens_shards.json"

// shardsMeta is the content of shardsFile.
type shardsMeta struct {
	Shards int `json:"shards"`
}

// maxShards bounds --shards: each shard has its own files, locks and
// merger goroutines.
const maxShards = 64

func shardDir(dir string, i int) string { return filepath.Join(dir, fmt.Sprintf("shard-%02d", i)) }

// readShards returns the shard count of the sharded index in dir, or 0
// when dir holds no shardsFile.
func readShards(dir string) (int, error) {
	b, err := os.ReadFile(filepath.Join(dir, shardsFile))
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("index: open %s: %w", dir, err)
	}
	var m shardsMeta
	if err := json.Unmarshal(b, &m); err != nil || m.Shards < 1 || m.Shards > maxShards {
		return 0, fmt.Errorf("index: open %s: %s is damaged (%q)", dir, shardsFile, b)
	}
	return m.Shards, nil
}

// Open opens the index in dir, creating it when dir holds no index (with
// opts.Shards shards). It fails with an error wrapping ErrLocked when
// another process has the index open.
func Open(ctx context.Context, dir string, opts Options) (*Index, error) {
	if opts.Shards > maxShards {
		return nil, fmt.Errorf("index: %d shards asked for, at most %d", opts.Shards, maxShards)
	}
	n, err := readShards(dir)
	if err != nil {
		return nil, err
	}
	create := false
	if n == 0 {
		if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err == nil || opts.Shards <= 1 {
			return openOne(ctx, dir, opts)
		}
		if opts.MustExist {
			return nil, fmt.Errorf("index: %w at %s", ErrNoIndex, dir)
		}
		n, create = opts.Shards, true
	}
	var parts []*Index
	fail := func(err error) (*Index, error) {
		for _, p := range parts {
			p.Close()
		}
		return nil, err
	}
	sopts := opts
	sopts.MustExist = !create
	for i := range n {
		p, err := openOne(ctx, shardDir(dir, i), sopts)
		if err != nil {
			return fail(err)
		}
		if len(parts) > 0 && p.queryAnalyzer != parts[0].queryAnalyzer {
			p.Close()
			return fail(fmt.Errorf("index: open %s: shard %d is analysed with %s, shard 0 with %s", dir, i, p.queryAnalyzer, parts[0].queryAnalyzer))
		}
		parts = append(parts, p)
	}
	if create {
		// written last: a directory without it is not a sharded index
		b, _ := json.Marshal(shardsMeta{Shards: n})
		tmp := filepath.Join(dir, shardsFile+".tmp")
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			return fail(fmt.Errorf("index: create %s: %w", dir, err))
		}
		if err := os.Rename(tmp, filepath.Join(dir, shardsFile)); err != nil {
			return fail(fmt.Errorf("index: create %s: %w", dir, err))
		}
	}
	p0 := parts[0]
	ix := &Index{dir: dir, queryAnalyzer: p0.queryAnalyzer, fields: p0.fields, fold: p0.fold, synonyms: p0.synonyms, gaz: p0.gaz, hasExact: p0.hasExact}
	for _, p := range parts {
		ix.shards = append(ix.shards, p.bi)
	}
	alias := bleve.NewIndexAlias(ix.shards...)
	if err := alias.SetIndexMapping(ix.shards[0].Mapping()); err != nil {
		return fail(fmt.Errorf("index: open %s: %w", dir, err))
	}
	ix.bi = alias
	return ix, nil
}

// Shards is the number of shards (1 for an unsharded index).
func (ix *Index) Shards() int { return len(ix.shards) }

// shardOf is the shard of a source's document and rows.
func (ix *Index) shardOf(source string) int {
	if len(ix.shards) == 1 {
		return 0
	}
	h := fnv.New32a()
	h.Write([]byte(docID(source)))
	return int(h.Sum32() % uint32(len(ix.shards)))
}

func (ix *Index) newBatches() []*bleve.Batch {
	bs := make([]*bleve.Batch, len(ix.shards))
	for i, bi := range ix.shards {
		bs[i] = bi.NewBatch()
	}
	return bs
}

// commitShards applies each shard's batch, the shards in parallel.
func (ix *Index) commitShards(bs []*bleve.Batch) error {
	if len(bs) == 1 {
		return ix.shards[0].Batch(bs[0])
	}
	errs := make([]error, len(bs))
	var wg sync.WaitGroup
	for i, b := range bs {
		if b.Size() == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := ix.shards[i].Batch(b); err != nil {
				errs[i] = fmt.Errorf("shard %d: %w", i, err)
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
