package extract_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/source"
)

// TestMaxRecords: a document with more records than MaxRecords fails with
// ErrTooManyRecords naming it (the bound keeps a pathological file from
// taking gigabytes: an 8 MB text of dense targets took 1.8 GB before); one
// within it is extracted as usual.
func TestMaxRecords(t *testing.T) {
	const seed = "../seeds/000_7c59a961256cf9e3.txt"
	for _, c := range []struct {
		max  int
		fail bool
	}{{10, true}, {0, false}, {-1, false}} {
		x, err := extract.New(extract.Options{MaxRecords: c.max})
		if err != nil {
			t.Fatal(err)
		}
		res, err := x.File(context.Background(), seed, source.Options{})
		if c.fail {
			if !errors.Is(err, extract.ErrTooManyRecords) || !strings.Contains(err.Error(), "000_7c59a961256cf9e3.txt") || !strings.Contains(err.Error(), "more than 10") {
				t.Errorf("MaxRecords %d: err = %v, want ErrTooManyRecords naming the file", c.max, err)
			}
			continue
		}
		if err != nil || len(res.Records) < 50 {
			t.Errorf("MaxRecords %d: %v, %d records", c.max, err, len(res.Records))
		}
	}
}
