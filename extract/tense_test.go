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

// TestDocumentYearDrivesTense: the tense cues are read against the
// document's year (its metadata, or --year), not only the year written in
// its text: 2025年 is this year's plan in a 2025 document and a review in
// a 2026 one.
func TestDocumentYearDrivesTense(t *testing.T) {
	x := extractor(t)
	text := "朝阳区重点工作\n2025年，全区新建学校30所，完成老旧小区改造12个。\n"
	count := func(year int) int {
		res, err := x.Document(context.Background(), schema.Document{ID: "y", Source: "y.txt", Text: text, Year: year})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range res.Records {
			if r.Kind == schema.KindTarget {
				n++
			}
		}
		return n
	}
	if got := count(2025); got != 2 {
		t.Errorf("year 2025: %d targets, want 2 (2025年 is this year)", got)
	}
	if got := count(2026); got != 0 {
		t.Errorf("year 2026: %d targets, want 0 (2025年 is last year)", got)
	}
}
