package analyzer_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/planlens/planlens/index/analyzer"
)

type tok struct {
	term       string
	start, end int
	pos        int
}

func analyze(t testing.TB, name, text string) []tok {
	t.Helper()
	a, err := registry.NewCache().AnalyzerNamed(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []tok
	for _, tk := range a.Analyze([]byte(text)) {
		out = append(out, tok{string(tk.Term), tk.Start, tk.End, tk.Position})
	}
	return out
}

func TestTokens(t *testing.T) {
	if err := analyzer.Load(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		analyzer string
		text     string
		want     []tok
	}{
		{"seed target", "", "北京科学高中等9所学校开工", []tok{
			{"北京", 0, 6, 1}, {"科学", 6, 12, 2}, {"高中", 12, 18, 3}, {"等", 18, 21, 4},
			{"9", 21, 22, 5}, {"所", 22, 25, 6}, {"学校", 25, 31, 7}, {"开工", 31, 37, 8},
		}},
		{"punctuation dropped, positions continue", "", "开工，竣工。", []tok{
			{"开工", 0, 6, 1}, {"竣工", 9, 15, 2},
		}},
		{"sub-words at the parent's position", "", "建成实验学校", []tok{
			{"建成", 0, 6, 1}, {"实验学校", 6, 18, 2}, {"实验", 6, 12, 2}, {"学校", 12, 18, 2},
		}},
		{"no sub-words at query time", analyzer.SearchName, "建成实验学校", []tok{
			{"建成", 0, 6, 1}, {"实验学校", 6, 18, 2},
		}},
		{"latin lowercased, offsets into the original", "", "实现CBD核心区", []tok{
			{"实现", 0, 6, 1}, {"cbd", 6, 9, 2}, {"核心区", 9, 18, 3}, {"核心", 9, 15, 3},
		}},
		{"repeated words keep their own offsets", "", "学校 学校", []tok{
			{"学校", 0, 6, 1}, {"学校", 7, 13, 2},
		}},
		{"empty", "", "", nil},
		{"only punctuation", "", "，。、“”", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.analyzer == "" {
				tt.analyzer = analyzer.Name
			}
			got := analyze(t, tt.analyzer, tt.text)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Analyze(%q)\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

// Every token's offsets must slice the original text to the token's
// term (up to case and width folding), on a long mixed text with repeats.
func TestOffsetsGrounded(t *testing.T) {
	text := strings.Repeat("力争北京科学高中等9所学校开工,建成十一学校朝阳实验学校初中部；GDP增长5%左右。\n", 30)
	tk := &analyzer.Tokenizer{SubWords: true}
	stream := tk.Tokenize([]byte(text))
	if len(stream) == 0 {
		t.Fatal("no tokens")
	}
	last := 0
	for _, tk := range stream {
		if got := text[tk.Start:tk.End]; got != string(tk.Term) {
			t.Fatalf("text[%d:%d] = %q, token %q", tk.Start, tk.End, got, tk.Term)
		}
		if tk.Position < last || tk.Position > last+1 {
			t.Fatalf("position %d after %d", tk.Position, last)
		}
		last = tk.Position
		if tk.Type == analysis.Ideographic && strings.ContainsAny(string(tk.Term), "，。；,") {
			t.Fatalf("punctuation in token %q", tk.Term)
		}
	}
}

func FuzzTokenize(f *testing.F) {
	if err := analyzer.Load(); err != nil {
		f.Fatal(err)
	}
	f.Add("北京科学高中等9所学校开工")
	f.Add("1.2万人，5%")
	f.Add("\xff\xfe学校")
	tk := &analyzer.Tokenizer{SubWords: true}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, x := range tk.Tokenize([]byte(s)) {
			if x.Start < 0 || x.End > len(s) || x.Start >= x.End || s[x.Start:x.End] != string(x.Term) {
				t.Fatalf("bad token %v in %q", x, s)
			}
			if x.Position < last || x.Position > last+1 {
				t.Fatalf("position %d after %d", x.Position, last)
			}
			last = x.Position
		}
	})
}
