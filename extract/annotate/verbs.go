package annotate

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/planlens/planlens/extract/lexicon"
	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/extract/textlayer"
	"github.com/planlens/planlens/schema"
)

//go:embed verbs.tsv
var verbsTSV string

//go:embed words.txt
var wordsTxt string

//go:embed modality.tsv
var modalityTSV string

// stageQuantity marks verbs that state an amount and give no stage.
const stageQuantity = "quantity"

// rank orders stages for compounds: the strongest wins.
var rank = map[string]int{
	schema.StageAdvance:  1,
	schema.StageImprove:  2,
	schema.StagePlan:     3,
	schema.StageStart:    4,
	schema.StageComplete: 5,
}

// Lexicon holds the verb and modality lexicons.
type Lexicon struct {
	stage    map[string]string // verb → stage or stageQuantity
	modality map[string]string // marker → modality
	maxVerb  int               // longest verb, in bytes
	maxMod   int
	words    map[string][]string // role → words of words.txt, in order
}

// NewLexicon loads the embedded verb and modality lexicons.
func NewLexicon() (*Lexicon, error) {
	l := &Lexicon{stage: map[string]string{}, modality: map[string]string{}, words: map[string][]string{}}
	if err := loadTSV("verbs.tsv", verbsTSV, func(k, v string) error {
		if _, ok := rank[v]; !ok && v != stageQuantity {
			return fmt.Errorf("unknown stage %q", v)
		}
		l.stage[k] = v
		l.maxVerb = max(l.maxVerb, len(k))
		return nil
	}); err != nil {
		return nil, err
	}
	if err := loadTSV("modality.tsv", modalityTSV, func(k, v string) error {
		switch v {
		case schema.ModalityEnsure, schema.ModalityStrive, schema.ModalitySeek:
		default:
			return fmt.Errorf("unknown modality %q", v)
		}
		l.modality[k] = v
		l.maxMod = max(l.maxMod, len(k))
		return nil
	}); err != nil {
		return nil, err
	}
	if err := lexicon.Each("words.txt", wordsTxt, 2, 0, func(r lexicon.Row) error {
		if _, dup := l.words[r.Fields[0]]; dup {
			return fmt.Errorf("role %q given twice", r.Fields[0])
		}
		l.words[r.Fields[0]] = r.Fields[1:]
		return nil
	}); err != nil {
		return nil, fmt.Errorf("annotate: %w", err)
	}
	for _, role := range []string{"tailparticle", "verbadverb", "objadverb", "framestart", "frameend", "aspect"} {
		if len(l.words[role]) == 0 {
			return nil, fmt.Errorf("annotate: words.txt has no %s row", role)
		}
	}
	return l, nil
}

// Words returns the words of a role of words.txt (tailparticle,
// verbadverb, objadverb, framestart, frameend, aspect), in order.
func (l *Lexicon) Words(role string) []string { return l.words[role] }

// TrimAspect drops aspect particles (了着过) from the start of s.
func (l *Lexicon) TrimAspect(s string) string {
	for again := true; again; {
		again = false
		for _, p := range l.words["aspect"] {
			if rest, ok := strings.CutPrefix(s, p); ok {
				s, again = rest, true
			}
		}
	}
	return s
}

func loadTSV(name, data string, add func(k, v string) error) error {
	if err := lexicon.Each(name, data, 2, 2, func(r lexicon.Row) error {
		return add(r.Fields[0], r.Fields[1])
	}); err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	return nil
}

// Stage returns the lifecycle stage of a verb as written (compounds
// included), or "" for unknown and quantity verbs.
func (l *Lexicon) Stage(verb string) string {
	st := l.stageOf(verb)
	if st == stageQuantity {
		return ""
	}
	return st
}

func (l *Lexicon) stageOf(verb string) string {
	if st, ok := l.stage[verb]; ok {
		return st
	}
	// an unlisted compound: split greedily and take the strongest part
	best := ""
	for _, m := range l.scanWords(verb, 0, len(verb), false) {
		st := l.stage[verb[m.start:m.end]]
		if st == stageQuantity {
			continue
		}
		if rank[st] > rank[best] {
			best = st
		}
	}
	return best
}

// Gov is the verb that governs a span, with offsets relative to the
// sentence text (both zero when Verb is empty).
type Gov struct {
	Verb     string
	Stage    string
	Modality string
	Start    int
	End      int
}

// match is a verb occurrence in a text: bytes [start,end).
type match struct {
	start, end int
	quantity   bool
}

