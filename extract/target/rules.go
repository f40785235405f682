package target

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/extract/numeral"
	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/extract/tense"
	"github.com/planlens/planlens/schema"
)

// goalCtx is what the rules read about one quantity of a sentence.
type goalCtx struct {
	f    *Finder
	s    *annotate.Sentence
	q    numeral.Quantity
	text string
	// the tense evidence: the sentence's own (or its paragraph's), its
	// headings', the document year
	st, ht tense.Tense
	year   int
	cs, ce int    // the quantity's clause
	clause string // text[cs:ce]
	lead   string // the clause up to the quantity: text[cs:q.Start]
	after  string // the sentence after the quantity: text[q.End:]
	next   rune   // the rune after the quantity
	prev   rune   // the rune before it
}

func (f *Finder) newGoalCtx(s *annotate.Sentence, q numeral.Quantity) *goalCtx {
	c := &goalCtx{f: f, s: s, q: q, text: s.Text, st: s.Tense.Own(), ht: s.Tense.Heading, year: s.Tense.Year}
	c.cs, c.ce = clauseOf(s, q.NumStart)
	c.clause = c.text[c.cs:c.ce]
	c.lead = c.text[c.cs:q.Start]
	c.after = c.text[q.End:]
	c.next, _ = utf8.DecodeRuneInString(c.after)
	c.prev, _ = utf8.DecodeLastRuneInString(c.text[:q.Start])
	return c
}

// rule is a named condition over the annotated sentence. Its name, trigger
// and example sentences are the rows of rules.txt; TestRuleExamples runs
// every example.
type rule struct {
	name  string
	fires func(c *goalCtx) bool
}

