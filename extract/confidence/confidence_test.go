package confidence_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/planlens/planlens/extract/confidence"
	"github.com/planlens/planlens/schema"
)

// doc builds a one-sentence document and a record on the first match of
// span in it.
func doc(t *testing.T, text, span, kind string) (*confidence.Doc, schema.Record) {
	t.Helper()
	i := strings.Index(text, span)
	if i < 0 {
		t.Fatalf("%q not in %q", span, text)
	}
	d := &confidence.Doc{Text: text, Genre: schema.GenreNews, Year: 2026,
		Sentences: []confidence.Span{{Start: 0, End: len(text)}}}
	return d, schema.Record{Kind: kind, Start: i, End: i + len(span), Text: span, Name: span}
}

func TestFeatures(t *testing.T) {
	fz, err := confidence.NewFeaturizer()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text, span, kind string
		unit                   string
		want, not              []string
	}{
		{"plan cue in clause", "今年计划新开工项目20个。", "20个", schema.KindTarget, "个",
			[]string{"cb:计划", "cbg:plan", "cb:今年", "uclass=count", "genre=news"}, []string{"cbg:past"}},
		{"past year", "2023年完成投资5亿元。", "5亿元", schema.KindTarget, "亿元",
			[]string{"year:past", "uclass=money", "cb:完成"}, []string{"year:future"}},
		{"question after", "GDP能否突破2万亿吗？", "2万亿", schema.KindTarget, "万亿",
			[]string{"ca:吗", "cag:question", "uclass=bare"}, nil},
		{"in quotes", "建设“10分钟生活圈”。", "10分钟", schema.KindTarget, "分钟",
			[]string{"inquote", "uclass=time"}, nil},
		{"task row", "3．完成20公里道路建设。", "20公里", schema.KindTarget, "公里",
			[]string{"row", "uclass=length"}, nil},
		// a project's features are its own: its evidence facts, shape and
		// neighbours; no document-level cue, genre or heading class
		{"project after build verb", "加快建设北京科学高中。", "北京科学高中", schema.KindProject, "",
			[]string{"ev:why:proper", "ev:proper:ns", "len:<=8", "freq:<=1", "prev:设", "next:。"}, []string{"quotes", "cb:建设", "cbg:build", "genre=news", "head:none"}},
		{"quoted brand", "推广“京通”应用。", "“京通”", schema.KindProject, "",
			[]string{"quotes", "prev:广"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, r := doc(t, tc.text, tc.span, tc.kind)
			r.Unit = tc.unit
			if tc.kind == schema.KindProject && !strings.Contains(tc.span, "“") {
				r.Evidence = []string{"why:proper", "proper:ns"}
			}
			fs := fz.Features(d, r)
			for _, w := range tc.want {
				if !slices.Contains(fs, w) {
					t.Errorf("features lack %q: %v", w, fs)
				}
			}
			for _, w := range tc.not {
				if slices.Contains(fs, w) {
					t.Errorf("features have %q: %v", w, fs)
				}
			}
		})
	}
}

func TestTrainSeparates(t *testing.T) {
	// targets with a plan cue are right, with a past cue wrong
	var ex []confidence.Example
	for i := 0; i < 20; i++ {
		ex = append(ex, confidence.Example{Kind: schema.KindTarget, Features: []string{"cbg:plan", "uclass=count"}, Label: true},
			confidence.Example{Kind: schema.KindTarget, Features: []string{"cbg:past", "uclass=count"}, Label: false},
			confidence.Example{Kind: schema.KindProject, Features: []string{"cbg:build"}, Label: true})
	}
	m, err := confidence.Train(ex, confidence.TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	plan := m.Prob(schema.KindTarget, []string{"cbg:plan", "uclass=count"})
	past := m.Prob(schema.KindTarget, []string{"cbg:past", "uclass=count"})
	if plan < 0.8 || past > 0.2 {
		t.Errorf("plan %.2f past %.2f: want > 0.8 and < 0.2", plan, past)
	}
	// deterministic, and a written model reads back the same
	m2, _ := confidence.Train(ex, confidence.TrainOptions{})
	var b1, b2 bytes.Buffer
	if err := m.Write(&b1); err != nil {
		t.Fatal(err)
	}
	m2.Write(&b2)
	if b1.String() != b2.String() {
		t.Error("two fits of the same examples differ")
	}
	m3, err := confidence.Read(&b1)
	if err != nil {
		t.Fatal(err)
	}
	if p := m3.Prob(schema.KindTarget, []string{"cbg:plan", "uclass=count"}); p != plan {
		t.Errorf("read back: %v, want %v", p, plan)
	}
}

func TestScoreDecide(t *testing.T) {
	m, err := confidence.Default()
	if err != nil {
		t.Fatal(err)
	}
	d, r := doc(t, "今年计划新开工项目20个。", "20个", schema.KindTarget)
	r.Unit = "个"
	a := schema.Record{Kind: schema.KindAction, Start: 0, End: 3}
	recs := []schema.Record{r, a}
	m.Score(d, recs)
	if c := recs[0].Confidence; c <= 0 || c > 1 {
		t.Errorf("target confidence %v, want in (0, 1]", c)
	}
	if recs[1].Confidence != 0 {
		t.Errorf("action scored: %v", recs[1].Confidence)
	}
	kept := confidence.MinConfidence(recs, 1.01)
	if len(kept) != 1 || kept[0].Kind != schema.KindAction {
		t.Errorf("MinConfidence(1.01) kept %v, want only the action", kept)
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{`{`, `{"version":9,"threshold":{"target":0,"project":0}}`, `{"version":1,"threshold":{"target":0}}`} {
		if _, err := confidence.Read(strings.NewReader(in)); err == nil {
			t.Errorf("Read(%s): no error", in)
		}
	}
}

// TestGroupEffects checks the per-document intercepts of project fits:
// they leave the model (no group weight is stored), and the shared weight
// learns what separates names inside each document although one document
// has far more right names than the other.
func TestGroupEffects(t *testing.T) {
	var ex []confidence.Example
	for i := 0; i < 20; i++ {
		// doc a: mostly right; doc b: mostly wrong; in both, "quotes" is right
		ex = append(ex,
			confidence.Example{Kind: schema.KindProject, Features: []string{"quotes"}, Label: true, Group: "a"},
			confidence.Example{Kind: schema.KindProject, Features: []string{"plain"}, Label: i%4 != 0, Group: "a"},
			confidence.Example{Kind: schema.KindProject, Features: []string{"quotes"}, Label: i%2 == 0, Group: "b"},
			confidence.Example{Kind: schema.KindProject, Features: []string{"plain"}, Label: false, Group: "b"})
	}
	if !confidence.GroupEffects(schema.KindProject) || confidence.GroupEffects(schema.KindTarget) {
		t.Fatal("group effects: want projects only")
	}
	m, err := confidence.Train(ex, confidence.TrainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "group") {
		t.Errorf("model stores group intercepts: %s", buf.String())
	}
	q, p := m.Prob(schema.KindProject, []string{"quotes"}), m.Prob(schema.KindProject, []string{"plain"})
	if q <= p+0.1 {
		t.Errorf("quotes %.2f, plain %.2f: want quotes clearly higher", q, p)
	}
}
