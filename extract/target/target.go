// Package target finds numeric targets in sentences: quantities (from
// package numeral) that a government commits to, plans or expects, with
// what they count or measure, their direction, named examples, deadline
// year, and the governing verb, stage and modality.
//
// A quantity is a target when its sentence looks forward (今年, 到2030年,
// 力争, 要/将, a task or goal section) and not back (去年, 同比, 已, 了, a
// review section), and when it is not a rule amount (给予最高100万元奖励),
// a slogan (两个“关键小事”), a qualifier (50米内, 1000万元及以上的项目) or a
// count of the document's own contents (设置了29项主要指标).
package target

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/extract/lexicon"
	"github.com/planlens/planlens/extract/numeral"
	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/extract/tense"
	"github.com/planlens/planlens/schema"
)

//go:embed cues.tsv
var cuesTSV string

// Options configure a Finder.
type Options struct {
	// Lexicon tells policy verbs (object phrases end at them); required.
	Lexicon *annotate.Lexicon
	// Tense judges whether a sentence looks back or forward; nil builds
	// one.
	Tense *tense.Judge
}

// Finder finds target records. It is safe for concurrent use.
type Finder struct {
	lex   *annotate.Lexicon
	tj    *tense.Judge
	roles map[string][]string // role → words, longest first
	dir   []cue               // direction words, longest first
	skip  []string            // words between an object and its number, longest first
	verbs map[string]bool     // the quantity verbs of the skip role (安排, 规定): they bound an object
	yoy   *strings.Replacer   // removes the yoy words
	// countUnits are the measure words that count things
	countUnits map[string]bool
	// leads open no object: the lead words of cues.tsv, then leadMarks
	leads []string
	// frame words open a comparison frame before a number (比上年)
	frame map[string]bool
	// objAdverb words end an object after its unit (…人员全部纳入)
	objAdverb map[string]bool
}

type cue struct{ word, role string }

