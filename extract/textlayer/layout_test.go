package textlayer

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// paged joins pages with form-feed line breaks as readPDF does and
// returns the text and its page starts.
func paged(pages ...string) (string, []int) {
	var b strings.Builder
	starts := []int{}
	for _, p := range pages {
		starts = append(starts, b.Len())
		b.WriteString(p)
		b.WriteString("\n\n") // pdftotext ends each line, then the page with a form feed (a line break here)
	}
	return b.String(), starts
}

const (
	wrap1 = "各地区各部门要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，地区生产总值增长"
	wrap2 = " 5.4% 左右，新增城镇就业 104 家企业的岗位，推动高质量发展取得新成效。"
)

func TestNewPaged(t *testing.T) {
	// full lines, each different
	var fl []string
	for _, w := range []string{"一", "二", "三", "四", "五", "六"} {
		fl = append(fl, strings.Repeat("推进建设完成改造提升优化"+w+"深化改革扩大开放", 2))
	}
	full := fl[0]
	tests := []struct {
		name  string
		pages []string
		want  string // Norm
	}{
		{"spaces around digits go", []string{"地区生产总值增长 5.4% 左右，104 家企业，PM2.5 浓度"},
			"地区生产总值增长5.4%左右,104家企业,PM2.5浓度\n\n"},
		{"spaces between Latin words stay", []string{"GDP growth 5 %"}, "GDP growth 5 %\n\n"},
		{"wrapped line joins", []string{wrap1 + "\n" + wrap2 + "\n" + full + "\n" + fl[1]},
			"各地区各部门要坚持稳中求进工作总基调,完整准确全面贯彻新发展理念,地区生产总值增长5.4%左右,新增城镇就业104家企业的岗位,推动高质量发展取得新成效。\n" + full + fl[1] + "\n\n"},
		{"a sentence end keeps its break", []string{full + "。\n" + fl[1] + "\n" + fl[2] + "。"},
			full + "。\n" + fl[1] + fl[2] + "。\n\n"},
		{"a short line keeps its break", []string{"一、总体要求\n" + full + "\n" + fl[1] + "。"},
			"一、总体要求\n" + full + fl[1] + "。\n\n"},
		{"a blank line keeps its break", []string{full + "\n\n" + fl[1] + "\n" + fl[2] + "。"},
			full + "\n\n" + fl[1] + fl[2] + "。\n\n"},
		{"a heading keeps its break", []string{full + "\n（二）重点任务\n" + fl[1] + "\n" + fl[2] + "。"},
			full + "\n(二)重点任务\n" + fl[1] + fl[2] + "。\n\n"},
		{"headers, footers and page numbers go; the wrap joins across them", []string{
			"北京市2026年工作报告\n\n北京市2026年工作报告\n" + fl[1] + "\n" + fl[2] + "\n\n- 1 -",
			"北京市2026年工作报告\n\n" + fl[3] + "。\n" + fl[4] + "\n\n- 2 -",
			"北京市2026年工作报告\n\n" + fl[5] + "。\n\n第 3 页 共 3 页"},
			"\n北京市2026年工作报告\n" + fl[1] + fl[2] + fl[3] + "。\n" + fl[4] + fl[5] + "。\n\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, starts := paged(tt.pages...)
			v := NewPaged(text, starts)
			if v.Norm != tt.want {
				t.Errorf("Norm:\n got %q\nwant %q", v.Norm, tt.want)
			}
			checkMapping(t, v)
		})
	}
}

// TestNewPagedFind: rules find 增长5.4% in the view, and the span maps to
// the extracted text with its layout space.
func TestNewPagedFind(t *testing.T) {
	text, starts := paged("今年的主要目标是：\n"+wrap1+"\n"+wrap2+"\n"+wrap1, "全省"+wrap2[1:])
	v := NewPaged(text, starts)
	s, e, ok := v.Find("增长5.4%左右", 0)
	if !ok || text[s:e] != "增长\n 5.4% 左右" {
		t.Errorf("Find = %q, %v", text[s:e], ok)
	}
	sents := v.Sentences()
	if len(sents) != 3 {
		t.Fatalf("%d sentences, want 2: %q", len(sents), v.Norm)
	}
	if got := text[sents[2].Start:sents[2].End]; !strings.HasPrefix(got, "各地区") || !strings.HasSuffix(got, "成效。") {
		t.Errorf("second sentence across the page break: %q", got)
	}
}

// TestNewPagedNil: without pages the view is New's.
func TestNewPagedNil(t *testing.T) {
	const s = "增长 5.4%\n左右"
	if NewPaged(s, nil).Norm != New(s).Norm {
		t.Errorf("NewPaged(s, nil) differs from New(s)")
	}
}

// checkMapping: every Norm span maps into Orig, in order, on rune
// boundaries, and each sentence's Orig text is its span.
func checkMapping(t *testing.T, v *View) {
	t.Helper()
	prev := 0
	for p := 0; p <= len(v.Norm); p++ {
		s := v.startOf(p)
		if s < 0 || s > len(v.Orig) || s < prev {
			t.Fatalf("startOf(%d) = %d (prev %d, len %d)", p, s, prev, len(v.Orig))
		}
		prev = s
	}
	for _, s := range v.Sentences() {
		if s.Start < 0 || s.End > len(v.Orig) || s.Start > s.End || (utf8.ValidString(v.Orig) && !utf8.ValidString(v.Orig[s.Start:s.End])) {
			t.Fatalf("sentence span [%d:%d] of %d", s.Start, s.End, len(v.Orig))
		}
	}
}

// FuzzNewPaged: any text cut into pages anywhere gives a view whose
// spans stay inside the text, in order.
func FuzzNewPaged(f *testing.F) {
	f.Add(wrap1+"\n"+wrap2, 10, 60)
	f.Add("北京市2026年工作报告\n- 1 -\n北京市2026年工作报告\n增长 5 %\n\n第 2 页", 20, 30)
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		var starts []int
		starts = append(starts, 0)
		for _, c := range []int{a, b} {
			if c > starts[len(starts)-1] && c < len(text) {
				starts = append(starts, c)
			}
		}
		v := NewPaged(text, starts)
		checkMapping(t, v)
	})
}
