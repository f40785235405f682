package index_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/planlens/planlens/index"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in, want string // want: the canonical form; "" for a nil tree
	}{
		{"", ""},
		{"   ", ""},
		{"学校开工", "学校开工"},
		{"高铁 机场", "高铁 机场"},
		{"高铁 AND 机场", "高铁 机场"},
		{`"城市更新" 行动`, `"城市更新" 行动`},
		{`“城市更新”`, `"城市更新"`},
		{"高铁 OR 机场", "高铁 OR 机场"},
		{"高铁 | 机场", "高铁 OR 机场"},
		{"高铁 -机场", "高铁 -机场"},
		{"高铁 NOT 机场", "高铁 -机场"},
		{"--机场", "--机场"}, // a doubled dash is a word
		{"-(高铁 OR 机场)", "-(高铁 OR 机场)"},
		{"NOT NOT 机场", "机场"},
		{"(高铁 OR 铁路) 开工", "(高铁 OR 铁路) 开工"},
		{"（高铁 OR 铁路） 开工", "(高铁 OR 铁路) 开工"},
		{"高铁 OR 机场 开工", "高铁 OR 机场 开工"}, // AND binds tighter: 高铁 OR (机场 开工)
		{"(高铁 OR 机场) 开工", "(高铁 OR 机场) 开工"},
		{"title:规划", "title:规划"},
		{`name:"科学城"`, `name:"科学城"`},
		{"heading:重点任务 学校", "heading:重点任务 学校"},
		{"title:(高铁 OR 机场)", "title:高铁 OR title:机场"},
		{"TITLE:规划", "title:规划"},
		{"3-5个", "3-5个"},
		{"12:30", "12:30"},
		{"R&D", "R&D"},
		{"-机场", "-机场"},
		{"or and", "or and"}, // keywords are upper case
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := index.ParseQuery(tt.in)
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tt.in, err)
			}
			if got := n.String(); got != tt.want {
				t.Errorf("ParseQuery(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"城市更新`, "unterminated quote at character 1"},
		{`“城市更新`, "unterminated quote"},
		{`""`, "empty phrase"},
		{`城市”`, "closing quote without opening"},
		{"(高铁 OR 机场", "not closed"},
		{"高铁)", `unexpected ")" at character 3`},
		{"()", "empty parentheses"},
		{"高铁 OR", "OR at character 4 has nothing after it"},
		{"OR 高铁", "unexpected OR at character 1"},
		{"高铁 NOT", "NOT at character 4 has nothing after it"},
		{"AND 高铁", "AND at character 1 has nothing before it"},
		{"foo:bar", `unknown field "foo" at character 1 (have text, title, object, name, heading, examples)`},
		{"title: 规划", "followed by a space"},
		{"title:", "has nothing after it"},
		{"title:OR", ""}, // a field takes the word OR literally
		{strings.Repeat("(", 20) + "x" + strings.Repeat(")", 20), "nested more than 16 deep"},
		{strings.Repeat("学", index.MaxQueryBytes), "at most 1024 are allowed"},
		{strings.Repeat("a ", 33), "33 terms, at most 32 are allowed"},
		{"\xff", "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := index.ParseQuery(tt.in)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("ParseQuery(%q): %v", tt.in, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("ParseQuery(%q): no error, want %q", tt.in, tt.want)
			}
			if !errors.Is(err, index.ErrQuery) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseQuery(%q) = %v, want an ErrQuery containing %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestParseYears(t *testing.T) {
	tests := []struct {
		in     string
		lo, hi int
		err    bool
	}{
		{"2026", 2026, 2026, false}, {"2021..2026", 2021, 2026, false}, {"2021..", 2021, 0, false},
		{"..2026", 0, 2026, false}, {"2026..2021", 0, 0, true}, {"26", 0, 0, true}, {"x..2026", 0, 0, true},
	}
	for _, tt := range tests {
		lo, hi, err := index.ParseYears(tt.in)
		if (err != nil) != tt.err || lo != tt.lo || hi != tt.hi {
			t.Errorf("ParseYears(%q) = %d, %d, %v; want %d, %d, error %v", tt.in, lo, hi, err, tt.lo, tt.hi, tt.err)
		}
	}
}

// FuzzParseQuery: the parser never panics, errors wrap ErrQuery, and a
// parsed query's canonical form parses again to the same form.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"高铁 OR 机场", `"城市更新" -title:规划`, "((a OR b) NOT c)", "heading:(x y)", "-", "--", `“”`, "a:b:c", "（）"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := index.ParseQuery(s)
		if err != nil {
			if !errors.Is(err, index.ErrQuery) {
				t.Fatalf("ParseQuery(%q): error %v does not wrap ErrQuery", s, err)
			}
			return
		}
		canon := n.String()
		m, err := index.ParseQuery(canon)
		if err != nil {
			t.Fatalf("ParseQuery(%q) = %s, which does not parse: %v", s, canon, err)
		}
		if m.String() != canon {
			t.Fatalf("ParseQuery(%q) = %s, reparsed %s", s, canon, m.String())
		}
	})
}
