package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planlens/planlens/index"
)

// A search with filters may leave the query out; with none it is a usage
// error.
func TestSearchFiltersWithoutQuery(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	p := copySeed(t, t.TempDir(), "seed.txt", nil)
	if _, errs, code := pl(t, dir, "ingest", p); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	out, errs, code := pl(t, dir, "search", "--kind", "document", "--doc", "seed.txt", "--format", "json")
	if code != 0 {
		t.Fatalf("filters only: exit %d: %s", code, errs)
	}
	var res index.Response
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].Source != p {
		t.Errorf("--kind document --doc seed.txt: %d hits %+v, want the one document %s", res.Total, res.Hits, p)
	}
	if _, errs, code := pl(t, dir, "search", "--format", "json"); code != 2 || !strings.Contains(errs, "no QUERY given") {
		t.Errorf("no query, no filter: exit %d: %s", code, errs)
	}
}
