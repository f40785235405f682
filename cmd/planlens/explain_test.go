package main

import (
	"bufio"
	"encoding/json"
	"strings"
	"testing"

	"github.com/planlens/planlens/schema"
)

// TestExtractExplain: with --explain every target says which vetoes it
// passed and which rule accepted it; without it no record has the field.
func TestExtractExplain(t *testing.T) {
	out, errs, code := runCmd(t, "extract", "--explain", "--kind", "target", seedFile)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	n := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r schema.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		n++
		if len(r.Explain) < 2 {
			t.Fatalf("%s: explain %v", r.Text, r.Explain)
		}
		last := r.Explain[len(r.Explain)-1]
		for _, v := range r.Explain {
			if v.Verdict == schema.VerdictVeto {
				t.Errorf("%s: a kept target with a veto: %v", r.Text, r.Explain)
			}
		}
		accepted := false
		for _, v := range r.Explain {
			accepted = accepted || v.Verdict == schema.VerdictAccept
		}
		if !accepted || last.Verdict != schema.VerdictPass && last.Verdict != schema.VerdictAccept {
			t.Errorf("%s: no accepting rule in %v", r.Text, r.Explain)
		}
	}
	if n != 8 {
		t.Errorf("%d targets from the seed, want 8", n)
	}
	plain, _, _ := runCmd(t, "extract", "--kind", "target", seedFile)
	if strings.Contains(plain, `"explain"`) {
		t.Error("explain field without --explain")
	}
}

// TestEvalRules: eval --rules scores every deciding rule on the seed's
// gold; the accepting target rules' decisions add up to the targets
// extracted.
func TestEvalRules(t *testing.T) {
	out, errs, code := runCmd(t, "eval", "--gold", goldFile, "--rules", "--format", "json", seedFile)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct {
		Total struct {
			Target struct{ TP, FP int }
		}
		Rules []struct {
			Rule, Kind, Verdict string
			N, Right            int
			Precision           float64
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	accepted, vetoes := 0, 0
	for _, r := range rep.Rules {
		if r.N == 0 || r.Right > r.N || r.Rule == "" {
			t.Errorf("rule score %+v", r)
		}
		switch {
		case r.Kind != schema.KindTarget:
		case r.Verdict == schema.VerdictAccept:
			accepted += r.N
		case r.Verdict == schema.VerdictVeto:
			vetoes += r.N
		}
	}
	if accepted != rep.Total.Target.TP+rep.Total.Target.FP || vetoes == 0 {
		t.Errorf("accepted %d (want TP+FP %d), vetoes %d", accepted, rep.Total.Target.TP+rep.Total.Target.FP, vetoes)
	}
	text, _, _ := runCmd(t, "eval", "--gold", goldFile, "--rules", seedFile)
	if !strings.Contains(text, "per rule") || !strings.Contains(text, "article") {
		t.Errorf("text report without the rule table:\n%s", text)
	}
}