// Verb is a policy verb found in a clause (longest match, adjacent
// lifecycle verbs merged into compounds: 开工+建设 → 开工建设). Offsets are
// relative to the sentence Text.
type Verb struct {
	Start, End int
	// Quantity marks verbs that state an amount (增长, 达到) and give no
	// stage.
	Quantity bool
}

// Verbs returns the policy verbs of every clause of s, in order; quoted
// ones included (see Quoted). Computed once per sentence.
func (s *Sentence) Verbs() []Verb {
	if s.verbsDone {
		return s.verbs
	}
	s.verbsDone = true
	for _, c := range s.Clauses {
		for _, m := range s.lex.scan(s.Text, c.Start, c.End) {
			s.verbs = append(s.verbs, Verb{Start: m.start, End: m.end, Quantity: m.quantity})
		}
	}
	return s.verbs
}

// scan finds verbs in text[from:to] by longest match, left to right, and
// merges adjacent lifecycle verbs into compounds (开工+建设 → 开工建设).
func (l *Lexicon) scan(text string, from, to int) []match {
	return l.scanWords(text, from, to, true)
}

func (l *Lexicon) scanWords(text string, from, to int, merge bool) []match {
	var out []match
	for i := from; i < to; {
		n := 0
		for k := min(to, i+l.maxVerb); k > i; k-- {
			if k < len(text) && !utf8.RuneStart(text[k]) {
				continue
			}
			if _, ok := l.stage[text[i:k]]; ok {
				n = k - i
				break
			}
		}
		if n == 0 {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			continue
		}
		q := l.stage[text[i:i+n]] == stageQuantity
		if merge && len(out) > 0 {
			last := &out[len(out)-1]
			if last.end == i && !last.quantity && !q && utf8.RuneCountInString(text[last.start:i+n]) <= 4 {
				last.end = i + n
				i += n
				continue
			}
		}
		out = append(out, match{start: i, end: i + n, quantity: q})
		i += n
	}
	return out
}

// clauseWords segments s.Text[from:to] (a clause) and returns its
// verb-boundary filter, or nil without a segmenter. Each clause is cut at
// most once per sentence, however many spans Govern is asked about.
func (s *Sentence) clauseWords(from, to int) *bounds {
	if s.seg == nil || from >= to {
		return nil
	}
	key := [2]int{from, to}
	if b, ok := s.words[key]; ok {
		return b
	}
	if s.words == nil {
		s.words = map[[2]int]*bounds{}
	}
	b := s.lex.bounds(s.Text, from, to, s.seg.Cut(s.Text[from:to]))
	s.words[key] = b
	return b
}

// bounds returns the word boundaries of text[from:to] given its words toks
// (offsets relative to from).
func (l *Lexicon) bounds(text string, from, to int, toks []segment.Token) *bounds {
	b := &bounds{starts: map[int]bool{}, ends: map[int]bool{}, noun: map[int]bool{}}
	for _, t := range toks {
		start := from + t.Start
		// an adverb fused with its verb in one word (全线通车, 广泛开展):
		// the verb starts after the adverb
		word := text[start : from+t.End]
		for _, adv := range l.words["verbadverb"] {
			if rest, ok := strings.CutPrefix(word, adv); ok && l.stage[rest] != "" {
				b.starts[start+len(adv)] = true
				start = -1
				break
			}
		}
		b.starts[from+t.Start] = true
		b.ends[from+t.End] = true
		if t.Pos == "n" && start >= 0 {
			b.noun[start] = true
		}
	}
	return b
}

// bounds are the word boundaries of a stretch of text.
type bounds struct {
	starts, ends, noun map[int]bool
}

// ok reports whether a verb match is a word (or words) and not a plain noun.
func (b *bounds) ok(m match) bool {
	if b == nil {
		return true
	}
	return b.starts[m.start] && b.ends[m.end] && !b.noun[m.start]
}

// scanIn is scan restricted to matches that pass b and stand outside
// quotes and titles (打造 in 提出“打造轨道上的长三角” governs nothing outside).
func (l *Lexicon) scanIn(s *Sentence, from, to int, b *bounds) []match {
	all := l.scan(s.Text, from, to)
	out := all[:0]
	for _, m := range all {
		if (b == nil || b.ok(m)) && !InSpans(s.Quoted, m.start) {
			out = append(out, m)
		}
	}
	return out
}

