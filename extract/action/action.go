// Package action finds policy verbs in sentences: one action record per
// clause that carries a policy verb, and the verb (with its lifecycle stage
// and the modality in scope) that governs any span of a sentence.
package action

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/extract/textlayer"
	"github.com/planlens/planlens/schema"
)

//go:embed verbs.tsv
var verbsTSV string

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
	// seg, when set, lets Govern accept verbs only on word boundaries
	// (服务 is no verb in 服务贸易) and skip plain nouns (规划 in 十五五规划).
	seg *segment.Segmenter
}

// NewLexicon loads the embedded verb and modality lexicons. Its Govern
// matches verbs by string; NewLexiconWith adds word boundaries.
func NewLexicon() (*Lexicon, error) {
	return NewLexiconWith(nil)
}

// NewLexiconWith loads the lexicons and uses seg (which may be nil) to
// check word boundaries in Govern.
func NewLexiconWith(seg *segment.Segmenter) (*Lexicon, error) {
	l := &Lexicon{stage: map[string]string{}, modality: map[string]string{}, seg: seg}
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
	return l, nil
}

func loadTSV(name, data string, add func(k, v string) error) error {
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "\t")
		if !ok {
			return fmt.Errorf("action: %s:%d: want two tab-separated fields", name, n)
		}
		if err := add(k, v); err != nil {
			return fmt.Errorf("action: %s:%d: %w", name, n, err)
		}
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

