package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planlens/planlens/schema"
)

func TestReviewsFile(t *testing.T) {
	dir := t.TempDir()
	rv, err := OpenReviews(dir)
	if err != nil {
		t.Fatal(err)
	}
	text := "今年新建学校5所，建成公园10个。"
	doc := schema.Document{ID: "d1", Source: "/a/plan.txt", Text: text}
	rec := func(kind, s string) *schema.Record {
		i := strings.Index(text, s)
		return &schema.Record{Kind: kind, Text: s, Start: i, End: i + len(s), Value: schema.Float(5), Unit: "所"}
	}
	v := func(kind, s, verdict string) Verdict {
		r := rec(kind, s)
		return Verdict{Doc: "d1", Source: doc.Source, Kind: kind, Start: r.Start, End: r.End, Verdict: verdict, Record: r}
	}
	if err := rv.Save(v("target", "学校5所", VerdictRight), v("target", "公园10个", VerdictWrong), v("project", "公园", VerdictWrong)); err != nil {
		t.Fatal(err)
	}
	if err := rv.Save(v("target", "学校5所", VerdictWrong), v("target", "学校5所", VerdictRight)); err != nil {
		t.Fatal(err)
	}
	if err := rv.Save(Verdict{Doc: "d1", Verdict: "maybe"}); err == nil {
		t.Error("an unknown verdict was saved")
	}
	again, err := OpenReviews(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := again.All(); len(got) != 3 || got[0].Verdict != VerdictRight {
		t.Fatalf("reopened: %+v", got)
	}
	gold := Gold(again.All())
	var kinds []string
	for _, g := range gold {
		kinds = append(kinds, g.Kind+":"+g.Text)
		if g.Doc != "plan.txt" {
			t.Errorf("gold doc %q, want the file name", g.Doc)
		}
	}
	if strings.Join(kinds, " ") != "target:学校5所 not_target:公园10个" {
		t.Errorf("gold: %v", kinds)
	}
	// The text edited before the spans: the verdicts move with their text.
	edited := schema.Document{ID: "d2", Source: doc.Source, Text: "（草案）" + text}
	m := again.For(edited)
	if len(m) != 3 {
		t.Fatalf("For(edited) = %d verdicts", len(m))
	}
	for _, v := range m {
		if v.Doc != "d2" || edited.Text[v.Start:v.End] != v.Record.Text {
			t.Errorf("not re-anchored: %+v", v)
		}
	}
	park := strings.Index(text, "公园")
	if err := again.Save(Verdict{Doc: "d1", Kind: "project", Start: park, End: park + len("公园"), Verdict: VerdictClear}); err != nil {
		t.Fatal(err)
	}
	if n := len(again.All()); n != 2 {
		t.Errorf("after clear: %d verdicts", n)
	}
	// A damaged file is an error naming it.
	os.WriteFile(filepath.Join(dir, ReviewFile), []byte("{not json\n"), 0o644)
	if _, err := OpenReviews(dir); err == nil || !strings.Contains(err.Error(), ReviewFile) {
		t.Errorf("damaged file: %v", err)
	}
}