// goalVetoes are the shapes of a quantity that are never goals, checked in
// order before its tense; the first that fires rejects the quantity.
var goalVetoes = []rule{
	// 一个, 一批, 一张床: an article, not a count
	{"article", func(c *goalCtx) bool { return c.q.Chinese && c.q.Value == 1 && !c.q.HasMax }},
	// 两个维护, 两个关键小事: a set phrase, rarely a count
	{"set-phrase-pair", func(c *goalCtx) bool {
		return c.q.Chinese && c.q.Value <= 2 && !c.q.HasMax && c.f.isCountUnit(c.q.Unit)
	}},
	// 3个100, “五篇大文章”
	{"number-in-slogan", func(c *goalCtx) bool { return unicode.IsDigit(c.next) || c.prev == '“' || c.prev == '"' }},
	// 两个“关键小事” is a slogan; 100个“5G+工业互联网”典型应用案例 counts cases
	{"count-of-quoted-slogan", (*goalCtx).quotedSlogan},
	// 八项规定, 五个一工程: the number is part of a word
	{"inside-word", func(c *goalCtx) bool { return insideWord(c.s.Tokens, c.q) }},
	{"inside-quotes", func(c *goalCtx) bool { return insideQuotes(c.text, c.q.Start) }},
	// 50米内: a qualifier of something else
	{"qualifier-within", func(c *goalCtx) bool { return startsWithAny(c.after, c.f.roles["within"]) }},
	// 现行10%的税率: the current value; 更多百亿级: no number to reach
	{"current-value", func(c *goalCtx) bool { return endsWithAny(c.lead, c.f.roles["current"]) }},
	// 比2020年的53.2%, 从135万吨增加到412万吨: the base of a comparison
	{"comparison-base", func(c *goalCtx) bool {
		return baseRe.MatchString(c.lead) || endsWithAny(c.lead, c.f.roles["from"])
	}},
	// 增加了九十五亿元: a result, whatever the sentence's other cues
	{"result-le", func(c *goalCtx) bool { return endsWithAny(c.lead, c.f.roles["result"]) }},
	// 到今年上半年有6600个: a stock, not a goal (将有, 要有, a plan's 有 are)
	{"stock-you", func(c *goalCtx) bool {
		return endsWithAny(c.lead, c.f.roles["stock"]) && !endsWithAny(c.lead, c.f.roles["stockplan"]) &&
			c.st != tense.Future && c.ht != tense.Future && c.f.tj.Text(c.clause, nil, c.year) != tense.Future
	}},
	// 占工业支出总数的88.59%: a composition, not a level to reach
	{"share", func(c *goalCtx) bool { return c.f.isShare(c.lead, c.q) }},
	// 三个五年计划, 两个一百年: a span of plans or a slogan
	{"span-of-plans", func(c *goalCtx) bool { return c.f.isCountUnit(c.q.Unit) && sloganRe.MatchString(c.after) }},
	// 计划完成102.6%: how far a plan is fulfilled so far
	{"fulfilment", func(c *goalCtx) bool {
		return c.q.Unit == "%" && (endsWithAny(strings.TrimRight(c.lead, "了的"), c.f.roles["fulfil"]) || fulfilRe.MatchString(c.lead))
	}},
	// 年产煤一百万吨以上的(煤矿), 10亿元以上的项目: a bracket
	{"bracket-of", (*goalCtx).bracket},
	// 比上年实际增长4.3%: a result unless the sentence looks forward
	{"retrospective", func(c *goalCtx) bool {
		return c.ht != tense.Future && c.st != tense.Future && tense.HasAny(c.text, c.f.roles["retro"]) &&
			!c.f.tj.StrongFuture(c.text, c.year) && c.f.tj.Text(c.text, nil, c.year) != tense.Future
	}},
	// 十二届七次全会: a session, not a count
	{"session", func(c *goalCtx) bool {
		return c.q.Unit == "次" && (endsWithAny(c.lead, c.f.roles["session"]) || sessionRe.MatchString(c.after))
	}},
	// 五百亿级开发区2个: a grade; the count is the target
	{"grade-before-count", func(c *goalCtx) bool {
		return strings.HasPrefix(c.after, "级") && c.f.countFollows(c.text[c.q.End:c.ce])
	}},
	// 30万吨级码头, 一批千亿级企业: a class of things (千亿级产业链, 千亿级投资规模 are levels)
	{"grade-class", func(c *goalCtx) bool {
		return strings.HasPrefix(c.after, "级") && !c.f.isCountUnit(c.q.Unit) &&
			(!isBareMultiplier(c.q.Unit) || batchRe.MatchString(c.lead))
	}},
	// 青海广泰10万吨再生铝等项目: a project's capacity in its name
	{"project-capacity", func(c *goalCtx) bool { return c.f.isProjectSpec(c.text, c.q) }},
	// 三类地区: categories, not a count to reach
	{"categories", func(c *goalCtx) bool { return c.f.isRole(c.q.Unit, "category") }},
	// 60岁以上: an age bracket
	{"age-bracket", func(c *goalCtx) bool { return c.f.isRole(c.q.Unit, "age") && c.q.Approx != numeral.Exact }},
	// 对总投资1000万元及以上的项目: a rule's condition
	{"rule-condition", func(c *goalCtx) bool { return c.next == '的' && tense.HasAny(c.lead, c.f.roles["condition"]) }},
	// 今年…(去年为5%): a remark about the past inside a plan
	{"past-remark", func(c *goalCtx) bool {
		paren, ok := insideParens(c.text, c.q.Start)
		return ok && c.f.tj.Text(paren, nil, c.year) == tense.Past
	}},
	// 共浪费一百三十八万元: a loss is no goal (减少损失 is)
	{"loss", func(c *goalCtx) bool {
		lead := c.text[c.cs:c.q.NumStart]
		return tense.HasAny(lead, c.f.roles["loss"]) && c.f.direction(lead, "") != schema.DirDecrease
	}},
	// 给予最高100万元奖励
	{"rule-amount", func(c *goalCtx) bool {
		return tense.HasAny(c.text, c.f.roles["rule"]) || tense.HasAny(c.clause, c.f.roles["ruleclause"])
	}},
	// 设置了29项主要指标
	{"document-contents", func(c *goalCtx) bool {
		return tense.HasAny(c.clause, c.f.roles["meta"]) && tense.HasAny(c.clause, c.f.roles["result"])
	}},
	// 今年不太可能突破两万亿元, GDP能破2万亿吗: a doubt or a question,
	// not a commitment (news of plans quotes experts and asks)
	{"doubt-or-question", func(c *goalCtx) bool {
		if tense.HasAny(c.lead, c.f.roles["doubt"]) {
			return true
		}
		rest := ""
		if c.q.End < c.ce {
			rest = c.text[c.q.End:c.ce]
		}
		return strings.HasPrefix(strings.TrimLeft(rest, "元亿万"), "吗") || strings.HasSuffix(strings.TrimSpace(c.clause), "?") ||
			strings.HasSuffix(strings.TrimSpace(c.clause), "？") || strings.HasSuffix(strings.TrimSpace(c.clause), "吗")
	}},
	// 同比增长10%,今年前三季度…: a statistic of an elapsed part of the
	// year, unless a commitment word makes the sentence a plan (力争上半年…)
	{"elapsed-period", func(c *goalCtx) bool {
		return tense.HasAny(c.text, c.f.roles["elapsed"]) && !tense.HasAny(c.text, c.f.roles["commit"])
	}},
	// 目前注册用户数已突破715万,日活峰值近100万: a verbless value after a
	// clause that states the present status carries that status
	{"status-carry-over", func(c *goalCtx) bool {
		ps, pe, ok := prevClause(c.s, c.cs)
		if !ok || !tense.HasAny(c.text[ps:pe], c.f.roles["status"]) || c.f.governed(c.s, c.q, c.cs) {
			return false
		}
		return !c.f.tj.StrongFuture(c.clause, c.year) && !tense.HasAny(c.clause, c.f.roles["commit"])
	}},
}

