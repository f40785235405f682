// Package project finds named projects in a sentence: facilities, zones,
// institutions and programmes (北京科学高中, 中关村朝阳园, 会展业高质量发展三年行动计划).
//
// A name is a head from a category lexicon (学校, 公园, 示范区, 行动计划 …, in
// data/heads.txt) with the words before it up to the governing verb or a
// function word, kept only when that core holds a proper part (a place or
// organisation word, Latin letters, a numeral, a quoted title, a word the
// dictionary does not know) or is a long enough descriptive title.
// Enumerations distribute: members of `A、B、C等商业体` and bare names sharing
// a head (`金凤、嘉陵江、明月湖实验室`) each give a record.
package project

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/schema"
)

// Options configure New.
type Options struct {
	// Lexicon tells policy verbs and their stages; required.
	Lexicon *annotate.Lexicon
	// Segmenter is used for dictionary look-ups; required.
	Segmenter *segment.Segmenter
}

// Finder finds project records in sentences. It is safe for concurrent use.
type Finder struct {
	lx  *lexicon
	gov *annotate.Lexicon
	seg *segment.Segmenter
}

// New builds a Finder.
func New(opts Options) (*Finder, error) {
	if opts.Segmenter == nil {
		return nil, fmt.Errorf("project: Options.Segmenter is required")
	}
	if opts.Lexicon == nil {
		return nil, fmt.Errorf("project: Options.Lexicon is required")
	}
	lx, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	return &Finder{lx: lx, gov: opts.Lexicon, seg: opts.Segmenter}, nil
}

// Find returns the project records of s, each with the verb governing it
// (for a list, the verb governing the whole list) and the tense of its
// sentence. Offsets are relative to s.Text; Name is the name as written in
// s.Text (for a member of a shared-head list, the member plus the shared
// head).
func (f *Finder) Find(s *annotate.Sentence) []annotate.Finding {
	recs, why, rejected := f.find(s)
	out := make([]annotate.Finding, len(recs), len(recs)+len(rejected))
	tn := s.Tense.Tense().String()
	for i, r := range recs {
		r.Tense = tn
		out[i] = annotate.Finding{SentStart: r.Start, SentEnd: r.End, Record: r, Explain: why[i].verdicts,
			// a contiguous name is given as written in the document
			NameAsWritten: r.Name == s.Text[r.Start:r.End]}
	}
	return append(out, rejected...)
}

// timeName matches names that start with a period of time: 1-10月份计划,
// 2026年度计划 are plans for a period, not programmes with a title.
var timeName = regexp.MustCompile(`^[0-9一二三四五六七八九十]+(?:[-—~至到][0-9一二三四五六七八九十]+)?(?:月份?|年度?|季度)`)

// find is Find with the name behind each record (same order), for tests
// that explain why a record was accepted.
func (f *Finder) find(s *annotate.Sentence) ([]schema.Record, []explained, []annotate.Finding) {
	c := newSentCtx(f, s)
	found := c.names()
	// list members first: a distributed name (嘉陵江实验室) wins over a
	// name found on the same span (嘉陵江)
	names := c.enumerations(found)
	c.groupLists(found)
	names = append(names, found...)
	out := make([]schema.Record, 0, len(names))
	why := make([]explained, 0, len(names))
	var rejected []annotate.Finding
	seen := map[[2]int]bool{}
	for i, n := range names {
		key := [2]int{n.start, n.end}
		if seen[key] || inside(names, i) {
			continue
		}
		verdicts, vetoed := c.veto(n, names, s.Explain)
		if vetoed {
			if s.Explain {
				rejected = append(rejected, annotate.Finding{SentStart: n.start, SentEnd: n.end, Rejected: true, Explain: verdicts,
					Record: schema.Record{Kind: schema.KindProject, Name: n.name, Category: n.category}})
			}
			continue
		}
		if s.Explain {
			verdicts = append([]schema.Verdict{{Rule: acceptRule(n), Verdict: schema.VerdictAccept}}, verdicts...)
		}
		seen[key] = true
		r := schema.Record{
			Kind:     schema.KindProject,
			Start:    n.start,
			End:      n.end,
			Name:     n.name,
			Category: n.category,
			Phase:    n.phase,
			Origin:   schema.OriginRules,
			Evidence: c.evidence(n),
		}
		gs, ge := n.govStart, n.govEnd
		if ge <= gs {
			gs, ge = n.start, n.end
		}
		g := s.Govern(gs, ge)
		r.Verb, r.Stage, r.Modality = g.Verb, g.Stage, g.Modality
		if r.Verb == "" && r.Category == "programme" && c.titleLine(n) {
			// a plan's section title names a programme it carries out
			// (（一）网络体系强基行动。, 专栏1 工业互联网标准化工程)
			r.Stage = schema.StageAdvance
		}
		out = append(out, r)
		why = append(why, explained{c: c, n: n, verdicts: verdicts})
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return out[idx[i]].Start < out[idx[j]].Start })
	so, sw := make([]schema.Record, len(out)), make([]explained, len(out))
	for i, k := range idx {
		so[i], sw[i] = out[k], why[k]
	}
	return so, sw, rejected
}

// explained is a found name with the sentence it was found in and the
// rules that judged it.
type explained struct {
	c        *sentCtx
	n        cand
	verdicts []schema.Verdict
}

// groupLists gives names listed side by side (京唐城际铁路、承平高速全线通车)
// the whole list as the span their governing verb is found for.
func (c *sentCtx) groupLists(names []cand) {
	sort.SliceStable(names, func(i, j int) bool { return names[i].start < names[j].start })
	for i := 0; i < len(names); {
		j := i
		for j+1 < len(names) && names[j+1].ti == names[j].tj+2 && (c.word(names[j].tj+1) == "、" || c.cls[names[j].tj+1] == cConj) {
			j++
		}
		if j > i {
			for k := i; k <= j; k++ {
				if names[k].govEnd <= names[k].govStart {
					names[k].govStart, names[k].govEnd = names[i].start, names[j].end
				}
			}
		}
		i = j + 1
	}
}

// titleLine reports whether the sentence is little more than the name: a
// section title with its number (（一）…行动。, 专栏1 …工程).
func (c *sentCtx) titleLine(n cand) bool {
	rest := c.text[:n.start] + c.text[n.end:]
	han := 0
	for _, r := range rest {
		if unicode.Is(unicode.Han, r) && !strings.ContainsRune(numeralChars, r) {
			han++
		}
	}
	return han <= 2
}

// notProject reports a name that its context shows is no project: an
// existing body the sentence relies on (依托中国信息通信研究院), a title
// applied for (创建国家生态文明建设示范区) or a kind of zone each place
// builds (鼓励各地建设…先导区).
func (c *sentCtx) notProject(n cand, names []cand) bool {
	_, vetoed := c.veto(n, names, false)
	return vetoed
}

// classExample reports a firm named (alone or in a list) as an example of
// a class of enterprises (河北港口集团等多家省属国企完成重组整合), unless
// the clause settles the firms somewhere (中国中化、中国华能等一批中央企业迁入雄安).
func (c *sentCtx) classExample(n cand, names []cand) bool {
	k := n.tj + 1
	// over the list members after the name
	for k+1 < len(c.toks) && (c.word(k) == "、" || c.cls[k] == cConj) {
		next := -1
		for _, m := range names {
			if m.ti == k+1 {
				next = m.tj + 1
				break
			}
		}
		if next < 0 {
			return false
		}
		k = next
	}
	if k >= len(c.toks) || c.word(k) != "等" {
		return false
	}
	class := -1
	for m := k + 1; m < len(c.toks) && m <= k+4 && c.cls[m] != cPunct; m++ {
		if c.firmWord(c.word(m)) {
			class = m
			break
		}
	}
	if class < 0 {
		return false
	}
	for m := class; m < len(c.toks) && (c.cls[m] != cPunct || c.word(m) == "、"); m++ {
		for v := range c.f.lx.settle {
			if strings.Contains(c.word(m), v) {
				return false
			}
		}
	}
	return true
}

// firmWord reports a word naming a class of enterprises: a firm word at
// its start or end (国企改革, 中央企业, 省属国企).
func (c *sentCtx) firmWord(w string) bool {
	for f := range c.f.lx.firm {
		if strings.HasPrefix(w, f) || strings.HasSuffix(w, f) {
			return true
		}
	}
	return false
}

