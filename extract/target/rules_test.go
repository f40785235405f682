package target

import (
	_ "embed"
	"fmt"
	"strings"
	"testing"

	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/extract/lexicon"
	"github.com/planlens/planlens/extract/numeral"
	"github.com/planlens/planlens/extract/textlayer"
)

//go:embed rules.txt
var rulesTxt string

// ruleRow is a row of rules.txt.
type ruleRow struct {
	name, trigger string
	pos, neg      []string
	line          int
}

func ruleRows(t *testing.T) []ruleRow {
	t.Helper()
	var rows []ruleRow
	err := lexicon.Each("rules.txt", rulesTxt, 4, 0, func(r lexicon.Row) error {
		row := ruleRow{name: r.Fields[0], trigger: r.Fields[1], line: r.Line}
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

// ruleNames are the rules of rules.go, in order.
func ruleNames() []string {
	var out []string
	for _, r := range goalVetoes {
		out = append(out, r.name)
	}
	out = append(out, tenseRules...)
	for _, r := range recordVetoes {
		out = append(out, r.name)
	}
	return out
}

// TestRulesTable: rules.txt has one row for every rule of rules.go, in
// the same order, and no other.
func TestRulesTable(t *testing.T) {
	var got []string
	for _, r := range ruleRows(t) {
		got = append(got, r.name)
	}
	if want := ruleNames(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("rules.txt rows\n%v\nrules.go rules\n%v", got, want)
	}
}

// marked annotates an example (a document of the year 2026) and returns
// the sentence and the quantity marked with {braces}.
func marked(t *testing.T, a *annotate.Annotator, ex string) (*annotate.Sentence, numeral.Quantity) {
	t.Helper()
	ex = strings.ReplaceAll(ex, `\n`, "\n")
	open, close := strings.Index(ex, "{"), strings.Index(ex, "}")
	if open < 0 || close < open {
		t.Fatalf("example %q: mark the number with {braces}", ex)
	}
	mid := textlayer.New(ex[open+1 : close]).Norm
	text := "2026年政府工作报告\n" + ex[:open] + ex[open+1:close] + ex[close+1:]
	for _, s := range a.Text(text).Sentences() {
		k := strings.Index(s.Text, mid)
		if k < 0 || strings.Count(s.Text, mid) > 1 {
			continue
		}
		for _, q := range s.Quantities() {
			if q.Start <= k && k < q.End {
				return s, q
			}
		}
		t.Fatalf("example %q: no quantity at %q (quantities: %+v)", ex, mid, s.Quantities())
	}
	t.Fatalf("example %q: marked text %q not found once in a sentence", ex, mid)
	return nil, numeral.Quantity{}
}

// fires evaluates rule name on quantity q of s directly, whatever the
// rules before it say.
func fires(f *Finder, s *annotate.Sentence, q numeral.Quantity, name string) bool {
	c := f.newGoalCtx(s, q)
	for _, r := range goalVetoes {
		if r.name == name {
			return r.fires(c)
		}
	}
	for _, r := range recordVetoes {
		if r.name == name {
			return r.fires(&recordCtx{goalCtx: c, r: f.record(s, s.Tokens, q, "")})
		}
	}
	_, verdict := c.tenseVerdict()
	return verdict == name
}

// isAccept reports a rule that accepts (the others veto).
func isAccept(name string) bool {
	switch name {
	case ruleFutureCue, ruleWeakGoverned, ruleTaskSection, ruleNoCueGoverned:
		return true
	}
	return false
}

// TestRuleExamples runs every example of rules.txt: the rule fires on the
// marked number of each + example and not on that of each - example; a
// + example of a veto gives no target at the number, a + example of an
// accepting rule gives one.
func TestRuleExamples(t *testing.T) {
	a, f := setup(t)
	for _, row := range ruleRows(t) {
		t.Run(row.name, func(t *testing.T) {
			for _, ex := range row.pos {
				s, q := marked(t, a, ex)
				if !fires(f, s, q, row.name) {
					t.Errorf("rules.txt:%d: %s does not fire on %q", row.line, row.name, ex)
				}
				found := false
				for _, fd := range f.Find(s) {
					if fd.SentStart <= q.Start && q.Start < fd.SentEnd {
						found = true
					}
				}
				if found != isAccept(row.name) {
					t.Errorf("rules.txt:%d: %q: target found = %v, want %v", row.line, ex, found, isAccept(row.name))
				}
			}
			for _, ex := range row.neg {
				s, q := marked(t, a, ex)
				if fires(f, s, q, row.name) {
					t.Errorf("rules.txt:%d: %s fires on %q", row.line, row.name, ex)
				}
			}
		})
	}
}
