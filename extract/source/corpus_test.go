package source

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/planlens/planlens/gazetteer"
	"github.com/planlens/planlens/schema"
)

// corpusDir is the development corpus (a copy of ../shared/corpus in
// testdata); PLANLENS_CORPUS points elsewhere.
func corpusDir() string {
	if d := os.Getenv("PLANLENS_CORPUS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "testdata", "corpus")
}

var sourcesRow = regexp.MustCompile(`^\| (gwr-[^ ]+\.txt) \| ([^|]+) \| ([^|]+) \| (\d{4}) \|`)

// TestCorpusMetadata checks the inferred year, region and level of every
// report of the development corpus against SOURCES.md.
func TestCorpusMetadata(t *testing.T) {
	dir := corpusDir()
	f, err := os.Open(filepath.Join(dir, "SOURCES.md"))
	if err != nil {
		t.Skipf("no development corpus: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n, yearOK, regionOK, genreOK, dated, datedOK := 0, 0, 0, 0, 0, 0
	for sc.Scan() {
		m := sourcesRow.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		n++
		file, body := m[1], strings.TrimSpace(m[3])
		wantYear, _ := strconv.Atoi(m[4])
		wantRegion, wantLevel := strings.TrimSuffix(body, "人民政府"), schema.LevelProvincial
		if strings.HasPrefix(file, "gwr-national") {
			wantRegion, wantLevel = gazetteer.RegionNational, schema.LevelNational
		}
		doc, err := Read(context.Background(), filepath.Join(dir, file), Options{})
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		if doc.Year == wantYear {
			yearOK++
		} else {
			t.Logf("%s: year %d, want %d (title %q)", file, doc.Year, wantYear, doc.Title)
		}
		if doc.DateWritten != "" {
			dated++
			if doc.DateWritten[:4] == m[4] {
				datedOK++
			} else {
				t.Logf("%s: date written %s, want year %s", file, doc.DateWritten, m[4])
			}
		}
		if doc.Genre == schema.GenreReport {
			genreOK++
		} else {
			t.Logf("%s: genre %q (title %q)", file, doc.Genre, doc.Title)
		}
		if doc.Region == wantRegion && doc.Level == wantLevel {
			regionOK++
		} else {
			t.Logf("%s: region %q %q, want %q %q", file, doc.Region, doc.Level, wantRegion, wantLevel)
		}
	}
	t.Logf("%d documents: year right %d, region and level right %d", n, yearOK, regionOK)
	if n == 0 {
		t.Fatal("no rows read from SOURCES.md")
	}
	// Floors measured when the rules were written; raise them, never lower.
	t.Logf("genre report %d/%d; date written %d/%d, in the report's year %d", genreOK, n, dated, n, datedOK)
	if dated < 30 || datedOK < dated {
		t.Errorf("date written: %d dated (floor 30), %d in the report's year", dated, datedOK)
	}
	if yearOK < n || regionOK < n || genreOK < 76 {
		t.Errorf("year right %d/%d (floor: all), region right %d/%d (floor 100%%), genre report %d/%d (floor 76)", yearOK, n, regionOK, n, genreOK, n)
	}
}