// words segments text[from:to] and returns the verb-boundary filter for
// it, or nil without a segmenter.
func (l *Lexicon) words(text string, from, to int) *bounds {
	if l.seg == nil || from >= to {
		return nil
	}
	b := &bounds{starts: map[int]bool{}, ends: map[int]bool{}, noun: map[int]bool{}}
	for _, t := range l.seg.Cut(text[from:to]) {
		start := from + t.Start
		// an adverb fused with its verb in one word (全线通车, 广泛开展):
		// the verb starts after the adverb
		word := text[start : from+t.End]
		for _, adv := range verbAdverbs {
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
func (l *Lexicon) scanIn(text string, from, to int, b *bounds) []match {
	all := l.scan(text, from, to)
	quoted := quotedSpans(text)
	out := all[:0]
	for _, m := range all {
		if (b == nil || b.ok(m)) && !inSpans(quoted, m.start) {
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

func inSpans(spans [][2]int, p int) bool {
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

// trailing particles that may follow a clause-final verb, and the
// operation words of 开通运营, 建成开放, 投入运行.
var tailParticles = []string{"了", "工作", "任务", "运营", "运行", "开放", "使用"}

// verbAdverbs are adverbs that gse fuses with the verb after them.
var verbAdverbs = []string{"全线", "全面", "基本", "广泛", "深入", "加快", "积极", "持续", "全力", "大力",
	"稳步", "有序", "如期", "按期", "率先", "初步", "正式", "陆续", "顺利"}

// Govern returns the policy verb that governs s.Text[start:end]: a verb
// that closes the span's clause right after it (…9所学校开工, …改造完工)
// wins, unless a stronger verb stands before the span (启动…建设); else the
// nearest verb before the span in its clause (推动…); else the nearest verb
// in an earlier clause of the sentence. Modality is the nearest marker
// before the span in the sentence, not crossing a semicolon.
func (l *Lexicon) Govern(s *textlayer.Sentence, start, end int) Gov {
	text := s.Text
	if start < 0 || end > len(text) || start > end {
		return Gov{}
	}
	c := clauseOf(s, start)
	var g Gov
	wb := l.words(text, c.Start, c.End)
	// after the span: a verb that ends the clause
	after := l.scanIn(text, end, c.End, wb)
	var afterGov *Gov
	if len(after) > 0 {
		m := after[len(after)-1]
		tail := text[m.end:c.End]
		for _, p := range tailParticles {
			tail = strings.TrimPrefix(tail, p)
		}
		if tail == "" && utf8.RuneCountInString(text[end:m.start]) <= 12 {
			ag := l.gov(text, m)
			afterGov = &ag
		}
	}
	// before the span, in its clause
	var beforeGov *Gov
	if bs := l.scanIn(text, c.Start, min(start, c.End), wb); len(bs) > 0 {
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
			if bs := l.scanIn(text, cl.Start, cl.End, l.words(text, cl.Start, cl.End)); len(bs) > 0 {
				g = l.gov(text, bs[0])
				break
			}
		}
	}
	g.Modality = l.modalityBefore(text, start)
	return g
}

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

// Actions returns one action record per clause of s that carries a
// lifecycle verb: the first such verb (compounds merged), its stage, the
// modality in scope and the clause's object phrase. Offsets are relative
// to s.Text; the record spans the clause. toks, when given, are the gse
// words of s.Text: a verb must start and end on word boundaries.
func (l *Lexicon) Actions(s *textlayer.Sentence, toks []segment.Token) []schema.Record {
	var starts, ends map[int]bool
	noun := map[int]bool{} // token starts of plain nouns (规划 in 十五五规划)
	if toks != nil {
		starts, ends = map[int]bool{}, map[int]bool{}
		for _, t := range toks {
			starts[t.Start] = true
			ends[t.End] = true
			if t.Pos == "n" && t.End-t.Start <= 6 {
				noun[t.Start] = true
			}
		}
	}
	quoted := quotedSpans(s.Text)
	var out []schema.Record
	for _, c := range s.Clauses {
		if isFrame(s.Text[c.Start:c.End]) {
			continue
		}
		for _, m := range l.scan(s.Text, c.Start, c.End) {
			if m.quantity || (starts != nil && (!starts[m.start] || !ends[m.end])) || inSpans(quoted, m.start) {
				continue
			}
			if noun[m.start] && m.end-m.start <= 6 {
				continue
			}
			if nominalUse(s.Text, c.Start, m) {
				continue
			}
			verb := s.Text[m.start:m.end]
			st := l.Stage(verb)
			if st == "" {
				continue
			}
			obj := strings.TrimLeft(strings.Trim(s.Text[m.end:c.End], " "), "了着过")
			if obj == "" {
				obj = l.stripMarkers(strings.Trim(s.Text[c.Start:m.start], " "))
				for _, adv := range objAdverbs {
					obj = strings.TrimSuffix(obj, adv)
				}
			}
			out = append(out, schema.Record{
				Kind:     schema.KindAction,
				Start:    c.Start,
				End:      c.End,
				Verb:     verb,
				Stage:    st,
				Modality: l.modalityBefore(s.Text, m.start),
				Object:   obj,
			})
			break
		}
	}
	return out
}

// stripMarkers removes a leading modality marker from an object phrase.
func (l *Lexicon) stripMarkers(obj string) string {
	for m := range l.modality {
		if strings.HasPrefix(obj, m) {
			return obj[len(m):]
		}
	}
	return obj
}

// frameEnds close adverbial frames such as 在国际交往功能建设方面: their
// verbs are nominal and the clause carries no action.
var frameEnds = []string{"方面", "层面", "领域", "过程中", "基础上", "背景下"}

func isFrame(clause string) bool {
	if !strings.HasPrefix(clause, "在") {
		return false
	}
	for _, e := range frameEnds {
		if strings.HasSuffix(clause, e) {
			return true
		}
	}
	return false
}

// objAdverbs are adverbs that stand between a fronted object and its verb
// (新一轮机构改革基本完成): not part of the object.
var objAdverbs = []string{"基本", "全面", "全部", "如期", "按期", "年内", "全年", "顺利", "加快", "力争", "确保"}

// nominalUse reports whether a verb match is used as a noun or an
// attribute rather than as the clause's action: 经济的发展, 共同发展的新格局,
// 建成后的产能, 建立在…基础上, 治理效能.
func nominalUse(text string, clauseStart int, m match) bool {
	if m.start > clauseStart {
		prev, _ := utf8.DecodeLastRuneInString(text[clauseStart:m.start])
		if prev == '的' || prev == '之' {
			return true
		}
	}
	next, _ := utf8.DecodeRuneInString(text[m.end:])
	switch next {
	case '的', '在', '后', '前', '时':
		return true
	}
	return false
}
