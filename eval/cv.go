package eval

import (
	"fmt"
	"sort"

	"github.com/planlens/planlens/extract/confidence"
	"github.com/planlens/planlens/identity"
	"github.com/planlens/planlens/schema"
)

// Labels says for each record of got whether it is right by the scoring
// rules: a target matched to a gold target (greedy, as ScoreDoc matches),
// a project whose name matches a gold project name. Other kinds are false.
func Labels(gold, got []schema.Record) []bool {
	out := make([]bool, len(got))
	var gt, gp []schema.Record
	for _, g := range gold {
		switch g.Kind {
		case schema.KindTarget:
			gt = append(gt, g)
		case schema.KindProject:
			gp = append(gp, g)
		}
	}
	used := make([]bool, len(got))
	for _, g := range gt {
		best := -1
		for i, x := range got {
			if x.Kind != schema.KindTarget || used[i] || !Overlap(g, x) || !identity.SameQuantity(g, x) {
				continue
			}
			if best < 0 || abs(x.Start-g.Start) < abs(got[best].Start-g.Start) {
				best = i
			}
		}
		if best >= 0 {
			used[best] = true
			out[best] = true
		}
	}
	names := make([]string, 0, len(gp))
	for _, g := range gp {
		names = append(names, identity.Name(g))
	}
	for i, x := range got {
		if x.Kind != schema.KindProject {
			continue
		}
		xn := identity.Name(x)
		for _, gn := range names {
			if identity.NamesMatch(gn, xn) {
				out[i] = true
				break
			}
		}
	}
	return out
}

// CVDoc is one document for cross-validation: its gold, the candidate
// records the rules proposed (unscored) and the view the features read.
type CVDoc struct {
	Key        string
	Genre      string
	Gold       []schema.Record
	Candidates []schema.Record
	Doc        *confidence.Doc
}

// Examples turns the candidates of docs into labelled training examples.
func Examples(fz *confidence.Featurizer, docs []CVDoc) []confidence.Example {
	var ex []confidence.Example
	for _, d := range docs {
		labels := Labels(d.Gold, d.Candidates)
		for i, r := range d.Candidates {
			if !confidence.Scored(r.Kind) {
				continue
			}
			ex = append(ex, confidence.Example{Kind: r.Kind, Features: fz.Features(d.Doc, r), Label: labels[i], Group: d.Key})
		}
	}
	return ex
}

// DocReport is the report of one document.
type DocReport struct {
	Doc   string `json:"doc"`
	Genre string `json:"genre"`
	Report
}

// Bin is one row of a calibration table: records whose confidence lies in
// [Lo, Hi), and the share of them that is right.
type Bin struct {
	Kind      string  `json:"kind"`
	Lo        float64 `json:"lo"`
	Hi        float64 `json:"hi"`
	N         int     `json:"n"`
	Right     int     `json:"right"`
	Precision float64 `json:"precision"`
}

// CVReport is the result of leave-one-document-out cross-validation.
type CVReport struct {
	Total  Report            `json:"total"`
	Genres map[string]Report `json:"genres"`
	Docs   []DocReport       `json:"docs"`
	// Calibration bins the held-out confidences of every candidate.
	Calibration []Bin `json:"calibration"`
	// High is the share right among held-out records with confidence
	// ≥ 0.8, per kind and "all".
	High map[string]Bin `json:"high"`
}

// CalibrationEdges are the bin edges of the calibration table.
var CalibrationEdges = []float64{0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001}

// CrossValidate trains on all documents but one, scores the held-out one
// and decides by the trained model's thresholds, for every document.
func CrossValidate(docs []CVDoc, opts confidence.TrainOptions) (CVReport, error) {
	fz, err := confidence.NewFeaturizer()
	if err != nil {
		return CVReport{}, err
	}
	if len(docs) < 2 {
		return CVReport{}, fmt.Errorf("eval: cross-validation needs at least two documents, have %d", len(docs))
	}
	rep := CVReport{Genres: map[string]Report{}, High: map[string]Bin{}}
	type scored struct {
		kind  string
		conf  float64
		right bool
	}
	var all []scored
	byGenre := map[string][]Report{}
	var reports []Report
	for i, held := range docs {
		var rest []CVDoc
		rest = append(rest, docs[:i]...)
		rest = append(rest, docs[i+1:]...)
		o := opts
		o.Trained = fmt.Sprintf("cross-validation fold without %s", held.Key)
		m, err := confidence.Train(Examples(fz, rest), o)
		if err != nil {
			return CVReport{}, err
		}
		recs := append([]schema.Record(nil), held.Candidates...)
		m.Score(held.Doc, recs)
		labels := Labels(held.Gold, recs)
		for j, r := range recs {
			if confidence.Scored(r.Kind) {
				all = append(all, scored{r.Kind, r.Confidence, labels[j]})
			}
		}
		kept := m.Decide(recs)
		r := ScoreDoc(held.Gold, kept)
		r.Docs = []string{held.Key}
		reports = append(reports, r)
		byGenre[held.Genre] = append(byGenre[held.Genre], r)
		rep.Docs = append(rep.Docs, DocReport{Doc: held.Key, Genre: held.Genre, Report: r})
	}
	rep.Total = Merge(reports...)
	for g, rs := range byGenre {
		rep.Genres[g] = Merge(rs...)
	}
	for _, k := range []string{schema.KindTarget, schema.KindProject} {
		for b := 0; b+1 < len(CalibrationEdges); b++ {
			bin := Bin{Kind: k, Lo: CalibrationEdges[b], Hi: CalibrationEdges[b+1]}
			for _, s := range all {
				if s.kind == k && s.conf >= bin.Lo && s.conf < bin.Hi {
					bin.N++
					if s.right {
						bin.Right++
					}
				}
			}
			bin.compute()
			rep.Calibration = append(rep.Calibration, bin)
		}
	}
	for _, k := range []string{schema.KindTarget, schema.KindProject, "all"} {
		bin := Bin{Kind: k, Lo: 0.8, Hi: 1}
		for _, s := range all {
			if (k == "all" || s.kind == k) && s.conf >= 0.8 {
				bin.N++
				if s.right {
					bin.Right++
				}
			}
		}
		bin.compute()
		rep.High[k] = bin
	}
	return rep, nil
}

func (b *Bin) compute() {
	if b.N > 0 {
		b.Precision = float64(b.Right) / float64(b.N)
	}
}

// GenreNames returns the genres of a CV report in sorted order.
func (r CVReport) GenreNames() []string {
	var out []string
	for g := range r.Genres {
		out = append(out, g)
	}
	sort.Strings(out)
	return out
}
