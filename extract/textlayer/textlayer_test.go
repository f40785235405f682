package textlayer

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNorm(t *testing.T) {
	tests := []struct {
		name, in, norm string
	}{
		{"ascii unchanged", "GDP 5% growth", "GDP 5% growth"},
		{"fullwidth digits and percent", "增长５．２％左右", "增长5.2%左右"},
		{"fullwidth punctuation", "一是，二是；三是：（一）", "一是,二是;三是:(一)"},
		{"stray space inside Han", "中日友 好医院", "中日友好医院"},
		{"ideographic space inside Han", "中日友\u3000\u3000好医院", "中日友好医院"},
		{"space before digit kept", "完成 9所", "完成 9所"},
		{"space between number and percent sign", "经济增长速度8 ％，涨幅3　%以内", "经济增长速度8%,涨幅3%以内"},
		{"spaced digits keep their spaces", "增长1 0 ％", "增长1 0 %"},
		{"Latin text keeps its spaces", "GDP growth 5 %", "GDP growth 5 %"},
		{"space after a word before percent kept", "比重 %", "比重 %"},
		{"ideographic space elsewhere", "\u3000\u3000一、总体要求", "  一、总体要求"},
		{"newline kept", "朝阳\n区", "朝阳\n区"},
		{"tab between table cells kept", "综合整治\t区住建委", "综合整治\t区住建委"},
		{"CJK period kept", "开工。", "开工。"},
		{"invalid utf8 kept", "a\xffb", "a\xffb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := New(tt.in)
			if v.Norm != tt.norm {
				t.Errorf("Norm = %q, want %q", v.Norm, tt.norm)
			}
			checkMap(t, v)
		})
	}
}

// checkMap checks that every rune of Norm maps to an Orig span that
// normalises to that rune, and that the whole Norm maps to the whole Orig
// (trimmed of removed spaces at the edges).
func checkMap(t *testing.T, v *View) {
	t.Helper()
	prevEnd := 0
	for i := 0; i < len(v.Norm); {
		_, size := utf8.DecodeRuneInString(v.Norm[i:])
		s, e := v.Span(i, i+size)
		if s < prevEnd || e < s || e > len(v.Orig) {
			t.Fatalf("Span(%d,%d) = %d,%d (prev end %d) in %q", i, i+size, s, e, prevEnd, v.Orig)
		}
		if got, want := New(v.Orig[s:e]).Norm, v.Norm[i:i+size]; got != want {
			t.Fatalf("Orig[%d:%d] = %q normalises to %q, want %q", s, e, v.Orig[s:e], got, want)
		}
		if n := v.NormOffset(s); n != i {
			t.Fatalf("NormOffset(%d) = %d, want %d", s, n, i)
		}
		prevEnd = e
		i += size
	}
}

func TestSpanSkipsRemovedSpaces(t *testing.T) {
	v := New("中日友 好医院")
	i := strings.Index(v.Norm, "好医院")
	s, e := v.Span(i, len(v.Norm))
	if got := v.Orig[s:e]; got != "好医院" {
		t.Errorf("Span of 好医院 = %q", got)
	}
	s, e = v.Span(0, i)
	if got := v.Orig[s:e]; got != "中日友" {
		t.Errorf("Span of 中日友 = %q", got)
	}
	s, e = v.Span(0, len(v.Norm))
	if got := v.Orig[s:e]; got != "中日友 好医院" {
		t.Errorf("Span of all = %q", got)
	}
}

