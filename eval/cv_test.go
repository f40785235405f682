package eval_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/planlens/planlens/eval"
	"github.com/planlens/planlens/extract/confidence"
	"github.com/planlens/planlens/schema"
)

func TestLabels(t *testing.T) {
	v := schema.Float
	gold := []schema.Record{
		{Kind: schema.KindTarget, Start: 10, End: 14, Value: v(9), Unit: "所"},
		{Kind: schema.KindProject, Name: "北京科学高中"},
	}
	got := []schema.Record{
		{Kind: schema.KindTarget, Start: 11, End: 14, Value: v(9), Unit: "所"}, // right
		{Kind: schema.KindTarget, Start: 11, End: 14, Value: v(9), Unit: "所"}, // a second copy: wrong
		{Kind: schema.KindTarget, Start: 30, End: 34, Value: v(5), Unit: "%"}, // wrong
		{Kind: schema.KindProject, Name: "北京科学高中", Text: "北京科学高中"},            // right
		{Kind: schema.KindProject, Name: "科学高中", Text: "科学高中"},                // right (covers 4/6)
		{Kind: schema.KindProject, Name: "高中", Text: "高中"},                    // wrong (2/6)
		{Kind: schema.KindAction, Start: 10, End: 14},                         // not scored
	}
	want := []bool{true, false, false, true, true, false, false}
	if l := eval.Labels(gold, got); fmt.Sprint(l) != fmt.Sprint(want) {
		t.Errorf("Labels = %v, want %v", l, want)
	}
}

// synthDoc is a document of n sentences "今年计划建设N所学校。" (plan, right)
// and "去年建成N所学校。" (past, wrong) with gold for the plan ones.
func synthDoc(key string, n int) eval.CVDoc {
	var b strings.Builder
	d := eval.CVDoc{Key: key, Genre: schema.GenreReport, Doc: &confidence.Doc{Genre: schema.GenreReport, Year: 2026}}
	for i := 0; i < n; i++ {
		for _, plan := range []bool{true, false} {
			s := "去年建成"
			if plan {
				s = "今年计划建设"
			}
			start := b.Len()
			b.WriteString(s)
			ns := b.Len()
			fmt.Fprintf(&b, "%d所", i+2)
			ne := b.Len()
			b.WriteString("学校。")
			idx := len(d.Doc.Sentences)
			d.Doc.Sentences = append(d.Doc.Sentences, confidence.Span{Start: start, End: b.Len()})
			r := schema.Record{Kind: schema.KindTarget, Start: ns, End: ne, Sentence: idx, Value: schema.Float(float64(i + 2)), Unit: "所"}
			d.Candidates = append(d.Candidates, r)
			if plan {
				d.Gold = append(d.Gold, r)
			}
		}
	}
	d.Doc.Text = b.String()
	for i := range d.Candidates {
		d.Candidates[i].Text = d.Doc.Text[d.Candidates[i].Start:d.Candidates[i].End]
	}
	return d
}

func TestCrossValidate(t *testing.T) {
	docs := []eval.CVDoc{synthDoc("a.txt", 6), synthDoc("b.txt", 5), synthDoc("c.txt", 7)}
	rep, err := eval.CrossValidate(docs, confidence.TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Docs) != 3 {
		t.Fatalf("%d document reports, want 3", len(rep.Docs))
	}
	// the past cue separates: every held-out document is scored perfectly
	if rep.Total.Target.F1 != 1 {
		t.Errorf("target F1 %.3f, want 1 (P %.3f R %.3f)", rep.Total.Target.F1, rep.Total.Target.Precision, rep.Total.Target.Recall)
	}
	if g, ok := rep.Genres[schema.GenreReport]; !ok || len(g.Docs) != 3 {
		t.Errorf("genre report: %+v", rep.Genres)
	}
	n := 0
	for _, b := range rep.Calibration {
		if b.Kind == schema.KindTarget {
			n += b.N
		}
	}
	if n != 36 {
		t.Errorf("calibration counts %d target candidates, want 36", n)
	}
	if h := rep.High[schema.KindTarget]; h.N == 0 || h.Precision != 1 {
		t.Errorf("confidence ≥ 0.8: %+v, want all right", h)
	}
	if _, err := eval.CrossValidate(docs[:1], confidence.TrainOptions{}); err == nil {
		t.Error("one document: no error")
	}
}
