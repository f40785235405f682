// Package indicator names the headline indicator a target record states
// (GDP growth, CPI, urban new jobs, …) with a canonical key from an
// embedded, reviewable lexicon (indicators.tsv), and marks the headline
// target of each indicator in a document: the value the document sets for
// its own year.
//
// The lexicon is data: each line maps a phrase as plans write it (国内生产总值,
// 地区生产总值, 经济增长速度, GDP, 国民生产总值 flagged gnp, …) to a key, with the
// unit the target must have (a growth rate in %, or an amount), an optional
// variant (urban, rural, central, local) and flags. A phrase that contains
// an indicator's phrase but names something else (占国内生产总值比重) is listed
// with key "-" and blocks it: of the phrases found before the value, the
// one ending nearest to the value wins, and of those the longest.
package indicator

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/planlens/planlens/schema"
)

//go:embed indicators.tsv
var lexiconTSV string

// Unit classes a lexicon entry may require of a target's unit.
const (
	UnitPercent = "%"      // a rate: % (and ‰)
	UnitAmount  = "amount" // anything but a rate
	UnitAny     = "*"
)

// Block is the key of a phrase that names something else.
const Block = "-"

// Entry is one line of the lexicon.
type Entry struct {
	Key     string
	Unit    string
	Phrase  string
	Variant string
	Flags   []string
	Line    int
}

// Lexicon is a parsed indicator lexicon. It is read-only and safe for
// concurrent use.
type Lexicon struct {
	entries []Entry
	keys    []string
}

// New parses the embedded lexicon.
func New() (*Lexicon, error) { return Parse(lexiconTSV) }

// Parse parses a lexicon in the format of indicators.tsv.
func Parse(data string) (*Lexicon, error) {
	l := &Lexicon{}
	seen := map[string]bool{}
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			return nil, fmt.Errorf("indicator: lexicon line %d: want key, unit and phrase separated by tabs, got %q", i+1, line)
		}
		e := Entry{Key: f[0], Unit: f[1], Phrase: fold(f[2]), Line: i + 1}
		if len(f) > 3 {
			e.Variant = f[3]
		}
		if len(f) > 4 && f[4] != "" {
			e.Flags = strings.Split(f[4], ",")
		}
		switch e.Unit {
		case UnitPercent, UnitAmount, UnitAny:
		default:
			return nil, fmt.Errorf("indicator: lexicon line %d: unit %q (want %%, amount or *)", i+1, e.Unit)
		}
		if e.Key == "" || e.Phrase == "" {
			return nil, fmt.Errorf("indicator: lexicon line %d: empty key or phrase", i+1)
		}
		id := e.Key + "\t" + e.Unit + "\t" + e.Phrase
		if seen[id] {
			return nil, fmt.Errorf("indicator: lexicon line %d: %q listed twice for %s", i+1, e.Phrase, e.Key)
		}
		seen[id] = true
		l.entries = append(l.entries, e)
		if e.Key != Block && !slices.Contains(l.keys, e.Key) {
			l.keys = append(l.keys, e.Key)
		}
	}
	if len(l.entries) == 0 {
		return nil, fmt.Errorf("indicator: empty lexicon")
	}
	sort.Strings(l.keys)
	return l, nil
}

// Keys lists the indicator keys of the lexicon, sorted.
func (l *Lexicon) Keys() []string { return slices.Clone(l.keys) }

// Entries lists the lexicon's lines in file order.
func (l *Lexicon) Entries() []Entry { return slices.Clone(l.entries) }

// Match is the indicator a phrase names.
type Match struct {
	Key     string
	Variant string
	Flags   []string
	// Phrase is the lexicon phrase that matched.
	Phrase string
}

