package project

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCorpusDump writes every project record of ../shared/corpus as
// "file<TAB>name<TAB>category<TAB>verb<TAB>context" lines to the file named
// by PROJECT_CORPUS_DUMP (for reading samples by hand); skipped otherwise.
func TestCorpusDump(t *testing.T) {
	out := os.Getenv("PROJECT_CORPUS_DUMP")
	if out == "" {
		t.Skip("set PROJECT_CORPUS_DUMP to a file to write")
	}
	files, err := filepath.Glob("../../../shared/corpus/*.txt")
	if err != nil || len(files) == 0 {
		t.Skip("no corpus")
	}
	fh, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, r := range docRecords(t, text) {
			if text[r.Start:r.End] != r.Text {
				t.Fatalf("%s: record not grounded: %+v", f, r)
			}
			fmt.Fprintf(fh, "%s\t%s\t%s\t%s\t%s\n", filepath.Base(f), r.Name, r.Category, r.Verb, context(text, r.Start, r.End))
			n++
		}
	}
	t.Logf("%d project records", n)
}

// context returns the text around [start,end) up to the nearest sentence
// ends (at most about 60 runes each side), the name marked with 【】.
func context(text string, start, end int) string {
	a := start
	for n := 0; a > 0 && n < 60; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:a])
		if r, _ := utf8.DecodeLastRuneInString(text[:a]); r == '。' || r == '\n' || r == '；' {
			break
		}
		a -= size
	}
	b := end
	for n := 0; b < len(text) && n < 60; n++ {
		r, size := utf8.DecodeRuneInString(text[b:])
		if r == '。' || r == '\n' {
			break
		}
		b += size
	}
	return strings.ReplaceAll(text[a:start]+"【"+text[start:end]+"】"+text[end:b], "\t", " ")
}
