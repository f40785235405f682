package project

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/planlens/planlens/gazetteer"
	"github.com/planlens/planlens/schema"
)

// nameRule is a named veto over a found name in its sentence. Its name,
// trigger and example sentences are the rows of rules.txt;
// TestRuleExamples runs every example.
type nameRule struct {
	name  string
	fires func(c *sentCtx, n cand, names []cand) bool
}

// nameVetoes reject a found name, checked in order; the first that fires
// rejects it.
var nameVetoes = []nameRule{
	// the name describes a system or a rank it belongs to
	// (“2+N”标志性工程体系, 全国A类综保区行列)
	{"system-or-rank", func(c *sentCtx, n cand, _ []cand) bool {
		return c.next(n, c.f.lx.frame) && n.why != "proper" && n.why != "phase" && n.why != "named"
	}},
	// a descriptive name in a list of kinds that modifies a noun
	// (综合保税区、…、跨境电商综合试验区等平台功能)
	{"kind-list-modifier", func(c *sentCtx, n cand, _ []cand) bool {
		return n.modList && (n.why == "content" || n.why == "title")
	}},
	// a river section as a place (黄河干流宁夏段水质)
	{"river-section-place", func(c *sentCtx, n cand, _ []cand) bool {
		return c.waterway(n) && c.next(n, c.f.lx.attribute)
	}},
	// a line as a place (发挥京广铁路沿线城市…功能)
	{"route-as-place", func(c *sentCtx, n cand, _ []cand) bool {
		return (n.category == "railway" || n.category == "road") && c.next(n, c.f.lx.routeAttr)
	}},
	// the name modifies a noun after it (西南区域电力枢纽地位, 软科中国大学排名,
	// 《海南自由贸易港外商投资条例》)
	{"modifies-noun", (*sentCtx).modifiesNoun},
	// a river or region named as the place of something else
	// (九龙江流域, 黄浦江、苏州河滨水驿站, 河西走廊—塔克拉玛干…)
	{"place-of-something", func(c *sentCtx, n cand, _ []cand) bool { return c.geographic(n) && c.modifies(n.tj+1) }},
	// firms listed as examples of a class (…等多家省属国企改革), unless they move in
	{"class-example", func(c *sentCtx, n cand, names []cand) bool {
		return n.category == "organization" && c.classExample(n, names)
	}},
	// an existing body the text works with (与清华大学合作)
	{"partner", func(c *sentCtx, n cand, names []cand) bool {
		switch n.category {
		case "institution", "organization", "school", "hospital":
			return c.f.lx.partner[c.verbBefore(n.ti, names)]
		}
		return false
	}},
	// a descriptive name that is designated, not built (评为…示范区)
	{"designation", func(c *sentCtx, n cand, names []cand) bool {
		return !c.specificPart(n) && c.f.lx.designate[c.verbBefore(n.ti, names)] && n.category != "programme"
	}},
	// a descriptive name after a subject that makes it a kind (each 区 builds one)
	{"kind-subject", func(c *sentCtx, n cand, _ []cand) bool {
		if c.specificPart(n) {
			return false
		}
		for i := n.ti - 1; i >= 0 && c.cls[i] != cPunct; i-- {
			if c.f.lx.kindSubject[c.word(i)] {
				return true
			}
		}
		return false
	}},
	// an existing company, university or institute named without being
	// built, founded or moved in (会同上港集团, 同济大学等单位参与)
	{"existing-body", (*sentCtx).existingBody},
	// a body and its verb inside a title make it a clause, not a name
	// (区文物局提出工程方案, 市住房城乡建设管理委负责本市基坑工程)
	{"body-verb-clause", (*sentCtx).bodyVerbClause},
	// a plan word that modifies the noun after it (上海市工程|建设项目审批管理系统,
	// 工程规划|许可证): the name is part of a longer noun phrase
	{"head-before-noun", (*sentCtx).headBeforeNoun},
	// 1-10月份计划, 2026年度计划: plans for a period, not programmes with a title
	{"period-plan", func(_ *sentCtx, n cand, _ []cand) bool { return timeName.MatchString(n.name) }},
	// 浦东新区: an administrative area
	{"administrative-area", func(_ *sentCtx, n cand, _ []cand) bool { return gazetteer.Default().IsArea(n.name) }},
	// 特制定本行动计划, 本方案: the document naming itself, not a programme
	{"self-reference", func(_ *sentCtx, n cand, _ []cand) bool { return selfRef.MatchString(n.name) }},
	// 上海市规划(和自然资源局): a name cut from the name of a government body
	{"cut-from-body", func(c *sentCtx, n cand, _ []cand) bool { return bodyRest.MatchString(c.text[n.end:]) }},
}

// selfRef matches a name that refers to the document itself.
var selfRef = regexp.MustCompile(`^(特|现|为此)?制定本|^本(行动)?(计划|方案|规划|意见|办法|通知|纲要|要点)`)

// bodyRest matches the rest of a government body's name right after a
// found name: 规划|和自然资源局, 交通|委员会.
var bodyRest = regexp.MustCompile(`^(和自然资源|资源)?(管理)?(局|委员会|委|厅|办公室)`)

// next reports whether the word after name n is one of words.
func (c *sentCtx) next(n cand, words map[string]bool) bool {
	return n.tj+1 < len(c.toks) && words[c.word(n.tj+1)]
}

// specificPart reports a name accepted for a proper part or a phase (or
// as a list member): the vetoes of descriptive names do not apply to it.
func (c *sentCtx) specificPart(n cand) bool {
	return n.why == "proper" || n.why == "phase" || n.why == ""
}