// waterway reports a river, lake or one of their sections.
func (c *sentCtx) waterway(n cand) bool {
	return n.category == "waterway" || c.f.lx.geoHead[n.head]
}

// geographic reports a bare geographic name: a river or a corridor
// without a segment, phase or qualifier (松花江, 河西走廊).
func (c *sentCtx) geographic(n cand) bool {
	if n.phase > 0 || n.sub || !c.f.lx.geoHead[n.head] {
		return false
	}
	// a river (松花江) or a place name gse knows whole (河西走廊); a
	// corridor with a name of its own words is a zone (光谷科创大走廊)
	h := c.f.lx.heads[n.head]
	return h != nil && h.char || n.ti == n.tj && c.toks[n.ti].Pos == "ns"
}

// nominal reports a noun at token k that a name before it would modify:
// a noun, place or numeral, not an action word (综合治理, 建设) or a verb.
func (c *sentCtx) nominal(k int) bool {
	if k < 0 || k >= len(c.toks) {
		return false
	}
	switch c.cls[k] {
	case cNoun, cProper, cNum:
	default:
		return false
	}
	w, pos := c.word(k), c.toks[k].Pos
	if c.f.lx.adverb[w] || strings.HasPrefix(pos, "v") || pos == "f" || pos == "d" || pos == "a" || pos == "ad" || c.f.lx.verbs[w] || c.f.gov.Stage(w) != "" {
		return false
	}
	for v := range c.f.lx.govern {
		if strings.HasSuffix(w, v) {
			return false
		}
	}
	return !strings.HasSuffix(w, "治理") && !strings.HasSuffix(w, "整治") && !strings.HasSuffix(w, "保护")
}

// modifies reports whether the name ending before token k (or the list
// of short names it starts: 、苏州河, 等) is followed by a noun it
// modifies.
func (c *sentCtx) modifies(k int) bool {
	for k < len(c.toks) && (c.word(k) == "、" || c.cls[k] == cConj) {
		m, end := k+1, -1
		for ; m < len(c.toks) && m <= k+3 && c.isNameish(m); m++ {
			if h, _ := c.headEnd(m); h != nil && c.f.lx.geoHead[h.word] {
				end = m
				break
			}
		}
		if end < 0 && m <= k+3 && m < len(c.toks) && m > k+1 && (c.word(m) == "、" || c.word(m) == "等" || c.cls[m] == cConj) {
			end = m - 1 // a short member of another kind (草海)
		}
		if end < 0 && k+1 < len(c.toks) && c.toks[k+1].Pos == "ns" {
			end = k + 1 // a river gse knows whole (塔里木河、黑河流域)
		}
		if end < 0 {
			return false
		}
		k = end + 1
	}
	if k < len(c.toks) && c.word(k) == "—" {
		return true // a compound region (河西走廊—塔克拉玛干沙漠边缘)
	}
	if k < len(c.toks) && c.word(k) == "等" {
		k++
		for k < len(c.toks) && c.f.lx.trim[c.word(k)] {
			k++
		}
		if _, end, ok := c.listNoun(k); ok {
			for k < len(c.toks) && c.toks[k].Start < end {
				k++
			}
		}
	}
	return c.nominal(k)
}

// verbBefore returns the nearest verb before token ti in its clause (a
// list's 、 does not end the clause), or "".
func (c *sentCtx) verbBefore(ti int, names []cand) string {
	for i := ti - 1; i >= 0; i-- {
		for _, m := range names {
			if m.tj == i && m.ti < i {
				i = m.ti // over a listed name (…国家工业信息安全发展研究中心、)
				break
			}
		}
		if c.cls[i] == cPunct && c.word(i) != "、" {
			return ""
		}
		if w := c.word(i); (w == "与" || w == "同") && (i == 0 || c.cls[i-1] == cVerb || c.cls[i-1] == cVerbN || c.cls[i-1] == cPunct) {
			return w // 加强与[中国信息通信研究院]…的合作
		}
		if c.cls[i] == cVerb || c.cls[i] == cVerbN || c.f.lx.partner[c.word(i)] || c.f.lx.designate[c.word(i)] {
			return c.word(i)
		}
	}
	return ""
}

// inside reports whether names[i] lies within a longer name of the same
// sentence (汉丹江 in 汉丹江“碧水东流”行动).
func inside(names []cand, i int) bool {
	n := names[i]
	for j, m := range names {
		if j != i && m.start <= n.start && n.end <= m.end && m.end-m.start > n.end-n.start && strings.Contains(m.name, n.name) {
			return true
		}
	}
	return false
}

// cand is a found name: its span in s.Text, its name and category.
type cand struct {
	start, end int
	name       string
	category   string
	phase      int
	// govStart, govEnd is the span whose governing verb the name takes
	// (the whole list for a list member); empty means the name's own span.
	govStart, govEnd int
	// first and last token of the name
	ti, tj int
	// sub is set when a sub-unit follows the name (房山院区)
	sub bool
	// bareSub is set when the name's own head is a sub-unit
	bareSub bool
	// why is the reason the name is specific (see specificWhy)
	why string
	// head is the name's last head word
	head string
	// modList is set for a name in a list of kinds that modifies the noun
	// after it (…等平台能级)
	modList bool
}

// token classes
type class int

const (
	cNoun    class = iota // a content word that may sit inside a name
	cProper               // a place, organisation or brand word, Latin letters
	cNum                  // a bare numeral (十一, 22)
	cVerb                 // a governing verb (data/verbs.txt)
	cVerbN                // another verb: inside a name, never its first word
	cStop                 // function word, adverb, pronoun, measure word
	cPunct                // punctuation that ends a name
	cOpenQ                // “ 《
	cCloseQ               // ” 》
	cOpenP                // (
	cCloseP               // )
	cJoin                 // - + × · . inside a name
	cTo                   // 至 到: inside route names (红庙至平谷段)
	cRange                // 以下 以上 以东 …: inside segment names
	cConj                 // 和 及 与 以及: inside programme titles
	cCounter              // a measure word (data/wordclass.txt), classed by what precedes it
)

type sentCtx struct {
	f    *Finder
	s    *annotate.Sentence
	text string
	toks []segment.Token
	cls  []class
}

func newSentCtx(f *Finder, s *annotate.Sentence) *sentCtx {
	toks := s.Tokens
	c := &sentCtx{f: f, s: s, text: s.Text, toks: toks, cls: make([]class, len(toks))}
	for i := range toks {
		c.cls[i] = c.classify(i)
	}
	c.joinSplitVerbs()
	c.dashedPlaces()
	c.placeAdverbs()
	return c
}

// joinSplitVerbs classes a governing verb gse cut into single characters
// (获/批) as a verb, not two name characters (获批[国家技术创新中心]).
func (c *sentCtx) joinSplitVerbs() {
	for i := 0; i+1 < len(c.toks); i++ {
		a, b := c.word(i), c.word(i+1)
		if utf8.RuneCountInString(a) != 1 || utf8.RuneCountInString(b) != 1 || c.cls[i] != cNoun || c.cls[i+1] != cNoun {
			continue
		}
		if c.f.lx.verbs[a+b] && (i == 0 || c.cls[i-1] != cNoun && c.cls[i-1] != cVerbN) {
			c.cls[i], c.cls[i+1] = cVerb, cVerb
		}
	}
}

// dashedPlaces classes a word joined by a dash to a place as a place,
// whatever gse tags it (包头/v——兰州线).
func (c *sentCtx) dashedPlaces() {
	toks := c.toks
	for i := 0; i+2 < len(toks); i++ {
		if c.cls[i] != cVerbN && c.cls[i] != cNoun || utf8.RuneCountInString(c.word(i)) < 2 {
			continue
		}
		m := i + 1
		for m < len(toks) && c.cls[m] == cJoin && isDash(c.word(m)) {
			m++
		}
		if m > i+1 && m < len(toks) && toks[m].Pos == "ns" && (i == 0 || c.cls[i-1] == cPunct || c.cls[i-1] == cStop) {
			c.cls[i] = cProper
		}
	}
}