// quotedSpans returns the byte spans of text inside “…”, "…" and 《…》.
func quotedSpans(text string) [][2]int {
	var out [][2]int
	open := -1
	var closer rune
	for i, r := range text {
		switch {
		case open < 0 && (r == '“' || r == '《' || r == '"'):
			open = i
			closer = map[rune]rune{'“': '”', '《': '》', '"': '"'}[r]
		case open >= 0 && r == closer:
			out = append(out, [2]int{open, i})
			open = -1
		}
	}
	return out
}

// InSpans reports whether p lies strictly inside one of spans.
func InSpans(spans [][2]int, p int) bool {
	for _, sp := range spans {
		if p > sp[0] && p < sp[1] {
			return true
		}
	}
	return false
}

func (l *Lexicon) gov(text string, m match) Gov {
	v := text[m.start:m.end]
	return Gov{Verb: v, Stage: l.Stage(v), Start: m.start, End: m.end}
}

// clauseOf returns the clause of s that holds offset p (or the nearest one).
func clauseOf(s *textlayer.Sentence, p int) textlayer.Clause {
	if len(s.Clauses) == 0 {
		return textlayer.Clause{Start: 0, End: len(s.Text)}
	}
	for _, c := range s.Clauses {
		if p < c.End {
			return c
		}
	}
	return s.Clauses[len(s.Clauses)-1]
}

// Govern returns the policy verb that governs s.Text[start:end]: a verb
// that closes the span's clause right after it (…9所学校开工, …改造完工)
// wins, unless a stronger verb stands before the span (启动…建设); else the
// nearest verb before the span in its clause (推动…); else the nearest verb
// in an earlier clause of the sentence. Modality is the nearest marker
// before the span in the sentence, not crossing a semicolon.
func (s *Sentence) Govern(start, end int) Gov {
	l := s.lex
	text := s.Text
	if start < 0 || end > len(text) || start > end {
		return Gov{}
	}
	c := clauseOf(s.Sentence, start)
	var g Gov
	wb := s.clauseWords(c.Start, c.End)
	// after the span: a verb that ends the clause
	after := l.scanIn(s, end, c.End, wb)
	var afterGov *Gov
	if len(after) > 0 {
		m := after[len(after)-1]
		tail := text[m.end:c.End]
		for _, p := range l.words["tailparticle"] {
			tail = strings.TrimPrefix(tail, p)
		}
		if tail == "" && utf8.RuneCountInString(text[end:m.start]) <= 12 {
			ag := l.gov(text, m)
			afterGov = &ag
		}
	}
	// before the span, in its clause
	var beforeGov *Gov
	if bs := l.scanIn(s, c.Start, min(start, c.End), wb); len(bs) > 0 {
		bg := l.gov(text, bs[len(bs)-1])
		beforeGov = &bg
	}
	switch {
	case afterGov != nil && beforeGov != nil:
		g = *afterGov
		if afterGov.Stage == "" || rank[beforeGov.Stage] > rank[afterGov.Stage] {
			if beforeGov.Stage != "" || afterGov.Stage == "" {
				g = *beforeGov
			}
		}
	case afterGov != nil:
		g = *afterGov
	case beforeGov != nil:
		g = *beforeGov
	default:
		// an earlier clause of the sentence
		for i := len(s.Clauses) - 1; i >= 0; i-- {
			cl := s.Clauses[i]
			if cl.End > c.Start {
				continue
			}
			if bs := l.scanIn(s, cl.Start, cl.End, s.clauseWords(cl.Start, cl.End)); len(bs) > 0 {
				g = l.gov(text, bs[0])
				break
			}
		}
	}
	g.Modality = l.modalityBefore(text, start)
	return g
}

// Modality returns the modality in scope at offset p of the sentence: the
// nearest marker before p, looking back no further than a semicolon.
func (s *Sentence) Modality(p int) string { return s.lex.modalityBefore(s.Text, p) }

// modalityBefore returns the modality of the nearest marker before p in
// text, looking back no further than a semicolon.
func (l *Lexicon) modalityBefore(text string, p int) string {
	from := 0
	if k := strings.LastIndexByte(text[:p], ';'); k >= 0 {
		from = k + 1
	}
	best, bestAt := "", -1
	for m, mod := range l.modality {
		if k := strings.LastIndex(text[from:p], m); k >= 0 && from+k > bestAt {
			best, bestAt = mod, from+k
		}
	}
	return best
}

// StripMarkers removes a leading modality marker from an object phrase.
func (l *Lexicon) StripMarkers(obj string) string {
	for m := range l.modality {
		if strings.HasPrefix(obj, m) {
			return obj[len(m):]
		}
	}
	return obj
}
