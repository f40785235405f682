package llm

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/planlens/planlens/extract/numeral"
	"github.com/planlens/planlens/extract/textlayer"
	"github.com/planlens/planlens/identity"
	"github.com/planlens/planlens/schema"
)

// maxTextRunes is the longest evidence text accepted from the model: a
// target or a name, not a paragraph.
const maxTextRunes = 120

// merger merges model answers into a copy of a result's records.
type merger struct {
	doc   *schema.Document
	sents []schema.Sentence
	recs  []schema.Record
	rules int // recs[:rules] are the result's records, the rest added
}

func newMerger(res *schema.Result, sents []schema.Sentence) *merger {
	return &merger{
		doc:   &res.Doc,
		sents: sents,
		recs:  append([]schema.Record(nil), res.Records...),
		rules: len(res.Records),
	}
}

type span struct{ start, end int }

func (s span) overlaps(start, end int) bool { return s.start < end && start < s.end }

// maxReasonRunes bounds the model's reason kept on a disputed record.
const maxReasonRunes = 200

// merge applies the model's answer for chunk c (an answer that parsed).
func (m *merger) merge(c *chunk, a answer, st *Stats) {
	mrs := a.recs
	st.Dropped += a.bad
	matched := make(map[int]bool) // rule records the model returned
	var added []int               // records added for this chunk
	var view *textlayer.View      // of c.Text, built on demand
	for i := range mrs {
		mr := &mrs[i]
		mr.Text = strings.TrimSpace(mr.Text)
		if mr.Kind == schema.KindProject && mr.Text == "" {
			mr.Text = mr.Name
		}
		if !asked(mr.Kind) || mr.Text == "" || utf8.RuneCountInString(mr.Text) > maxTextRunes {
			st.Dropped++
			continue
		}
		if view == nil && !strings.Contains(c.Text, mr.Text) {
			view = textlayer.New(c.Text)
		}
		spans := anchor(c, view, mr.Text)
		if j := m.matchRule(c, mr, spans, matched); j >= 0 {
			matched[j] = true
			r := &m.recs[j]
			r.Confirmed = true
			r.LLMFields = diffFields(r, mr)
			st.Confirmed++
			continue
		}
		// Not a rule record: a record the rules missed, or another
		// reading (name, value) of a rule record's span, which then
		// stays as it is (disputed only if the model also rejects it).
		sp, ok := m.free(c, mr.Kind, spans, added, matched)
		if !ok || !clean(mr) {
			st.Dropped++
			continue
		}
		r := m.newRecord(mr, sp)
		if r.Kind == schema.KindTarget && !scale(&r) {
			st.Dropped++ // its value is not a number of its text
			continue
		}
		m.recs = append(m.recs, r)
		added = append(added, len(m.recs)-1)
		st.Added++
	}
	// A rule record is disputed only when the model rejects it explicitly,
	// by id (or exact text), with a reason — never because it is missing
	// from the answer: an answer that leaves records out (a model told by
	// the document to "ignore previous instructions", a lazy one, a cut
	// one) must not mark them. A record both returned and rejected counts
	// as returned.
	disputed := make(map[int]bool)
	for _, rj := range a.rejected {
		j := -1
		switch {
		case rj.ID >= 1 && rj.ID <= len(c.Rules):
			j = c.Rules[rj.ID-1]
		case rj.ID == 0 && rj.Text != "":
			for _, k := range c.Rules {
				if !matched[k] && !disputed[k] && norm(m.recs[k].Text) == norm(rj.Text) {
					j = k
					break
				}
			}
		}
		if j < 0 || matched[j] || disputed[j] {
			continue
		}
		disputed[j] = true
		r := &m.recs[j]
		r.LLMDisputed = true
		r.LLMReason = clipRunes(strings.TrimSpace(rj.Reason), maxReasonRunes)
		st.Disputed++
	}
	for _, j := range c.Rules {
		if !matched[j] && !disputed[j] {
			st.Unreviewed++
		}
	}
}

// clipRunes shortens s to at most n runes.
func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// anchor returns the document spans of text in chunk c: its exact
// occurrences, or else its occurrences on the normalised view.
func anchor(c *chunk, view *textlayer.View, text string) []span {
	var out []span
	for from := 0; from < len(c.Text); {
		i := strings.Index(c.Text[from:], text)
		if i < 0 {
			break
		}
		s := from + i
		out = append(out, span{c.Start + s, c.Start + s + len(text)})
		from = s + len(text)
	}
	if len(out) > 0 || view == nil {
		return out
	}
	for from := 0; from <= len(view.Norm); {
		s, e, ok := view.Find(text, from)
		if !ok || e <= s {
			break
		}
		out = append(out, span{c.Start + s, c.Start + e})
		next := view.NormOffset(e)
		if next <= from {
			break
		}
		from = next
	}
	return out
}

