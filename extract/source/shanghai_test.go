package source

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planlens/planlens/gazetteer"
	"github.com/planlens/planlens/schema"
)

// shanghaiDir is the Shanghai corpus with publisher metadata (a copy of
// ../shared/corpus-shanghai in testdata); PLANLENS_SHANGHAI points elsewhere.
func shanghaiDir() string {
	if d := os.Getenv("PLANLENS_SHANGHAI"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "testdata", "corpus-shanghai")
}

// shanghaiRow is one row of index.tsv: the publisher's metadata.
type shanghaiRow struct {
	file, title, number, issuer, date, level, kind string
}

func readShanghaiIndex(t *testing.T, dir string) []shanghaiRow {
	f, err := os.Open(filepath.Join(dir, "index.tsv"))
	if err != nil {
		t.Skipf("no Shanghai corpus: %v", err)
	}
	defer f.Close()
	var rows []shanghaiRow
	sc := bufio.NewScanner(f)
	for n := 0; sc.Scan(); n++ {
		c := strings.Split(sc.Text(), "\t")
		if n == 0 {
			continue
		}
		if len(c) != 12 {
			t.Fatalf("index.tsv:%d: %d columns", n+1, len(c))
		}
		rows = append(rows, shanghaiRow{file: filepath.Base(c[0]), title: c[6], number: c[7], issuer: c[8], date: c[9], level: c[10], kind: c[11]})
	}
	return rows
}

// publisherGenres are the genres that fit each of the publisher's types:
// its types are coarse (实施意见 covers 实施方案 and 工作方案; 通知公告 also
// covers notices that issue a plan), so a genre is right when it is one of
// these.
var publisherGenres = map[string][]string{
	"实施意见":    {schema.GenreOpinion, schema.GenreImplementationPlan, schema.GenreActionPlan, schema.GenreMeasures},
	"规划与计划":   {schema.GenrePlan, schema.GenreActionPlan, schema.GenreImplementationPlan, schema.GenreTaskList},
	"通知公告":    {schema.GenreNotice, schema.GenreImplementationPlan, schema.GenreActionPlan, schema.GenrePlan, schema.GenreMeasures, schema.GenreOpinion},
	"规定":      {schema.GenreMeasures, schema.GenreNotice},
	"办法":      {schema.GenreMeasures, schema.GenreNotice},
	"实施细则":    {schema.GenreMeasures, schema.GenreNotice},
	"审查与许可规则": {schema.GenreMeasures, schema.GenreImplementationPlan},
	"其他":      {schema.GenreNotice},
}

// wantRegion derives the region and level the publisher's metadata say:
// 市级 is Shanghai itself (a municipality: provincial), 区级 the district
// its issuer or title names, 街镇级 a town of that district.
func (r shanghaiRow) wantRegion() (region, level string) {
	g := gazetteer.Default()
	sh, _ := g.Lookup("上海市")
	district := ""
	for _, s := range []string{r.issuer, r.title} {
		for _, c := range g.Children(sh) {
			if strings.Contains(s, g.Place(c).Name) {
				district = g.Path(c)
				break
			}
		}
		if district != "" {
			break
		}
	}
	switch r.level {
	case "市级":
		return "上海市", schema.LevelProvincial
	case "区级":
		return district, schema.LevelDistrict
	case "街镇级":
		return district, schema.LevelTownship
	}
	return "上海市", "" // 其他: the level is not scored
}

