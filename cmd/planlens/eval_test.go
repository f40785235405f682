package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planlens/planlens/extract"
)

func TestEvalCommand(t *testing.T) {
	dir := t.TempDir()
	doc := "今年力争北京科学高中等9所学校开工。持续抓好两个“关键小事”。"
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	start := strings.Index(doc, "9所")
	nt := strings.Index(doc, "两个")
	gold := `{"doc": "a.txt", "kind": "target", "text": "9所学校", "start": ` + itoa(start) + `, "end": ` + itoa(start+10) + `, "value": 9, "unit": "所", "object": "学校"}
{"doc": "a.txt", "kind": "not_target", "text": "两个", "start": ` + itoa(nt) + `, "end": ` + itoa(nt+6) + `}
`
	if err := os.WriteFile(filepath.Join(dir, "a.gold.jsonl"), []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	e := &env{extractors: testExtractors, stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	if code := run(context.Background(), e, []string{"eval", "--gold", dir, "--format", "json"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res struct {
		Total struct {
			Target struct {
				TP, FP, FN int
				Precision  float64
			} `json:"target"`
			NotTargetHits []any `json:"not_target_hits"`
		} `json:"total"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if res.Total.Target.TP != 1 || res.Total.Target.FP != 0 || res.Total.Target.FN != 0 || len(res.Total.NotTargetHits) != 0 {
		t.Fatalf("eval = %+v\n%s", res.Total, out.String())
	}
	out.Reset()
	if code := run(context.Background(), e, []string{"eval", "--gold", dir, "--verbose"}); code != 0 || !strings.Contains(out.String(), "target       1.000   1.000") {
		t.Fatalf("text output (exit %d):\n%s", code, out.String())
	}
	if code := run(context.Background(), e, []string{"eval"}); code != 2 {
		t.Fatalf("eval without --gold: exit %d, want 2", code)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// A gold file whose text is missing is reported and the other documents are
// still scored; the run ends (it used to hang: the feeder of extractFiles
// waited for a slot while the caller waited for the workers).
func TestEvalMissingText(t *testing.T) {
	dir := t.TempDir()
	doc := "今年力争北京科学高中等9所学校开工。"
	start := strings.Index(doc, "9所")
	write := func(name, s string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rec := func(d string) string {
		return `{"doc": "` + d + `", "kind": "target", "text": "9所学校", "start": ` + itoa(start) + `, "end": ` + itoa(start+10) + `, "value": 9, "unit": "所", "object": "学校"}` + "\n"
	}
	write("a.txt", doc)
	write("a.gold.jsonl", rec("a.txt"))
	// b and c have gold but no text beside it: with one worker the feeder
	// is two documents ahead when the first error comes back.
	write("b.gold.jsonl", rec("b.txt"))
	write("c.gold.jsonl", rec("c.txt"))
	var out, errb bytes.Buffer
	e := &env{extractors: testExtractors, stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), e, []string{"eval", "--gold", dir, "--workers", "1", "--format", "json"})
	}()
	var code int
	select {
	case code = <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("eval with a missing text did not return")
	}
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, errb.String())
	}
	for _, want := range []string{"b.txt", "c.txt", "2 of 3 gold documents could not be read"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb.String())
		}
	}
	var res struct {
		Total struct {
			Target struct{ TP, FP, FN int } `json:"target"`
		} `json:"total"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if res.Total.Target.TP != 1 || res.Total.Target.FN != 0 {
		t.Fatalf("a.txt not scored alone: %+v", res.Total)
	}
}

// When emit stops the run, extractFiles returns its error at once: the
// feeder and the workers are cancelled before they are waited for.
func TestExtractFilesStopsOnEmitError(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		files = append(files, filepath.Join(dir, n+".txt")) // none exists
	}
	stop := errors.New("stop here")
	done := make(chan error, 1)
	go func() {
		done <- extractFiles(context.Background(), testExtractor(t), files, &docFlags{workers: 1},
			func(string, *extract.Result, error) error { return stop })
	}()
	select {
	case err := <-done:
		if !errors.Is(err, stop) {
			t.Fatalf("extractFiles = %v, want the emit error", err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("extractFiles did not return after emit's error")
	}
}
