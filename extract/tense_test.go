package extract_test

import (
	"context"
	"strings"
	"testing"

	"github.com/planlens/planlens/schema"
)

// TestTenseOfRecords checks that action records come only from sentences
// not judged past, and that project records carry their sentence's tense.
func TestTenseOfRecords(t *testing.T) {
	x := extractor(t)
	text := "2026年政府工作报告\n一、2025年工作回顾\n建成北京科学高中，推进老旧小区改造。\n二、2026年重点任务\n开工建设海淀医院二期，推进老旧小区改造。\n"
	res, err := x.Document(context.Background(), schema.Document{ID: "t", Source: "t.txt", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	review := strings.Index(text, "建成北京科学高中")
	tasks := strings.Index(text, "开工建设海淀医院")
	var actions, projects int
	for _, r := range res.Records {
		switch r.Kind {
		case schema.KindAction:
			actions++
			if r.Start < tasks {
				t.Errorf("action %q from the review section", r.Text)
			}
		case schema.KindProject:
			projects++
			want := "future"
			if r.Start < tasks {
				want = "past"
			}
			if r.Start >= review && r.Tense != want {
				t.Errorf("project %q: tense %q, want %q", r.Name, r.Tense, want)
			}
		}
	}
	if actions == 0 || projects < 2 {
		t.Fatalf("want actions from the task section and projects from both: %d actions, %d projects in %+v", actions, projects, res.Records)
	}
}
