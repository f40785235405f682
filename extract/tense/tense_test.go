package tense

import (
	"strings"
	"sync"
	"testing"

	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/extract/textlayer"
)

var (
	once   sync.Once
	seg    *segment.Segmenter
	judge  *Judge
	setErr error
)

func setup(t *testing.T) (*segment.Segmenter, *Judge) {
	t.Helper()
	once.Do(func() {
		if seg, setErr = segment.Shared(); setErr != nil {
			return
		}
		judge, setErr = New(Options{})
	})
	if setErr != nil {
		t.Fatal(setErr)
	}
	return seg, judge
}

func TestText(t *testing.T) {
	seg, j := setup(t)
	tests := []struct {
		name, text string
		year       int
		want       Tense
	}{
		{"this year", "今年地区生产总值增长5%左右。", 2026, Future},
		{"last year", "去年地区生产总值增长5.2%。", 2026, Past},
		{"year on year", "规上工业增加值同比增长6.1%。", 0, Past},
		{"aspect particle", "全年新增就业了28万人。", 0, Past},
		{"modal verb", "我们要建成10个创新中心。", 0, Future},
		{"deadline, year unknown", "到2027年建成10个创新中心。", 0, Future},
		{"deadline after the document year", "到2030年建成10个创新中心。", 2026, Future},
		{"a year before the document", "2025年建成10个创新中心。", 2026, Past},
		{"chinese year before the document", "一九五九年达到十八亿亩。", 1960, Past},
		{"both ways", "去年增长5%，今年要增长6%。", 2026, Unknown},
		{"statistics", "据不完全统计，近三年农村新建房屋达九亿平方米。", 0, Past},
		{"preliminary statistics", "据国家统计局初步统计，1——5月份工业生产总值增长33.3%。", 0, Past},
		{"a survey's findings", "据对一百七十六个在建项目的检查,投资超过概算。", 0, Past},
		{"customs statistics", "据海关统计,出口额增长一成。", 0, Past},
		{"a forecast is no survey", "据测算,可带动就业10万人。", 0, Unknown},
		{"nothing", "推进20个重点区域环境整治。", 2026, Unknown},
		{"将 inside a word is no marker", "将军山隧道全线贯通。", 0, Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := j.Text(tt.text, seg.Cut(tt.text), tt.year); got != tt.want {
				t.Errorf("Text(%q, %d) = %v, want %v", tt.text, tt.year, got, tt.want)
			}
		})
	}
}

func TestHeading(t *testing.T) {
	_, j := setup(t)
	tests := []struct {
		heads []string
		year  int
		want  Tense
	}{
		{[]string{"一、2025年工作回顾"}, 2026, Past},
		{[]string{"“十四五”时期发展成就"}, 2026, Past},
		{[]string{"二、2026年重点任务"}, 2026, Future},
		{[]string{"一、过去五年工作回顾", "(一)经济实力"}, 2026, Past},
		{[]string{"一、发展成就和主要目标任务"}, 2026, Unknown},
		{[]string{"一、2025年工作回顾", "(五)推进改革部署落地"}, 2026, Past},
		{[]string{"一、“十四五”发展成就和“十五五”目标任务", "(二)“十五五”时期主要目标任务"}, 2026, Future},
		{[]string{"三、关于2026年工作"}, 2026, Future},
		{[]string{"一、2025年经济社会发展情况"}, 2026, Past},
		{[]string{"三、关于2026年工作"}, 0, Unknown},
		{[]string{"一、“六五”计划执行情况的回顾"}, 1986, Past},
		{[]string{"一、1985年国民经济和社会发展计划执行情况"}, 0, Past},
		{[]string{"一、2025年计划执行情况和2026年计划草案"}, 2026, Unknown},
		{nil, 2026, Unknown},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.heads, "/"), func(t *testing.T) {
			if got := j.Heading(tt.heads, tt.year); got != tt.want {
				t.Errorf("Heading(%q, %d) = %v, want %v", tt.heads, tt.year, got, tt.want)
			}
		})
	}
}

// TestSentence judges the last sentence of each document.
func TestSentence(t *testing.T) {
	seg, j := setup(t)
	tests := []struct {
		name, doc string
		want      Tense
	}{
		{"task section", "2026年政府工作报告\n二、2026年重点任务\n推进20个重点区域环境整治。", Future},
		{"review section", "2026年政府工作报告\n一、2025年工作回顾\n推进20个重点区域环境整治。", Past},
		{"strong cue in a review", "2026年政府工作报告\n一、2025年工作回顾\n今年力争建成10个创新中心。", Future},
		{"weak cue in a review", "2026年政府工作报告\n一、2025年工作回顾\n我们要建成10个创新中心。", Past},
		{"paragraph lead", "2026年政府工作报告\n过去五年，我们攻坚克难。公园总数达1136个。", Past},
		{"lead of another paragraph", "2026年政府工作报告\n过去五年，我们攻坚克难。\n公园总数达1136个。", Unknown},
		{"year from the document", "政府工作报告\n过去的一年，经济平稳增长。2010年国内生产总值达到39.8万亿元，比上年增长10.3%。\n2010年粮食产量10928亿斤。", Past},
		{"nothing", "推进20个重点区域环境整治。", Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := textlayer.New(tt.doc)
			sents := v.Sentences()
			i := len(sents) - 1
			if got := j.Sentence(v, sents, i, seg.Cut(sents[i].Text)); got != tt.want {
				t.Errorf("Sentence(%q) = %v, want %v (context %+v)", sents[i].Text, got, tt.want, j.Context(v, sents, i, nil))
			}
		})
	}
}

func TestYearAndDeadlines(t *testing.T) {
	_, j := setup(t)
	v := textlayer.New("2026年政府工作报告\n各位代表：\n")
	if y := j.Year(v); y != 2026 {
		t.Errorf("Year = %d, want 2026", y)
	}
	if y := j.Year(textlayer.New("今天天气很好。")); y != 0 {
		t.Errorf("Year of a text without years = %d, want 0", y)
	}
	if got := Deadlines("到2027年建成，2030年前完成，2025年增长"); len(got) != 2 || got[0] != 2027 || got[1] != 2030 {
		t.Errorf("Deadlines = %v, want [2027 2030]", got)
	}
}

func TestString(t *testing.T) {
	for tn, want := range map[Tense]string{Future: "future", Past: "past", Unknown: ""} {
		if tn.String() != want {
			t.Errorf("%d.String() = %q, want %q", tn, tn.String(), want)
		}
	}
}

func TestContextNext(t *testing.T) {
	j, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	v := textlayer.New("今年将采取三项举措。一是全面实施减税。")
	sents := v.Sentences()
	d := j.Document(v, sents)
	tests := []struct {
		i    int
		want string
	}{
		{0, "一是全面实施减税。"},
		{1, ""},
	}
	for _, tt := range tests {
		t.Run(sents[tt.i].Text, func(t *testing.T) {
			if got := d.Context(tt.i, nil).Next; got != tt.want {
				t.Errorf("Context(%d).Next = %q, want %q", tt.i, got, tt.want)
			}
		})
	}
}
