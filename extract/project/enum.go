package project

import (
	"unicode/utf8"
)

// enumerations distributes lists: members of `A、B、C等商业体` that have no
// head of their own take the list noun's category, and bare names before a
// shared head (`金凤、嘉陵江、明月湖实验室`) get the head. Names already found
// that sit in a list take the whole list as the span of their governing
// verb. It returns the new names.
func (c *sentCtx) enumerations(names []cand) []cand {
	byEnd := map[int]int{} // token index of a name's last token → names index
	for i, n := range names {
		byEnd[n.tj] = i
	}
	out := c.sharedHeads(names, byEnd)
	for k := range c.toks {
		if k > 0 && c.f.lx.in("listend", c.word(k)) {
			out = append(out, c.closedList(k, names, byEnd)...)
		}
	}
	return out
}

// sharedHeads gives the head of a name to the bare names listed before it
// (金凤、嘉陵江、明月湖实验室), all governed over the whole list.
func (c *sentCtx) sharedHeads(names []cand, byEnd map[int]int) []cand {
	var out []cand
	for i := range names {
		n := &names[i]
		h, hs := c.headEnd(n.tj)
		if h == nil || !h.dist || n.ti == 0 || c.word(n.ti-1) != "、" || utf8.RuneCountInString(c.text[n.start:hs]) > 5 {
			continue
		}
		var members []cand
		for k := n.ti - 1; k > 0 && c.word(k) == "、"; {
			a, b, ok := c.bareMember(k-1, 5)
			if !ok {
				break
			}
			if ni, named := byEnd[b]; named && names[ni].ti < a {
				break // the end of a longer name (兰海高速廉徐段、惠肇高速)
			}
			members = append(members, cand{start: c.toks[a].Start, end: c.toks[b].End, ti: a, tj: b,
				name: c.text[c.toks[a].Start:c.toks[b].End] + h.word, category: h.category})
			k = a - 1
		}
		if len(members) == 0 {
			continue
		}
		gs := members[len(members)-1].start
		n.govStart, n.govEnd = gs, n.end
		for _, m := range members {
			m.govStart, m.govEnd = gs, n.end
			out = append(out, m)
		}
	}
	return out
}

// closedList reads the list closed by 等 at token k and a category noun
// (A、B、C等商业体): members without a head of their own take the noun's
// category, and the names found in it are governed over the whole list.
func (c *sentCtx) closedList(k int, names []cand, byEnd map[int]int) []cand {
	category, nounEnd, ok := c.listNoun(k + 1)
	if !ok {
		return nil
	}
	members, found, j := c.listItems(k, names, byEnd)
	if next := c.tokAt(nounEnd); next >= 0 && c.nominal(next) && c.f.lx.listNouns[c.word(next)] == "" {
		// the list modifies the noun after it (综合保税区、航空口岸、
		// 国际陆港等平台能级; …等平台经济企业): bare members are no
		// names, descriptive ones are kinds
		for _, ni := range found {
			names[ni].modList = true
		}
		return nil
	}
	if len(found) == 0 {
		// without a name of its own kind in the list, members of
		// common words are kinds (节水灌溉、人畜饮水…等设施)
		kept := members[:0]
		for _, m := range members {
			if c.piecemeal(m.ti, m.tj) {
				kept = append(kept, m)
			}
		}
		members = kept
		if len(members) < 2 {
			return nil // a single bare word before 等 is too weak a signal
		}
	}
	if category == "-" {
		category = "other"
		for _, ni := range found {
			category = names[ni].category
		}
	}
	gs := c.toks[j+1].Start
	if j+1 < len(c.toks) && (c.word(j+1) == "、" || c.cls[j+1] == cConj) {
		gs = c.toks[j+2].Start
	}
	for _, ni := range found {
		names[ni].govStart, names[ni].govEnd = gs, nounEnd
	}
	var out []cand
	for _, m := range members {
		m.category = category
		if h, _ := c.headEnd(m.tj); h != nil {
			m.category = h.category // 国际人才公园 in …等项目
		}
		m.govStart, m.govEnd = gs, nounEnd
		out = append(out, m)
	}
	return out
}

// listItems reads the items of the list before the 等 at token k, right
// to left: the bare members, the indices of names already found, and the
// token before the list.
func (c *sentCtx) listItems(k int, names []cand, byEnd map[int]int) (members []cand, found []int, j int) {
	j = k - 1
	for j >= 0 {
		if ni, ok := byEnd[j]; ok {
			found = append(found, ni)
			j = names[ni].ti - 1
		} else {
			a, ok := c.listMember(j)
			if !ok {
				break
			}
			members = append(members, cand{start: c.toks[a].Start, end: c.toks[j].End, ti: a, tj: j,
				name: c.text[c.toks[a].Start:c.toks[j].End]})
			j = a - 1
		}
		if j < 0 || (c.word(j) != "、" && c.cls[j] != cConj) {
			break
		}
		j--
	}
	return members, found, j
}

