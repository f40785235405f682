package numeral

import (
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{"9", "1,234.5", "1.2万", "三千五百万", "一点五七", "伍仟", "二〇二六", "两三", "十十", "千亿", "一万亿"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			return
		}
		back, err := Parse(Format(v))
		if err != nil || back != v {
			t.Fatalf("Parse(%q) = %v; Format = %q; Parse again = %v, %v", s, v, Format(v), back, err)
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"力争北京科学高中等9所学校开工", "控制在5%以内", "3万至5万人", "两三个", "百分之一点五七", "千亿级", "5000至1万个", "58万元/人左右"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, q := range Find(s) {
			if q.Start < last || q.End <= q.Start || q.End > len(s) || q.NumStart < q.Start || q.UnitEnd > q.End {
				t.Fatalf("Find(%q): bad span %+v", s, q)
			}
			if !utf8.ValidString(s[q.Start:q.End]) && utf8.ValidString(s) {
				t.Fatalf("Find(%q): span not on rune boundaries %+v", s, q)
			}
			if q.Unit == "" {
				t.Fatalf("Find(%q): quantity without unit %+v", s, q)
			}
			last = q.End
		}
	})
}