// containsNumber reports whether text prints the document number want in
// any bracket form.
func containsNumber(text, want string) bool {
	for _, m := range docNumberRe.FindAllString(text, -1) {
		if FoldDocNumber(m) == want {
			return true
		}
	}
	return false
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// shanghaiScore compares one document's metadata with the publisher's and
// returns the names of the fields it got right and wrong (with what it read).
func shanghaiScore(r shanghaiRow, doc schema.Document) (right map[string]bool, wrong []string) {
	right = map[string]bool{}
	check := func(field string, ok bool, got, want any) {
		right[field] = ok
		if !ok {
			wrong = append(wrong, fmt.Sprintf("%s=%v (want %v)", field, got, want))
		}
	}
	check("title", squeeze(doc.Title) == squeeze(r.title), doc.Title, r.title)
	firstIssuer := func(s string) string { s, _, _ = strings.Cut(squeeze(s), "、"); return s }
	check("issuer", firstIssuer(doc.Issuer) == firstIssuer(r.issuer), doc.Issuer, r.issuer)
	check("year", len(r.date) >= 4 && fmt.Sprint(doc.Year) == r.date[:4], doc.Year, r.date)
	date := doc.DatePublished
	if date == "" {
		date = doc.DateWritten
	}
	check("date", date == r.date, date, r.date)
	wantRegion, wantLevel := r.wantRegion()
	if wantLevel != "" {
		check("level", doc.Level == wantLevel, doc.Level, wantLevel)
	}
	regionOK := doc.Region == wantRegion
	if wantLevel == schema.LevelTownship {
		regionOK = wantRegion != "" && strings.HasPrefix(doc.Region, wantRegion) && doc.Region != wantRegion
	}
	check("region", regionOK, doc.Region, wantRegion)
	if n := squeeze(r.number); n != "" && n != "-" {
		want := FoldDocNumber(n)
		check("doc_number", doc.DocNumber == want, doc.DocNumber, want)
		// most texts do not print their own number: score those that do
		if containsNumber(doc.Text, want) {
			right["doc_number_in_text"] = doc.DocNumber == want
		}
	}
	if len(r.date) == 10 && len(date) == 10 {
		w, err1 := time.Parse(time.DateOnly, r.date)
		g, err2 := time.Parse(time.DateOnly, date)
		right["date_30d"] = err1 == nil && err2 == nil && g.Sub(w).Abs() <= 30*24*time.Hour
	} else if len(r.date) == 10 {
		right["date_30d"] = false
	}
	okGenre := false
	for _, g := range publisherGenres[r.kind] {
		okGenre = okGenre || doc.Genre == g
	}
	check("genre", okGenre, doc.Genre, r.kind)
	return right, wrong
}

// TestShanghaiDocsFile scores the output of any planlens build's
// "extract --docs" over the corpus (PLANLENS_SHANGHAI_DOCS=FILE.jsonl), so
// that an older binary's figures are measured the same way.
func TestShanghaiDocsFile(t *testing.T) {
	file := os.Getenv("PLANLENS_SHANGHAI_DOCS")
	if file == "" {
		t.Skip("PLANLENS_SHANGHAI_DOCS not set")
	}
	rows := readShanghaiIndex(t, shanghaiDir())
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]schema.Document{}
	for line := range strings.SplitSeq(strings.TrimSpace(string(data)), "\n") {
		var d schema.Document
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		docs[filepath.Base(d.Source)] = d
	}
	right, scored := map[string]int{}, map[string]int{}
	for _, r := range rows {
		d, ok := docs[r.file]
		if !ok {
			t.Errorf("%s: not in %s", r.file, file)
			continue
		}
		ok2, wrong := shanghaiScore(r, d)
		for f, v := range ok2 {
			scored[f]++
			if v {
				right[f]++
			}
		}
		if len(wrong) > 0 {
			t.Logf("%s: %s", r.file, strings.Join(wrong, "; "))
		}
	}
	t.Logf("%s: %v of %v", file, right, scored)
}

// TestShanghaiMetadata measures metadata accuracy on the 60 Shanghai
// documents against their publisher's metadata twice: reading the files
// as they are (front matter included), and from copies with the front
// matter cut off (the text alone). go test -run ShanghaiMetadata -v lists
// every wrong field.
func TestShanghaiMetadata(t *testing.T) {
	dir := shanghaiDir()
	rows := readShanghaiIndex(t, dir)
	cutDir := t.TempDir()
	fields := []string{"title", "issuer", "year", "date", "date_30d", "level", "region", "doc_number", "doc_number_in_text", "genre"}
	for _, mode := range []string{"front matter", "text alone"} {
		right, scored := map[string]int{}, map[string]int{}
		for _, r := range rows {
			path := filepath.Join(dir, r.file)
			if mode == "text alone" {
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				_, cut, _ := splitFrontMatter(string(data))
				if cut == 0 {
					t.Fatalf("%s: no front matter", r.file)
				}
				path = filepath.Join(cutDir, r.file)
				if err := os.WriteFile(path, data[cut:], 0o644); err != nil {
					t.Fatal(err)
				}
			}
			doc, err := Read(context.Background(), path, Options{})
			if err != nil {
				t.Errorf("%s: %v", r.file, err)
				continue
			}
			ok, wrong := shanghaiScore(r, doc)
			for f, v := range ok {
				scored[f]++
				if v {
					right[f]++
				}
			}
			if len(wrong) > 0 {
				t.Logf("%s %s: %s", mode, r.file, strings.Join(wrong, "; "))
			}
		}
		var line []string
		for _, f := range fields {
			line = append(line, fmt.Sprintf("%s %d/%d", f, right[f], scored[f]))
		}
		t.Logf("%s, %d documents: %s", mode, len(rows), strings.Join(line, ", "))
		// Floors measured when the rules were written; raise them, never lower.
		floors := map[string]int{"title": 58, "issuer": 40, "year": 57, "level": 57, "region": 57, "doc_number_in_text": 16, "date_30d": 52, "genre": 55}
		for f, floor := range floors {
			if mode == "front matter" {
				floor = scored[f] - 1
			}
			if right[f] < floor {
				t.Errorf("%s: %s right %d/%d, floor %d", mode, f, right[f], scored[f], floor)
			}
		}
	}
}
