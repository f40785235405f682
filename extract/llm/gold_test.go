package llm

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/planlens/planlens/eval"
	"github.com/planlens/planlens/schema"
)

// TestGoldScriptedMerge scores rules-only records and the same records
// after an LLM pass whose server answers each chunk with the seed's gold
// records inside it (plus one made-up project). Rules here are the gold with some records
// left out (misses) and some false records added: the pass must add the
// misses back (recall up), keep the false records (it deletes nothing, so
// false hits stay false hits, disputed) and drop the made-up ones.
func TestGoldScriptedMerge(t *testing.T) {
	text := seedText(t)
	f, err := os.Open(filepath.Join("testdata", "000_7c59a961256cf9e3.gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	gold, err := eval.ReadGold(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}

	var rules []schema.Record
	missedTargets, missedProjects := 0, 0
	nt := 0
	for i, g := range gold {
		if text[g.Start:g.End] != g.Text {
			t.Fatalf("gold record not grounded: %+v", g)
		}
		r := g
		r.Doc, r.Origin = "seed", schema.OriginRules
		switch g.Kind {
		case schema.KindTarget:
			if i%3 == 1 {
				missedTargets++
				continue
			}
		case schema.KindProject:
			if i%4 == 1 {
				missedProjects++
				continue
			}
		case schema.KindNotTarget:
			// three tricky spans the rules wrongly take for targets
			if nt++; nt > 3 {
				continue
			}
			r.Kind, r.Value, r.Unit = schema.KindTarget, schema.Float(5), "个"
		}
		rules = append(rules, r)
	}
	madeUp := wireRecord{Kind: "project", Text: "朝阳国际会展中心三期", Name: "朝阳国际会展中心三期", Category: "venue"}
	srv := serve(t, scriptedAt(text, gold, madeUp))
	opt := testOptions(t, srv.url())
	opt.ChunkTokens = 600
	res := newResult(t, text)
	res.Records = append([]schema.Record(nil), rules...)
	before := eval.ScoreDoc(gold, res.Records)
	st, err := newPass(t, opt).Run(context.Background(), res)
	if err != nil {
		t.Fatal(err)
	}
	after := eval.ScoreDoc(gold, res.Records)
	checkGrounded(t, res)
	t.Logf("rules missed %d targets and %d projects, made 3 false targets", missedTargets, missedProjects)
	t.Logf("%s", st)
	t.Logf("targets  before: %+v", before.Target)
	t.Logf("targets  after:  %+v", after.Target)
	t.Logf("projects before: %+v", before.Project)
	t.Logf("projects after:  %+v", after.Project)

	if after.Target.Recall <= before.Target.Recall || after.Project.Recall <= before.Project.Recall {
		t.Errorf("recall did not rise: targets %.3f→%.3f, projects %.3f→%.3f",
			before.Target.Recall, after.Target.Recall, before.Project.Recall, after.Project.Recall)
	}
	if after.Target.FN != 0 || after.Project.FN != 0 {
		t.Errorf("misses left after the pass: %d targets, %d projects", after.Target.FN, after.Project.FN)
	}
	if after.Target.FP != before.Target.FP || after.Target.FP != 3 {
		t.Errorf("false targets: before %d, after %d; want 3 kept (the pass deletes nothing)", before.Target.FP, after.Target.FP)
	}
	if after.Project.FP != 0 {
		t.Errorf("made-up project added: %d false projects", after.Project.FP)
	}
	// Every rule record is still there, the false ones disputed.
	have := map[[3]int]schema.Record{}
	for _, r := range res.Records {
		have[[3]int{r.Start, r.End, len(r.Kind)}] = r
	}
	for _, r := range rules {
		got, ok := have[[3]int{r.Start, r.End, len(r.Kind)}]
		switch {
		case !ok:
			t.Errorf("rule record deleted: %+v", r)
		case got.Origin != schema.OriginRules:
			t.Errorf("rule record lost its origin: %+v", got)
		case r.Unit == "个" && *r.Value == 5 && r.Object == "" && !got.LLMDisputed:
			t.Errorf("false target not disputed: %+v", got)
		}
	}
	if st.Dropped != st.Chunks || st.Added != missedTargets+missedProjects || st.Disputed != 3 || st.Failed != 0 {
		t.Errorf("stats %+v: want %d added, 3 disputed, the made-up project dropped in every chunk", st, missedTargets+missedProjects)
	}
}
