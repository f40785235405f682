package project

import (
	"slices"
	"testing"
)

// TestEvidenceFacts checks the annotation-layer facts the finder hands the
// confidence model: why a name is specific, the kind of its proper part,
// a body word or a verb inside it, a deictic lead.
func TestEvidenceFacts(t *testing.T) {
	for _, tc := range []struct {
		text, name string
		want, not  []string
	}{
		{"加快建设北京科学高中。", "北京科学高中", []string{"why:proper", "next:punct"}, []string{"org-inside", "lead:deictic"}},
		{"实施“百千工程”。", "百千工程", []string{"why:quoted", "next:closequote"}, []string{"org-inside"}},
		{"推动上港集团冠东码头建设。", "上港集团冠东码头", []string{"org-inside", "next:build"}, nil},
		// 本区 is trimmed (data/generic.txt trim): the name starts after it
		{"制定本区城市更新工作计划。", "城市更新工作计划", []string{"why:title", "headflag:weak"}, []string{"lead:deictic"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ev []string
			for _, r := range docRecords(t, tc.text) {
				if r.Name == tc.name {
					ev = r.Evidence
				}
			}
			if ev == nil {
				t.Fatalf("no record %q in %q: %+v", tc.name, tc.text, docRecords(t, tc.text))
			}
			for _, w := range tc.want {
				if !slices.Contains(ev, w) {
					t.Errorf("evidence lacks %q: %v", w, ev)
				}
			}
			for _, w := range tc.not {
				if slices.Contains(ev, w) {
					t.Errorf("evidence has %q: %v", w, ev)
				}
			}
		})
	}
}
