package project

import (
	_ "embed"
	"fmt"
	"strings"
	"testing"

	"github.com/planlens/planlens/extract/annotate"
	datafile "github.com/planlens/planlens/extract/lexicon"
	"github.com/planlens/planlens/extract/textlayer"
)

//go:embed rules.txt
var rulesTxt string

type ruleRow struct {
	name     string
	pos, neg []string
	line     int
}

func ruleRows(t *testing.T) []ruleRow {
	t.Helper()
	var rows []ruleRow
	err := datafile.Each("rules.txt", rulesTxt, 4, 0, func(r datafile.Row) error {
		row := ruleRow{name: r.Fields[0], line: r.Line}
		for _, ex := range r.Fields[2:] {
			switch ex[0] {
			case '+':
				row.pos = append(row.pos, ex[1:])
			case '-':
				row.neg = append(row.neg, ex[1:])
			default:
				return fmt.Errorf("example %q: want + or - before it", ex)
			}
		}
		if len(row.pos) == 0 || len(row.neg) == 0 {
			return fmt.Errorf("rule %s: want at least one + and one - example", row.name)
		}
		rows = append(rows, row)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestRulesTable: rules.txt has a row for every name veto of rules.go, in
// order, and no other.
func TestRulesTable(t *testing.T) {
	var got, want []string
	for _, r := range ruleRows(t) {
		got = append(got, r.name)
	}
	for _, r := range nameVetoes {
		want = append(want, r.name)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("rules.txt rows\n%v\nrules.go vetoes\n%v", got, want)
	}
}

// candidate annotates an example and returns its sentence context, the
// found name marked with {braces} and all the sentence's names.
func candidate(t *testing.T, ex string) (*annotate.Sentence, *sentCtx, cand, []cand) {
	t.Helper()
	open, close := strings.Index(ex, "{"), strings.Index(ex, "}")
	if open < 0 || close < open {
		t.Fatalf("example %q: mark the name with {braces}", ex)
	}
	want := textlayer.New(ex[open+1 : close]).Norm
	ss := sentences(t, ex[:open]+ex[open+1:close]+ex[close+1:])
	if len(ss) != 1 {
		t.Fatalf("example %q: %d sentences, want 1", ex, len(ss))
	}
	c := newSentCtx(finder(t), ss[0])
	found := c.names()
	names := c.enumerations(found)
	c.groupLists(found)
	names = append(names, found...)
	var all []string
	for _, n := range names {
		if n.name == want {
			return ss[0], c, n, names
		}
		all = append(all, n.name)
	}
	t.Fatalf("example %q: no name %q found (names: %v)", ex, want, all)
	return nil, nil, cand{}, nil
}

// TestRuleExamples runs every example of rules.txt: the veto rejects the
// marked name of each + example (and no record has that name there) and
// lets the name of each - example through.
func TestRuleExamples(t *testing.T) {
	f := finder(t)
	for _, row := range ruleRows(t) {
		var rule nameRule
		for _, r := range nameVetoes {
			if r.name == row.name {
				rule = r
			}
		}
		if rule.fires == nil {
			continue // TestRulesTable reports it
		}
		t.Run(row.name, func(t *testing.T) {
			for _, ex := range row.pos {
				s, c, n, names := candidate(t, ex)
				if !rule.fires(c, n, names) {
					t.Errorf("rules.txt:%d: %s does not reject %q in %q", row.line, row.name, n.name, ex)
				}
				for _, fd := range f.Find(s) {
					if !fd.Rejected && fd.Record.Name == n.name && fd.SentStart == n.start {
						t.Errorf("rules.txt:%d: %q: %s still a record", row.line, ex, n.name)
					}
				}
			}
			for _, ex := range row.neg {
				_, c, n, names := candidate(t, ex)
				if rule.fires(c, n, names) {
					t.Errorf("rules.txt:%d: %s rejects %q in %q", row.line, row.name, n.name, ex)
				}
			}
		})
	}
}
