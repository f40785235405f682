// Package eval scores extracted records against gold annotations by the
// rules of records.md: targets per mention (overlapping byte span, same
// value and unit), projects per unique name (one name contains the other
// and covers at least 60% of it). Scoring functions are pure: records in,
// figures out.
package eval

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/planlens/planlens/identity"
	"github.com/planlens/planlens/jsonl"
	"github.com/planlens/planlens/schema"
)

// Score is precision, recall and F1 from counts.
type Score struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (s *Score) compute() {
	s.Precision, s.Recall, s.F1 = 0, 0, 0
	if s.TP+s.FP > 0 {
		s.Precision = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		s.Recall = float64(s.TP) / float64(s.TP+s.FN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
}

// Field is the accuracy of one field on matched records.
type Field struct {
	Name     string  `json:"field"`
	Correct  int     `json:"correct"`
	Total    int     `json:"total"`
	Accuracy float64 `json:"accuracy"`
}

// Pair is a gold record and the extracted record matched to it.
type Pair struct {
	Gold schema.Record `json:"gold"`
	Got  schema.Record `json:"got"`
}

// Report is the score of one or more documents.
type Report struct {
	Docs    []string `json:"docs"`
	Target  Score    `json:"target"`
	Project Score    `json:"project"`
	// TargetFields are field accuracies on matched targets (object,
	// stage, modality, direction, approx); ProjectStage on matched projects.
	TargetFields []Field `json:"target_fields"`
	ProjectStage Field   `json:"project_stage"`
	// NotTargetHits are extracted targets overlapping a not_target span.
	NotTargetHits []schema.Record `json:"not_target_hits"`
	// Incomplete are extracted targets without a value or a unit.
	Incomplete []schema.Record `json:"incomplete"`
	// Misses are gold records not found (targets and projects);
	// FalseHits are extracted records not in the gold.
	Misses    []schema.Record `json:"misses"`
	FalseHits []schema.Record `json:"false_hits"`
	// Matched are the matched target pairs (for field checks).
	Matched []Pair `json:"-"`
	// ProjectMatched are the matched project pairs.
	ProjectMatched []Pair `json:"-"`
}

// targetFields are the fields whose accuracy is reported on matched targets.
var targetFields = []string{"object", "stage", "modality", "direction", "approx"}

// ScoreDoc scores the extracted records of one document against its gold.
// Records of kinds other than target and project are ignored.
func ScoreDoc(gold, got []schema.Record) Report {
	var r Report
	var gt, gp, nt, xt, xp []schema.Record
	for _, g := range gold {
		switch g.Kind {
		case schema.KindTarget:
			gt = append(gt, g)
		case schema.KindProject:
			gp = append(gp, g)
		case schema.KindNotTarget:
			nt = append(nt, g)
		}
	}
	for _, x := range got {
		switch x.Kind {
		case schema.KindTarget:
			xt = append(xt, x)
			if x.Value == nil || x.Unit == "" {
				r.Incomplete = append(r.Incomplete, x)
			}
		case schema.KindProject:
			xp = append(xp, x)
		}
	}
	r.scoreTargets(gt, xt, nt)
	r.scoreProjects(gp, xp)
	r.finish()
	return r
}

// Overlap reports whether two byte spans share at least one byte.
func Overlap(a, b schema.Record) bool {
	return a.Start < b.End && b.Start < a.End
}

func (r *Report) scoreTargets(gold, got, not []schema.Record) {
	used := make([]bool, len(got))
	for _, g := range gold {
		best := -1
		for i, x := range got {
			if used[i] || !Overlap(g, x) || !identity.Same(g, x) {
				continue
			}
			if best < 0 || abs(x.Start-g.Start) < abs(got[best].Start-g.Start) {
				best = i
			}
		}
		if best < 0 {
			r.Target.FN++
			r.Misses = append(r.Misses, g)
			continue
		}
		used[best] = true
		r.Target.TP++
		r.Matched = append(r.Matched, Pair{Gold: g, Got: got[best]})
	}
	for i, x := range got {
		if used[i] {
			continue
		}
		r.Target.FP++
		r.FalseHits = append(r.FalseHits, x)
		for _, n := range not {
			if Overlap(n, x) {
				r.NotTargetHits = append(r.NotTargetHits, x)
				break
			}
		}
	}
}

func abs(a int) int {
	if a < 0 {
		return -a
	}
	return a
}

// uniqueNames keeps the first record of each distinct name, in order.
func uniqueNames(recs []schema.Record) []schema.Record {
	seen := map[string]bool{}
	var out []schema.Record
	for _, p := range recs {
		n := identity.Name(p)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, p)
	}
	return out
}

func (r *Report) scoreProjects(gold, got []schema.Record) {
	gold, got = uniqueNames(gold), uniqueNames(got)
	used := make([]bool, len(got))
	for _, g := range gold {
		gn := identity.Name(g)
		best, bestCover := -1, 0.0
		for i, x := range got {
			xn := identity.Name(x)
			if used[i] || !identity.NamesMatch(gn, xn) {
				continue
			}
			c := cover(gn, xn)
			if best < 0 || c > bestCover {
				best, bestCover = i, c
			}
		}
		if best < 0 {
			r.Project.FN++
			r.Misses = append(r.Misses, g)
			continue
		}
		used[best] = true
		r.Project.TP++
		r.ProjectMatched = append(r.ProjectMatched, Pair{Gold: g, Got: got[best]})
	}
	for i, x := range got {
		if !used[i] {
			r.Project.FP++
			r.FalseHits = append(r.FalseHits, x)
		}
	}
}

func cover(a, b string) float64 {
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	return float64(min(la, lb)) / float64(max(la, lb))
}

// FieldValue returns a scored field of a record, with the defaults of
// the gold conventions (an absent approx is exact).
func FieldValue(rec schema.Record, field string) string {
	switch field {
	case "object":
		return rec.Object
	case "stage":
		return rec.Stage
	case "modality":
		return rec.Modality
	case "direction":
		return rec.Direction
	case "approx":
		if rec.Approx == "" {
			return schema.ApproxExact
		}
		return rec.Approx
	}
	return ""
}

// FieldCorrect compares a field of a matched pair. Objects match when one
// contains the other (borders of a noun phrase are a judgement call);
// other fields must be equal.
func FieldCorrect(gold, got schema.Record, field string) bool {
	g, x := FieldValue(gold, field), FieldValue(got, field)
	if field == "object" && g != "" && x != "" {
		return strings.Contains(g, x) || strings.Contains(x, g)
	}
	return g == x
}

func (r *Report) finish() {
	r.Target.compute()
	r.Project.compute()
	r.TargetFields = r.TargetFields[:0]
	for _, f := range targetFields {
		fa := Field{Name: f}
		for _, p := range r.Matched {
			fa.Total++
			if FieldCorrect(p.Gold, p.Got, f) {
				fa.Correct++
			}
		}
		fa.compute()
		r.TargetFields = append(r.TargetFields, fa)
	}
	r.ProjectStage = Field{Name: "stage"}
	for _, p := range r.ProjectMatched {
		r.ProjectStage.Total++
		if FieldCorrect(p.Gold, p.Got, "stage") {
			r.ProjectStage.Correct++
		}
	}
	r.ProjectStage.compute()
}

func (f *Field) compute() {
	f.Accuracy = 0
	if f.Total > 0 {
		f.Accuracy = float64(f.Correct) / float64(f.Total)
	}
}

// Merge sums reports of several documents (micro-averaged).
func Merge(reports ...Report) Report {
	var m Report
	for _, r := range reports {
		m.Docs = append(m.Docs, r.Docs...)
		m.Target.TP += r.Target.TP
		m.Target.FP += r.Target.FP
		m.Target.FN += r.Target.FN
		m.Project.TP += r.Project.TP
		m.Project.FP += r.Project.FP
		m.Project.FN += r.Project.FN
		m.NotTargetHits = append(m.NotTargetHits, r.NotTargetHits...)
		m.Incomplete = append(m.Incomplete, r.Incomplete...)
		m.Misses = append(m.Misses, r.Misses...)
		m.FalseHits = append(m.FalseHits, r.FalseHits...)
		m.Matched = append(m.Matched, r.Matched...)
		m.ProjectMatched = append(m.ProjectMatched, r.ProjectMatched...)
	}
	m.finish()
	return m
}

// ErrNoGold reports a gold path without gold files.
var ErrNoGold = errors.New("eval: no gold files")

// Gold is the gold of one document.
type Gold struct {
	// Doc is the document's file name as the gold names it.
	Doc string
	// Dir is the directory of the gold file (the document's .txt is
	// usually beside it).
	Dir     string
	Records []schema.Record
}

// LoadGold reads a gold .jsonl file, or every *.jsonl file of a
// directory, and groups records by document file name.
func LoadGold(path string) ([]Gold, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	files := []string{path}
	if fi.IsDir() {
		files, err = filepath.Glob(filepath.Join(path, "*.jsonl"))
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		sort.Strings(files)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%w in %s", ErrNoGold, path)
	}
	byDoc := map[string]*Gold{}
	var order []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		recs, err := ReadGold(fh)
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("eval: %s: %w", f, err)
		}
		for _, r := range recs {
			if r.Doc == "" {
				return nil, fmt.Errorf("eval: %s: record without \"doc\"", f)
			}
			g := byDoc[r.Doc]
			if g == nil {
				g = &Gold{Doc: r.Doc, Dir: filepath.Dir(f)}
				byDoc[r.Doc] = g
				order = append(order, r.Doc)
			}
			g.Records = append(g.Records, r)
		}
	}
	out := make([]Gold, 0, len(order))
	for _, d := range order {
		out = append(out, *byDoc[d])
	}
	return out, nil
}

// ReadGold reads gold records, one JSON object a line (blank lines skipped).
func ReadGold(r io.Reader) ([]schema.Record, error) {
	var out []schema.Record
	err := jsonl.Each(r, func(_ int, rec schema.Record) error {
		out = append(out, rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DocKey is the key that pairs a gold document with an extracted one: the
// file's base name.
func DocKey(path string) string { return filepath.Base(path) }