// placeAdverbs classes as places the place names gse tags as adverbs or
// locality words (大连/d, 定边/d, 沿江/f): an adverb does not come right
// before a proper noun or a head.
func (c *sentCtx) placeAdverbs() {
	toks := c.toks
	for i := 0; i+1 < len(toks); i++ {
		p := toks[i].Pos
		if c.cls[i] != cStop || (p != "d" && p != "f") || utf8.RuneCountInString(c.word(i)) < 2 {
			continue
		}
		if c.cls[i+1] == cProper && toks[i+1].Pos != "j" {
			c.cls[i] = cProper
		} else if h, hs := c.headEnd(i + 1); h != nil && !h.sub && !h.char && hs == toks[i+1].Start && h.category != "programme" {
			c.cls[i] = cProper
		}
	}
}

func (c *sentCtx) word(i int) string { return c.text[c.toks[i].Start:c.toks[i].End] }

const numeralChars = "0123456789零〇一二三四五六七八九十百千万两"

func isNumeral(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !strings.ContainsRune(numeralChars, r) && r != '.' {
			return false
		}
	}
	return true
}

func isASCIIDigits(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

func isASCIIWord(w string) bool {
	if w == "" {
		return false
	}
	hasLetter := false
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
			hasLetter = true
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return hasLetter
}

func (c *sentCtx) classify(i int) class {
	w := c.word(i)
	if cl, ok := c.f.lx.wordClass[w]; ok {
		if cl != cCounter {
			return cl
		}
		// a measure word after a numeral (9所, 3家); else a piece of a
		// name the dictionary does not know (首儿所)
		if i > 0 && (isNumeral(c.word(i-1)) || c.toks[i-1].Pos == "m") && !c.f.lx.in("serial", w) {
			return cStop
		}
		return cNoun
	}
	if cl, ok := c.shapeClass(i, w); ok {
		return cl
	}
	if cl, ok := c.wordRule(i, w); ok {
		return cl
	}
	return c.tagClass(i, w)
}

// shapeClass classes a word by its characters: Latin letters and digits,
// known places, numerals, a space after Latin letters, punctuation.
func (c *sentCtx) shapeClass(i int, w string) (class, bool) {
	lx := c.f.lx
	if isASCIIWord(w) && i+1 < len(c.toks) && len(w) == 1 && lx.firstIn("classsuffix", c.word(i+1)) {
		return cNoun, true // A/类
	}
	if isASCIIWord(w) || lx.place[w] {
		return cProper, true
	}
	if isNumeral(w) {
		return cNum, true
	}
	r, _ := utf8.DecodeRuneInString(w)
	if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) && strings.IndexFunc(w, func(r rune) bool { return unicode.Is(unicode.Han, r) }) > 0 {
		if last, _ := utf8.DecodeLastRuneInString(w); utf8.RuneCountInString(w) == 2 && lx.in("classsuffix", string(last)) {
			return cNoun, true // a class (A类, 5A级) names no one thing
		}
		return cProper, true // B型, 5G基站
	}
	if strings.TrimSpace(w) == "" && i > 0 && i+1 < len(c.toks) && isASCIIWord(c.word(i-1)) {
		return cJoin, true // a space after Latin letters (IP 潮玩)
	}
	if !unicode.Is(unicode.Han, r) {
		return cPunct, true
	}
	return 0, false
}

// wordRule classes a Han word by the lexicon and its neighbours.
func (c *sentCtx) wordRule(i int, w string) (class, bool) {
	lx := c.f.lx
	pos := c.toks[i].Pos
	if lx.noun[w] {
		return cNoun, true
	}
	if lx.verbs[w] {
		return cVerb, true
	}
	if n, ok := lx.trimSet("ordinal", w); ok && (isNumeral(n) || isNumeral(lx.trimRightSet("ordinalsuffix", n))) {
		return cNum, true // 第四使馆区, 第三轮回天行动
	}
	if lx.in("listplace", w) && i > 0 && lx.in("listend", c.word(i-1)) {
		return cStop, true // 北京等地
	}
	if i > 0 && lx.in("splitverb", c.word(i-1)) && utf8.RuneCountInString(w) == 1 {
		return cStop, true // 做强, 做火: a verb gse cuts in two
	}
	if utf8.RuneCountInString(w) == 1 && !functionTag[pos] {
		// gse cuts names it does not know into single characters with
		// arbitrary tags (马池/口, 首/儿/所): inside a name they are name words
		return cNoun, true
	}
	if c.verbSuffix(w) {
		return cVerb, true // 全力支持, 全面实施
	}
	return 0, false
}

// functionTag are the tags of a single character that is no name word.
var functionTag = map[string]bool{"u": true, "p": true, "c": true, "r": true, "y": true, "e": true, "o": true}

// stopTag are the tags of function words, adverbs, pronouns and measures.
var stopTag = map[string]bool{"u": true, "p": true, "c": true, "d": true, "r": true, "y": true, "e": true, "o": true, "q": true,
	"uj": true, "ul": true, "ud": true, "uz": true, "ug": true, "uv": true}

// properTag are the tags of places, organisations and names.
var properTag = map[string]bool{"ns": true, "nt": true, "nz": true, "nr": true, "nrt": true, "nrfg": true}

// tagClass classes a word by gse's tag.
func (c *sentCtx) tagClass(i int, w string) class {
	p := c.toks[i].Pos
	switch {
	case properTag[p] || p == "j" && utf8.RuneCountInString(w) >= 3:
		return cProper
	case p == "vn":
		return cNoun
	case strings.HasPrefix(p, "v"):
		return cVerbN
	case stopTag[p]:
		return cStop
	case p == "m":
		if i+1 < len(c.toks) && !isNumeral(w) && c.f.lx.in("routepart", c.word(i+1)) {
			return cNoun // 惠肇高速三封段
		}
		return cStop // numerals with measure words (一批, 9所)
	case p == "f":
		if utf8.RuneCountInString(w) == 1 {
			return cNoun
		}
		return cStop
	case p == "t":
		// time words stop a name (今年, 年底, 3月); 明月 is a name word
		first, _ := utf8.DecodeRuneInString(w)
		if c.f.lx.anyIn("timechar", w) || c.f.lx.suffixIn("dateend", w) && strings.ContainsRune(numeralChars, first) {
			return cStop
		}
	}
	return cNoun
}

// verbSuffix reports a word that ends with a governing verb after an
// adverb-like part (全力支持, 全面实施, 特制定).
func (c *sentCtx) verbSuffix(w string) bool {
	// proper suffixes of w of two runes or more, longest first
	for i := range w {
		if i == 0 {
			continue
		}
		v := w[i:]
		if utf8.RuneCountInString(v) < 2 {
			break
		}
		if _, ok := c.f.lx.verbs[v]; ok && v != "发展" && v != "服务" && v != "保护" && v != "规划" {
			return c.f.lx.headAt(w, 0) == nil
		}
	}
	return false
}

// tokAt returns the index of the token containing byte offset off.
func (c *sentCtx) tokAt(off int) int {
	for i, t := range c.toks {
		if off >= t.Start && off < t.End {
			return i
		}
	}
	return -1
}

var phaseNum = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9}

// phaseAt reports a phase word (二期, 3期) starting at byte off: its
// end and number.
func (c *sentCtx) phaseAt(off int) (int, int) {
	r, size := utf8.DecodeRuneInString(c.text[off:])
	n, ok := phaseNum[string(r)]
	if !ok || !strings.HasPrefix(c.text[off+size:], "期") {
		return 0, 0
	}
	end := off + size + len("期")
	if strings.HasPrefix(c.text[end:], "工程") {
		// 二期工程 stays a phase of the name
		end += len("工程")
	}
	return end, n
}

