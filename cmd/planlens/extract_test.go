package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/planlens/planlens/schema"
)

// runCmd runs planlens with args and returns stdout, stderr and the exit code.
func runCmd(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{extractors: testExtractors, stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return out.String(), errb.String(), code
}

const seed = "../../seeds/000_7c59a961256cf9e3.txt"

func TestExtractHelp(t *testing.T) {
	_, stderr, code := runCmd(t, "extract", "--help")
	if code != 0 || !strings.Contains(stderr, "--format") {
		t.Errorf("extract --help: code %d, stderr %q", code, stderr)
	}
	_, _, code = runCmd(t, "extract")
	if code != 2 {
		t.Errorf("extract without PATH: code %d, want 2", code)
	}
	_, stderr, code = runCmd(t, "extract", "--format", "xml", seed)
	if code != 2 || !strings.Contains(stderr, "xml") {
		t.Errorf("bad format: code %d, stderr %q", code, stderr)
	}
}

// TestExtractBadInputs mixes a binary file, an empty file, a truncated GBK
// file and an oversized file with the seed: each bad file gets a clear
// outcome naming it, the seed is still processed, the exit status is 1.
func TestExtractBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bin := write("image.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02"))
	empty := write("empty.txt", nil)
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("力争9所学校开工。推进70余项道路建设。")
	if err != nil {
		t.Fatal(err)
	}
	trunc := write("truncated-gbk.txt", []byte(gbk[:len(gbk)-1]))
	big := write("big.txt", bytes.Repeat([]byte("推进建设。"), 2<<20/15+1))

	stdout, stderr, code := runCmd(t, "extract", "--max-size", "1000000", bin, empty, trunc, big, seed)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	for _, want := range []string{"image.txt", "empty.txt", "big.txt"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not name %s:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stderr, "truncated-gbk.txt") {
		t.Errorf("no warning for the truncated GBK file:\n%s", stderr)
	}
	bySource := map[string]int{}
	sc := bufio.NewScanner(strings.NewReader(stdout))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r schema.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		bySource[filepath.Base(r.Source)]++
	}
	if bySource[filepath.Base(seed)] < 50 {
		t.Errorf("seed gave %d records, want it processed: %v", bySource[filepath.Base(seed)], bySource)
	}
	if bySource["truncated-gbk.txt"] == 0 {
		t.Errorf("truncated GBK file gave no records; its complete part should be read")
	}
	for _, bad := range []string{"image.txt", "empty.txt", "big.txt"} {
		if bySource[bad] != 0 {
			t.Errorf("%s gave %d records", bad, bySource[bad])
		}
	}
}

func TestExtractFormats(t *testing.T) {
	out, _, code := runCmd(t, "extract", "--format", "csv", "--kind", "action", seed)
	if code != 0 {
		t.Fatalf("csv: code %d", code)
	}
	if !strings.HasPrefix(out, "\ufeffkind,doc,source,") {
		t.Errorf("csv does not start with a BOM and the header: %q", out[:40])
	}
	if strings.Count(out, "\naction,") < 50 {
		t.Errorf("csv has too few action rows")
	}
	out, _, code = runCmd(t, "extract", "--format", "json", seed)
	var recs []schema.Record
	if code != 0 || json.Unmarshal([]byte(out), &recs) != nil || len(recs) < 50 {
		t.Fatalf("json: code %d, %d records", code, len(recs))
	}
	out, _, code = runCmd(t, "extract", "--format", "table", seed)
	if code != 0 || !strings.HasPrefix(out, "KIND") || !strings.Contains(out, "records\n") {
		t.Errorf("table: code %d, output %q", code, out[:min(len(out), 200)])
	}
}
