package llm

import (
	"encoding/json"
	"unicode"

	"github.com/planlens/planlens/extract/textlayer"
	"github.com/planlens/planlens/schema"
)

// chunk is a run of whole sentences sent in one request.
type chunk struct {
	// Start and End are byte offsets of the chunk in the document text.
	Start, End int
	// Text is DocText[Start:End].
	Text string
	// Rules are indices into the result's records of the target and
	// project records inside the chunk: the ones the model is asked about.
	Rules []int
	// RulesJSON is the compact JSON array of those records sent along.
	RulesJSON []byte
}

// estimateTokens estimates the tokens of s: about one per Han character
// (and other wide characters), one per four bytes of anything else.
func estimateTokens(s string) int {
	wide, narrow := 0, 0
	for _, r := range s {
		if r > 0x2E80 || unicode.Is(unicode.Han, r) {
			wide++
		} else {
			narrow++
		}
	}
	return wide + (narrow+3)/4
}

// sentencesOf splits text into sentences, for results that come without.
func sentencesOf(text string) []schema.Sentence {
	v := textlayer.New(text)
	ss := v.Sentences()
	out := make([]schema.Sentence, len(ss))
	for i, s := range ss {
		out[i] = schema.Sentence{Index: s.Index, Start: s.Start, End: s.End, Heading: s.Heading}
	}
	return out
}

// makeChunks groups consecutive sentences into chunks whose text stays
// within budget tokens (a longer sentence is a chunk of its own), and
// gives each chunk its rule records.
func makeChunks(text string, sents []schema.Sentence, recs []schema.Record, budget int) []chunk {
	var out []chunk
	cur := chunk{Start: -1}
	curTok := 0
	flush := func() {
		if cur.Start >= 0 {
			cur.Text = text[cur.Start:cur.End]
			out = append(out, cur)
		}
		cur = chunk{Start: -1}
		curTok = 0
	}
	for _, s := range sents {
		if s.Start < 0 || s.End > len(text) || s.End <= s.Start {
			continue
		}
		if cur.Start >= 0 && s.Start < cur.End {
			continue // overlapping or out of order: keep chunks disjoint
		}
		t := estimateTokens(text[s.Start:s.End])
		if cur.Start >= 0 && curTok+t > budget {
			flush()
		}
		if cur.Start < 0 {
			cur.Start = s.Start
		}
		cur.End = s.End
		curTok += t
	}
	flush()
	for i := range out {
		c := &out[i]
		var wire []wireRecord
		for j := range recs {
			r := &recs[j]
			if !asked(r.Kind) || r.Start < c.Start || r.End > c.End {
				continue
			}
			c.Rules = append(c.Rules, j)
			w := toWire(r)
			w.ID = len(c.Rules)
			if w.Text == "" && r.Start >= 0 && r.End <= len(text) && r.Start < r.End {
				w.Text = text[r.Start:r.End]
			}
			wire = append(wire, w)
		}
		if wire == nil {
			wire = []wireRecord{}
		}
		// Marshalling plain strings, numbers and pointers cannot fail.
		b, err := json.Marshal(wire)
		if err != nil {
			b = []byte("[]")
		}
		c.RulesJSON = b
	}
	return out
}

// asked reports whether the model is asked about records of kind.
func asked(kind string) bool {
	return kind == schema.KindTarget || kind == schema.KindProject
}

// wireRecord is a record as the model sees and answers it: the field
// names of records.md, never offsets.
type wireRecord struct {
	// ID numbers the rule records sent with a chunk (1, 2, …) so that the
	// model can reject one by id; 0 (omitted) in answers.
	ID        int      `json:"id,omitempty"`
	Kind      string   `json:"kind"`
	Text      string   `json:"text"`
	Value     *float64 `json:"value,omitempty"`
	ValueMax  *float64 `json:"value_max,omitempty"`
	Approx    string   `json:"approx,omitempty"`
	Unit      string   `json:"unit,omitempty"`
	Object    string   `json:"object,omitempty"`
	Direction string   `json:"direction,omitempty"`
	Name      string   `json:"name,omitempty"`
	Category  string   `json:"category,omitempty"`
	Phase     int      `json:"phase,omitempty"`
	Verb      string   `json:"verb,omitempty"`
	Stage     string   `json:"stage,omitempty"`
	Modality  string   `json:"modality,omitempty"`
	Year      int      `json:"year,omitempty"`
}

func toWire(r *schema.Record) wireRecord {
	return wireRecord{
		Kind: r.Kind, Text: r.Text, Value: r.Value, ValueMax: r.ValueMax,
		Approx: r.Approx, Unit: r.Unit, Object: r.Object, Direction: r.Direction,
		Name: r.Name, Category: r.Category, Phase: r.Phase,
		Verb: r.Verb, Stage: r.Stage, Modality: r.Modality, Year: r.Year,
	}
}
