package indicator

import (
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
var spanCues = []string{"年均", "年平均", "平均每年", "每年平均", "今后五年", "五年内", "五年间", "期间", "时期", "累计"}

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
		if r.Year != 0 && doc.Year != 0 && r.Year != doc.Year {
			continue
		}
		s, ok := sents[r.Sentence]
		if !ok || r.Start < s.Start || r.Start > len(doc.Text) {
			s = Sentence{Start: r.Start, End: r.End}
		}
		before := doc.Text[s.Start:r.Start]
		para := paragraphBefore(doc.Text, r.Start)
		thisYear := containsAny(before, yearCues(doc.Year))
		if containsAny(lastClauses(before, 2), spanCues) {
			continue
		}
		if periodHeading(r.Heading) && !thisYear && !containsAny(strings.Join(r.Heading, " "), yearCues(doc.Year)) {
			// a plan-period section, unless its heading also names the
			// year (“十五五”时期目标任务和2026年工作安排)
			continue
		}
		if containsAny(para, planDocCues) && !thisYear {
			continue
		}
		rank := 3
		switch {
		case containsAny(para, goalCues) && !containsAny(para, spanCues[:4]):
			rank = 1
		case thisYear:
			rank = 2
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
