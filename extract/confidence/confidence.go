// Package confidence scores the target and project records that the rules
// propose, and decides which to keep. The rules propose candidates
// generously; a small logistic-regression model over features of the
// record, its sentence and its document (the cue words around it, its
// unit class, stage, modality, genre, heading, position in a task row,
// the shape of a project name …) gives each a probability of being right:
// the record's Confidence. Records below the model's threshold are
// dropped.
//
// The weights are the embedded data file weights.json, written by
// `planlens train --gold DIR` (Train); `planlens eval --cv` measures the
// model leave-one-document-out. Cue words are the data file cues.txt.
package confidence

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/planlens/planlens/schema"
)

//go:embed weights.json
var weightsJSON []byte

//go:embed cues.txt
var cuesTxt string

//go:embed unitclass.txt
var unitClassTxt string

// Version is the format version of the weights file.
const Version = 1

// Model is a logistic-regression model per record kind.
type Model struct {
	Version int `json:"version"`
	// Trained says what the model was fitted on.
	Trained string `json:"trained,omitempty"`
	// Threshold per kind: records with a lower confidence are dropped.
	Threshold map[string]float64 `json:"threshold"`
	// Bias and Weights per kind (feature name → weight).
	Bias    map[string]float64            `json:"bias"`
	Weights map[string]map[string]float64 `json:"weights"`

	fz *Featurizer
}

// Kinds are the record kinds the model scores.
var kinds = []string{schema.KindTarget, schema.KindProject}

// Scored reports whether records of kind get a confidence.
func Scored(kind string) bool { return kind == schema.KindTarget || kind == schema.KindProject }

// Default returns the embedded model.
func Default() (*Model, error) {
	m, err := Read(bytes.NewReader(weightsJSON))
	if err != nil {
		return nil, fmt.Errorf("confidence: embedded weights.json: %w", err)
	}
	return m, nil
}

// Read reads a weights file.
func Read(r io.Reader) (*Model, error) {
	var m Model
	dec := json.NewDecoder(r)
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("confidence: weights: %w", err)
	}
	if m.Version != Version {
		return nil, fmt.Errorf("confidence: weights: version %d, want %d", m.Version, Version)
	}
	for _, k := range kinds {
		if _, ok := m.Threshold[k]; !ok {
			return nil, fmt.Errorf("confidence: weights: no threshold for %q", k)
		}
	}
	if err := m.init(); err != nil {
		return nil, err
	}
	return &m, nil
}

func (m *Model) init() error {
	fz, err := NewFeaturizer()
	if err != nil {
		return err
	}
	m.fz = fz
	if m.Bias == nil {
		m.Bias = map[string]float64{}
	}
	if m.Weights == nil {
		m.Weights = map[string]map[string]float64{}
	}
	return nil
}

// Write writes the model as indented JSON with sorted keys.
func (m *Model) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("confidence: write weights: %w", err)
	}
	return nil
}

// Features returns the feature names of a record in its document.
func (m *Model) Features(d *Doc, r schema.Record) []string {
	return m.fz.features(d, r)
}