// matchRule returns the index of the chunk's first unconfirmed rule
// record of mr's kind at mr's place (same text or an overlapping span)
// with the same key (value and unit for a target, name for a project);
// or -1.
func (m *merger) matchRule(c *chunk, mr *modelRecord, spans []span, matched map[int]bool) int {
	for _, j := range c.Rules {
		r := &m.recs[j]
		if matched[j] || r.Kind != mr.Kind || !sameKey(r, mr) {
			continue
		}
		here := r.Text == mr.Text || norm(r.Text) == norm(mr.Text)
		for _, sp := range spans {
			here = here || sp.overlaps(r.Start, r.End)
		}
		if here {
			return j
		}
	}
	return -1
}

// sameKey is the identity scoring uses (identity.Same) between a rule
// record and the model's: value and unit of a target, a project's name
// (the model's name, else its text) matching the rule's.
func sameKey(r *schema.Record, mr *modelRecord) bool {
	name := mr.Name
	if name == "" {
		name = mr.Text
	}
	return identity.Same(*r, schema.Record{Kind: mr.Kind, Text: mr.Text, Name: name, Value: mr.Value, Unit: mr.Unit})
}

func sameFloat(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-9*math.Max(1, math.Abs(*a))
}

// norm folds full-width forms and spaces, for comparing short strings.
func norm(s string) string {
	return strings.Join(strings.Fields(textlayer.New(s).Norm), "")
}

// free picks where to add a record of kind: the first span that overlaps
// no record of that kind in the chunk, else the first that overlaps only
// rule records the model has not confirmed (it reads them otherwise);
// ok is false when every span overlaps a confirmed or added record.
func (m *merger) free(c *chunk, kind string, spans []span, added []int, matched map[int]bool) (span, bool) {
	clash := func(sp span, strict bool) bool {
		for _, j := range c.Rules {
			r := &m.recs[j]
			if r.Kind == kind && sp.overlaps(r.Start, r.End) && (strict || matched[j]) {
				return true
			}
		}
		for _, j := range added {
			if r := &m.recs[j]; r.Kind == kind && sp.overlaps(r.Start, r.End) {
				return true
			}
		}
		return false
	}
	for _, strict := range []bool{true, false} {
		for _, sp := range spans {
			if !clash(sp, strict) {
				return sp, true
			}
		}
	}
	return span{}, false
}

// Closed vocabularies; model values outside them are dropped.
var (
	approxes   = set(schema.ApproxExact, schema.ApproxOver, schema.ApproxAtLeast, schema.ApproxAtMost, schema.ApproxAbout)
	directions = set(schema.DirIncrease, schema.DirDecrease, schema.DirLevel)
	stages     = set(schema.StagePlan, schema.StageStart, schema.StageAdvance, schema.StageComplete, schema.StageImprove)
	modalities = set(schema.ModalityEnsure, schema.ModalityStrive, schema.ModalitySeek)
)

func set(vs ...string) map[string]bool {
	m := make(map[string]bool, len(vs))
	for _, v := range vs {
		m[v] = true
	}
	return m
}

func keep(v string, allowed map[string]bool) string {
	if allowed[v] {
		return v
	}
	return ""
}

// numeralChars are the characters a target's text needs one of.
const numeralChars = "0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿半"

// clean checks a model record before it is added and drops field values
// outside the vocabularies. A target needs a value and a numeral in its
// text; a project needs a name.
func clean(mr *modelRecord) bool {
	mr.Approx = keep(mr.Approx, approxes)
	mr.Direction = keep(mr.Direction, directions)
	mr.Stage = keep(mr.Stage, stages)
	mr.Modality = keep(mr.Modality, modalities)
	if mr.Year < 1900 || mr.Year > 2200 {
		mr.Year = 0
	}
	if mr.Phase < 0 || mr.Phase > 100 {
		mr.Phase = 0
	}
	switch mr.Kind {
	case schema.KindTarget:
		if mr.Value == nil || math.IsNaN(*mr.Value) || math.IsInf(*mr.Value, 0) {
			return false
		}
		if mr.ValueMax != nil && (math.IsNaN(*mr.ValueMax) || math.IsInf(*mr.ValueMax, 0)) {
			mr.ValueMax = nil
		}
		return strings.ContainsAny(mr.Text, numeralChars)
	case schema.KindProject:
		if mr.Name == "" {
			mr.Name = mr.Text
		}
		return true
	}
	return false
}

