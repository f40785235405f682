package indicator

import (
	"strings"
	"unicode/utf8"

	"github.com/planlens/planlens/schema"
)

// variantWords name the variants of a subject that a 分别 list gives values
// for in order: 城乡居民人均可支配收入分别增长5%、6.5%左右 is urban 5%, rural
// 6.5%. 城乡 names both, urban first.
var variantWords = []struct{ word, variant string }{
	{"城乡", "urban,rural"},
	{"城镇", "urban"},
	{"城市", "urban"},
	{"农村", "rural"},
	{"农民", "rural"},
}

// listJoints may stand between the values of a 分别 list, beside the
// values' own text and a verb.
const listJoints = "、和及与，,"

// distributeRespectively assigns the variants named in order by the
// subject of a 分别 list (城镇和农村居民人均可支配收入分别增长4%左右和6%左右) to
// the list's values in order, when the indicator has those variants in the
// lexicon, and gives the values before the last the last one's
// approximator when they have none of their own (分别增长5%、6.5%左右: both
// about).
func (l *Lexicon) distributeRespectively(text string, byIndex map[int]Sentence, recs []schema.Record) {
	groups := map[[2]int][]int{} // sentence, 分别 offset → record indexes in order
	var order [][2]int
	for i := range recs {
		r := &recs[i]
		if r.Kind != schema.KindTarget || r.Indicator == "" {
			continue
		}
		s, ok := byIndex[r.Sentence]
		if !ok || r.Start < s.Start || r.Start > len(text) {
			continue
		}
		before := text[s.Start:r.Start]
		j := strings.LastIndex(before, "分别")
		if j < 0 || strings.ContainsAny(before[j:], "，,；;。") {
			continue // no 分别 in its own clause
		}
		k := [2]int{r.Sentence, s.Start + j}
		if _, seen := groups[k]; !seen {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, k := range order {
		idx := groups[k]
		if len(idx) < 2 || !l.onlyList(text, k[1]+len("分别"), recs, idx) {
			continue
		}
		first := &recs[idx[0]]
		s := byIndex[first.Sentence]
		subject := lastClause(text[s.Start:k[1]])
		if vs := namedVariants(subject); len(vs) == len(idx) && l.hasVariants(first.Indicator, vs) {
			for n, i := range idx {
				if recs[i].Indicator == first.Indicator {
					recs[i].IndicatorVariant = vs[n]
				}
			}
		}
		last := recs[idx[len(idx)-1]]
		if last.Approx != "" && last.Approx != schema.ApproxExact {
			for _, i := range idx[:len(idx)-1] {
				if r := &recs[i]; r.Approx == schema.ApproxExact && bareValue(r.Text) {
					r.Approx = last.Approx
				}
			}
		}
	}
}

// onlyList reports whether the text from the end of 分别 to the last of the
// records holds only those records' values, a verb of at most two
// characters before the first, and list joints: one list, not 分别 of
// another clause.
func (l *Lexicon) onlyList(text string, from int, recs []schema.Record, idx []int) bool {
	p := from
	for n, i := range idx {
		r := recs[i]
		if r.Start < p {
			return false
		}
		gap := text[p:r.Start]
		if n == 0 {
			if utf8.RuneCountInString(gap) > 3 || strings.ContainsAny(gap, "，。；") {
				return false
			}
		} else if strings.Trim(gap, listJoints+" ") != "" {
			return false
		}
		p = r.End
	}
	return true
}

// lastClause is the text after the last clause break of s; an
// enumeration comma (城镇、农村居民) does not break it.
func lastClause(s string) string {
	c := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("，,；;。：:\n！？", r) })
	if len(c) == 0 {
		return ""
	}
	return c[len(c)-1]
}

// namedVariants lists the variants a subject names, in order of mention.
func namedVariants(subject string) []string {
	type at struct {
		pos int
		v   []string
	}
	var found []at
	rest := subject
	off := 0
	for rest != "" {
		best, bestLen, bestV := -1, 0, ""
		for _, w := range variantWords {
			if j := strings.Index(rest, w.word); j >= 0 && (best < 0 || j < best) {
				best, bestLen, bestV = j, len(w.word), w.variant
			}
		}
		if best < 0 {
			break
		}
		found = append(found, at{off + best, strings.Split(bestV, ",")})
		rest = rest[best+bestLen:]
		off += best + bestLen
	}
	var vs []string
	for _, f := range found {
		vs = append(vs, f.v...)
	}
	return vs
}

// hasVariants reports whether key has every one of the variants vs in the
// lexicon.
func (l *Lexicon) hasVariants(key string, vs []string) bool {
	for _, v := range vs {
		ok := false
		for _, e := range l.entries {
			if e.Key == key && e.Variant == v {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// bareValue reports whether a target's text is only a number and a unit,
// with no approximator of its own (5%, 6.5亿元).
func bareValue(s string) bool {
	for _, w := range []string{"左右", "以上", "以内", "以下", "约", "近", "超过", "不低于", "不少于", "不超过", "控制在", "多", "余"} {
		if strings.Contains(s, w) {
			return false
		}
	}
	return true
}
