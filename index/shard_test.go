package index_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/schema"
)

// shardCorpus extracts every fourth document of the corpus copy in
// testdata (all of them with PLANLENS_SHARD_TEST_ALL=1).
func shardCorpus(t *testing.T) []*schema.Result {
	t.Helper()
	if testing.Short() {
		t.Skip("corpus test in -short mode")
	}
	var files []string
	err := filepath.WalkDir(corpusDir(), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
			files = append(files, p)
		}
		return err
	})
	if err != nil || len(files) == 0 {
		t.Skipf("no corpus at %s: %v", corpusDir(), err)
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []*schema.Result
	for i, f := range files {
		if i%4 != 0 && os.Getenv("PLANLENS_SHARD_TEST_ALL") == "" {
			continue
		}
		res, err := x.File(context.Background(), f, source.Options{})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, res)
	}
	return out
}

func buildIndex(t *testing.T, dir string, shards int, docs []*schema.Result) *index.Index {
	t.Helper()
	ctx := context.Background()
	ix, err := index.Open(ctx, dir, index.Options{Shards: shards})
	if err != nil {
		t.Fatal(err)
	}
	b := ix.NewBatch()
	for _, res := range docs {
		if err := b.Add(res); err != nil {
			t.Fatal(err)
		}
		if b.Size() > 3000 {
			if err := ix.Commit(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := ix.Commit(ctx, b); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = index.Open(ctx, dir, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func hitKeys(r *index.Response) []string {
	var keys []string
	for _, h := range r.Hits {
		keys = append(keys, fmt.Sprintf("%s|%s|%d|%d", h.Kind, h.Doc, h.Start, h.End))
	}
	sort.Strings(keys)
	return keys
}

// searchAll runs r; with no limit it pages through every hit (pages of
// index.MaxLimit), to compare the sets.
func searchAll(ctx context.Context, ix *index.Index, r index.Request) (*index.Response, error) {
	if r.Limit != 0 {
		return ix.Search(ctx, r)
	}
	r.Limit = index.MaxLimit
	all, err := ix.Search(ctx, r)
	if err != nil {
		return nil, err
	}
	for r.Offset = r.Limit; uint64(r.Offset) < all.Total; r.Offset += r.Limit {
		page, err := ix.Search(ctx, r)
		if err != nil {
			return nil, err
		}
		all.Hits = append(all.Hits, page.Hits...)
	}
	return all, nil
}

// TestShardedSearchesLikeUnsharded: the same documents in one index and in
// three shards give the same totals, the same hits and the same facet
// counts for every query.
func TestShardedSearchesLikeUnsharded(t *testing.T) {
	docs := shardCorpus(t)
	one := buildIndex(t, t.TempDir(), 1, docs)
	three := buildIndex(t, t.TempDir(), 3, docs)
	if one.Shards() != 1 || three.Shards() != 3 {
		t.Fatalf("shards: %d and %d, want 1 and 3", one.Shards(), three.Shards())
	}
	min := 10.0
	requests := []index.Request{{Facets: index.FacetFields}, {Kinds: []string{index.KindDocument}}}
	for _, q := range benchQueries {
		requests = append(requests, index.Request{Query: q, Facets: index.FacetFields})
	}
	requests = append(requests,
		index.Request{Query: "学校", Kinds: []string{schema.KindTarget}, Min: &min, Facets: index.FacetFields},
		index.Request{Query: "开工", Stage: "start", Facets: []string{"region", "year"}},
		index.Request{Query: "高质量发展", Limit: 5, Offset: 7},
	)
	ctx := context.Background()
	top, withHits := 0, 0
	for _, r := range requests {
		limit, offset := r.Limit, r.Offset
		a, err := searchAll(ctx, one, r)
		if err != nil {
			t.Fatal(err)
		}
		b, err := searchAll(ctx, three, r)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("%q kinds %v limit %d offset %d", r.Query, r.Kinds, limit, offset)
		if a.Total != b.Total {
			t.Errorf("%s: total %d unsharded, %d sharded", name, a.Total, b.Total)
		}
		if a.Total > 0 {
			withHits++
		}
		if limit == 0 {
			if ka, kb := hitKeys(a), hitKeys(b); strings.Join(ka, "\n") != strings.Join(kb, "\n") {
				t.Errorf("%s: %d hits unsharded, %d sharded, not the same", name, len(ka), len(kb))
			}
		} else if len(a.Hits) != len(b.Hits) {
			t.Errorf("%s: a page of %d hits unsharded, %d sharded", name, len(a.Hits), len(b.Hits))
		}
		if fa, fb := fmt.Sprint(a.Facets), fmt.Sprint(b.Facets); fa != fb {
			t.Errorf("%s: facets differ:\nunsharded %s\nsharded   %s", name, fa, fb)
		}
		if len(a.Hits) > 0 && len(b.Hits) > 0 && a.Hits[0].Doc == b.Hits[0].Doc && a.Hits[0].Start == b.Hits[0].Start {
			top++
		}
	}
	if withHits < len(requests)*3/4 {
		t.Errorf("only %d of %d requests have hits: the comparison tests little", withHits, len(requests))
	}
	t.Logf("%d documents, %d requests; the same best hit in %d (scores are per shard)", len(docs), len(requests), top)
}

// TestShardsKeptAndReplaced: an index keeps the shard count it was made
// with, and re-adding a document replaces it within its shard.
func TestShardsKeptAndReplaced(t *testing.T) {
	ctx := context.Background()
	seed := seedResult(t)
	for _, tt := range []struct{ create, reopen, want int }{{1, 4, 1}, {4, 1, 4}, {4, 0, 4}} {
		dir := t.TempDir()
		ix, err := index.Open(ctx, dir, index.Options{Shards: tt.create})
		if err != nil {
			t.Fatal(err)
		}
		for range 2 { // the second Add replaces the first
			b := ix.NewBatch()
			if err := b.Add(seed); err != nil {
				t.Fatal(err)
			}
			if err := ix.Commit(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		ix.Close()
		ix, err = index.Open(ctx, dir, index.Options{Shards: tt.reopen, MustExist: true})
		if err != nil {
			t.Fatal(err)
		}
		if ix.Shards() != tt.want {
			t.Errorf("made with %d shards, reopened asking %d: %d shards, want %d", tt.create, tt.reopen, ix.Shards(), tt.want)
		}
		res, err := ix.Search(ctx, index.Request{Kinds: []string{index.KindDocument}})
		if err != nil {
			t.Fatal(err)
		}
		info, found, err := ix.Lookup(seed.Doc.Source)
		if err != nil || !found || res.Total != 1 || info.Records != len(seed.Records) {
			t.Errorf("%d shards: %d documents, lookup %+v %v %v; want the seed once with %d records", tt.create, res.Total, info, found, err, len(seed.Records))
		}
		ix.Close()
	}
	if _, err := index.Open(ctx, filepath.Join(t.TempDir(), "none"), index.Options{Shards: 2, MustExist: true}); err == nil {
		t.Error("MustExist opened a missing sharded index")
	}
}