func (c *sentCtx) modifiesNoun(n cand, _ []cand) bool {
	if n.tj+1 >= len(c.toks) || n.category == "programme" {
		return false
	}
	next := c.word(n.tj + 1)
	if c.f.lx.modified[next] {
		return true
	}
	// or through a noun or two (软科世界大学学术排名)
	for k := n.tj + 1; k < len(c.toks) && k <= n.tj+3 && c.nominal(k); k++ {
		if k+1 < len(c.toks) && c.f.lx.modified[c.word(k+1)] && utf8.RuneCountInString(c.word(k+1)) > 1 {
			return true
		}
	}
	return n.ti > 0 && c.word(n.ti-1) == "《" && next != "》"
}

// veto runs the name vetoes over n: the rule that rejects it, if any, and
// with explain the verdicts of the rules it passed.
func (c *sentCtx) veto(n cand, names []cand, explain bool) ([]schema.Verdict, bool) {
	var why []schema.Verdict
	for _, r := range nameVetoes {
		if r.fires(c, n, names) {
			if explain {
				why = append(why, schema.Verdict{Rule: r.name, Verdict: schema.VerdictVeto})
			}
			return why, true
		}
		if explain {
			why = append(why, schema.Verdict{Rule: r.name, Verdict: schema.VerdictPass})
		}
	}
	return why, false
}

// acceptRule names the evidence that made n a name (specificWhy's reason;
// a list member's is enumeration).
func acceptRule(n cand) string {
	if n.why == "" {
		return "evidence-enumeration"
	}
	return "evidence-" + n.why
}

// existingBody reports a name whose head names a body that exists before
// the plan (集团, 大学, 研究院: data/generic.txt bodyhead), without a phase
// or sub-unit, in a clause without a word that builds, founds, upgrades or
// settles it (establish: 组建, 筹建, 获批, 入驻 …, before or after the name).
func (c *sentCtx) existingBody(n cand, _ []cand) bool {
	if !c.f.lx.bodyHead[n.head] || n.phase > 0 || n.sub {
		return false
	}
	gs, ge := n.govStart, n.govEnd
	if ge <= gs {
		gs, ge = n.start, n.end
	}
	a, b := clauseStart(c.text, gs), clauseEnd(c.text, ge)
	// inside brackets (a task's responsible units: （市交通委、上海城投集团）)
	// the brackets are the clause
	if o := strings.LastIndexAny(c.text[a:gs], "（("); o >= 0 && !strings.ContainsAny(c.text[a+o:gs], "）)") {
		a += o
		if e := strings.IndexAny(c.text[ge:], "）)"); e >= 0 {
			b = ge + e
		}
	}
	// at a word's start, not inside a word: 市住房城乡建设管理委 builds
	// nothing; 获/批 (gse's cut) does
	for _, t := range c.toks {
		if t.Start < a || t.Start >= b {
			continue
		}
		for e := range c.f.lx.establish {
			if strings.HasPrefix(c.text[t.Start:b], e) {
				return false
			}
		}
	}
	return true
}

// clauseStart and clauseEnd are the bounds of the clause around byte p:
// after the last and before the next ，。；：！？ (or their ASCII forms, as
// the text layer may give them) or line break (the list
// comma 、 does not end a clause).
func clauseStart(s string, p int) int {
	i := strings.LastIndexAny(s[:p], "，。；：！？,;:!?\n")
	if i < 0 {
		return 0
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	return i + w
}

func clauseEnd(s string, p int) int {
	i := strings.IndexAny(s[p:], "，。；：！？,;:!?\n")
	if i < 0 {
		return len(s)
	}
	return p + i
}

// bodyVerbClause reports a programme name whose words before its head
// hold a body word (…局, …委, …集团: data/generic.txt org, orgsuffix)
// followed by a verb: a subject and its predicate, not a title.
func (c *sentCtx) bodyVerbClause(n cand, _ []cand) bool {
	if n.category != "programme" {
		return false
	}
	for i := n.ti; i < n.tj; i++ {
		w := c.word(i)
		if !c.f.lx.org[w] && !orgSuffix(c.f.lx, w) {
			continue
		}
		if p := c.toks[i+1].Pos; strings.HasPrefix(p, "v") && p != "vn" && !c.f.lx.modVerb[c.word(i+1)] {
			return true
		}
	}
	return false
}

// headBeforeNoun reports a programme name of one word and a generic plan
// head (工程, 规划, 方案, 计划: weak heads) right before a common noun that is
// neither a head nor a word that follows a programme (data/generic.txt
// programmenext: 项目, 建设, 任务 …): the head modifies that noun.
func (c *sentCtx) headBeforeNoun(n cand, _ []cand) bool {
	h := c.f.lx.heads[n.head]
	if n.category != "programme" || h == nil || !h.weak || n.tj+1 >= len(c.toks) || n.phase > 0 {
		return false
	}
	if !strings.HasSuffix(c.word(n.tj), n.head) || n.end != c.toks[n.tj].End {
		return false
	}
	if n.tj-n.ti > 1 {
		return false // a descriptive core names a programme of its own (南通新机场工程|前期工作)
	}
	k := n.tj + 1
	w, p := c.word(k), c.toks[k].Pos
	if c.cls[k] != cNoun && c.cls[k] != cProper || p == "vn" || !strings.HasPrefix(p, "n") || utf8.RuneCountInString(w) < 2 {
		return false
	}
	return !c.f.lx.programmeNext[w] && c.f.lx.heads[w] == nil
}