func (c *goalCtx) quotedSlogan() bool {
	if c.next != '“' && c.next != '"' {
		return false
	}
	end := strings.IndexAny(c.after[1:], "”\"")
	if c.q.Chinese || end < 0 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(c.after[1+end+len("”"):])
	return !unicode.Is(unicode.Han, r)
}

func (c *goalCtx) bracket() bool {
	q := c.q
	if c.next != '的' || q.Approx != numeral.AtLeast && q.Approx != numeral.Over && q.Approx != numeral.AtMost || q.Unit == "%" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(c.after[len("的"):])
	return unicode.Is(unicode.Han, r)
}

// Tense verdicts: the rule that decided a quantity once no shape vetoed
// it. The clause's tense comes first, then the sentence's, then the
// section's.
const (
	rulePastClause     = "past-clause"
	rulePastSentence   = "past-sentence"
	ruleReviewWeak     = "review-section-weak-future"
	ruleFutureCue      = "future-cue"
	ruleWeakGoverned   = "weak-future-governed"
	ruleReviewSection  = "review-section"
	ruleTaskSection    = "task-section"
	ruleNoCueGoverned  = "no-cue-governed"
	ruleUngovernedWeak = "weak-future-ungoverned"
	ruleUngoverned     = "no-cue-ungoverned"
)

// tenseRules lists the names of the tense verdicts (for rules.txt).
var tenseRules = []string{rulePastClause, rulePastSentence, ruleReviewWeak, ruleFutureCue, ruleWeakGoverned,
	ruleUngovernedWeak, ruleReviewSection, ruleTaskSection, ruleNoCueGoverned, ruleUngoverned}

