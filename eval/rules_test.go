package eval

import (
	"testing"

	"github.com/planlens/planlens/schema"
)

func TestScoreRules(t *testing.T) {
	accept := func(rule string) []schema.Verdict {
		return []schema.Verdict{{Rule: "article", Verdict: schema.VerdictPass}, {Rule: rule, Verdict: schema.VerdictAccept}}
	}
	veto := func(rule string) []schema.Verdict { return []schema.Verdict{{Rule: rule, Verdict: schema.VerdictVeto}} }
	gold := []schema.Record{tgt(0, 5, 1, "个"), tgt(10, 15, 2, "个"), tgt(20, 25, 3, "个")}
	res := &schema.Result{}
	for _, r := range []struct {
		start  int
		value  float64
		why    []schema.Verdict
		reject bool
	}{
		{0, 1, accept("future-cue"), false},    // right
		{10, 2, accept("future-cue"), false},   // right
		{30, 4, accept("future-cue"), false},   // wrong: not in the gold
		{40, 5, accept("task-section"), false}, // wrong
		{20, 3, veto("retrospective"), true},   // wrong: a gold target vetoed
		{50, 6, veto("retrospective"), true},   // right
		{60, 7, veto("article"), true},         // right
	} {
		rec := tgt(r.start, r.start+5, r.value, "个")
		rec.Explain = r.why
		if r.reject {
			res.Rejected = append(res.Rejected, rec)
		} else {
			res.Records = append(res.Records, rec)
		}
	}
	got := map[string]RuleScore{}
	for _, s := range ScoreRules(gold, res) {
		got[s.Verdict+" "+s.Rule] = s
	}
	for key, want := range map[string][2]int{
		"accept future-cue":   {3, 2},
		"accept task-section": {1, 0},
		"veto retrospective":  {2, 1},
		"veto article":        {1, 1},
	} {
		s := got[key]
		if s.N != want[0] || s.Right != want[1] || len(s.Wrong) != want[0]-want[1] {
			t.Errorf("%s: n %d right %d wrong %d, want %d %d", key, s.N, s.Right, len(s.Wrong), want[0], want[1])
		}
	}
	if len(got) != 4 {
		t.Errorf("scores %v, want 4 rules (passes are no decisions)", got)
	}
	if s := got["accept future-cue"]; s.Precision < 0.66 || s.Precision > 0.67 {
		t.Errorf("future-cue precision %.3f, want 2/3", s.Precision)
	}
}
