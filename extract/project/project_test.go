package project

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/schema"
)

// find runs the finder over one sentence of text.
func find(t *testing.T, text string) (*annotate.Sentence, []schema.Record) {
	t.Helper()
	f := finder(t)
	ss := sentences(t, text)
	if len(ss) != 1 {
		t.Fatalf("%q: %d sentences, want 1", text, len(ss))
	}
	return ss[0], records(f.Find(ss[0]))
}

func names(rs []schema.Record) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	sort.Strings(out)
	return out
}

// TestNames: names and their boundaries, from the corpus, in
// testdata/names.txtar: each case's records section lists every name its
// sentence must give, and no other (-update rewrites them).
func TestNames(t *testing.T) {
	path := filepath.Join("testdata", "names.txtar")
	ar, err := readCases(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ar.cases {
		tc := &ar.cases[i]
		t.Run(tc.name, func(t *testing.T) {
			s, rs := find(t, tc.sentence)
			got := names(rs)
			for _, r := range rs {
				checkGrounded(t, s, r)
			}
			if *update {
				tc.records = got
				return
			}
			if want := tc.records; !slices.Equal(got, want) {
				t.Errorf("%s: %s\n got %q\nwant %q", path, tc.sentence, got, want)
			}
		})
	}
	if *update {
		if err := ar.write(path); err != nil {
			t.Fatal(err)
		}
	}
}

func checkGrounded(t *testing.T, s *annotate.Sentence, r schema.Record) {
	t.Helper()
	if r.Start < 0 || r.End > len(s.Text) || r.Start >= r.End || !utf8.ValidString(s.Text[r.Start:r.End]) {
		t.Fatalf("record %q span [%d,%d) not on rune boundaries of %q", r.Name, r.Start, r.End, s.Text)
	}
	if r.Kind != schema.KindProject || r.Origin != schema.OriginRules || r.Category == "" {
		t.Errorf("record %q: kind %q origin %q category %q", r.Name, r.Kind, r.Origin, r.Category)
	}
	if !strings.Contains(r.Name, s.Text[r.Start:r.End]) {
		t.Errorf("name %q does not hold its span %q", r.Name, s.Text[r.Start:r.End])
	}
}

// TestFields: category, phase, governing verb, stage and modality.
func TestFields(t *testing.T) {
	cases := []struct {
		name, text, proj string
		category         string
		phase            int
		verb, stage, mod string
	}{
		{"phase-hospital", "开工建设国际人才公园、爱瑞国际化医院二期等项目", "爱瑞国际化医院二期", "hospital", 2, "开工建设", "start", ""},
		{"phase-commercial", "推动泡泡玛特城市乐园二期开工", "泡泡玛特城市乐园二期", "commercial", 2, "开工", "start", ""},
		{"phase-road", "秦沈高速一期加快建设", "秦沈高速一期", "road", 1, "加快建设", "advance", ""},
		{"phase-port", "罗泾港区改造二期启动建设", "罗泾港区", "port", 0, "启动建设", "start", ""},
		{"verb-after-complete", "实现奥林匹克塔改造完工", "奥林匹克塔", "venue", 0, "改造完工", "complete", ""},
		{"verb-after-open", "铁科高速出省通道建成通车", "铁科高速", "road", 0, "建成通车", "complete", ""},
		{"verb-before-start", "启动西区数字医疗产业园拓展区建设", "西区数字医疗产业园拓展区", "zone", 0, "启动", "start", ""},
		{"verb-before-plan", "编制“十五五”碳达峰行动方案", "“十五五”碳达峰行动方案", "programme", 0, "编制", "plan", ""},
		{"verb-list-shared", "推动蓝岛大厦、世贸天阶、燕莎友谊商城等商业体改造升级", "世贸天阶", "commercial", 0, "改造升级", "improve", ""},
		{"verb-list-shared-named", "推动蓝岛大厦、世贸天阶、燕莎友谊商城等商业体改造升级", "蓝岛大厦", "commercial", 0, "改造升级", "improve", ""},
		{"modality-strive-list", "力争开工阜黄高铁、南信合高铁等省际联通项目", "南信合高铁", "railway", 0, "开工", "start", "strive"},
		{"modality-ensure", "确保西十高铁建成投运", "西十高铁", "railway", 0, "建成投运", "complete", "ensure"},
		{"shared-head-category", "支持金凤、嘉陵江、明月湖实验室建设", "金凤实验室", "institution", 0, "建设", "advance", ""},
		{"organization-list", "推动民生银行总行、瑞穗证券等重点企业机构入驻", "瑞穗证券", "organization", 0, "", "", ""},
		{"segment-railway", "开工建设广珠(澳)高铁鹤洲至横琴段", "广珠(澳)高铁鹤洲至横琴段", "railway", 0, "开工建设", "start", ""},
		{"segment-river", "推进亮马河四环路以下段滨水空间开放", "亮马河四环路以下段", "waterway", 0, "", "", ""},
		{"list-verb-after", "京唐城际铁路、承平高速建成通车", "京唐城际铁路", "railway", 0, "建成通车", "complete", ""},
		{"section-title", "(一)网络体系强基行动。", "网络体系强基行动", "programme", 0, "", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, rs := find(t, tc.text)
			i := slices.IndexFunc(rs, func(r schema.Record) bool { return r.Name == tc.proj })
			if i < 0 {
				t.Fatalf("%s: no project %q in %q", tc.text, tc.proj, names(rs))
			}
			r := rs[i]
			if r.Category != tc.category || r.Phase != tc.phase {
				t.Errorf("%s: category %q phase %d, want %q %d", tc.proj, r.Category, r.Phase, tc.category, tc.phase)
			}
			if tc.verb != "" && (r.Verb != tc.verb || r.Stage != tc.stage) {
				t.Errorf("%s: verb %q stage %q, want %q %q", tc.proj, r.Verb, r.Stage, tc.verb, tc.stage)
			}
			if r.Modality != tc.mod {
				t.Errorf("%s: modality %q, want %q", tc.proj, r.Modality, tc.mod)
			}
		})
	}
}

// TestSharedHeadSpan: a distributed name keeps the member as its span.
func TestSharedHeadSpan(t *testing.T) {
	s, rs := find(t, "支持金凤、嘉陵江、明月湖实验室建设")
	for _, r := range rs {
		span := s.Text[r.Start:r.End]
		want := strings.TrimSuffix(r.Name, "实验室")
		if r.Name == "明月湖实验室" {
			want = r.Name
		}
		if span != want {
			t.Errorf("%s: span %q, want %q", r.Name, span, want)
		}
	}
}