// headEnd reports whether a head ends at the end of token j (starting no
// earlier than byte from), and returns it with its start offset.
func (c *sentCtx) headEnd(j int) (*head, int) {
	t := c.toks[j]
	h := c.f.lx.headAt(c.text[:t.End], 0)
	if h == nil {
		return nil, 0
	}
	hs := t.End - len(h.word)
	if hs > t.Start {
		// head inside a longer word: only proper nouns (马河, 朝阳港) and
		// multi-character heads (实验学校 → 学校)
		pos := t.Pos
		proper := pos == "ns" || pos == "nz" || pos == "nt" || pos == "nr"
		if (h.char || utf8.RuneCountInString(c.text[t.Start:hs]) == 1) && !proper {
			return nil, 0
		}
		if h.char && (h.category == "waterway" || h.category == "port") && pos == "ns" && utf8.RuneCountInString(c.word(j)) == 2 {
			return nil, 0 // a city or province (香港, 浙江, 九江)
		}
	}
	// a head that is the first part of a longer compound (公园城市,
	// 中心城区, 平台经济) is no head
	if j+1 < len(c.toks) {
		// blocked compounds are listed in data/heads.txt with category "-"
		if bh := c.f.lx.heads[h.word+c.word(j+1)]; bh != nil && bh.category == "-" {
			return nil, 0
		}
		// a plan word right before a date or number is the verb (原计划
		// 1957年修到…, 计划2027年建成): a title is not followed by a date
		if c.f.lx.planVerb[h.word] && hs == c.toks[j].Start && c.dateAt(j+1) {
			return nil, 0
		}
	}
	return h, hs
}

func (c *sentCtx) isNameish(k int) bool {
	switch c.cls[k] {
	case cNoun, cProper, cNum, cVerbN:
		return true
	}
	return false
}

// names finds names ending in a head.
func (c *sentCtx) names() []cand {
	var out, rejected []cand
	lastEnd := -1
	for j := 0; j < len(c.toks); j++ {
		if c.toks[j].Start < lastEnd {
			continue
		}
		h, hs := c.headEnd(j)
		if h == nil {
			continue
		}
		cd, ok := c.build(j, h, hs)
		if !ok {
			if cd.name != "" {
				rejected = append(rejected, cd)
			}
			continue
		}
		out = append(out, cd)
		lastEnd = cd.end
		j = cd.tj
	}
	return c.siblings(out, rejected)
}

