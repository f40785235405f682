package eval

import (
	"sort"

	"github.com/planlens/planlens/identity"
	"github.com/planlens/planlens/schema"
)

// RuleScore is how often one named rule decided right on a gold set: an
// accepting rule is right when the record it accepted is in the gold (its
// precision is the records' precision), a veto when the candidate it
// rejected is not (a veto of a gold record is a miss it caused).
type RuleScore struct {
	Rule      string  `json:"rule"`
	Kind      string  `json:"kind"`
	Verdict   string  `json:"verdict"` // accept or veto
	N         int     `json:"n"`       // decisions
	Right     int     `json:"right"`
	Precision float64 `json:"precision"`
	// Wrong are the records wrongly accepted or the gold records wrongly
	// vetoed.
	Wrong []schema.Record `json:"wrong,omitempty"`
}

// ScoreRules scores the deciding rule of every record and rejected
// candidate of one document (records extracted with explanations) against
// its gold: a target by its mention (overlapping span, same value and
// unit), a project by its name (NamesMatch with a gold project's).
func ScoreRules(gold []schema.Record, res *schema.Result) []RuleScore {
	inGold := func(r schema.Record) bool {
		for _, g := range gold {
			switch {
			case g.Kind != r.Kind:
			case r.Kind == schema.KindTarget && Overlap(g, r) && identity.SameQuantity(g, r):
				return true
			case r.Kind == schema.KindProject && identity.NamesMatch(identity.Name(g), identity.Name(r)):
				return true
			}
		}
		return false
	}
	byRule := map[[3]string]*RuleScore{}
	add := func(r schema.Record, verdict string, right bool) {
		for _, v := range r.Explain {
			if v.Verdict != verdict {
				continue
			}
			k := [3]string{r.Kind, v.Rule, verdict}
			s := byRule[k]
			if s == nil {
				s = &RuleScore{Rule: v.Rule, Kind: r.Kind, Verdict: verdict}
				byRule[k] = s
			}
			s.N++
			if right {
				s.Right++
			} else {
				s.Wrong = append(s.Wrong, r)
			}
		}
	}
	for _, r := range res.Records {
		add(r, schema.VerdictAccept, inGold(r))
	}
	for _, r := range res.Rejected {
		add(r, schema.VerdictVeto, !inGold(r))
	}
	out := make([]RuleScore, 0, len(byRule))
	for _, s := range byRule {
		out = append(out, *s)
	}
	return MergeRules(out)
}

// MergeRules adds up the scores of the same rule (of several documents)
// and sorts them: kind, verdict, then the rules with most decisions first.
func MergeRules(scores ...[]RuleScore) []RuleScore {
	byRule := map[[3]string]*RuleScore{}
	var keys [][3]string
	for _, ss := range scores {
		for _, s := range ss {
			k := [3]string{s.Kind, s.Verdict, s.Rule}
			m := byRule[k]
			if m == nil {
				m = &RuleScore{Rule: s.Rule, Kind: s.Kind, Verdict: s.Verdict}
				byRule[k] = m
				keys = append(keys, k)
			}
			m.N += s.N
			m.Right += s.Right
			m.Wrong = append(m.Wrong, s.Wrong...)
		}
	}
	out := make([]RuleScore, 0, len(keys))
	for _, k := range keys {
		m := byRule[k]
		if m.N > 0 {
			m.Precision = float64(m.Right) / float64(m.N)
		}
		out = append(out, *m)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Verdict != b.Verdict {
			return a.Verdict < b.Verdict
		}
		if a.N != b.N {
			return a.N > b.N
		}
		return a.Rule < b.Rule
	})
	return out
}
