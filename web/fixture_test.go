package web

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/index"
)

// The fixture: real work reports of the repository's corpus extracted by
// the real extractor (gse and its dictionary) into a Bleve index on disk,
// and a hostile document whose text carries markup. One index per test
// binary; tests that write (reviews) use their own review files.

// fixtureDocs are corpus reports: several provinces (陕西省 for the
// region filter), two national years, and Guangdong's 2026 report (32,954
// characters) for the long-document view.
var fixtureDocs = []string{
	"gwr-2026-guangdong.txt", "gwr-2026-shaanxi.txt", "gwr-2026-beijing.txt", "gwr-2026-anhui.txt",
	"gwr-national-2023.txt", "gwr-national-2024.txt",
	// National years whose GDP targets are a range (2016 6.5–7, 2019
	// 6–6.5), a floor (2021 6以上) and a point (2012 7.5): the chart's
	// line across years.
	"gwr-national-2012.txt", "gwr-national-2016.txt", "gwr-national-2019.txt", "gwr-national-2021.txt",
	// A Shanghai district's notice with its issuer and genre in front
	// matter (the issuer and genre filters).
	"../corpus-shanghai/012.md",
}

// hostileText is a plan whose text holds markup that must show as text.
const hostileText = "2026年某某区政府工作报告\n" +
	"今年要新建<script>alert('xss')</script>学校5所，确保<img src=x onerror=alert(1)>公园10个开工建设。\n" +
	"推进\"><svg onload=alert(2)>示范区建设，城镇新增就业1.2万人。\n"

type fixture struct {
	dir     string // holds the index ("ix"), the documents and review files
	ix      *index.Index
	hostile string // the hostile document's id
	long    string // Guangdong's id
	shaanxi string
	err     error
}

var (
	fixOnce sync.Once
	fix     fixture
)

func TestMain(m *testing.M) {
	code := m.Run()
	stopBrowser()
	if fix.ix != nil {
		fix.ix.Close()
	}
	if fix.dir != "" {
		os.RemoveAll(fix.dir)
	}
	os.Exit(code)
}

// getFixture builds the fixture once.
func getFixture(t testing.TB) *fixture {
	t.Helper()
	fixOnce.Do(func() { fix.err = fix.build() })
	if fix.err != nil {
		t.Fatal(fix.err)
	}
	return &fix
}

func (f *fixture) build() error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "planlens-web-test-")
	if err != nil {
		return err
	}
	f.dir = dir
	docs := filepath.Join(dir, "docs")
	if err := os.MkdirAll(docs, 0o755); err != nil {
		return err
	}
	var paths []string
	for _, name := range fixtureDocs {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "corpus", name))
		if err != nil {
			return err
		}
		p := filepath.Join(docs, filepath.Base(name))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
		paths = append(paths, p)
	}
	hp := filepath.Join(docs, "hostile-2026.txt")
	if err := os.WriteFile(hp, []byte(hostileText), 0o644); err != nil {
		return err
	}
	paths = append(paths, hp)
	x, err := extract.New(extract.Options{})
	if err != nil {
		return err
	}
	ix, err := index.Open(ctx, filepath.Join(dir, "ix"), index.Options{})
	if err != nil {
		return err
	}
	f.ix = ix
	b := ix.NewBatch()
	for _, p := range paths {
		res, err := x.File(ctx, p, source.Options{})
		if err != nil {
			return err
		}
		switch filepath.Base(p) {
		case "hostile-2026.txt":
			f.hostile = res.Doc.ID
		case "gwr-2026-guangdong.txt":
			f.long = res.Doc.ID
		case "gwr-2026-shaanxi.txt":
			f.shaanxi = res.Doc.ID
			if res.Doc.Region != "陕西省" {
				return fmt.Errorf("fixture: shaanxi's region is %q", res.Doc.Region)
			}
		}
		if err := b.Add(res); err != nil {
			return err
		}
	}
	return ix.Commit(ctx, b)
}
