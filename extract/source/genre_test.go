package source

import (
	"strings"
	"testing"
)

// TestGenreExamples runs every example of genre.txt.
func TestGenreExamples(t *testing.T) {
	r := loadGenreRules()
	if len(r.examples) < 20 {
		t.Fatalf("only %d examples in genre.txt", len(r.examples))
	}
	for _, ex := range r.examples {
		want := ex.genre
		if want == "-" {
			want = ""
		}
		if got := r.infer(ex.title, ex.text); got != want {
			t.Errorf("genre.txt:%d: genre(%q, %q) = %q, want %q", ex.line, ex.title, ex.text, got, want)
		}
	}
	// every genre with a rule has an example
	has := map[string]bool{}
	for _, ex := range r.examples {
		has[ex.genre] = true
	}
	for _, rule := range append(append(r.title, r.lead...), r.text...) {
		if !has[rule.genre] {
			t.Errorf("genre %s has rules but no example", rule.genre)
		}
	}
}

func TestGenreRuleErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		{"rule\tplan\ttitle\n", "g.txt:1: want rule"},
		{"# c\nrule\tfoo\ttitle\t规划\n", "g.txt:2: unknown genre foo"},
		{"rule\tplan\tbody\t规划\n", "g.txt:1: WHERE must be"},
		{"rule\tplan\ttitle\t规划\nexample\tbar\tx\n", "g.txt:2: unknown genre bar"},
		{"plan 规划\n", "g.txt:1: line must start"},
	}
	for _, tt := range tests {
		if _, err := parseGenreRules("g.txt", tt.data); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parse(%q) err = %v, want %q", tt.data, err, tt.want)
		}
	}
}
