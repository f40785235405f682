package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/planlens/planlens/panel"
	"github.com/planlens/planlens/schema"
)

var panelDocs = []string{"../../testdata/corpus/gwr-national-2024.txt", "../../testdata/corpus/gwr-2026-anhui.txt",
	"../../testdata/corpus/gwr-national-2016.txt"}

// TestPanelCommand: the gdp_growth headlines of two national reports and
// a province, with value, range and approximator as the reports state
// them, the same rows from PATHs, from an index and read back from xlsx.
func TestPanelCommand(t *testing.T) {
	out, stderr, code := runCmd(t, append([]string{"panel", "--indicator", "gdp_growth,cpi", "--format", "csv"}, panelDocs...)...)
	if code != 0 {
		t.Fatalf("panel: code %d, stderr %s", code, stderr)
	}
	tab, err := panel.ReadCSV(strings.NewReader(out), panel.Long(nil).Columns)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, n := range tab.Names() {
		col[n] = i
	}
	var got []string
	for _, r := range tab.Rows {
		if r[col["indicator"]] != "gdp_growth" {
			continue
		}
		v := panel.Row{Value: r[col["value"]].(*float64), ValueMax: r[col["value_max"]].(*float64)}
		s := r[col["region"]].(string) + " " + r[col["title"]].(string) + " " + fmtFloat(v.Value)
		if v.ValueMax != nil {
			s += "-" + fmtFloat(v.ValueMax)
		}
		got = append(got, s+" "+r[col["approx"]].(string))
		src, _ := os.ReadFile(r[col["source"]].(string))
		if st, en := r[col["start"]].(int), r[col["end"]].(int); string(src[st:en]) != r[col["text"]] {
			t.Errorf("row text %q is not source[%d:%d]", r[col["text"]], st, en)
		}
		if !strings.Contains(r[col["sentence"]].(string), r[col["text"]].(string)) {
			t.Errorf("sentence %q does not hold %q", r[col["sentence"]], r[col["text"]])
		}
	}
	want := []string{"全国 2016年政府工作报告 6.5-7 exact", "全国 政府工作报告 5 about", "安徽省 2026年安徽省政府工作报告 5-5.5 exact"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("gdp_growth rows %q, want %q", got, want)
	}

	// the same panel from an index
	dir := filepath.Join(t.TempDir(), "ix")
	if _, stderr, code := runCmd(t, append([]string{"ingest", "--index", dir}, panelDocs...)...); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	fromIx, stderr, code := runCmd(t, "panel", "--index", dir, "--indicator", "gdp_growth,cpi")
	if code != 0 {
		t.Fatalf("panel --index: %s", stderr)
	}
	if sortedLines(fromIx) != sortedLines(out) {
		t.Errorf("panel --index differs from panel PATH:\n%s\n---\n%s", fromIx, out)
	}

	// xlsx to a file reads back as the CSV rows
	x := filepath.Join(t.TempDir(), "p.xlsx")
	if _, stderr, code := runCmd(t, append([]string{"panel", "--indicator", "gdp_growth,cpi", "--format", "xlsx", "-o", x}, panelDocs...)...); code != 0 {
		t.Fatalf("panel xlsx: %s", stderr)
	}
	b, err := os.ReadFile(x)
	if err != nil {
		t.Fatal(err)
	}
	xt, err := panel.ReadXLSX(bytes.NewReader(b), panel.Long(nil).Columns)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(xt.Rows, tab.Rows) {
		t.Errorf("xlsx rows differ from csv rows")
	}
}

func sortedLines(s string) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	// the document order of an index is by id, of PATHs by argument
	slices.Sort(l)
	return strings.Join(l, "\n")
}

func TestPanelUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"panel"}, "no PATH"},
		{[]string{"panel", "--indicator", "gdp", "x.txt"}, "x.txt"},
		{[]string{"panel", "--indicator", "gpd_growth", "x.txt"}, `unknown --indicator "gpd_growth"`},
		{[]string{"panel", "--format", "xls", "x.txt"}, `unknown --format "xls"`},
		{[]string{"panel", "--index", "d", "x.txt"}, "not both"},
	} {
		_, stderr, code := runCmd(t, c.args...)
		if code == 0 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: code %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
	}
	out, _, code := runCmd(t, "panel", "--list")
	if code != 0 || !strings.Contains(out, "gdp_growth") || !strings.Contains(out, "国民生产总值") {
		t.Errorf("panel --list: %d %s", code, out)
	}
}

// TestCSVHasEveryRecordField: the extract CSV header names every JSON
// field of schema.Record, so that CSV users lose nothing JSONL users get.
func TestCSVHasEveryRecordField(t *testing.T) {
	rt := reflect.TypeOf(schema.Record{})
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		if !slices.Contains(csvHeader, name) {
			t.Errorf("extract CSV has no column %q (schema.Record.%s)", name, rt.Field(i).Name)
		}
	}
	out, stderr, code := runCmd(t, "extract", "--kind", "target", "--format", "csv", "../../testdata/corpus/gwr-national-2024.txt")
	if code != 0 {
		t.Fatal(stderr)
	}
	if !strings.Contains(out, ",gdp_growth,,,true,") || !strings.Contains(out, "doc_title") {
		t.Errorf("extract CSV lacks the gdp_growth headline or the document columns:\n%.600s", out)
	}
}