// fold narrows full-width letters and digits (ＧＤＰ → GDP) and drops
// spaces, so that a phrase matches however the document wrote it.
func fold(s string) string {
	s = width.Narrow.String(s)
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

// unitFits reports whether a target with unit u may carry an entry of
// unit class c.
func unitFits(c, u string) bool {
	pct := u == "%" || u == "‰"
	switch c {
	case UnitPercent:
		return pct
	case UnitAmount:
		return !pct && u != "个百分点" && u != "百分点"
	}
	return true
}

// Find returns the indicator named in text just before a value of the
// given unit: of the lexicon phrases in text whose unit class fits, the
// one ending nearest to the end of text, and of those the longest. A
// block phrase that wins gives no match. ok is false when nothing fits.
func (l *Lexicon) Find(text, unit string) (Match, bool) {
	t := fold(text)
	best, bestEnd := -1, -1
	for i, e := range l.entries {
		if e.Key != Block && !unitFits(e.Unit, unit) {
			continue
		}
		j := strings.LastIndex(t, e.Phrase)
		if j < 0 {
			continue
		}
		end := j + len(e.Phrase)
		if end > bestEnd || (end == bestEnd && len(e.Phrase) > len(l.entries[best].Phrase)) {
			best, bestEnd = i, end
		}
	}
	if best < 0 || l.entries[best].Key == Block {
		return Match{}, false
	}
	e := l.entries[best]
	return Match{Key: e.Key, Variant: e.Variant, Flags: slices.Clone(e.Flags), Phrase: e.Phrase}, true
}

// Sentence is the span of one sentence in the document text, by its index
// (schema.Record.Sentence).
type Sentence struct {
	Index      int
	Start, End int
}

// Annotate sets Indicator, IndicatorVariant and IndicatorFlags on the
// target records of one document whose object or preceding clause names an
// indicator, and Headline on the one target per indicator (and variant)
// that states the document's value for its own year. recs are changed in
// place; text is the document text the records' offsets point into.
func (l *Lexicon) Annotate(doc schema.Document, sents []Sentence, recs []schema.Record) {
	byIndex := make(map[int]Sentence, len(sents))
	for _, s := range sents {
		byIndex[s.Index] = s
	}
	for i := range recs {
		r := &recs[i]
		if r.Kind != schema.KindTarget {
			continue
		}
		s, ok := byIndex[r.Sentence]
		if !ok || r.Start < s.Start || r.Start > len(doc.Text) {
			s = Sentence{Index: r.Sentence, Start: r.Start, End: r.End}
		}
		m, ok := l.match(doc.Text[s.Start:r.Start], r)
		if !ok {
			continue
		}
		r.Indicator = m.Key
		r.IndicatorVariant = m.Variant
		r.IndicatorFlags = m.Flags
	}
	l.distributeRespectively(doc.Text, byIndex, recs)
	markHeadlines(doc, byIndex, recs)
}

// match finds the indicator of target r from the sentence text before it:
// first in its own clause, then in its object, then, when its clause is
// only a short verb phrase (定为, 为, 达到), in the clause before.
func (l *Lexicon) match(before string, r *schema.Record) (Match, bool) {
	clauses := splitClauses(before)
	n := len(clauses)
	if n > 0 {
		if m, ok := l.Find(clauses[n-1], r.Unit); ok {
			return m, true
		}
	}
	if r.Object != "" {
		if m, ok := l.Find(r.Object, r.Unit); ok {
			return m, true
		}
	}
	if n > 1 && strings.HasSuffix(strings.TrimSuffix(before, clauses[n-1]), "、") {
		if m, ok := l.inherit(clauses[n-2], clauses[n-1], r.Unit); ok {
			return m, true
		}
	}
	if n > 1 && len([]rune(strings.TrimSpace(clauses[n-1]))) <= 6 && !strings.ContainsAny(clauses[n-2], "0123456789０１２３４５６７８９%％") {
		if m, ok := l.Find(clauses[n-2], r.Unit); ok {
			return m, true
		}
	}
	return Match{}, false
}

// inherit finds the indicator of an enumeration item that names only the
// measure (粮食播种面积1530万亩、总产量125亿斤): a lexicon phrase X+Y whose
// tail Y (two characters or more) is in the item and whose head X is in
// the item before.
func (l *Lexicon) inherit(prev, item, unit string) (Match, bool) {
	prev, item = fold(prev), fold(item)
	if utf8.RuneCountInString(item) > 8 {
		return Match{}, false
	}
	best := -1
	for i, e := range l.entries {
		if e.Key == Block || !unitFits(e.Unit, unit) {
			continue
		}
		for j := range e.Phrase {
			head, tail := e.Phrase[:j], e.Phrase[j:]
			if j == 0 || utf8.RuneCountInString(tail) < 2 {
				continue
			}
			if strings.TrimSpace(item) == tail && strings.Contains(prev, head) &&
				(best < 0 || len(e.Phrase) > len(l.entries[best].Phrase)) {
				best = i
			}
		}
	}
	if best < 0 {
		return Match{}, false
	}
	e := l.entries[best]
	return Match{Key: e.Key, Variant: e.Variant, Flags: slices.Clone(e.Flags), Phrase: e.Phrase}, true
}

// splitClauses cuts s at clause punctuation, keeping the pieces in order.
func splitClauses(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case '，', ',', '；', ';', '。', '：', ':', '、', '\n', '！', '？':
			return true
		}
		return false
	})
}
