package project

import (
	"strings"
	"unicode/utf8"
)

// evidence names the facts of the annotation layer behind a found name,
// for the confidence model (schema.Record.Evidence): why it is specific
// (specificWhy's reason, or a list member's enumeration), the kinds of
// proper words in its core (gse's place, organisation, person and other
// proper tags, Latin letters, a gazetteer place), the head's class in the
// lexicon, a verb inside the core (a name cut at the wrong word), an
// organisation word before the head (an existing body, or a body that
// leads the work), a deictic lead (本市, 区), and the word after the name.
func (c *sentCtx) evidence(n cand) []string {
	why := n.why
	if why == "" {
		why = "enumeration"
	}
	out := []string{"why:" + why}
	add := func(s string) {
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	hs := n.end
	if n.head != "" {
		if i := strings.LastIndex(c.text[n.start:n.end], n.head); i >= 0 {
			hs = n.start + i
		}
	}
	if h := c.f.lx.heads[n.head]; h != nil {
		for _, f := range []struct {
			on   bool
			name string
		}{{h.weak, "weak"}, {h.char, "char"}, {h.named, "named"}, {h.place, "place"}, {h.typed, "typed"}, {h.quote, "quote"}, {h.sub, "sub"}} {
			if f.on {
				add("headflag:" + f.name)
			}
		}
	}
	words := 0
	for i := n.ti; i <= n.tj && i < len(c.toks) && c.toks[i].Start < hs; i++ {
		w, pos := c.word(i), c.toks[i].Pos
		words++
		if i == n.ti {
			add("first:" + posClass(pos))
			if c.f.lx.trim[w] || c.f.lx.subject[w] || c.f.lx.kindSubject[w] {
				add("lead:generic")
			}
		}
		switch {
		case c.cls[i] == cVerb:
			add("verbin:govern")
		case c.cls[i] == cVerbN && !c.f.lx.modVerb[w]:
			add("verbin:other")
		}
		if c.f.lx.org[w] || orgSuffix(c.f.lx, w) {
			add("org-inside")
		}
		if c.cls[i] != cProper || c.f.lx.weak[w] {
			if c.f.lx.weak[w] {
				add("weakword")
			}
			continue
		}
		switch {
		case c.f.lx.place[w]:
			add("proper:gazetteer")
		case isASCIIWord(w):
			add("proper:latin")
		default:
			add("proper:" + posClass(pos))
		}
	}
	add("words:" + bucketWords(words))
	if n.start == 0 {
		add("sentstart")
	}
	if first, _ := utf8.DecodeRuneInString(c.text[n.start:]); strings.ContainsRune("本该此其", first) {
		add("lead:deictic")
	}
	if n.ti > 0 && (c.cls[n.ti-1] == cVerb || c.cls[n.ti-1] == cVerbN) {
		add("after-verb")
	}
	if n.tj+1 < len(c.toks) {
		w := c.word(n.tj + 1)
		switch {
		case w == "建设" || w == "项目" || w == "工程" || w == "改造" || w == "一期" || w == "二期":
			add("next:build")
		case w == "等":
			add("next:list")
		case c.cls[n.tj+1] == cPunct:
			add("next:punct")
		case c.cls[n.tj+1] == cCloseQ:
			add("next:closequote")
		case c.cls[n.tj+1] == cNoun || c.cls[n.tj+1] == cProper:
			add("next:noun")
		}
	} else {
		add("next:end")
	}
	return out
}

// orgSuffix reports a word that ends with a body's suffix of data/generic.txt
// (…集团, …管理委, …研究院) and is longer than the suffix.
func orgSuffix(lx *lexicon, w string) bool {
	n := utf8.RuneCountInString(w)
	for s := range lx.orgSuffix {
		// a one-rune suffix needs a longer word (文物局, not 布局)
		if strings.HasSuffix(w, s) && len(w) > len(s) && (utf8.RuneCountInString(s) > 1 || n >= 3) {
			return true
		}
	}
	return false
}

// posClass folds gse's tags to a few classes.
func posClass(p string) string {
	switch {
	case p == "ns" || p == "nt" || p == "nr" || p == "nz" || p == "j" || p == "eng":
		return p
	case strings.HasPrefix(p, "nr"):
		return "nr"
	case p == "vn":
		return "vn"
	case strings.HasPrefix(p, "v"):
		return "v"
	case strings.HasPrefix(p, "n"):
		return "n"
	case p == "a" || p == "b":
		return "a"
	case p == "m" || p == "q":
		return "m"
	}
	return "other"
}

func bucketWords(n int) string {
	switch {
	case n <= 1:
		return "1"
	case n <= 2:
		return "2"
	case n <= 4:
		return "3-4"
	}
	return "5+"
}
