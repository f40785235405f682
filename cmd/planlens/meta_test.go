package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const shanghai001 = "../../testdata/corpus-shanghai/001.md"

// TestExtractMetaManifest: a --meta manifest (CSV or JSONL) overrides the
// front matter and inference, its other columns land in meta, and every
// record line carries its document's metadata.
func TestExtractMetaManifest(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "meta.csv")
	if err := os.WriteFile(csvPath, []byte("\ufefffile,标题,issuer,genre,doc_number,project_id\n001.md,城市体检方案,崇明区政府,implementation_plan,沪崇府办发(2021)20号,P-7\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	jsonlPath := filepath.Join(dir, "meta.jsonl")
	if err := os.WriteFile(jsonlPath, []byte(`{"path": "001.md", "title": "城市体检方案", "issuer": "崇明区政府", "genre": "implementation_plan", "doc_number": "沪崇府办发(2021)20号", "project_id": "P-7", "year": 2021}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{csvPath, jsonlPath} {
		t.Run(filepath.Ext(m), func(t *testing.T) {
			out, stderr, code := runCmd(t, "extract", "--docs", "--meta", m, shanghai001)
			if code != 0 {
				t.Fatalf("code %d: %s", code, stderr)
			}
			var doc struct {
				Title, Issuer, Genre string
				DocNumber            string            `json:"doc_number"`
				DatePublished        string            `json:"date_published"`
				Region               string            `json:"region"`
				RegionCode           string            `json:"region_code"`
				Meta                 map[string]string `json:"meta"`
				MetaSource           map[string]string `json:"meta_source"`
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if doc.Title != "城市体检方案" || doc.Issuer != "崇明区政府" || doc.DocNumber != "沪崇府办发〔2021〕20号" ||
				doc.Genre != "implementation_plan" || doc.Meta["project_id"] != "P-7" || doc.MetaSource["title"] != "manifest" {
				t.Errorf("manifest fields not applied: %s", out)
			}
			// the front matter still gives what the manifest leaves out
			if doc.DatePublished != "2021-09-09" || doc.MetaSource["date_published"] != "front_matter" ||
				doc.Region != "上海市崇明区" || doc.RegionCode != "310151" {
				t.Errorf("front matter fields: %s", out)
			}
		})
	}

	out, stderr, code := runCmd(t, "extract", "--meta", csvPath, shanghai001)
	if code != 0 {
		t.Fatalf("code %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 10 {
		t.Fatalf("%d records", len(lines))
	}
	for _, l := range lines {
		var r map[string]any
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		if r["doc_title"] != "城市体检方案" || r["doc_issuer"] != "崇明区政府" || r["doc_region"] != "上海市崇明区" ||
			r["doc_level"] != "district" || r["doc_year"] != float64(2021) || r["doc_genre"] != "implementation_plan" {
			t.Fatalf("record without its document's metadata: %s", l)
		}
		if r["text"] == "---" || strings.Contains(r["text"].(string), "标题:") {
			t.Errorf("front matter as a record: %s", l)
		}
	}

	out, _, _ = runCmd(t, "extract", "--format", "csv", shanghai001)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("csv: %v (%d rows)", err, len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	if rows[1][col["doc_issuer"]] != "上海市崇明区人民政府办公室" || rows[1][col["doc_number"]] != "沪崇府办发〔2021〕20号" ||
		rows[1][col["doc_date_published"]] != "2021-09-09" {
		t.Errorf("csv document columns: %v", rows[1])
	}
}

// TestExtractMetaManifestErrors: a bad manifest stops the command before
// any document is read, naming the file and line.
func TestExtractMetaManifestErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, data, want string }{
		{"m.csv", "title,issuer\n计划,某局\n", "m.csv:1: no path column"},
		{"d.csv", "path,title\na.md,甲\na.md,乙\n", "d.csv:3: a.md listed twice"},
		{"y.csv", "path,year\na.md,明年\n", `y.csv:2: year "明年" is not a year`},
		{"t.csv", "path,date_published\na.md,2021-13-45\n", "t.csv:2: date_published \"2021-13-45\" is not a date"},
		{"f.csv", "path,title\na.md,甲,多\n", "f.csv:2:"},
		{"j.jsonl", "{\"path\": \"a.md\"}\n{bad\n", "j.jsonl:2: not a JSON object"},
		{"e.jsonl", "{\"title\": \"甲\"}\n", "e.jsonl:1: empty path"},
	}
	for _, tt := range tests {
		p := filepath.Join(dir, tt.name)
		if err := os.WriteFile(p, []byte(tt.data), 0o644); err != nil {
			t.Fatal(err)
		}
		out, stderr, code := runCmd(t, "extract", "--meta", p, shanghai001)
		if code != 2 || out != "" || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: code %d, stdout %d bytes, stderr %q; want code 2 and %q", tt.name, code, len(out), stderr, tt.want)
		}
	}
	_, stderr, code := runCmd(t, "extract", "--meta", filepath.Join(dir, "missing.csv"), shanghai001)
	if code != 2 || !strings.Contains(stderr, "missing.csv") {
		t.Errorf("missing manifest: code %d, stderr %q", code, stderr)
	}
}

// TestIngestMetaChange: a document whose text is unchanged but whose
// metadata a corrected manifest changes is indexed again.
func TestIngestMetaChange(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "ix")
	docs := t.TempDir()
	p := copySeed(t, docs, "seed.txt", nil)
	man := filepath.Join(docs, "meta.csv")
	write := func(issuer string) {
		if err := os.WriteFile(man, []byte("file,issuer\nseed.txt,"+issuer+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("北京市朝阳区人民政府")
	if _, errs, code := pl(t, ix, "ingest", "--meta", man, p); code != 0 || !strings.Contains(errs, "1 documents") {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	if _, errs, code := pl(t, ix, "ingest", "--meta", man, p); code != 0 || !strings.Contains(errs, "1 unchanged skipped") {
		t.Fatalf("second ingest: exit %d: %s", code, errs)
	}
	write("北京市朝阳区发展和改革委员会")
	if _, errs, code := pl(t, ix, "ingest", "--meta", man, p); code != 0 || !strings.Contains(errs, "1 documents") || strings.Contains(errs, "1 unchanged") {
		t.Fatalf("ingest after a manifest change: exit %d: %s", code, errs)
	}
}

// TestExtractDocsCSVRoundTrip: extract --docs --format csv is a manifest:
// corrected by hand, --meta reads it back.
func TestExtractDocsCSVRoundTrip(t *testing.T) {
	out, stderr, code := runCmd(t, "extract", "--docs", "--format", "csv", shanghai001, seed)
	if code != 0 {
		t.Fatalf("code %d: %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("csv: %v, %d rows", err, len(rows))
	}
	if rows[0][0] != "path" || rows[1][0] != shanghai001 || rows[1][3] != "沪崇府办发〔2021〕20号" || rows[2][7] != "北京市朝阳区" {
		t.Fatalf("docs csv: %v", rows)
	}
	rows[2][1] = "朝阳区2026年重点工作" // a title corrected by hand
	rows[2][10] = "110105"
	var b strings.Builder
	if err := csv.NewWriter(&b).WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	man := filepath.Join(t.TempDir(), "docs.csv")
	if err := os.WriteFile(man, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code = runCmd(t, "extract", "--docs", "--meta", man, seed)
	if code != 0 {
		t.Fatalf("code %d: %s", code, stderr)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["title"] != "朝阳区2026年重点工作" || doc["region_code"] != "110105" || doc["meta"] != nil {
		t.Errorf("read back: %s", out)
	}
	if _, stderr, code := runCmd(t, "extract", "--docs", "--format", "table", seed); code != 2 || !strings.Contains(stderr, "jsonl or csv") {
		t.Errorf("--docs --format table: code %d, %s", code, stderr)
	}
}