// Prob is the model's probability for a record of kind with features fs.
func (m *Model) Prob(kind string, fs []string) float64 {
	w := m.Weights[kind]
	z := m.Bias[kind]
	for _, f := range fs {
		z += w[f]
	}
	return sigmoid(z)
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// Score sets the Confidence of every target and project record of recs
// (rounded to two decimals); other records are left alone.
func (m *Model) Score(d *Doc, recs []schema.Record) {
	for i := range recs {
		r := &recs[i]
		if !Scored(r.Kind) {
			continue
		}
		p := m.Prob(r.Kind, m.Features(d, *r))
		r.Confidence = math.Round(p*100) / 100
		if r.Confidence <= 0 {
			r.Confidence = 0.01 // 0 would read as "not scored"
		}
	}
}

// Decide keeps the records whose confidence reaches the model's
// threshold for their kind and the records it does not score. recs is
// filtered in place.
func (m *Model) Decide(recs []schema.Record) []schema.Record {
	out := recs[:0]
	for _, r := range recs {
		if Scored(r.Kind) && r.Confidence < m.Threshold[r.Kind] {
			continue
		}
		out = append(out, r)
	}
	return out
}

// MinConfidence keeps the records not scored by the model and those whose
// confidence is at least min.
func MinConfidence(recs []schema.Record, min float64) []schema.Record {
	if min <= 0 {
		return recs
	}
	var out []schema.Record
	for _, r := range recs {
		if Scored(r.Kind) && r.Confidence < min {
			continue
		}
		out = append(out, r)
	}
	return out
}

// DefaultThreshold is the decision threshold of a fit for records of kind:
// 0.5 for targets; 0.2 for projects, whose features carry less across
// documents (cross-validation drops right names as often as wrong ones
// above that).
func DefaultThreshold(kind string) float64 {
	if kind == schema.KindProject {
		return 0.2
	}
	return 0.5
}

// Example is one labelled candidate for training.
type Example struct {
	Kind     string
	Features []string
	Label    bool
	// Group is the document the candidate comes from (see GroupEffects).
	Group string
}

// groupPrefix marks the per-document intercept features of a fit.
const groupPrefix = "group\x1f"

// GroupEffects reports whether a kind is fitted with one unpenalised
// intercept per document (Example.Group): the shared weights then learn
// what separates right from wrong names inside a document, not which
// documents have more right names, and the model's bias is the mean of
// the document intercepts. Without them, leave-one-document-out, project
// features carried each training document's share of right names to the
// held-out one (held-out confidences ≥ 0.8 were 82% right; with them 90%).
func GroupEffects(kind string) bool { return kind == schema.KindProject }

// TrainOptions tune Train.
type TrainOptions struct {
	// Epochs of gradient descent (default 200).
	Epochs int
	// L2 is the ridge penalty of every kind (default DefaultL2 per kind).
	L2 float64
	// Rate is the learning rate (default 0.5).
	Rate float64
	// Threshold per kind (default DefaultThreshold).
	Threshold map[string]float64
	// Trained describes the data, stored in the model.
	Trained string
}

// Train fits one logistic regression per kind on examples by full-batch
// gradient descent with an L2 penalty. It is deterministic: the same
// examples give the same weights.
func Train(examples []Example, opts TrainOptions) (*Model, error) {
	if opts.Epochs <= 0 {
		opts.Epochs = 200
	}
	if opts.Rate <= 0 {
		opts.Rate = 0.5
	}
	m := &Model{Version: Version, Trained: opts.Trained, Threshold: map[string]float64{}, Bias: map[string]float64{}, Weights: map[string]map[string]float64{}}
	if err := m.init(); err != nil {
		return nil, err
	}
	for _, k := range kinds {
		m.Threshold[k] = DefaultThreshold(k)
		if t, ok := opts.Threshold[k]; ok {
			m.Threshold[k] = t
		}
		var ex []Example
		for _, e := range examples {
			if e.Kind == k {
				ex = append(ex, e)
			}
		}
		ko := opts
		if ko.L2 <= 0 {
			ko.L2 = DefaultL2(k)
		}
		grouped := GroupEffects(k) && groups(ex) > 1
		if grouped {
			ex = withGroups(ex)
		}
		b, w := fit(ex, ko)
		ws := map[string]float64{}
		var gsum float64
		var gn int
		for f, v := range w {
			if strings.HasPrefix(f, groupPrefix) {
				gsum += v
				gn++
				continue
			}
			if math.Abs(v) >= 1e-4 {
				ws[f] = round6(v)
			}
		}
		if gn > 0 {
			b += gsum / float64(gn)
		}
		m.Bias[k] = round6(b)
		m.Weights[k] = ws
	}
	return m, nil
}

// DefaultL2 is the ridge penalty of a kind: targets 0.02; projects 0.05,
// the smallest at which held-out project confidences ≥ 0.8 are ≥ 85%
// right (planlens eval --cv --l2).
func DefaultL2(kind string) float64 {
	if kind == schema.KindProject {
		return 0.05
	}
	return 0.02
}

// groups counts the distinct groups of examples.
func groups(ex []Example) int {
	seen := map[string]bool{}
	for _, e := range ex {
		seen[e.Group] = true
	}
	return len(seen)
}

// withGroups returns the examples with their group's intercept feature.
func withGroups(ex []Example) []Example {
	out := make([]Example, len(ex))
	for i, e := range ex {
		e.Features = append(append([]string(nil), e.Features...), groupPrefix+e.Group)
		out[i] = e
	}
	return out
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// fit runs gradient descent with per-feature adaptive steps (AdaGrad) on
// sparse binary features.
func fit(ex []Example, opts TrainOptions) (float64, map[string]float64) {
	if len(ex) == 0 {
		return 0, nil
	}
	// index features
	idx := map[string]int{}
	var names []string
	rows := make([][]int, len(ex))
	for i, e := range ex {
		seen := map[int]bool{}
		for _, f := range e.Features {
			j, ok := idx[f]
			if !ok {
				j = len(names)
				idx[f] = j
				names = append(names, f)
			}
			if !seen[j] {
				seen[j] = true
				rows[i] = append(rows[i], j)
			}
		}
		sort.Ints(rows[i])
	}
	free := make([]bool, len(names))
	for j, f := range names {
		free[j] = strings.HasPrefix(f, groupPrefix)
	}
	w := make([]float64, len(names))
	gw := make([]float64, len(names))
	hist := make([]float64, len(names))
	var b, hb float64
	n := float64(len(ex))
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		for j := range gw {
			gw[j] = opts.L2 * w[j]
			if free[j] {
				gw[j] = 0 // a document intercept is not penalised
			}
		}
		gb := 0.0
		for i, e := range ex {
			z := b
			for _, j := range rows[i] {
				z += w[j]
			}
			y := 0.0
			if e.Label {
				y = 1
			}
			d := (sigmoid(z) - y) / n
			gb += d
			for _, j := range rows[i] {
				gw[j] += d
			}
		}
		hb += gb * gb
		b -= opts.Rate * gb / (math.Sqrt(hb) + 1e-8)
		for j := range w {
			if gw[j] == 0 {
				continue
			}
			hist[j] += gw[j] * gw[j]
			w[j] -= opts.Rate * gw[j] / (math.Sqrt(hist[j]) + 1e-8)
		}
	}
	out := make(map[string]float64, len(names))
	for j, f := range names {
		out[f] = w[j]
	}
	return b, out
}