// listNoun reads the category noun after 等 at token k (skipping 一批 and
// the like). After a count (等5个…, 等两批…) a noun ending in a head names
// the members' category too (等5个区域医疗中心 → hospital).
func (c *sentCtx) listNoun(k int) (category string, end int, ok bool) {
	counted := false
	for k < len(c.toks) && (c.f.lx.trim[c.word(k)] || c.toks[k].Pos == "m" || counted && c.f.lx.measure[c.word(k)] || isNumeral(c.word(k))) {
		counted = counted || c.toks[k].Pos == "m" || isNumeral(c.word(k))
		k++
	}
	// the longest run of up to three words that is a list noun
	for n := 3; n >= 1; n-- {
		if k+n > len(c.toks) {
			continue
		}
		w := c.text[c.toks[k].Start:c.toks[k+n-1].End]
		if cat, ok := c.f.lx.listNouns[w]; ok {
			return cat, c.toks[k+n-1].End, true
		}
	}
	if counted {
		return c.countedNoun(k)
	}
	return "", 0, false
}

// countedNoun reads a noun of up to four words from token k that ends in a
// head of data/heads.txt, as after a count closing a list: its category.
func (c *sentCtx) countedNoun(k int) (string, int, bool) {
	for n := 4; n >= 1; n-- {
		e := k + n - 1
		if e >= len(c.toks) {
			continue
		}
		if h, hs := c.headEnd(e); h != nil && h.category != "-" && hs >= c.toks[k].Start && (e+1 >= len(c.toks) || c.cls[e+1] != cNoun && c.cls[e+1] != cProper) {
			return h.category, c.toks[e].End, true
		}
	}
	return "", 0, false
}

// listMember reads a bare list member ending at token j: its first token.
func (c *sentCtx) listMember(j int) (int, bool) {
	a := j
	for a >= 0 && j-a < 5 && c.isMemberWord(a) {
		a--
	}
	a++
	if a > j {
		return 0, false
	}
	// drop leading governing verbs and generic words
	for a <= j && (c.cls[a] == cVerb || c.cls[a] == cVerbN || c.f.lx.trim[c.word(a)]) {
		a++
	}
	if a > j || !c.properSpan(a, j, 8) {
		return 0, false
	}
	return a, true
}

// bareMember reads a bare name ending at token j for a shared head.
func (c *sentCtx) bareMember(j, maxRunes int) (int, int, bool) {
	a := j
	for a >= 0 && j-a < 3 && c.isMemberWord(a) {
		a--
	}
	a++
	for a <= j && (c.cls[a] == cVerb || c.cls[a] == cVerbN || c.f.lx.trim[c.word(a)]) {
		a++
	}
	if a > j || !c.properSpan(a, j, maxRunes) {
		return 0, 0, false
	}
	if h, _ := c.headEnd(j); h != nil && !h.char {
		return 0, 0, false // a name of its own (中关村科学城、…)
	}
	return a, j, true
}

func (c *sentCtx) isMemberWord(k int) bool {
	switch c.cls[k] {
	case cNoun, cProper, cNum:
		return true
	case cStop:
		// OOV pieces of a name that gse tags as measure words (世贸/天/阶)
		return utf8.RuneCountInString(c.word(k)) == 1 && c.toks[k].Pos == "q" && k > 0 && c.isNameishLoose(k-1)
	case cVerb:
		return false
	}
	return false
}

func (c *sentCtx) isNameishLoose(k int) bool {
	return c.cls[k] == cNoun || c.cls[k] == cProper
}

// properSpan reports whether tokens a..j form a short proper name: a
// place, organisation or brand word, or a string the dictionary does not
// know.
func (c *sentCtx) properSpan(a, j, maxRunes int) bool {
	w := c.text[c.toks[a].Start:c.toks[j].End]
	n := utf8.RuneCountInString(w)
	if n < 2 || n > maxRunes {
		return false
	}
	if c.f.lx.weak[w] {
		return false
	}
	for k := a; k <= j; k++ {
		if c.cls[k] == cProper && !c.f.lx.weak[c.word(k)] {
			return true
		}
	}
	if a == j {
		return false // one known common word (博物馆)
	}
	_, known := c.f.seg.Lookup(w)
	return !known
}

// piecemeal reports whether tokens a..j hold a one-character piece: a
// name the dictionary does not know (世贸/天/阶) rather than common words
// side by side (节水/灌溉, 旅游/交通).
func (c *sentCtx) piecemeal(a, j int) bool {
	for k := a; k <= j; k++ {
		if c.cls[k] == cProper && !c.f.lx.weak[c.word(k)] || c.cls[k] == cNum || utf8.RuneCountInString(c.word(k)) == 1 {
			return true
		}
	}
	return false
}