// siblings adds rejected names that sit in a list next to a proper name
// with the same head (贸大成果转化基地、北科大中冶转化基地): a list of names
// makes each of them a name.
func (c *sentCtx) siblings(out, rejected []cand) []cand {
	n := len(out)
	for _, r := range rejected {
		core := c.text[r.start : r.end-len(r.head)]
		if utf8.RuneCountInString(core) < 2 || c.f.lx.weak[core] || c.f.lx.trim[core] || r.phase > 0 {
			continue
		}
		if r.ti > 0 && (c.toks[r.ti-1].Pos == "m" || c.toks[r.ti-1].Pos == "q" || c.word(r.ti-1) == "等") {
			continue
		}
		level := false
		for i := r.ti; i <= r.tj; i++ {
			level = level || c.f.lx.level[c.word(i)]
		}
		if level {
			continue // a designation (…和国家级知识产权保护中心)
		}
		ok := true
		for _, a := range out {
			if a.start < r.end && r.start < a.end {
				ok = false
			}
		}
		if !ok {
			continue
		}
		for _, a := range out[:n] {
			if a.why != "proper" || a.head != r.head {
				continue
			}
			if sep := r.tj + 1; a.ti == r.tj+2 && (c.word(sep) == "、" || c.cls[sep] == cConj) ||
				r.ti == a.tj+2 && (c.word(a.tj+1) == "、" || c.cls[a.tj+1] == cConj) {
				r.why = "sibling"
				out = append(out, r)
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// build grows a name around the head h ending at token j: rightwards
// over phases, qualifiers and chained heads (growRight), then leftwards
// (left), and judges it specific (specificWhy).
func (c *sentCtx) build(j int, h *head, hs int) (cand, bool) {
	cd := cand{category: h.category, end: c.toks[j].End, tj: j}
	// a sub-unit on its own (新校区) names nothing unless its core is
	// proper (通州院区); the check is in specific
	cd.bareSub = h.sub
	lastHead := c.growRight(&cd, h)
	L, ok := c.left(c.tokAt(hs), h, lastHead, hs)
	if !ok {
		return cd, false
	}
	cd.ti = L
	cd.start = c.toks[L].Start
	if hs < c.toks[c.tokAt(hs)].Start {
		cd.start = hs
	}
	if cd.start >= hs && c.tokAt(hs) == L && c.toks[L].Start == hs {
		// nothing before the head
		return cd, false
	}
	cd.name = c.text[cd.start:cd.end]
	cd.head = lastHead.word
	cd.why = c.specificWhy(cd, h, lastHead, hs)
	if c.f.lx.in("segment", lastHead.word) {
		cd.category = c.segmentCategory(cd)
	}
	return cd, cd.why != ""
}

// growRight extends cd to the right over phases, sub-units, bracketed
// qualifiers and chained heads, and returns the name's last head.
func (c *sentCtx) growRight(cd *cand, h *head) *head {
	lastHead := h
	for k := cd.tj + 1; k < len(c.toks); k = cd.tj + 1 {
		if e, n := c.phaseAt(c.toks[k].Start); n > 0 {
			cd.phase = n
			cd.end = e
			for cd.tj+1 < len(c.toks) && c.toks[cd.tj+1].Start < e {
				cd.tj++
			}
			continue
		}
		if c.cls[k] == cOpenP {
			if !c.qualifier(cd, k) {
				break
			}
			continue
		}
		found, fh := c.chainHead(k, lastHead)
		if found < 0 {
			break
		}
		// a programme head after a verb-only gap, or any head after names
		cd.tj = found
		cd.end = c.toks[found].End
		if !fh.sub {
			cd.category = fh.category
		} else {
			cd.sub = true
		}
		lastHead = fh
	}
	return lastHead
}

// qualifier takes a short bracketed qualifier opening at token k into cd;
// a proper one makes the name specific (保税物流中心(B型), 北小河(金盏段));
// 市(州)中心 stays generic.
func (c *sentCtx) qualifier(cd *cand, k int) bool {
	m := k + 1
	for m < len(c.toks) && m-k <= 6 && c.cls[m] != cCloseP && c.cls[m] != cPunct {
		m++
	}
	if m >= len(c.toks) || c.cls[m] != cCloseP || m <= k+1 {
		return false
	}
	cd.end = c.toks[m].End
	cd.tj = m
	for q := k + 1; q < m; q++ {
		if c.cls[q] == cProper || c.cls[q] == cNum || utf8.RuneCountInString(c.word(q)) >= 2 && !c.f.lx.weak[c.word(q)] {
			cd.sub = true
		}
	}
	return true
}

// chainHead finds a later head that the name chains to over name words
// from token k (十一学校朝阳实验学校初中部): its token and head, or -1.
func (c *sentCtx) chainHead(k int, lastHead *head) (int, *head) {
	found := -1
	var fh *head
	for m := k; m < len(c.toks) && m-k < 6; m++ {
		skip, stop := c.chainGap(m, k)
		if stop {
			break
		}
		if skip {
			continue
		}
		nh, _ := c.headEnd(m)
		if nh == nil || nh.place {
			continue // (a pilot is no part of a name: 中关村…示范区[试点])
		}
		if lastHead.category == "programme" && lastHead.weak && nh.category != "programme" && !nh.sub {
			// a kind of works before the name it describes
			// (西线主通道重点工程[隆泸叙铁路])
			break
		}
		found, fh = m, nh
		if nh.sub {
			break
		}
	}
	return found, fh
}

// chainGap judges token m between a head and a later one: skip it (a verb
// inside the name before a head: 科技创新中心, 布局调整方案; a join inside a
// name: 3.0方案) or stop the chain (an adverb: 乐高乐园[顺利开园]; another
// verb: 岳阳港货物吞吐量稳居[…港口]; a level starting a designation:
// …街区获批[国家级…街区]; a word no name has).
func (c *sentCtx) chainGap(m, k int) (skip, stop bool) {
	if c.adverbWord(m) {
		return false, true
	}
	if c.cls[m] == cVerb {
		// a governing verb only before a programme head
		if m+1 < len(c.toks) {
			if nh, _ := c.headEnd(m + 1); nh != nil && !nh.sub && (nh.category == "programme" || !c.f.lx.verbs[c.word(m)]) {
				return true, false
			}
		}
		return false, true
	}
	if c.cls[m] == cVerbN && !c.f.lx.modVerb[c.word(m)] {
		return false, true
	}
	if c.cls[m] == cJoin && m > k && m+1 < len(c.toks) && c.isNameish(m-1) && c.isNameish(m+1) {
		return true, false
	}
	if !c.isNameish(m) && !((c.cls[m] == cTo || c.cls[m] == cRange) && c.segmentAhead(m)) || c.f.lx.level[c.word(m)] {
		return false, true
	}
	return false, false
}

// segmentCategory is the category of a section name (合新高铁安徽段,
// 广珠(澳)高铁鹤洲至横琴段): that of the last other head inside it, a
// river's when there is none (坝河郎园以下段).
func (c *sentCtx) segmentCategory(cd cand) string {
	cat := cd.category
	for i := cd.start; i < cd.end-len("段"); {
		_, size := utf8.DecodeRuneInString(c.text[i:])
		i += size
		if h := c.f.lx.headAt(c.text[cd.start:i], 0); h != nil && h.word != "段" && !h.sub && h.category != "programme" {
			if h.char && h.category != "waterway" && h.category != "road" {
				continue // 线 in 线路, 站 in 站前
			}
			cat = h.category
		}
	}
	return cat
}

// straddles reports whether token i ends in the first part of a head that
// the next token completes (合|新高|铁 → 高铁): the verb tag is gse's
// mistake and the token is a name word.
func (c *sentCtx) straddles(i int) bool {
	if i+1 >= len(c.toks) {
		return false
	}
	t := c.toks[i]
	h := c.f.lx.headAt(c.text[t.Start:c.toks[i+1].End], 0)
	return h != nil && !h.char && c.toks[i+1].End-len(h.word) > t.Start && c.toks[i+1].End-len(h.word) < t.End
}

// left returns the first token of the name whose head starts in token
// ht (at byte hs): it scans leftwards over the name's words (leftScan)
// and trims what a name does not start with (trimLeft).
func (c *sentCtx) left(ht int, h, last *head, hs int) (int, bool) {
	if ht < 0 {
		return 0, false
	}
	s := &leftScan{c: c, ht: ht, hs: hs, last: last, L: ht, i: ht - 1,
		route: c.f.lx.in("segment", h.word) || h.category == "railway" || h.category == "road" || h.category == "waterway",
		prog:  last.category == "programme",
		abut:  hs == c.toks[ht].Start, // only verbs between here and the head
	}
	for s.i >= 0 && s.step() {
	}
	return c.trimLeft(s.L, ht), true
}

// leftScan is the state of left's scan: L is the name's first token so
// far, i the token looked at; route and prog say the head is a route or a
// programme; abut that only verbs stand between i and the head.
type leftScan struct {
	c                 *sentCtx
	ht, hs            int
	last              *head
	route, prog, abut bool
	L, i              int
}

// take makes token from the name's first token and goes on left of it.
func (s *leftScan) take(from int) bool {
	s.L = from
	s.i = from - 1
	return true
}

// step judges token i by its class; false ends the scan.
func (s *leftScan) step() bool {
	switch s.c.cls[s.i] {
	case cNoun, cProper, cNum:
		return s.nameWord()
	case cVerbN:
		return s.verbInName()
	case cTo, cRange:
		if s.route && s.i > 0 && s.c.isNameish(s.i-1) {
			s.abut = false
			return s.take(s.i)
		}
	case cConj:
		return s.conjInTitle()
	case cStop:
		return s.titleOverList()
	case cJoin:
		return s.dash()
	case cCloseQ:
		return s.quotedTitle()
	case cCloseP:
		return s.bracketed()
	case cVerb:
		return s.verbRun()
	}
	return false
}

// nameWord takes a noun, proper word or number, unless it is an adverb
// of the predicate (…顺利开园; 完全中学 keeps it) or a kind of works before
// the name it describes (西线主通道重点工程[隆泸叙铁路]); a designation
// starts at its level (…获批[国家级…街区]) unless a place owns it
// (安徽省级…平台).
func (s *leftScan) nameWord() bool {
	c, i := s.c, s.i
	if !s.prog && c.adverbWord(i) && (i+1 == s.ht && s.hs > c.toks[s.ht].Start || c.cls[i+1] == cVerb || c.cls[i+1] == cVerbN) {
		return false
	}
	if !s.prog {
		if ph, _ := c.headEnd(i); ph != nil && ph.category == "programme" && ph.weak && !ph.char && c.nameStart(i+1) {
			return false
		}
	}
	s.abut = false
	s.L = i
	if c.f.lx.level[c.word(i)] && (i == 0 || c.cls[i-1] != cProper) {
		return false
	}
	s.i--
	return true
}

// verbInName takes a verb gse tags inside a name (视听, 转化) between name
// words; after an adjective or a complete name it is a verb (有效应对海河,
// 闽江学院更名大学). Outside titles a verb sits in a name only in the run
// just before its head (技术转移转化中心); further left it governs an object
// (获批[国家级旅游休闲街区]), unless a proper word precedes it (AIGC视听产业
// 创新中心) or it is a verb that modifies a noun (应用, 创新, 转化).
func (s *leftScan) verbInName() bool {
	c, i := s.c, s.i
	if i == 0 {
		return false
	}
	prev := c.cls[i-1]
	if !(prev == cNoun || prev == cProper || prev == cNum || prev == cVerbN || s.prog && prev == cConj) {
		return false
	}
	if !(s.abut || s.prog || c.f.lx.modVerb[c.word(i)] || isASCIIWord(c.word(i-1)) || c.straddles(i)) {
		return false
	}
	if nh, _ := c.headEnd(i - 1); s.abut || s.prog || nh == nil {
		return s.take(i)
	}
	return false
}

// conjInTitle takes a conjunction inside a programme's title
// (服务贸易和数字贸易…行动方案, 平台建设及应用水平提升计划).
func (s *leftScan) conjInTitle() bool {
	c, i := s.c, s.i
	if !s.prog || i == 0 || s.L >= s.ht {
		return false
	}
	nameBefore := c.isNameish(i-1) || c.cls[i-1] == cVerb && i > 1 && c.isNameish(i-2)
	if nameBefore && c.f.lx.headAt(c.word(i-1), 0) == nil && c.word(i-1) != "政策" {
		return s.take(i)
	}
	return false
}

// titleOverList takes a list a title is over: 数字视听、游戏电竞、IP 潮玩等
// 产业…行动计划.
func (s *leftScan) titleOverList() bool {
	c, i := s.c, s.i
	if !s.prog || s.last.weak || c.word(i) != "等" || s.L >= s.ht {
		return false
	}
	if a := c.titleList(i); a >= 0 {
		s.abut = false
		return s.take(a)
	}
	return false
}

// dash takes a dash between name words (a dash may be doubled: 内江——昆明
// 线); a doubled dash before a name is an apposition (…隧道——天山胜利隧道).
func (s *leftScan) dash() bool {
	c, i := s.c, s.i
	m := i
	for m > 0 && c.cls[m-1] == cJoin && c.word(m-1) == c.word(i) && isDash(c.word(i)) {
		m--
	}
	if m < i && (!s.route || c.ends(m-1)) {
		return false
	}
	if m > 0 && (c.isNameish(m-1) || c.cls[m-1] == cCloseQ) && s.L <= i+1 && s.L < len(c.toks) {
		return s.take(m)
	}
	return false
}

// quotedTitle takes a quoted title inside or before the name.
func (s *leftScan) quotedTitle() bool {
	if m := s.c.openerBefore(s.i, cOpenQ, 16); m >= 0 {
		s.abut = false
		return s.take(m)
	}
	return false
}

// openerBefore returns the token of the open mark (of class open) that
// the closing mark at token i closes, within maxDist tokens, with
// something between them and no punctuation; or -1.
func (c *sentCtx) openerBefore(i int, open class, maxDist int) int {
	m := i - 1
	for m >= 0 && i-m <= maxDist && c.cls[m] != open && c.cls[m] != cPunct {
		m--
	}
	if m >= 0 && c.cls[m] == open && m < i-1 {
		return m
	}
	return -1
}

// bracketed takes a short bracketed part after a name word.
func (s *leftScan) bracketed() bool {
	if m := s.c.openerBefore(s.i, cOpenP, 5); m > 0 && s.c.isNameish(m-1) {
		s.abut = false
		return s.take(m)
	}
	return false
}

// verbRun handles a run of verbs just before the head: inside the name
// when nouns precede it (成果转化基地, 平台培育工程); when the run starts the
// clause, its governing verbs are dropped and the scan ends.
func (s *leftScan) verbRun() bool {
	c, i := s.c, s.i
	if !s.prog && !s.abut {
		return false
	}
	r := i
	for r-1 >= 0 && c.cls[r-1] == cVerb {
		r--
	}
	if r-1 >= 0 && (c.isNameish(r-1) || c.cls[r-1] == cCloseQ) && !c.f.lx.subject[c.word(r-1)] && c.internalRun(r, i, s.ht) {
		s.abut = false
		return s.take(r)
	}
	for r <= i && (c.f.lx.verbs[c.word(r)] || c.verbSuffix(c.word(r))) {
		r++
	}
	if r <= i {
		s.L = r
	}
	return false
}

// trimLeft drops from the name's first token L what a name does not start
// with: generic modifiers, leading verbs and marks, an adverb, a bracketed
// qualifier cut from its name (中国建造[(安徽)互联网平台]) and a list number
// (13.重大慢性病防治“四早”工程).
func (c *sentCtx) trimLeft(L, ht int) int {
	for L < ht && c.leadingNonName(L) {
		L++
	}
	if L < ht && c.cls[L] == cOpenP {
		for L < ht && c.cls[L] != cCloseP {
			L++
		}
		if L < ht {
			L++
		}
	}
	if L+2 <= ht && c.cls[L] == cNum && c.word(L+1) == "." && c.cls[L+2] != cNum {
		L += 2
	}
	return L
}

// leadingNonName reports a token a name does not start with.
func (c *sentCtx) leadingNonName(L int) bool {
	switch c.cls[L] {
	case cVerb, cVerbN, cJoin, cConj, cTo, cRange, cCloseP:
		return true
	}
	return c.f.lx.trim[c.word(L)] || c.adverbLead(L)
}

// adverbLead reports an adverb at token L that a name cannot start with:
// one gse tags d or ad (严格/实施规划), or an adjective before a verb
// (适当/缩小/指令性计划); places gse tags as adverbs are proper already.
func (c *sentCtx) adverbLead(L int) bool {
	if c.cls[L] != cNoun || utf8.RuneCountInString(c.word(L)) < 2 {
		return false
	}
	switch c.toks[L].Pos {
	case "d", "ad":
		return true
	case "a":
		// at the start of a clause only (…开展清理/拖欠…专项行动 keeps it)
		return (L == 0 || c.cls[L-1] == cPunct) && L+1 < len(c.toks) && (c.cls[L+1] == cVerb || c.cls[L+1] == cVerbN)
	}
	return false
}

// ends reports whether a head or a sub-unit ends at token k (a complete
// name: 高速公路隧道).
func (c *sentCtx) ends(k int) bool {
	if k < 0 {
		return false
	}
	h, _ := c.headEnd(k)
	return h != nil
}

// dateAt reports a number or date at token k, or one after a time
// preposition (在1957年底, 于2027年).
func (c *sentCtx) dateAt(k int) bool {
	num := func(k int) bool {
		return k < len(c.toks) && (c.cls[k] == cNum || isASCIIDigits(c.word(k)))
	}
	if num(k) {
		return true
	}
	if w := c.word(k); w == "在" || w == "于" || w == "到" {
		return num(k + 1)
	}
	return false
}

// isDash reports a dash joining the two ends of a line (—, －, -).
func isDash(w string) bool { return w == "—" || w == "－" || w == "-" }

// adverbWord reports an adverb of two characters or more at token k
// (顺利, 正式, 全面): gse's d or ad tag or the adverb lexicon, not a
// place gse tags as an adverb (大连/d is proper already).
func (c *sentCtx) adverbWord(k int) bool {
	if c.cls[k] == cProper || utf8.RuneCountInString(c.word(k)) < 2 {
		return false
	}
	p := c.toks[k].Pos
	return p == "d" || p == "ad" || c.f.lx.adverb[c.word(k)]
}

// nameStart reports a token that starts a proper name: a place,
// organisation or person word, or a character gse could not join.
func (c *sentCtx) nameStart(k int) bool {
	if k >= len(c.toks) {
		return false
	}
	switch p := c.toks[k].Pos; {
	case c.cls[k] == cProper, p == "ns" || p == "nr" || p == "nz" || p == "nt" || p == "j":
		return true
	case utf8.RuneCountInString(c.word(k)) == 1 && c.cls[k] == cNoun:
		return true
	}
	return false
}

// titleList returns the first token of a list of short members closed by
// 等 at token k inside a title (科技服务业以及能源智控等), or -1.
func (c *sentCtx) titleList(k int) int {
	a, members, run := k, 0, 0
	for i := k - 1; i >= 0 && k-i <= 14; i-- {
		switch {
		case c.cls[i] == cJoin:
			a = i
			continue
		case c.isNameish(i):
			if h, _ := c.headEnd(i); h != nil {
				return -1 // a list of names (…和二道河水库等重点水利工程)
			}
			run++
			if run > 3 {
				return -1
			}
			a = i
			continue
		case c.word(i) == "、" || c.cls[i] == cConj:
			if run == 0 {
				return -1
			}
			members++
			run = 0
			continue
		}
		break
	}
	if run == 0 || members == 0 {
		return -1
	}
	return a
}

// segmentAhead reports a 段 word within a few words after token m
// (红庙至平谷段, 四环路以下段).
func (c *sentCtx) segmentAhead(m int) bool {
	for k := m + 1; k < len(c.toks) && k <= m+4; k++ {
		if c.word(k) == "段" {
			return true
		}
		if !c.isNameish(k) {
			return false
		}
	}
	return false
}

// internalRun reports whether the verbs r..i, preceded by a name word,
// sit inside the name (成果转化基地, 平台建设及应用水平提升计划) rather than
// govern the words after them (统筹做好[山河湾谷…功能区]建设规划).
func (c *sentCtx) internalRun(r, i, ht int) bool {
	govern := false
	for k := r; k <= i; k++ {
		if c.f.lx.govern[c.word(k)] {
			govern = true
		}
	}
	if i+1 >= ht {
		// just before the head: 绿色消费推进行动, but not 企业开展工程
		// (the head a word of its own: not 一体推进[城乡规划])
		return !govern || r == i && c.f.lx.titleVerb[c.word(r)] && c.f.lx.heads[c.word(ht)] != nil
	}
	if govern {
		return false
	}
	switch c.cls[i+1] {
	case cVerb, cConj, cJoin, cNum:
		return true
	}
	gov := false
	for k := r; k <= i; k++ {
		if c.f.lx.verbs[c.word(k)] || c.verbSuffix(c.word(k)) {
			gov = true
		}
	}
	if !gov {
		return true
	}
	// a governing verb before a complete name: [山河湾谷…功能区]建设规划
	for k := i + 1; k < ht; k++ {
		if h, _ := c.headEnd(k); h != nil && h.category != "programme" {
			return false
		}
	}
	return c.f.lx.heads[c.word(ht)] != nil && c.f.lx.heads[c.word(ht)].category == "programme"
}

// specific reports whether the name has a proper part or is a specific
// enough descriptive title.
// specificWhy is specific with the reason a name is specific ("" when it
// is not): phase, sub, quoted, proper, title, content.
func (c *sentCtx) specificWhy(cd cand, h, last *head, hs int) string {
	core := c.text[cd.start:hs]
	runes := utf8.RuneCountInString(core)
	if why, done := c.firstWhy(cd, last, hs, core, runes); done {
		return why
	}
	t := c.tally(cd, last, hs)
	if c.sloganCore(cd, h, hs, t.slogan) {
		return ""
	}
	// a quoted name (“百千工程”) is specific; a slogan in quotes
	// (“港人治港”, “形象工程”) is no name
	if cd.ti > 0 && c.cls[cd.ti-1] == cOpenQ && cd.tj+1 < len(c.toks) && c.cls[cd.tj+1] == cCloseQ {
		if h.char || last.weak && t.proper == 0 {
			return ""
		}
		return "quoted"
	}
	if c.unknownRun(cd.ti, hs) {
		t.proper++
	}
	if c.namesKind(cd, last, hs, t) {
		return ""
	}
	return c.lastWhy(cd, h, last, hs, runes, t)
}

// firstWhy decides what the name's size, count, phase and head alone
// decide (done), before its words are looked at.
func (c *sentCtx) firstWhy(cd cand, last *head, hs int, core string, runes int) (string, bool) {
	if runes < 2 {
		return "", true
	}
	if c.counted(cd.ti) || c.countStart(cd.ti) || c.quantInside(cd.ti, hs) {
		// a counted or quantified name is a category (建成50个基层…中心,
		// 所有省界高速公路), whatever its words
		return "", true
	}
	// a name with a phase or a sub-unit (国家会议中心二期, 宣武医院房山院区)
	// is specific
	if cd.phase > 0 || cd.sub {
		return "phase", true
	}
	if c.f.lx.trim[core] || c.f.lx.level[core] {
		return "", true
	}
	if last.named && !cd.bareSub && runes <= 6 {
		// a distinctive head names one place whatever its core (未来科学城,
		// 良乡大学城), unless counted (一批…)
		if cd.ti == 0 || (c.toks[cd.ti-1].Pos != "m" && c.toks[cd.ti-1].Pos != "q") {
			return "named", true
		}
	}
	return "", c.f.lx.weak[core]
}

// coreTally counts the kinds of words of a name's core (quoted words not
// counted): proper words and numbers, content words, quotations, words,
// and numerals that open a slogan (一区三中心).
type coreTally struct {
	proper, content, quoted, words, slogan int
}

func (c *sentCtx) tally(cd cand, last *head, hs int) coreTally {
	var t coreTally
	prog := last.category == "programme"
	inQuote := false
	for i := cd.ti; i < len(c.toks) && c.toks[i].Start < hs; i++ {
		if c.cls[i] == cCloseQ {
			inQuote = false
		}
		if inQuote {
			continue
		}
		if c.cls[i] != cOpenQ && c.cls[i] != cCloseQ {
			t.words++
		}
		w := c.word(i)
		if c.toks[i].End > hs {
			w = c.text[c.toks[i].Start:hs]
		}
		weak := c.f.lx.weak[w]
		switch c.cls[i] {
		case cProper:
			if !weak && !(last.nonr && strings.HasPrefix(c.toks[i].Pos, "nr")) {
				t.proper++
			}
		case cNum:
			// numerals before one-character words are a slogan (一区三中心)
			if i+1 < len(c.toks) && utf8.RuneCountInString(c.word(i+1)) == 1 && c.cls[i+1] == cNoun && !isASCIIDigits(w) {
				t.slogan++
			}
			t.proper++
		case cOpenQ:
			t.quoted++
			inQuote = true
		case cNoun, cVerbN:
			if !weak {
				t.content++
			}
		case cVerb:
			if !weak && prog {
				t.content++
			}
		}
	}
	return t
}

// sloganCore reports a core that is a numbered slogan: two Han numerals
// (两专科一中心, 三区一中心), or numerals before one-character words only
// (一区三中心, 两园一河).
func (c *sentCtx) sloganCore(cd cand, h *head, hs int, slogan int) bool {
	if c.hanNumerals(cd.ti, h, hs) >= 2 {
		return true
	}
	if slogan == 0 {
		return false
	}
	onlyShort := true
	for i := cd.ti; i < len(c.toks) && c.toks[i].End <= hs; i++ {
		if c.cls[i] != cNum && utf8.RuneCountInString(c.word(i)) > 1 {
			onlyShort = false
		}
	}
	return slogan >= 2 || onlyShort
}

// hanNumerals counts the short Han numerals of the core before hs, outside
// quoted titles (“十行千亿万企”) and places (三山五园).
func (c *sentCtx) hanNumerals(ti int, h *head, hs int) int {
	n, quote := 0, false
	for i := ti; i < len(c.toks) && c.toks[i].Start < hs; i++ {
		w := c.word(i)
		switch c.cls[i] {
		case cOpenQ:
			quote = true
		case cCloseQ:
			quote = false
		}
		if quote || c.cls[i] == cProper && h.char {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); strings.ContainsRune("一二三四五六七八九十两百千万", r) && utf8.RuneCountInString(w) <= 2 && (c.cls[i] == cNum || utf8.RuneCountInString(w) == 2) {
			n++
		}
	}
	return n
}

// unknownRun reports a run of one-character words gse could not join
// right before the head: an unknown name (首/儿/所, 世贸/天/阶);
// abbreviations of common words come as nouns (科/创, 文/旅/体).
func (c *sentCtx) unknownRun(ti, hs int) bool {
	single, odd := 0, false
	for i := ti; i < len(c.toks) && c.toks[i].End <= hs; i++ {
		if utf8.RuneCountInString(c.word(i)) != 1 || c.cls[i] != cNoun {
			single, odd = 0, false
			continue
		}
		single++
		switch c.toks[i].Pos {
		case "n", "vn", "v", "a", "ng", "b":
		default:
			odd = true
		}
		if single >= 2 && odd && (i+1 >= len(c.toks) || c.toks[i+1].Start >= hs || c.toks[i+1].End > hs) {
			return true
		}
	}
	return false
}

// namesKind reports a name that names a kind, not one thing: a quantified
// phrase (一批专业特色园区, 9所学校), the category after a list (…等国家级科创
// 平台), a kind counted after its name (…修复工程12处), an event (…胜利80周年
// 纪念活动), a planned quantity (工农业总产值计划, 政府投资计划), a pilot of a
// kind (地方政府专项债“自审自发”试点).
func (c *sentCtx) namesKind(cd cand, last *head, hs int, t coreTally) bool {
	proper := c.hasProper(cd.ti, hs)
	if cd.ti > 0 && !proper {
		prev := c.toks[cd.ti-1]
		if c.word(cd.ti-1) == "等" || prev.Pos == "m" || prev.Pos == "q" {
			return true
		}
	}
	if c.countAfter(cd.tj) && !proper && t.quoted == 0 {
		return true
	}
	if last.quote && t.quoted == 0 {
		return true
	}
	if c.plannedQuantity(cd, last, hs) {
		return true
	}
	return last.place && !c.placeWord(cd.ti, hs)
}

// lastWhy gives the reason from the tally of the core's words.
func (c *sentCtx) lastWhy(cd cand, h, last *head, hs, runes int, t coreTally) string {
	why := func(ok bool, reason string) string {
		if ok {
			return reason
		}
		return ""
	}
	prog := last.category == "programme"
	switch {
	case cd.bareSub && !cd.sub:
		return why(t.proper > 0 || c.national(cd, hs), "proper")
	case t.proper > 0:
		if last.weak && prog {
			return why(runes >= 3, "proper")
		}
		return "proper"
	case t.quoted > 0:
		// “科技百园”建设行动计划, “投资龙江”行动 (a place inside the
		// quotes), not “数据要素×”行动
		return why(t.words >= 1 || c.quotedProper(cd.ti, hs), "quoted")
	case h.char:
		return ""
	case prog && last.weak:
		// a title of generic words: long enough and not only generic
		return why(t.words >= 2 && runes >= 4 && t.content >= 1 && (runes >= 6 || t.content >= 2), "title")
	case prog:
		return why(runes >= 4 && t.words >= 2, "title")
	case c.kindName(cd, last, hs):
		return ""
	}
	if c.facilityKind(cd, last, hs) {
		return ""
	}
	// a short description of common words before a type of zone names a
	// type (文创园区, 夜间经济街区, 境外经贸合作区); a long one may name one
	// zone (东方枢纽国际商务合作区), as may words gse could not cut (深/儋合作
	// 产业园)
	if last.typed && runes < 6 && !c.oovCore(cd.ti, hs) {
		return ""
	}
	return why(t.content >= 2, "content")
}

// oovCore reports a word gse could not cut before byte hs: a single
// character name word with a tag that is not a common word's (湘/琼, 寨/ng).
func (c *sentCtx) oovCore(ti, hs int) bool {
	for i := ti; i < len(c.toks) && c.toks[i].Start < hs; i++ {
		switch p := c.toks[i].Pos; {
		case utf8.RuneCountInString(c.word(i)) == 1 && c.cls[i] == cNoun && p != "n" && p != "vn" && p != "v" && p != "a" && p != "b":
			return true
		}
	}
	return false
}

// facilityKind reports a descriptive facility name without a proper part
// that names a class of facility: a size or grade word inside it
// (小型病险水库, 边境低等级公路, 港口万吨级码头, 世界最长…隧道), or a school
// of a kind (公办专门学校, 理工类中外合作大学) unless a province, city or
// the state owns it (省工程师学院, 国家冰雪运动学院) or gse could not cut
// its name (黔/粤).
func (c *sentCtx) facilityKind(cd cand, last *head, hs int) bool {
	switch last.category {
	case "school", "hospital", "road", "railway", "port", "waterway", "airport", "venue":
	default:
		return false
	}
	for i := cd.ti; i < len(c.toks) && c.toks[i].Start < hs; i++ {
		if c.cls[i] == cVerb || c.toks[i].Pos == "v" && utf8.RuneCountInString(c.word(i)) == 1 && i > cd.ti && utf8.RuneCountInString(c.word(i-1)) > 1 {
			return true // a clause (行政村通双车道公路)
		}
	}
	if c.oovCore(cd.ti, hs) {
		return false // a name gse cut into characters (黔/粤, 大兴/寨)
	}
	grade := false
	for i := cd.ti; i < len(c.toks) && c.toks[i].Start < hs; i++ {
		if p := c.toks[i].Pos; p == "b" || p == "a" && utf8.RuneCountInString(c.word(i)) >= 2 {
			grade = true
		}
		if (c.cls[i] == cVerb || c.cls[i] == cVerbN && c.toks[i].Pos == "v") && !c.f.lx.modVerb[c.word(i)] {
			grade = true // a clause, not a name (市市通高铁, 力量来加强公路)
		}
	}
	if grade || last.category != "school" {
		return grade
	}
	first := c.word(cd.ti)
	return first != "省" && first != "市" && first != "国家"
}

// counted reports a numeral with a measure word or a quantifier right
// before token ti (50个, 100座, 第二批, 所有, 各类).
func (c *sentCtx) counted(ti int) bool {
	if ti == 0 {
		return false
	}
	k := ti - 1
	w, pos := c.word(k), c.toks[k].Pos
	if c.f.lx.quant[w] || c.f.lx.scope[w] {
		return true
	}
	if pos == "m" {
		// a numeral fused with its measure word (一批, 两座, 第二批)
		last, _ := utf8.DecodeLastRuneInString(w)
		return strings.ContainsAny(w, numeralChars) && c.f.lx.measure[string(last)]
	}
	// a measure word after its numeral (50/个, 100/座)
	return c.f.lx.measure[w] && k > 0 && (c.cls[k-1] == cNum || c.toks[k-1].Pos == "m" || isASCIIDigits(c.word(k-1)))
}

// quantInside reports a quantifier inside the name before byte hs
// (长江部分航段): the name is a part or a kind.
func (c *sentCtx) quantInside(ti, hs int) bool {
	for i := ti + 1; i < len(c.toks) && c.toks[i].End <= hs; i++ {
		if w := c.word(i); c.f.lx.quant[w] && utf8.RuneCountInString(w) >= 2 && c.cls[i] != cNum {
			return true
		}
	}
	return false
}

// countStart reports a name that starts with a numeral and a measure
// word gse cut wrongly (2/家中/试/平台).
func (c *sentCtx) countStart(ti int) bool {
	if ti+1 >= len(c.toks) || c.cls[ti] != cNum || strings.HasPrefix(c.word(ti), "第") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(c.word(ti + 1))
	return c.f.lx.measure[string(r)]
}

// countAfter reports a numeral with a measure word right after the name
// ending at token tj (湿地保护修复工程12处).
func (c *sentCtx) countAfter(tj int) bool {
	k := tj + 1
	if k+1 >= len(c.toks) || c.cls[k] != cNum && !isASCIIDigits(c.word(k)) {
		return false
	}
	if k+2 < len(c.toks) && c.word(k+1) == "." && c.cls[k+2] == cNum {
		k += 2 // 21.7
	}
	if k+1 >= len(c.toks) {
		return false
	}
	// the measure word may come with a multiplier (666/万套) or with the
	// rest of the numeral (一百九十/四个)
	w := strings.TrimLeft(c.word(k+1), "万亿千百十")
	if c.toks[k+1].Pos == "m" {
		w = strings.TrimLeft(w, numeralChars)
	}
	r, _ := utf8.DecodeRuneInString(w)
	return w != "" && c.f.lx.measure[string(r)]
}

// plannedQuantity reports a plan type (计划, 规划, 方案) right after a
// quantity noun: the planned amount of something (工农业总产值计划,
// 江海货运量计划, 政府投资计划), not a named programme; or works (工程)
// of a construction type without a proper part (流域防洪工程).
func (c *sentCtx) plannedQuantity(cd cand, last *head, hs int) bool {
	if last.category != "programme" || !last.weak || last.word == "行动" || last.word == "活动" {
		return false
	}
	i := c.tokAt(hs)
	if i < 0 || c.toks[i].Start != hs {
		return false
	}
	if i--; i < cd.ti {
		return false
	}
	w := c.word(i)
	if last.word == "工程" {
		// construction works of a type (流域防洪工程, 规模化供水工程), and
		// a list of kinds (发展指标和重点工程)
		if c.f.lx.works[w] && !c.hasProper(cd.ti, hs) && !c.oovCore(cd.ti, hs) {
			return true
		}
		return c.f.lx.trim[w] && i > cd.ti && (c.cls[i-1] == cConj || c.word(i-1) == "、")
	}
	if c.f.lx.quantity[w] {
		return true
	}
	for q := range c.f.lx.quantity {
		if utf8.RuneCountInString(q) >= 2 && strings.HasSuffix(w, q) {
			return true // 货运量, 总产值
		}
	}
	return false
}

// placeWord reports a place or organisation word (ns, nt or a region
// from the lexicon) among tokens from ti up to byte hs; gse's person tags
// on common words (托幼/nr) do not count.
func (c *sentCtx) placeWord(ti, hs int) bool {
	for i := ti; i < len(c.toks) && c.toks[i].Start < hs; i++ {
		w := c.word(i)
		if p := c.toks[i].Pos; (p == "ns" || p == "nt" || c.f.lx.place[w]) && !c.f.lx.weak[w] {
			return true
		}
	}
	return false
}

// quotedProper reports a place or organisation word inside a quoted part
// of the name before byte hs (“投资龙江”).
func (c *sentCtx) quotedProper(ti, hs int) bool {
	in := false
	for i := ti; i < len(c.toks) && c.toks[i].Start < hs; i++ {
		switch c.cls[i] {
		case cOpenQ:
			in = true
		case cCloseQ:
			in = false
		case cProper:
			if p := c.toks[i].Pos; in && (p == "ns" || p == "nt") && !c.f.lx.weak[c.word(i)] {
				return true
			}
		}
	}
	return false
}

// hasProper reports a proper word among tokens from ti up to byte hs.
func (c *sentCtx) hasProper(ti, hs int) bool {
	for i := ti; i < len(c.toks) && c.toks[i].Start < hs; i++ {
		if c.cls[i] == cProper && !c.f.lx.weak[c.word(i)] {
			return true
		}
	}
	return false
}

// national reports a long descriptive name with 国家 or 全国 in its core:
// a national centre is one institution (国家血液病医学中心,
// 全国高校区域技术转移转化中心, 国家工业互联网大数据分中心).
func (c *sentCtx) national(cd cand, hs int) bool {
	if utf8.RuneCountInString(c.text[cd.start:hs]) < 6 {
		return false
	}
	for i := cd.ti; i < len(c.toks) && c.toks[i].Start < hs; i++ {
		if w := c.word(i); w == "国家" || w == "全国" {
			return true
		}
	}
	return false
}

// kindName reports a descriptive name without a proper part that names a
// kind of facility rather than one facility: a generic head (基地, 片区,
// 中心), a designation level (国家级知识产权保护中心) or a count after it
// (…示范区和…基地23个).
func (c *sentCtx) kindName(cd cand, last *head, hs int) bool {
	if last.weak {
		// a national centre is one institution (国家血液病医学中心,
		// 全国高校区域技术转移转化中心)
		return last.category == "zone" || last.category == "railway" || !c.national(cd, hs)
	}
	for i := cd.ti; i < len(c.toks) && c.toks[i].Start < hs; i++ {
		if c.f.lx.level[c.word(i)] {
			return true
		}
	}
	k := cd.tj + 1
	for k < len(c.toks) && (c.cls[k] == cOpenP || c.cls[k] == cCloseP) {
		k++
	}
	return k < len(c.toks) && (c.cls[k] == cNum || c.toks[k].Pos == "m")
}
