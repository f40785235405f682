package indicator

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/planlens/planlens/schema"
)

// goalCues open the paragraph that states a document's main expected
// values: 今年经济社会发展的主要预期目标是：…, 宏观调控的主要目标是：…, 经济增长速度的
// 宏观调控目标，定为…, 今年计划要求…, 经济增长预期为…
var goalCues = []string{"主要预期目标", "预期目标", "主要目标", "调控目标", "计划要求", "增长预期", "主要指标"}

// spanCues, before a target in its sentence, say that the value is not
// this year's: a five-year average or a plan period's total.
var spanCues = []string{"年均", "年平均", "平均每年", "每年平均", "今后五年", "五年内", "五年间", "期间", "时期", "累计", "本世纪末", "世纪末"}

// planDocCues, in the paragraph before a target, say that it presents a
// five-year plan's indicators (《纲要（草案）》明确了经济社会发展主要指标：…),
// whose values are the plan period's, not the year's.
var planDocCues = []string{"纲要", "规划建议", "五年规划的主要指标", "五年计划的主要指标"}

// periodHeading says a section is about a plan period, not the year.
func periodHeading(h []string) bool {
	for _, s := range h {
		if strings.Contains(s, "五年") || strings.Contains(s, "五”") || strings.Contains(s, "五\"") ||
			strings.Contains(s, "时期") || strings.Contains(s, "远景") {
			return true
		}
	}
	return false
}

// yearCues say that a sentence is about the document's own year.
func yearCues(year int) []string {
	c := []string{"今年", "本年", "全年"}
	if year > 0 {
		c = append(c, strconv.Itoa(year)+"年")
	}
	return c
}

// reviewCues in a paragraph say that it reports last year's results
// (国内生产总值比上年增长7.8％。…全年增长19·5％) unless planCues say that it
// plans (今年…, 拟安排中央财政赤字7500亿元，比上年增加5700亿元).
var reviewCues = []string{"比上年", "比去年", "去年", "上年", "过去一年", "一年来"}

var planCues = []string{"今年", "本年", "拟", "要", "将", "力争", "争取", "计划", "预期", "确保", "安排"}

// yearMention is a year named in a sentence (1997年, １９９７年, 一九九七年) and
// whether it is a comparison base (比1980年, 较2020年, 同1978年相比), which
// names no target year.
var yearMention = regexp.MustCompile(`((?:19|20)[0-9]{2}|[一二][九〇○零][〇○零一二三四五六七八九]{2})年`)

var cnYearDigit = strings.NewReplacer("〇", "0", "○", "0", "零", "0", "一", "1", "二", "2", "三", "3", "四", "4", "五", "5", "六", "6", "七", "7", "八", "8", "九", "9")

// leadYear is the year named by the lead-in of the list a paragraph
// belongs to (1981年国民经济计划主要指标安排如下。 followed by one item a
// paragraph): the nearest of the dozen paragraphs before p that ends in
// 如下 (。：:), its last year that is no comparison base; 0 when there is
// none.
func leadYear(text string, p int) int {
	end := strings.LastIndexByte(text[:p], '\n')
	for n := 0; n < 12 && end > 0; {
		start := strings.LastIndexByte(text[:end], '\n') + 1
		line := strings.TrimSpace(strings.Trim(text[start:end], "\u3000"))
		end = start - 1
		if line == "" {
			continue
		}
		n++
		if strings.HasSuffix(line, "如下。") || strings.HasSuffix(line, "如下：") || strings.HasSuffix(line, "如下:") {
			if ys := namedYears(line); len(ys) > 0 {
				return ys[len(ys)-1]
			}
			return 0
		}
	}
	return 0
}

// thisYearAfterLast reports whether 今年 follows the last year a sentence
// names (财政赤字从1979年的…、1980年的…，预计降低到今年的二十七亿元).
func thisYearAfterLast(before string) bool {
	t := fold(before)
	m := yearMention.FindAllStringIndex(t, -1)
	return len(m) > 0 && strings.LastIndex(t, "今年") > m[len(m)-1][1]
}

// namedYears returns the years a sentence names before a target that are
// not comparison bases, in order.
func namedYears(before string) []int {
	t := fold(before)
	var ys []int
	for _, m := range yearMention.FindAllStringSubmatchIndex(t, -1) {
		lead := t[max(0, m[0]-6):m[0]]
		if strings.HasSuffix(lead, "比") || strings.HasSuffix(lead, "较") || strings.HasSuffix(lead, "同") ||
			strings.HasSuffix(lead, "与") || strings.HasSuffix(lead, "由") || strings.HasSuffix(lead, "从") {
			continue
		}
		y, err := strconv.Atoi(cnYearDigit.Replace(t[m[2]:m[3]]))
		if err == nil {
			ys = append(ys, y)
		}
	}
	return ys
}