// tenseVerdict decides a quantity by tense: whether it is a goal and the
// rule that says so.
func (c *goalCtx) tenseVerdict() (bool, string) {
	f, text, year := c.f, c.text, c.year
	var ctoks []segment.Token
	for _, t := range c.s.Tokens {
		if t.Start >= c.cs && t.End <= c.ce {
			ctoks = append(ctoks, segment.Token{Start: t.Start - c.cs, End: t.End - c.cs, Pos: t.Pos})
		}
	}
	ct := f.tj.Text(c.clause, ctoks, year)
	if ct == tense.Unknown {
		// a short time frame before the clause sets its time: 截至去年底,
		// 长三角高铁营业里程超7100公里
		if ps, pe, ok := prevClause(c.s, c.cs); ok && utf8.RuneCountInString(text[ps:pe]) <= 8 {
			if pt := f.tj.Text(text[ps:pe], nil, year); pt == tense.Past {
				ct = pt
			}
		}
	}
	if ct == tense.Past && f.tj.StrongFuture(text, year) {
		// 同比, 比上年 compare with last year in plans too (预期目标是：…，一般
		// 公共预算收入同比增长5%左右): past only if more than that says so
		ct = f.tj.Text(f.dropComparisons(c.clause), nil, year)
	}
	st, ht := c.st, c.ht
	switch {
	case ct == tense.Past:
		return false, rulePastClause
	case st == tense.Past && ct != tense.Future:
		return false, rulePastSentence
	case ct == tense.Future || st == tense.Future:
		strong := f.tj.StrongFuture(text, year)
		if ht == tense.Past && !strong {
			return false, ruleReviewWeak
		}
		if ct == tense.Future || strong || ht == tense.Future {
			return true, ruleFutureCue
		}
		// a weak cue elsewhere (要, 将, a paragraph lead) outside a task
		// section: the number needs its own verb (全国人口有六万万之多 is
		// no goal)
		if f.governed(c.s, c.q, c.cs) {
			return true, ruleWeakGoverned
		}
		return false, ruleUngovernedWeak
	case ht == tense.Past:
		return false, ruleReviewSection
	case ht == tense.Future:
		return true, ruleTaskSection
	}
	// no marker anywhere: a task-list line counts when a policy verb
	// governs the number (推进9个长期保留村的和美乡村建设)
	if f.governed(c.s, c.q, c.cs) {
		return true, ruleNoCueGoverned
	}
	return false, ruleUngoverned
}

// judge decides whether quantity q of s is a target, and with
// explain lists the rules that judged it: the vetoes it passed and the
// rule that accepted it, or the rule that vetoed it.
func (f *Finder) judge(s *annotate.Sentence, q numeral.Quantity, explain bool) (bool, []schema.Verdict) {
	c := f.newGoalCtx(s, q)
	var why []schema.Verdict
	for _, r := range goalVetoes {
		if r.fires(c) {
			if explain {
				why = append(why, schema.Verdict{Rule: r.name, Verdict: schema.VerdictVeto})
			}
			return false, why
		}
		if explain {
			why = append(why, schema.Verdict{Rule: r.name, Verdict: schema.VerdictPass})
		}
	}
	ok, name := c.tenseVerdict()
	if explain {
		v := schema.VerdictVeto
		if ok {
			v = schema.VerdictAccept
		}
		why = append(why, schema.Verdict{Rule: name, Verdict: v})
	}
	return ok, why
}

// recordCtx is what the record rules read: the quantity's rules context
// and the record built for it.
type recordCtx struct {
	*goalCtx
	r schema.Record
}

// recordVetoes reject a quantity once its object is known.
var recordVetoes = []struct {
	name  string
	fires func(c *recordCtx) bool
}{
	// 28个主要指标, 十个方面工作, 三件事: a count of the speaker's own points
	{"count-of-contents", func(c *recordCtx) bool { return c.f.isCountUnit(c.q.Unit) && c.f.isContents(c.r.Object) }},
	// 我国十亿人民: a population, not a count to reach
	{"population", func(c *recordCtx) bool {
		return startsWithAny(c.text[c.q.End:], c.f.roles["populace"]) && c.r.Direction == ""
	}},
	// 三项基本准则: principles, not things to count
	{"abstract-count", func(c *recordCtx) bool {
		return tense.HasAny(c.r.Object, c.f.roles["abstract"]) && c.f.isCountUnit(c.q.Unit)
	}},
	// 五个最大的煤矿: a selection, not a count to reach
	{"selection", func(c *recordCtx) bool { return startsWithAny(c.r.Object, c.f.roles["selection"]) }},
	// 必须抓好三项工作：一要…: a count of the speaker's own points, unfolded
	{"enumerated-points", func(c *recordCtx) bool {
		return c.f.isCountUnit(c.q.Unit) && enumerated(c.text[c.r.End:], c.s.Tense.Next) && !tense.HasAny(c.r.Object, c.f.roles["deed"])
	}},
}

// isRole reports whether w is one of the words of role.
func (f *Finder) isRole(w, role string) bool {
	for _, x := range f.roles[role] {
		if x == w {
			return true
		}
	}
	return false
}

// dropComparisons removes the year-on-year comparison words (同比, 比上年)
// from text.
func (f *Finder) dropComparisons(text string) string {
	return f.yoy.Replace(text)
}