// New builds a Finder from the embedded cue lexicon.
func New(opts Options) (*Finder, error) {
	if opts.Lexicon == nil {
		return nil, fmt.Errorf("target: Options.Lexicon is nil")
	}
	tj := opts.Tense
	if tj == nil {
		var err error
		if tj, err = tense.New(tense.Options{}); err != nil {
			return nil, fmt.Errorf("target: %w", err)
		}
	}
	f := &Finder{lex: opts.Lexicon, tj: tj, roles: map[string][]string{}, verbs: map[string]bool{}, countUnits: map[string]bool{},
		frame: map[string]bool{}, objAdverb: map[string]bool{}}
	if err := lexicon.Each("cues.tsv", cuesTSV, 2, 2, func(r lexicon.Row) error {
		word, role := r.Fields[0], r.Fields[1]
		switch role {
		case "rule", "ruleclause", "loss", "deed", "now", "meta", "abstract", "retro", "fulfil", "populace", "contents", "share",
			"within", "current", "from", "lead", "result", "stock", "stockplan", "session", "category", "age", "condition", "selection", "yoy", "amount", "doubt", "elapsed", "commit", "status":
			f.roles[role] = append(f.roles[role], word)
		case "countunit":
			f.countUnits[word] = true
		case "frame":
			f.frame[word] = true
		case "objadverb":
			f.objAdverb[word] = true
		case "skip":
			f.skip = append(f.skip, word)
			if utf8.RuneCountInString(word) > 1 {
				f.verbs[word] = true
			}
		case schema.DirIncrease, schema.DirDecrease, schema.DirLevel:
			f.dir = append(f.dir, cue{word, role})
		default:
			return fmt.Errorf("unknown role %q", role)
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	for i := 1; i < len(f.dir); i++ {
		for j := i; j > 0 && len(f.dir[j].word) > len(f.dir[j-1].word); j-- {
			f.dir[j], f.dir[j-1] = f.dir[j-1], f.dir[j]
		}
	}
	for _, d := range f.dir {
		f.skip = append(f.skip, d.word)
	}
	slices.SortStableFunc(f.skip, func(a, b string) int { return len(b) - len(a) })
	var yoy []string
	for _, w := range f.roles["yoy"] {
		yoy = append(yoy, w, "")
	}
	f.yoy = strings.NewReplacer(yoy...)
	f.leads = append(append([]string{}, f.roles["lead"]...), leadMarks...)
	return f, nil
}

// sloganRe matches a numeral opening the object of a count: 三个五年计划,
// 两个一百年 (spans of plans and slogans, not counts; 10个二级节点 is).
var sloganRe = regexp.MustCompile(`^[一二两三四五六七八九十百]+(?:个|年|大)`)

// sessionRe matches what follows the number of a session: 七次、八次全会.
var sessionRe = regexp.MustCompile(`^(?:、[一二三四五六七八九十]+次)*(?:全会|全体会议|会议)`)

// projectSpecRe matches the rest of a project's name after its capacity:
// 10万吨再生铝等项目, 年产20万吨绿色铝板带箔项目.
var projectSpecRe = regexp.MustCompile(`^[^,;:。、的]{1,16}?(?:等)?项目`)

// batchRe matches an unnumbered batch before a grade, and earlier grades
// of its list: 一批千亿级、(百亿级企业).
var batchRe = regexp.MustCompile(`(?:一批|若干|一些)(?:[^,;:。、]{1,6}级、)*$`)

// fulfilRe matches a share of a plan before a percentage: 完成年度计划开工的
// 80.8%, 占年度投资计划的97.2% (how far a plan is fulfilled).
var fulfilRe = regexp.MustCompile(`(?:完成|达到|为|占)[^,;:。]{0,10}计划[^,;:。]{0,8}的$`)

// baseRe matches the base value of a comparison: 比2020年的, 从一九五七年的,
// 比第五个五年计划期间的.
var baseRe = regexp.MustCompile(`(?:比|从|由|较|同|与)[^,;:。]{0,8}年(?:底|末)?的?$|(?:比|较)[^,;:。]{1,15}的$`)

// Tense returns the finder's tense judge.
func (f *Finder) Tense() *tense.Judge { return f.tj }

// Find returns the targets of s, given its tense evidence in the
// document (s.Tense: the document year and the paragraph lead, 这五年，
// 我们…。…建成1136个, when the sentence itself has no marker). Offsets are
// relative to s.Text.
func (f *Finder) Find(s *annotate.Sentence) []annotate.Finding {
	if s.Level > 0 && s.Level <= 3 && len(s.Text) < 120 {
		return nil // a heading states a theme, not a goal
	}
	qs := s.Quantities()
	if len(qs) == 0 {
		return nil
	}
	toks := s.Tokens
	var out []annotate.Finding
	prev := "" // the object of the quantity before, for values that name none
	for _, q := range qs {
		ok, why := f.judge(s, q, s.Explain)
		if !ok {
			cs, _ := clauseOf(s, q.NumStart)
			prev, _ = f.object(s.Text, toks, cs, q, prev)
			if s.Explain {
				out = append(out, annotate.Finding{SentStart: q.Start, SentEnd: q.End, Explain: why, Rejected: true,
					Record: schema.Record{Kind: schema.KindTarget, Value: schema.Float(q.Value), Unit: q.Unit}})
			}
			continue
		}
		r := f.record(s, toks, q, prev)
		prev = r.Object
		rc := &recordCtx{goalCtx: f.newGoalCtx(s, q), r: r}
		for _, rv := range recordVetoes {
			if rv.fires(rc) {
				ok = false
				if s.Explain {
					why = append(why, schema.Verdict{Rule: rv.name, Verdict: schema.VerdictVeto})
				}
				break
			}
			if s.Explain {
				why = append(why, schema.Verdict{Rule: rv.name, Verdict: schema.VerdictPass})
			}
		}
		if ok || s.Explain {
			out = append(out, annotate.Finding{SentStart: r.Start, SentEnd: r.End, Record: r, Explain: why, Rejected: !ok})
		}
	}
	return out
}

// enumRe matches the opening of an enumeration of points: 一是, 一要,
// 第一, 首先, 一、, (一), 1.
var enumRe = regexp.MustCompile(`^[\s\x{3000}]*(?:一是|一要|一方面|第一|首先|其一|一、|\(一\)|1[.、])`)

// enumerated reports a count that the text after it unfolds point by
// point: rest (the sentence after the count and its object) is a colon
// before an enumeration, or the sentence ends and next (the sentence
// after) opens one (今年将采取三项举措。一是…).
func enumerated(rest, next string) bool {
	rest = strings.TrimLeft(rest, " \u3000")
	if r, ok := strings.CutPrefix(rest, ":"); ok {
		return enumRe.MatchString(r)
	}
	if rest != "" && rest != "。" && rest != "!" {
		return false
	}
	return enumRe.MatchString(next)
}

// insideParens returns the bracketed remark ( … ) holding offset p, if any.
func insideParens(text string, p int) (string, bool) {
	open := strings.LastIndex(text[:p], "(")
	if open < 0 || strings.Contains(text[open:p], ")") {
		return "", false
	}
	close := strings.Index(text[p:], ")")
	if close < 0 {
		return "", false
	}
	return text[open+1 : p+close], true
}

// prevClause returns the clause of s just before the one starting at cs.
func prevClause(s *annotate.Sentence, cs int) (int, int, bool) {
	for i, c := range s.Clauses {
		if c.Start == cs && i > 0 {
			return s.Clauses[i-1].Start, s.Clauses[i-1].End, true
		}
	}
	return 0, 0, false
}

// clauseOf returns the clause of s holding offset p.
func clauseOf(s *annotate.Sentence, p int) (int, int) {
	for _, c := range s.Clauses {
		if p >= c.Start && p < c.End {
			return c.Start, c.End
		}
	}
	return 0, len(s.Text)
}

// governed reports a policy verb governing q or a direction word before it
// in its clause (from the last 、).
func (f *Finder) governed(s *annotate.Sentence, q numeral.Quantity, cs int) bool {
	text := s.Text
	// an item of its own (、新增…) is read from the last 、; a bare value in
	// a list (分别达到7000万吨、1280万吨) from the clause start
	cs2 := cs
	if k := strings.LastIndexAny(text[cs:q.NumStart], "、"); k >= 0 && cs+k+len("、") < q.Start {
		cs2 = cs + k
	}
	return s.Govern(q.Start, q.End).Stage != "" || f.direction(text[cs2:q.NumStart], text[q.Start:q.NumStart]) != ""
}

// isShare reports a number that states a composition or ratio: 占本年预算
// 支出的2.18%, 只及吉林糖厂的百分之六十, or an exact 占百分之十九点二, with no
// direction word after 占.
// 占比提高到30%, 占规上工业比重30% and 投资占50%以上 are goals.
func (f *Finder) isShare(before string, q numeral.Quantity) bool {
	k, w := -1, ""
	for _, c := range f.roles["share"] {
		if i := strings.LastIndex(before, c); i > k {
			k, w = i, c
		}
	}
	if k < 0 || strings.HasPrefix(before[k:], "占比") || strings.HasPrefix(before[k:], "占有率") {
		return false
	}
	rest := before[k+len(w):]
	if utf8.RuneCountInString(rest) > 16 || strings.ContainsAny(rest, ",;:。") || f.direction(rest, "") != "" {
		return false
	}
	return strings.HasSuffix(rest, "的") || rest == "" && q.Approx == numeral.Exact
}

// insideWord reports a gse word that starts before the number or runs on
// past its unit (统一, 八项规定).
func insideWord(toks []segment.Token, q numeral.Quantity) bool {
	for _, t := range toks {
		if t.Start < q.NumStart && t.End > q.NumStart {
			return true
		}
		if t.Start == q.NumStart && t.End > q.UnitEnd {
			return true
		}
	}
	return false
}

// insideQuotes reports whether p lies between “ and ” in text.
func insideQuotes(text string, p int) bool {
	open := strings.LastIndex(text[:p], "“")
	if open < 0 {
		return false
	}
	close := strings.Index(text[open:], "”")
	return close >= 0 && open+close > p
}

// record builds the target record of q.
func (f *Finder) record(s *annotate.Sentence, toks []segment.Token, q numeral.Quantity, prev string) schema.Record {
	text := s.Text
	r := schema.Record{
		Kind:   schema.KindTarget,
		Start:  q.Start,
		End:    q.End,
		Value:  schema.Float(q.Value),
		Unit:   q.Unit,
		Approx: q.Approx,
	}
	if q.HasMax {
		r.ValueMax = schema.Float(q.ValueMax)
	}
	if q.HasScale {
		r.Scaled = schema.Float(q.Scaled)
		r.BaseUnit = q.BaseUnit
		if q.HasMax {
			r.ScaledMax = schema.Float(q.ScaledMax)
		}
	}
	cs, _ := clauseOf(s, q.NumStart)
	obj, objEnd := f.object(text, toks, cs, q, prev)
	if objEnd > r.End {
		r.End = objEnd
	}
	r.Object = obj
	// direction: the nearest direction word before the number in its clause
	r.Direction = f.direction(text[cs:q.NumStart], text[q.Start:q.NumStart])
	// examples: 北京科学高中等9所学校
	r.Examples = f.examples(text, toks, cs, q.Start)
	if m := lastYear(text[:q.Start]); m > 0 {
		r.Year = m
	} else if m := lastYear(text); m > 0 && strings.Contains(text, "到") && !tense.HasAny(text[:q.Start], f.roles["now"]) {
		// a deadline later in the sentence, unless this value is this
		// year's (今年新增1.5万个,到2027年底累计建成5万个)
		r.Year = m
	} else if m := tense.DueYear(text); m > 0 {
		r.Year = m // a task's due date (the deadline cell of its row)
	}
	g := s.Govern(r.Start, r.End)
	r.Verb, r.Stage, r.Modality = g.Verb, g.Stage, g.Modality
	if v, ok := f.ownClauseVerb(s, q, r, g); ok {
		r.Verb, r.Stage = v, f.lex.Stage(v)
	}
	if r.Verb != "" && slices.Contains(f.roles["amount"], r.Verb) {
		r.Stage = "" // a verb that states the amount of a target gives no stage
	}
	return r
}

// ownClauseVerb returns the verb that heads the quantity's own clause when
// it should govern instead of g: the stage comes from the quantity's own
// clause, not from a neighbouring clause, and the clause's head verb wins
// over a verb used as a noun inside the counted object (完成…改造600公里 →
// 完成; 拆除违法建设500万平方米 → 拆除). A verb closing the clause right
// after the span (9所学校开工) and a quantity verb before the number
// (提高到68%) keep their say. Without a verb before the quantity in its
// clause, the first verb after it in the clause governs (在3000个小区设置…).
// The clause starts after a list comma 、 unless 、 joins two verbs
// (新建、改建…).
func (f *Finder) ownClauseVerb(s *annotate.Sentence, q numeral.Quantity, r schema.Record, g annotate.Gov) (string, bool) {
	if g.Verb != "" && g.Start >= r.End {
		return "", false // a clause-final verb after the span
	}
	if g.Verb != "" && (g.Stage == "" || slices.Contains(f.roles["amount"], g.Verb)) && g.End <= q.Start {
		return "", false // a quantity verb: no stage
	}
	text := s.Text
	cs, ce := clauseOf(s, q.NumStart)
	var vs []annotate.Verb
	for _, v := range s.Verbs() {
		if v.Start >= cs && v.End <= ce && !v.Quantity && !annotate.InSpans(s.Quoted, v.Start) && f.verbWord(s, v) {
			vs = append(vs, v)
		}
	}
	// a list comma before the quantity starts its own clause, unless a
	// verb ends right at it (新建、改建)
	if k := strings.LastIndex(text[cs:q.Start], "、"); k >= 0 {
		at := cs + k
		joined := false
		for _, v := range vs {
			if v.End == at {
				joined = true
			}
		}
		if !joined {
			cs = at + len("、")
		}
	}
	for _, v := range vs {
		if v.Start >= cs && v.End <= q.Start {
			w := text[v.Start:v.End]
			if w == g.Verb && v.Start == g.Start {
				return "", false
			}
			return w, f.lex.Stage(w) != ""
		}
	}
	if g.Verb != "" && g.Start >= cs && g.End <= q.Start {
		return "", false
	}
	for _, v := range vs {
		if v.Start >= q.End {
			w := text[v.Start:v.End]
			return w, f.lex.Stage(w) != ""
		}
	}
	return "", false
}

// verbWord reports a verb match that is a word of its own, or words: a
// gse word starts with it and does not run past it (城镇新增就业 is one
// word: its 新增 governs nothing; 建设者 is no verb). Parts of speech are
// not read: gse tags 新建 as a place name.
func (f *Finder) verbWord(s *annotate.Sentence, v annotate.Verb) bool {
	for _, t := range s.Tokens {
		if t.Start == v.Start {
			return t.End <= v.End
		}
		if t.Start > v.Start {
			return false
		}
	}
	return false
}

// lastYear returns the last deadline year in text, or 0.
func lastYear(text string) int {
	ys := tense.Deadlines(text)
	if len(ys) == 0 {
		return 0
	}
	return ys[len(ys)-1]
}

// isCountUnit reports a measure word that counts things (个 所 项 家 ...,
// the countunit role of cues.tsv), with or without 万/亿, as opposed to a
// measure (% 亿元 公里).
func (f *Finder) isCountUnit(u string) bool {
	return f.countUnits[strings.TrimLeft(u, "万亿")]
}

// tokenAt returns the index of the token starting at p, or -1.
func tokenAt(toks []segment.Token, p int) int {
	for i, t := range toks {
		if t.Start == p {
			return i
		}
		if t.Start > p {
			break
		}
	}
	return -1
}

// isVerb reports a policy or direction verb of the lexicons.
// Nouns that hold a verb (城镇新增就业, 道路建设) are not verbs.
func (f *Finder) isVerb(w, pos string) bool {
	if f.lex.Stage(w) != "" && !strings.HasPrefix(pos, "n") {
		return true
	}
	return f.isDirWord(w)
}

// clauseFinal reports a token followed by punctuation, 的 or nothing.
func clauseFinal(text string, toks []segment.Token, i int) bool {
	if i+1 >= len(toks) {
		return true
	}
	w := text[toks[i+1].Start:toks[i+1].End]
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsPunct(r) || w == "的"
}

func (f *Finder) isDirWord(w string) bool {
	for _, d := range f.dir {
		if d.word == w {
			return true
		}
	}
	return false
}

// direction finds the nearest direction word in before (the clause up to
// the number); prefix is the quantity's own approximator text (控制在).
func (f *Finder) direction(before, prefix string) string {
	for _, d := range f.dir {
		if d.word == prefix {
			return d.role
		}
	}
	best, bestAt := "", -1
	for _, d := range f.dir {
		if k := strings.LastIndex(before, d.word); k >= 0 && k > bestAt {
			best, bestAt = d.role, k
		}
	}
	return best
}

// examples returns the named instances listed before 等 right before the
// number (北京科学高中等9所学校 → [北京科学高中]).
func (f *Finder) examples(text string, toks []segment.Token, cs, p int) []string {
	before := text[cs:p]
	if !strings.HasSuffix(before, "等") {
		return nil
	}
	list := strings.TrimSuffix(before, "等")
	// drop a leading verb phrase: keep what follows the last verb token
	from := cs
	for _, t := range toks {
		if t.Start < cs || t.End > cs+len(list) {
			continue
		}
		w := text[t.Start:t.End]
		if f.isVerb(w, t.Pos) && t.Start-cs < len(list)/2+1 || f.tj.IsMarker(w) {
			from = t.End
		}
	}
	list = text[from : cs+len(list)]
	var out []string
	for _, e := range strings.Split(list, "、") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// endsWithAny reports whether s ends with one of words.
func endsWithAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// startsWithAny reports whether s starts with one of words.
func startsWithAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// isContents reports an object that counts the speaker's own points: one
// of the contents words itself (三件事), or one of two or more characters
// opening or closing it (十个方面工作, 28个主要指标).
func (f *Finder) isContents(obj string) bool {
	for _, w := range f.roles["contents"] {
		if obj == w || utf8.RuneCountInString(w) > 1 && (strings.HasPrefix(obj, w) || strings.HasSuffix(obj, w)) {
			return true
		}
	}
	return false
}

// isProjectSpec reports a measure inside a project's name: a quantity of a
// measure unit (吨, 千瓦) followed directly by a noun and then 项目 in the
// same phrase (青海广泰10万吨再生铝等项目建设).
func (f *Finder) isProjectSpec(text string, q numeral.Quantity) bool {
	if f.isCountUnit(q.Unit) || q.Unit == "%" || q.Approx != numeral.Exact {
		return false
	}
	after := text[q.End:]
	r, _ := utf8.DecodeRuneInString(after)
	if !unicode.Is(unicode.Han, r) || strings.HasPrefix(after, "项目") {
		return false
	}
	return projectSpecRe.MatchString(after)
}

// countFollows reports a count within the first words of rest, before any
// punctuation (级开发区2个).
func (f *Finder) countFollows(rest string) bool {
	if k := strings.IndexAny(rest, ",;:。、"); k >= 0 {
		rest = rest[:k]
	}
	if utf8.RuneCountInString(rest) > 14 {
		return false
	}
	for _, q := range numeral.Find(rest) {
		if f.isCountUnit(q.Unit) {
			return true
		}
	}
	return false
}
