// Package action finds commitment clauses: one action record per clause
// of a sentence that carries a policy verb (its first one, compounds
// merged), with the verb's lifecycle stage, the modality in scope and the
// clause's object phrase. The verbs, their stages and the verb governing
// any span are the annotation layer's (package annotate).
package action

import (
	"strings"
	"unicode/utf8"

	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/extract/tense"
	"github.com/planlens/planlens/schema"
)

// Finder finds action records. It is safe for concurrent use.
type Finder struct{}

// New returns the action finder.
func New() *Finder { return &Finder{} }

// Find returns one action record per clause of s that carries a lifecycle
// verb, none when s reports a past achievement (actions are commitments).
// A verb must start and end on word boundaries of s.Tokens (when s has
// any), stand outside quotes and titles, and not be a plain noun or used
// as one.
func (f *Finder) Find(s *annotate.Sentence) []annotate.Finding {
	if s.Tense.Tense() == tense.Past {
		return nil
	}
	var starts, ends map[int]bool
	noun := map[int]bool{} // token starts of plain nouns (规划 in 十五五规划)
	if s.Tokens != nil {
		starts, ends = map[int]bool{}, map[int]bool{}
		for _, t := range s.Tokens {
			starts[t.Start] = true
			ends[t.End] = true
			if t.Pos == "n" && t.End-t.Start <= 6 {
				noun[t.Start] = true
			}
		}
	}
	lex := s.Lexicon()
	verbs := s.Verbs()
	var out []annotate.Finding
	for _, c := range s.Clauses {
		if isFrame(lex, s.Text[c.Start:c.End]) {
			continue
		}
		for _, m := range verbs {
			if m.Start < c.Start || m.Start >= c.End {
				continue
			}
			if m.Quantity || (starts != nil && (!starts[m.Start] || !ends[m.End])) || annotate.InSpans(s.Quoted, m.Start) {
				continue
			}
			if noun[m.Start] && m.End-m.Start <= 6 {
				continue
			}
			if nominalUse(s.Text, c.Start, m) {
				continue
			}
			verb := s.Text[m.Start:m.End]
			st := lex.Stage(verb)
			if st == "" {
				continue
			}
			obj := lex.TrimAspect(strings.Trim(s.Text[m.End:c.End], " "))
			if obj == "" {
				obj = lex.StripMarkers(strings.Trim(s.Text[c.Start:m.Start], " "))
				for _, adv := range lex.Words("objadverb") {
					obj = strings.TrimSuffix(obj, adv)
				}
			}
			out = append(out, annotate.Finding{
				SentStart: c.Start,
				SentEnd:   c.End,
				Record: schema.Record{
					Kind:     schema.KindAction,
					Verb:     verb,
					Stage:    st,
					Modality: s.Modality(m.Start),
					Object:   obj,
				},
			})
			break
		}
	}
	return out
}

// isFrame reports an adverbial frame such as 在国际交往功能建设方面: its
// verbs are nominal and the clause carries no action.
func isFrame(lex *annotate.Lexicon, clause string) bool {
	for _, st := range lex.Words("framestart") {
		if !strings.HasPrefix(clause, st) {
			continue
		}
		for _, e := range lex.Words("frameend") {
			if strings.HasSuffix(clause, e) {
				return true
			}
		}
	}
	return false
}

// nominalUse reports whether a verb match is used as a noun or an
// attribute rather than as the clause's action: 经济的发展, 共同发展的新格局,
// 建成后的产能, 建立在…基础上, 治理效能.
func nominalUse(text string, clauseStart int, m annotate.Verb) bool {
	if m.Start > clauseStart {
		prev, _ := utf8.DecodeLastRuneInString(text[clauseStart:m.Start])
		if prev == '的' || prev == '之' {
			return true
		}
	}
	next, _ := utf8.DecodeRuneInString(text[m.End:])
	switch next {
	case '的', '在', '后', '前', '时':
		return true
	}
	return false
}
