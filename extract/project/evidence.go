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
	ev := &evidenceSet{out: []string{"why:" + why}}
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
				ev.add("headflag:" + f.name)
			}
		}
	}
	words := 0
	for i := n.ti; i <= n.tj && i < len(c.toks) && c.toks[i].Start < hs; i++ {
		words++
		c.wordEvidence(ev, i, i == n.ti)
	}
	ev.add("words:" + bucketWords(words))
	if n.start == 0 {
		ev.add("sentstart")
	}
	if first, _ := utf8.DecodeRuneInString(c.text[n.start:]); c.f.lx.in("deictic", string(first)) {
		ev.add("lead:deictic")
	}
	if n.ti > 0 && (c.cls[n.ti-1] == cVerb || c.cls[n.ti-1] == cVerbN) {
		ev.add("after-verb")
	}
	if next := c.nextEvidence(n.tj + 1); next != "" {
		ev.add(next)
	}
	return ev.out
}

// evidenceSet collects evidence names, each once, in order.
type evidenceSet struct{ out []string }

func (e *evidenceSet) add(s string) {
	for _, o := range e.out {
		if o == s {
			return
		}
	}
	e.out = append(e.out, s)
}

// wordEvidence adds the evidence of token i of a name's core: the first
// word's tag and a generic lead, a verb or organisation word inside, and
// the kind of a proper word.
func (c *sentCtx) wordEvidence(ev *evidenceSet, i int, first bool) {
	lx := c.f.lx
	w, pos := c.word(i), c.toks[i].Pos
	if first {
		ev.add("first:" + posClass(pos))
		if lx.trim[w] || lx.subject[w] || lx.kindSubject[w] {
			ev.add("lead:generic")
		}
	}
	switch {
	case c.cls[i] == cVerb:
		ev.add("verbin:govern")
	case c.cls[i] == cVerbN && !lx.modVerb[w]:
		ev.add("verbin:other")
	}
	if lx.org[w] || orgSuffix(lx, w) {
		ev.add("org-inside")
	}
	if lx.weak[w] {
		ev.add("weakword")
		return
	}
	if c.cls[i] != cProper {
		return
	}
	switch {
	case lx.place[w]:
		ev.add("proper:gazetteer")
	case isASCIIWord(w):
		ev.add("proper:latin")
	default:
		ev.add("proper:" + posClass(pos))
	}
}

// nextEvidence names the word at token k after a name: a build word, a
// list's 等, punctuation, a closing quote, a noun, or the sentence's end.
func (c *sentCtx) nextEvidence(k int) string {
	if k >= len(c.toks) {
		return "next:end"
	}
	w := c.word(k)
	switch {
	case c.f.lx.in("buildnext", w):
		return "next:build"
	case c.f.lx.in("listend", w):
		return "next:list"
	case c.cls[k] == cPunct:
		return "next:punct"
	case c.cls[k] == cCloseQ:
		return "next:closequote"
	case c.cls[k] == cNoun || c.cls[k] == cProper:
		return "next:noun"
	}
	return ""
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
