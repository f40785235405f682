package action

import (
	"fmt"
	"strings"
	"testing"

	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/schema"
)

// actions annotates text (one sentence, no words: verbs are matched by
// string) and returns the action records the finder gives.
func actions(t *testing.T, text string) []schema.Record {
	t.Helper()
	a, err := annotate.New(annotate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := a.Text(text)
	if d.Len() != 1 {
		t.Fatalf("%q gives %d sentences", text, d.Len())
	}
	var out []schema.Record
	for _, fd := range New().Find(d.Sentence(0)) {
		out = append(out, fd.Record)
	}
	return out
}

func TestFrameClauseHasNoAction(t *testing.T) {
	got := actions(t, "在国际交往功能建设方面,朝阳区将制定实施国际友城建设计划")
	if len(got) != 1 || got[0].Verb != "制定实施" {
		t.Errorf("Actions = %+v, want one action with verb 制定实施", got)
	}
}

func TestNominalVerbsGiveNoAction(t *testing.T) {
	for _, text := range []string{
		"而绝对不能削弱和损害我国民族经济的发展",
		"形成东中西互动、共同发展的新格局",
		"全部建成后的年产能力将为九万辆",
	} {
		if got := actions(t, text); len(got) != 0 {
			t.Errorf("%s: Actions = %s/%s, want none", text, got[0].Verb, got[0].Object)
		}
	}
}

func TestActions(t *testing.T) {
	got := actions(t, "朝阳区将制定实施国际友城建设计划，同时，推动设立外籍人士综合服务中心，力争9所学校开工。")
	var desc []string
	for _, r := range got {
		desc = append(desc, fmt.Sprintf("%s/%s/%s/%s", r.Verb, r.Stage, r.Modality, r.Object))
	}
	want := []string{
		"制定实施/plan//国际友城建设计划",
		"推动设立/start//外籍人士综合服务中心",
		"开工/start/strive/9所学校",
	}
	if strings.Join(desc, "|") != strings.Join(want, "|") {
		t.Errorf("Actions =\n%q\nwant\n%q", desc, want)
	}
}
