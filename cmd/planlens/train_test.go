package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planlens/planlens/extract/confidence"
)

// copyGold copies two real gold documents (text and gold) into a temp dir.
func copyGold(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, doc := range []string{"000_7c59a961256cf9e3", "10_hangzhou-gdp-plan-news-2021"} {
		for _, ext := range []string{".txt", ".gold.jsonl"} {
			b, err := os.ReadFile(filepath.Join("../../testdata/gold", doc+ext))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, doc+ext), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func TestTrainAndCV(t *testing.T) {
	dir := copyGold(t)
	out := filepath.Join(dir, "w", "weights.json")
	var so, se bytes.Buffer
	e := &env{extractors: testExtractors, stdout: &so, stderr: &se, getenv: func(string) string { return "" }}
	if code := run(context.Background(), e, []string{"train", "--gold", dir, "--out", out}); code != 0 {
		t.Fatalf("train: exit %d: %s", code, se.String())
	}
	if !strings.Contains(so.String(), "of 2 documents") {
		t.Errorf("train output: %s", so.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	m, err := confidence.Read(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Weights["target"]) == 0 || len(m.Weights["project"]) == 0 {
		t.Errorf("empty weights: %d target, %d project", len(m.Weights["target"]), len(m.Weights["project"]))
	}

	so.Reset()
	if code := run(context.Background(), e, []string{"eval", "--gold", dir, "--cv", "--format", "json"}); code != 0 {
		t.Fatalf("eval --cv: exit %d: %s", code, se.String())
	}
	var rep struct {
		Docs []struct {
			Doc string `json:"doc"`
		} `json:"docs"`
		Calibration []struct {
			Kind string `json:"kind"`
			N    int    `json:"n"`
		} `json:"calibration"`
		Total struct {
			Target struct{ TP int } `json:"target"`
		} `json:"total"`
	}
	if err := json.Unmarshal(so.Bytes(), &rep); err != nil {
		t.Fatalf("%v\n%s", err, so.String())
	}
	if len(rep.Docs) != 2 || rep.Total.Target.TP == 0 {
		t.Errorf("cv report: %+v", rep)
	}
	n := 0
	for _, b := range rep.Calibration {
		n += b.N
	}
	if n == 0 {
		t.Error("calibration table is empty")
	}
	so.Reset()
	if code := run(context.Background(), e, []string{"eval", "--gold", dir, "--cv"}); code != 0 || !strings.Contains(so.String(), "calibration") || !strings.Contains(so.String(), "per genre") {
		t.Errorf("eval --cv text (exit %d):\n%s", code, so.String())
	}
	// --min-confidence above 1 leaves no target to score
	so.Reset()
	if code := run(context.Background(), e, []string{"eval", "--gold", dir, "--min-confidence", "1.01", "--format", "json"}); code != 0 || !strings.Contains(so.String(), `"tp": 0`) {
		t.Errorf("eval --min-confidence 1.01 (exit %d): %.300s", code, so.String())
	}
}
