package eval

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planlens/planlens/schema"
)

func tgt(start, end int, v float64, unit string) schema.Record {
	return schema.Record{Kind: schema.KindTarget, Start: start, End: end, Value: schema.Float(v), Unit: unit}
}

func proj(name, stage string) schema.Record {
	return schema.Record{Kind: schema.KindProject, Name: name, Text: name, Stage: stage}
}

func not(start, end int) schema.Record {
	return schema.Record{Kind: schema.KindNotTarget, Start: start, End: end}
}

func TestScoreTargets(t *testing.T) {
	tests := []struct {
		name           string
		gold, got      []schema.Record
		tp, fp, fn     int
		notHits, incmp int
	}{
		{"exact match", []schema.Record{tgt(10, 20, 9, "所")}, []schema.Record{tgt(10, 20, 9, "所")}, 1, 0, 0, 0, 0},
		{"overlap is enough", []schema.Record{tgt(10, 30, 9, "所")}, []schema.Record{tgt(25, 40, 9, "所")}, 1, 0, 0, 0, 0},
		{"touching spans do not overlap", []schema.Record{tgt(10, 20, 9, "所")}, []schema.Record{tgt(20, 30, 9, "所")}, 0, 1, 1, 0, 0},
		{"value differs", []schema.Record{tgt(10, 20, 9, "所")}, []schema.Record{tgt(10, 20, 8, "所")}, 0, 1, 1, 0, 0},
		{"unit differs", []schema.Record{tgt(10, 20, 1.2, "万人")}, []schema.Record{tgt(10, 20, 1.2, "人")}, 0, 1, 1, 0, 0},
		{"one extracted record matches one gold mention", []schema.Record{tgt(10, 20, 5, "%"), tgt(15, 25, 5, "%")}, []schema.Record{tgt(12, 22, 5, "%")}, 1, 0, 1, 0, 0},
		{"two mentions", []schema.Record{tgt(10, 20, 4, "个"), tgt(100, 110, 4, "个")}, []schema.Record{tgt(10, 20, 4, "个"), tgt(100, 110, 4, "个")}, 2, 0, 0, 0, 0},
		{"false target on a not_target span", []schema.Record{not(0, 9)}, []schema.Record{tgt(3, 12, 5, "区")}, 0, 1, 0, 1, 0},
		{"incomplete target", nil, []schema.Record{{Kind: schema.KindTarget, Start: 0, End: 3}}, 0, 1, 0, 0, 1},
		{"actions are ignored", nil, []schema.Record{{Kind: schema.KindAction, Start: 0, End: 3}}, 0, 0, 0, 0, 0},
		{"nothing", nil, nil, 0, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ScoreDoc(tt.gold, tt.got)
			if r.Target.TP != tt.tp || r.Target.FP != tt.fp || r.Target.FN != tt.fn {
				t.Errorf("tp/fp/fn = %d/%d/%d, want %d/%d/%d", r.Target.TP, r.Target.FP, r.Target.FN, tt.tp, tt.fp, tt.fn)
			}
			if len(r.NotTargetHits) != tt.notHits || len(r.Incomplete) != tt.incmp {
				t.Errorf("not_target hits %d, incomplete %d; want %d, %d", len(r.NotTargetHits), len(r.Incomplete), tt.notHits, tt.incmp)
			}
		})
	}
}

func TestScoreFigures(t *testing.T) {
	gold := []schema.Record{tgt(0, 5, 1, "个"), tgt(10, 15, 2, "个"), tgt(20, 25, 3, "个"), tgt(30, 35, 4, "个")}
	got := []schema.Record{tgt(0, 5, 1, "个"), tgt(10, 15, 2, "个"), tgt(20, 25, 3, "个"), tgt(50, 55, 7, "个")}
	r := ScoreDoc(gold, got)
	if r.Target.Precision != 0.75 || r.Target.Recall != 0.75 || r.Target.F1 != 0.75 {
		t.Fatalf("P/R/F1 = %v/%v/%v, want 0.75 each", r.Target.Precision, r.Target.Recall, r.Target.F1)
	}
	if len(r.Misses) != 1 || r.Misses[0].Start != 30 || len(r.FalseHits) != 1 || r.FalseHits[0].Start != 50 {
		t.Fatalf("misses %+v, false hits %+v", r.Misses, r.FalseHits)
	}
}

func TestScoreProjects(t *testing.T) {
	gold := []schema.Record{proj("蓝岛大厦", "improve"), proj("世贸天阶", "improve"), proj("蓝岛大厦", "improve"), proj("北京科学高中", "start")}
	got := []schema.Record{proj("蓝岛大厦", "improve"), proj("蓝岛大厦", "advance"), proj("北京科学高中", "advance"), proj("重点项目", "advance")}
	r := ScoreDoc(gold, got)
	if r.Project.TP != 2 || r.Project.FP != 1 || r.Project.FN != 1 {
		t.Fatalf("tp/fp/fn = %d/%d/%d, want 2/1/1", r.Project.TP, r.Project.FP, r.Project.FN)
	}
	if r.ProjectStage.Correct != 1 || r.ProjectStage.Total != 2 {
		t.Fatalf("project stage %+v, want 1 of 2 (first mention counts)", r.ProjectStage)
	}
}

func TestFieldAccuracy(t *testing.T) {
	g := tgt(0, 10, 9, "所")
	g.Object, g.Stage, g.Direction = "学校", "start", ""
	x := tgt(0, 10, 9, "所")
	x.Object, x.Stage, x.Approx, x.Modality = "北京学校", "advance", "exact", "strive"
	r := ScoreDoc([]schema.Record{g}, []schema.Record{x})
	want := map[string]int{"object": 1, "stage": 0, "modality": 0, "direction": 1, "approx": 1}
	for _, f := range r.TargetFields {
		if f.Correct != want[f.Name] || f.Total != 1 {
			t.Errorf("%s: %d of %d, want %d of 1", f.Name, f.Correct, f.Total, want[f.Name])
		}
	}
}

func TestMerge(t *testing.T) {
	a := ScoreDoc([]schema.Record{tgt(0, 5, 1, "个")}, []schema.Record{tgt(0, 5, 1, "个")})
	b := ScoreDoc([]schema.Record{tgt(0, 5, 1, "个")}, []schema.Record{tgt(0, 5, 2, "个")})
	m := Merge(a, b)
	if m.Target.TP != 1 || m.Target.FP != 1 || m.Target.FN != 1 || m.Target.Precision != 0.5 {
		t.Fatalf("merged %+v", m.Target)
	}
}

func TestLoadGold(t *testing.T) {
	dir := t.TempDir()
	data := `{"doc": "a.txt", "kind": "target", "text": "9所", "start": 0, "end": 4, "value": 9, "unit": "所"}

{"doc": "b.txt", "kind": "not_target", "text": "十五五", "start": 0, "end": 9}
{"doc": "a.txt", "kind": "project", "text": "北京科学高中", "name": "北京科学高中", "start": 10, "end": 28}
`
	if err := os.WriteFile(filepath.Join(dir, "x.gold.jsonl"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	golds, err := LoadGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(golds) != 2 || golds[0].Doc != "a.txt" || len(golds[0].Records) != 2 || golds[1].Doc != "b.txt" || golds[0].Dir != dir {
		t.Fatalf("LoadGold = %+v", golds)
	}
	if _, err := LoadGold(t.TempDir()); !errors.Is(err, ErrNoGold) {
		t.Fatalf("empty dir: err = %v, want ErrNoGold", err)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadGold(bad); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("bad file: err = %v, want a line number", err)
	}
}