func containsAny(s string, subs []string) bool {
	for _, c := range subs {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// markHeadlines sets Headline on one target per indicator and variant:
// the first one in a goal paragraph (goalCues before it in its paragraph),
// else the first in a sentence about this year, else the first at all —
// of the targets that may be this year's value (no other year, no
// five-year average, not in a plan-period section unless the sentence
// names this year).
func markHeadlines(doc schema.Document, sents map[int]Sentence, recs []schema.Record) {
	type cand struct{ i, rank int }
	best := map[string]cand{}
	var order []string
	for i := range recs {
		r := &recs[i]
		r.Headline = false
		if r.Kind != schema.KindTarget || r.Indicator == "" {
			continue
		}
		rank := headlineRank(doc, sents, r)
		if rank == 0 {
			continue
		}
		k := r.Indicator + "\x00" + r.IndicatorVariant
		b, seen := best[k]
		if !seen {
			order = append(order, k)
		}
		if !seen || rank < b.rank {
			best[k] = cand{i, rank}
		}
	}
	for _, k := range order {
		recs[best[k].i].Headline = true
	}
}

// headlineRank is how good a headline the target r makes: 1 in a goal
// paragraph, 2 in a sentence about this year, 3 otherwise, 0 when it may
// not be this year's value (notThisYears says why).
func headlineRank(doc schema.Document, sents map[int]Sentence, r *schema.Record) int {
	if r.Year != 0 && doc.Year != 0 && r.Year != doc.Year {
		return 0
	}
	s, ok := sents[r.Sentence]
	if !ok || r.Start < s.Start || r.Start > len(doc.Text) {
		s = Sentence{Start: r.Start, End: r.End}
	}
	before := doc.Text[s.Start:r.Start]
	para := paragraphBefore(doc.Text, r.Start)
	years := namedYears(before)
	thisYear := containsAny(before, yearCues(doc.Year)[:3]) || len(years) > 0
	if otherYears(doc, s, before, years) || notThisYears(doc, r, para, before, years, thisYear) {
		return 0
	}
	switch {
	case containsAny(para, goalCues) && !containsAny(para, spanCues[:4]):
		return 1
	case thisYear:
		return 2
	}
	return 3
}

// otherYears reports a target of another year: a year named before it
// (争取1997年粮食产量达到4.75亿吨), or an item of a list led in by another
// year (1981年国民经济计划主要指标安排如下。 in a 1980 report).
func otherYears(doc schema.Document, s Sentence, before string, years []int) bool {
	if doc.Year == 0 {
		return false
	}
	if n := len(years); n > 0 && years[n-1] != doc.Year && !thisYearAfterLast(before) {
		return true
	}
	if len(years) == 0 && !containsAny(before, yearCues(doc.Year)[:3]) {
		if y := leadYear(doc.Text, s.Start); y != 0 && y != doc.Year {
			return true
		}
	}
	return false
}

// notThisYears reports a target that is not this year's value: last
// year's results, a span (a five-year average), a plan-period section
// whose heading does not also name the year (“十五五”时期目标任务和2026年
// 工作安排 does), a plan document's indicators paragraph.
func notThisYears(doc schema.Document, r *schema.Record, para, before string, years []int, thisYear bool) bool {
	if containsAny(para, reviewCues) && !containsAny(para, planCues) && !slices.Contains(years, doc.Year) {
		return true
	}
	if containsAny(lastClauses(before, 2), spanCues) {
		return true
	}
	if periodHeading(r.Heading) && !thisYear && !containsAny(strings.Join(r.Heading, " "), yearCues(doc.Year)) {
		return true
	}
	return containsAny(para, planDocCues) && !thisYear
}

// paragraphBefore is the text of the paragraph (line) holding offset p, up
// to p. A paragraph that continues a list opened by a line ending in a
// colon (主要预期目标是：, then one item a line, each ending in ；) reaches
// back to that line.
func paragraphBefore(text string, p int) string {
	start := strings.LastIndexByte(text[:p], '\n') + 1
	from := start
	for n := 0; n < 12 && from > 0; n++ {
		prev := strings.TrimRight(text[:from-1], " \t\r\n\u3000")
		ls := strings.LastIndexByte(prev, '\n') + 1
		line := prev[ls:]
		switch {
		case strings.HasSuffix(line, "：") || strings.HasSuffix(line, ":"):
			return text[ls:p]
		case strings.HasSuffix(line, "；") || strings.HasSuffix(line, ";"):
			from = ls
		default:
			return text[start:p]
		}
	}
	return text[start:p]
}

// lastClauses is the last n clauses of s.
func lastClauses(s string, n int) string {
	c := splitClauses(s)
	if len(c) > n {
		c = c[len(c)-n:]
	}
	return strings.Join(c, "，")
}
