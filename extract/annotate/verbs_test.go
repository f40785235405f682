package annotate

import (
	"strings"
	"testing"

	"github.com/planlens/planlens/extract/segment"
)

// sentence annotates text, a single sentence, without word boundaries
// (seg == nil) or with the shared gse segmenter.
func sentence(t *testing.T, text string, withWords bool) *Sentence {
	t.Helper()
	var opts Options
	if withWords {
		seg, err := segment.Shared()
		if err != nil {
			t.Fatal(err)
		}
		opts.Segmenter = seg
	}
	a, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	d := a.Text(text)
	if d.Len() != 1 {
		t.Fatalf("%q gives %d sentences", text, d.Len())
	}
	return d.Sentence(0)
}

func TestGovern(t *testing.T) {
	tests := []struct {
		sentence, span        string
		verb, stage, modality string
	}{
		{"力争北京科学高中等9所学校开工", "9所学校", "开工", "start", "strive"},
		{"实现CBD核心区4个项目竣工", "4个项目", "竣工", "complete", ""},
		{"推动东坝中心公园、博物馆、体育馆项目前期工作", "东坝中心公园", "推动", "advance", ""},
		{"启动东坝中心公园建设", "东坝中心公园", "启动", "start", ""},
		{"推动蓝岛大厦、世贸天阶等商业体改造升级", "蓝岛大厦、世贸天阶等商业体", "改造升级", "improve", ""},
		{"确保老旧小区综合整治30个改造完工", "30个", "改造完工", "complete", "ensure"},
		{"研究制定加快推进绿色经济高质量发展行动方案", "加快推进绿色经济高质量发展行动方案", "研究制定", "plan", ""},
		{"推进开工建设学校5所", "5所", "开工建设", "start", ""},
		{"国内生产总值增长5%左右", "5%左右", "增长", "", ""},
		{"争取新增就业1万人，推进建设一批项目", "一批项目", "推进建设", "advance", "seek"},
		{"争取新增就业1万人,推进建设一批项目", "1万人", "新增", "complete", "seek"},
		{"确保粮食安全;加快建设10个园区", "10个园区", "加快建设", "advance", ""},
		{"围绕北部科创带推进建设贸大成果转化基地", "贸大成果转化基地", "推进建设", "advance", ""},
		{"这是一个没有动词的句子", "句子", "", "", ""},
		{"计划中提出“打造轨道上的长三角”,截至去年底,高铁营业里程超7100公里", "7100公里", "", "", ""},
		{"印发《推进制造业智能化改造三年行动计划》", "推进制造业智能化改造三年行动计划", "印发", "start", ""},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			s := sentence(t, tt.sentence, false)
			i := strings.Index(s.Text, tt.span)
			if i < 0 {
				t.Fatalf("span %q not in %q", tt.span, s.Text)
			}
			g := s.Govern(i, i+len(tt.span))
			if g.Verb != tt.verb || g.Stage != tt.stage || g.Modality != tt.modality {
				t.Errorf("Govern = %q/%q/%q, want %q/%q/%q", g.Verb, g.Stage, g.Modality, tt.verb, tt.stage, tt.modality)
			}
			if g.Verb != "" && s.Text[g.Start:g.End] != g.Verb {
				t.Errorf("verb offsets %d,%d give %q", g.Start, g.End, s.Text[g.Start:g.End])
			}
		})
	}
}

func TestStage(t *testing.T) {
	lex, err := NewLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for verb, want := range map[string]string{
		"研究制定": "plan", "开工建设": "start", "改造完工": "complete", "推进建设": "advance",
		"启动建设": "start", "建成投用": "complete", "提升改造": "improve", "增长": "", "未知": "",
	} {
		if got := lex.Stage(verb); got != want {
			t.Errorf("Stage(%q) = %q, want %q", verb, got, want)
		}
	}
}

func TestGovernWithWordBoundaries(t *testing.T) {
	tests := []struct{ sentence, span, verb string }{
		{"2026年是“十五五”规划开局之年,GDP增长5%左右", "5%左右", "增长"},
		{"力争北京科学高中等9所学校开工", "9所学校", "开工"},
		{"推进建设贸大成果转化基地", "贸大成果转化基地", "推进建设"},
	}
	for _, tt := range tests {
		s := sentence(t, tt.sentence, true)
		i := strings.Index(s.Text, tt.span)
		if g := s.Govern(i, i+len(tt.span)); g.Verb != tt.verb {
			t.Errorf("%s: Govern(%s) = %q, want %q", tt.sentence, tt.span, g.Verb, tt.verb)
		}
	}
}

func TestGovernFusedAdverbsAndOperation(t *testing.T) {
	tests := []struct{ sentence, span, verb, stage string }{
		{"推进基础设施建设,京唐城际铁路全线通车", "京唐城际铁路", "通车", "complete"},
		{"改造提升站前广场,北京通州站开通运营", "北京通州站", "开通运营", "complete"},
		{"城市图书馆建成开放", "城市图书馆", "建成开放", "complete"},
	}
	for _, tt := range tests {
		s := sentence(t, tt.sentence, true)
		i := strings.Index(s.Text, tt.span)
		if g := s.Govern(i, i+len(tt.span)); g.Verb != tt.verb || g.Stage != tt.stage {
			t.Errorf("%s: Govern(%s) = %s/%s, want %s/%s", tt.sentence, tt.span, g.Verb, g.Stage, tt.verb, tt.stage)
		}
	}
}

// segLexicon returns a Lexicon with the shared gse segmenter (loaded once
// per test binary).
