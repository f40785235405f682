package main

import (
	"sync"
	"testing"

	"github.com/planlens/planlens/extract"
)

// The command tests share one extractor per test binary: building the
// stack (gse dictionary, lexicons, finders) takes seconds, and every
// command run would otherwise build its own.
var (
	sharedXOnce sync.Once
	sharedX     *extract.Extractor
	sharedXErr  error
)

// testExtractors is env.extractors for tests: runs without --dict get the
// shared extractor, runs with --dict build their own as planlens does.
func testExtractors(dicts []string) (*extract.Extractor, error) {
	if len(dicts) > 0 {
		return newExtractor(dicts)
	}
	sharedXOnce.Do(func() { sharedX, sharedXErr = newExtractor(nil) })
	return sharedX, sharedXErr
}

// testExtractor is the shared extractor, for tests that extract directly.
func testExtractor(t *testing.T) *extract.Extractor {
	t.Helper()
	x, err := testExtractors(nil)
	if err != nil {
		t.Fatal(err)
	}
	return x
}
