package index_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/planlens/planlens/index"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in   string
		want []index.Part
		err  bool
	}{
		{"学校开工", []index.Part{{Text: "学校开工"}}, false},
		{"学校  开工", []index.Part{{Text: "学校"}, {Text: "开工"}}, false},
		{`"学校开工" 北京`, []index.Part{{Text: "学校开工", Phrase: true}, {Text: "北京"}}, false},
		{`“老旧 小区”改造`, []index.Part{{Text: "老旧 小区", Phrase: true}, {Text: "改造"}}, false},
		{"", nil, false},
		{`"学校`, nil, true},
		{`“学校"`, nil, true},
		{`" "`, nil, true},
		{`学校”`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := index.ParseQuery(tt.in)
			if tt.err {
				if !errors.Is(err, index.ErrQuery) {
					t.Fatalf("ParseQuery(%q) = %v, %v; want ErrQuery", tt.in, got, err)
				}
				return
			}
			if err != nil || fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("ParseQuery(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`"学校开工" 北京`, `“老旧小区”`, `"`, "\xff\"", "a b  c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts, err := index.ParseQuery(s)
		if err != nil {
			if !errors.Is(err, index.ErrQuery) {
				t.Fatalf("error %v does not wrap ErrQuery", err)
			}
			return
		}
		for _, p := range parts {
			if strings.TrimSpace(p.Text) == "" {
				t.Fatalf("empty part in %q: %v", s, parts)
			}
		}
	})
}