// scale checks an added target's value against the quantities the
// numeral reader finds in its text and, on a match, sets the scaled value
// and base unit. It is false when the text holds quantities but none with
// the model's value: a number the model made up or misread. A text the
// reader finds no quantity in is taken as it is.
func scale(r *schema.Record) bool {
	qs := numeral.Find(textlayer.New(r.Text).Norm)
	if len(qs) == 0 {
		return true
	}
	// the model's value and unit, else its value alone (units as
	// written vary: 万 or 万人)
	for _, withUnit := range []bool{true, false} {
		for _, q := range qs {
			if !sameFloat(&q.Value, r.Value) || withUnit && r.Unit != "" && norm(r.Unit) != norm(q.Unit) {
				continue
			}
			if !withUnit {
				return true
			}
			if r.Unit == "" {
				r.Unit = q.Unit
			}
			if q.HasMax && r.ValueMax == nil {
				r.ValueMax = schema.Float(q.ValueMax)
			}
			if q.HasScale {
				r.Scaled, r.BaseUnit = schema.Float(q.Scaled), q.BaseUnit
				if q.HasMax && sameFloat(r.ValueMax, &q.ValueMax) {
					r.ScaledMax = schema.Float(q.ScaledMax)
				}
			}
			return true
		}
	}
	return false
}

// newRecord builds the record for a model record anchored at sp.
func (m *merger) newRecord(mr *modelRecord, sp span) schema.Record {
	r := schema.Record{
		Kind:     mr.Kind,
		Doc:      m.doc.ID,
		Source:   m.doc.Source,
		Text:     m.doc.Text[sp.start:sp.end],
		Start:    sp.start,
		End:      sp.end,
		Verb:     mr.Verb,
		Stage:    mr.Stage,
		Modality: mr.Modality,
		Year:     mr.Year,
		Page:     m.doc.PageAt(sp.start),
		Origin:   schema.OriginLLM,
	}
	if k := m.sentenceAt(sp.start); k >= 0 {
		r.Sentence = m.sents[k].Index
		r.Heading = m.sents[k].Heading
	}
	switch mr.Kind {
	case schema.KindTarget:
		r.Value, r.ValueMax = mr.Value, mr.ValueMax
		r.Approx, r.Unit, r.Object, r.Direction = mr.Approx, mr.Unit, mr.Object, mr.Direction
	case schema.KindProject:
		r.Name, r.Category, r.Phase = mr.Name, mr.Category, mr.Phase
	}
	return r
}

// sentenceAt returns the position in m.sents of the sentence holding
// byte offset off (or the last one before it), or -1.
func (m *merger) sentenceAt(off int) int {
	return sort.Search(len(m.sents), func(i int) bool { return m.sents[i].Start > off }) - 1
}

// diffFields returns the fields the model gives a value for that differ
// from the rule record's, or nil.
func diffFields(r *schema.Record, mr *modelRecord) map[string]any {
	d := map[string]any{}
	str := func(field, rule, model string) {
		if model != "" && norm(model) != norm(rule) {
			d[field] = model
		}
	}
	num := func(field string, rule, model *float64) {
		if model != nil && !sameFloat(rule, model) {
			d[field] = *model
		}
	}
	integer := func(field string, rule, model int) {
		if model != 0 && model != rule {
			d[field] = model
		}
	}
	if mr.Approx != "" && !(mr.Approx == schema.ApproxExact && r.Approx == "") {
		str("approx", r.Approx, mr.Approx)
	}
	str("direction", r.Direction, mr.Direction)
	str("verb", r.Verb, mr.Verb)
	str("stage", r.Stage, mr.Stage)
	str("modality", r.Modality, mr.Modality)
	integer("year", r.Year, mr.Year)
	switch r.Kind {
	case schema.KindTarget:
		num("value", r.Value, mr.Value)
		num("value_max", r.ValueMax, mr.ValueMax)
		str("unit", r.Unit, mr.Unit)
		str("object", r.Object, mr.Object)
	case schema.KindProject:
		str("name", r.Name, mr.Name)
		str("category", r.Category, mr.Category)
		integer("phase", r.Phase, mr.Phase)
	}
	if len(d) == 0 {
		return nil
	}
	return d
}