func TestFind(t *testing.T) {
	v := New("力争北京科学高中等９所学校开工。")
	s, e, ok := v.Find("9所学校开工", 0)
	if !ok || v.Orig[s:e] != "９所学校开工" {
		t.Fatalf("Find = %d,%d,%v (%q)", s, e, ok, v.Orig[s:e])
	}
	if _, _, ok := v.Find("10所学校", 0); ok {
		t.Error("Find found a text that is not there")
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []string // sentence texts (Orig)
		heading [][]string
		clauses [][]string
	}{
		{
			name: "ends and closers",
			in:   "今年要开工。“确保完成！”还有吗？没有",
			want: []string{"今年要开工。", "“确保完成！”", "还有吗？", "没有"},
		},
		{
			name:    "line breaks and clauses",
			in:      "推进A，完成B；力争C：D\n\n  第二行  ",
			want:    []string{"推进A，完成B；力争C：D", "第二行"},
			clauses: [][]string{{"推进A", "完成B", "力争C", "D"}, {"第二行"}},
		},
		{
			name: "heading path",
			in:   "一、总体要求\n（一）扩大内需。要做A。\n（二）稳定就业。做B。\n二、任务\n做C。",
			want: []string{"一、总体要求", "（一）扩大内需。", "要做A。", "（二）稳定就业。", "做B。", "二、任务", "做C。"},
			heading: [][]string{
				nil, {"一、总体要求"}, {"一、总体要求", "（一）扩大内需"},
				{"一、总体要求"}, {"一、总体要求", "（二）稳定就业"}, nil, {"二、任务"},
			},
		},
		{
			name:    "headline pair split at the removed space",
			in:      "持续强化国际交往核心功能 深化商务与科技“双轮驱动”",
			want:    []string{"持续强化国际交往核心功能 深化商务与科技“双轮驱动”"},
			clauses: [][]string{{"持续强化国际交往核心功能", "深化商务与科技“双轮驱动”"}},
		},
		{
			name:    "table row: cells are clauses",
			in:      "1\t完成10个老旧小区综合整治\t区住房城乡建设委\t2026年12月底前",
			clauses: [][]string{{"1", "完成10个老旧小区综合整治", "区住房城乡建设委", "2026年12月底前"}},
		},
		{
			name:    "stray space not split",
			in:      "建设中日友 好医院",
			clauses: [][]string{{"建设中日友 好医院"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := New(tt.in)
			ss := v.Sentences()
			var got []string
			var heads [][]string
			var cls [][]string
			for _, s := range ss {
				got = append(got, v.Orig[s.Start:s.End])
				heads = append(heads, s.Heading)
				var c []string
				for _, cl := range s.Clauses {
					a, b := v.SentenceSpan(&s, cl.Start, cl.End)
					c = append(c, v.Orig[a:b])
				}
				cls = append(cls, c)
				if s.Text != v.Norm[s.NStart:s.NEnd] {
					t.Errorf("sentence %d Text mismatch", s.Index)
				}
			}
			if tt.want != nil && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sentences = %q, want %q", got, tt.want)
			}
			if tt.heading != nil && !reflect.DeepEqual(heads, tt.heading) {
				t.Errorf("headings = %q, want %q", heads, tt.heading)
			}
			if tt.clauses != nil && !reflect.DeepEqual(cls, tt.clauses) {
				t.Errorf("clauses = %q, want %q", cls, tt.clauses)
			}
		})
	}
}

func TestLongRunIsCut(t *testing.T) {
	in := strings.Repeat("推进建设，", 2000)
	v := New(in)
	ss := v.Sentences()
	if len(ss) < 2 {
		t.Fatalf("got %d sentences, want the run cut", len(ss))
	}
	total := 0
	for _, s := range ss {
		if s.NEnd-s.NStart > MaxSentence {
			t.Errorf("sentence %d is %d bytes", s.Index, s.NEnd-s.NStart)
		}
		total += s.End - s.Start
	}
	if total != len(in) {
		t.Errorf("sentences cover %d bytes, want %d", total, len(in))
	}
}

func TestSeedSentencesGrounded(t *testing.T) {
	b, err := os.ReadFile("../../seeds/000_7c59a961256cf9e3.txt")
	if err != nil {
		t.Fatal(err)
	}
	v := New(string(b))
	checkMap(t, v)
	ss := v.Sentences()
	if len(ss) < 50 {
		t.Fatalf("only %d sentences in the seed", len(ss))
	}
	for _, s := range ss {
		if New(v.Orig[s.Start:s.End]).Norm != s.Text {
			t.Fatalf("sentence %d: Orig slice %q does not normalise to %q", s.Index, v.Orig[s.Start:s.End], s.Text)
		}
	}
}

func FuzzView(f *testing.F) {
	for _, s := range []string{"中日友 好医院", "增长５．２％左右。", "一、总体\n（一）要求：完成　９所", "a\xffb\u3000中"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := New(s)
		if !utf8.ValidString(s) {
			// offsets must still be in range
			a, b := v.Span(0, len(v.Norm))
			if a < 0 || b > len(s) || a > b {
				t.Fatalf("Span out of range: %d,%d for len %d", a, b, len(s))
			}
			return
		}
		checkMap(t, v)
		for _, st := range v.Sentences() {
			if st.Start < 0 || st.End > len(s) || st.Start > st.End {
				t.Fatalf("sentence span %d,%d out of range", st.Start, st.End)
			}
			for _, c := range st.Clauses {
				a, b := v.SentenceSpan(&st, c.Start, c.End)
				if a < st.Start || b > st.End {
					t.Fatalf("clause %d,%d outside sentence %d,%d", a, b, st.Start, st.End)
				}
			}
		}
	})
}
