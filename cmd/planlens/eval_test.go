package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
