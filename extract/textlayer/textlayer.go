// Package textlayer gives rules a normalised view of a document's text
// (full-width forms folded to half-width, stray spaces inside Chinese
// removed) that maps every position back to the original bytes, and splits
// the view into sentences and clauses with their section heading paths.
//
// The original text is never rewritten: rules find spans in View.Norm and
// View.Span turns them into byte offsets of View.Orig.
package textlayer

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// edit records one place where Norm differs from Orig: Norm[n:n+nl]
// stands for Orig[o:o+ol]. Between edits the two texts are identical.
type edit struct {
	n, nl, o, ol int
}

// View is the normalised view of a text.
type View struct {
	Orig  string
	Norm  string
	edits []edit
}

// minRun is the length, in runes, of the runs on both sides of a space
// between Han characters above which the space separates two phrases
// (headline pairs: 持续强化国际交往核心功能 深化商务与科技) rather than
// splitting a word (中日友 好医院).
const minRun = 7

// New builds the normalised view of orig. Invalid UTF-8 bytes are kept
// as they are.
func New(orig string) *View { return build(orig, nil) }

// build builds the view of orig, replacing each of the sorted, disjoint
// layout edits first (see NewPaged); drops[k].o and .ol are Orig spans,
// drops[k].repl their Norm text.
func build(orig string, drops []drop) *View {
	vb := &viewBuilder{v: &View{Orig: orig}, orig: orig, drops: drops}
	vb.b.Grow(len(orig))
	vb.nextDrop = vb.dropAt()
	for i := 0; i < len(orig); {
		if i == vb.nextDrop {
			i = vb.applyDrop()
			continue
		}
		r, size := utf8.DecodeRuneInString(orig[i:])
		if isInlineSpace(r) {
			i = vb.spaces(i)
		} else {
			i = vb.char(i, r, size)
		}
	}
	vb.v.Norm = vb.b.String()
	return vb.v
}

// viewBuilder writes the normalised text of a View and its edit list.
type viewBuilder struct {
	v         *View
	orig      string
	b         strings.Builder
	drops     []drop
	nextDrop  int
	lastHan   bool // last non-space rune written was Han
	lastDigit bool // last rune written was a digit (after folding)
	hanNum    bool // ... of a number written right after a Han rune
	run       int  // runes written since the last break (punctuation, line, kept space)
}

// dropAt returns where the next drop starts, or past the end.
func (vb *viewBuilder) dropAt() int {
	if len(vb.drops) > 0 {
		return vb.drops[0].o
	}
	return len(vb.orig) + 1
}

// applyDrop writes the next drop's replacement and returns where the
// original text goes on.
func (vb *viewBuilder) applyDrop() int {
	d := vb.drops[0]
	vb.drops = vb.drops[1:]
	vb.nextDrop = vb.dropAt()
	vb.v.edits = append(vb.v.edits, edit{n: vb.b.Len(), nl: len(d.repl), o: d.o, ol: d.ol})
	vb.b.WriteString(d.repl)
	if d.repl != "" {
		vb.lastHan, vb.run = false, 0
	}
	return d.o + d.ol
}

// digit notes a written rune r for the digit state; call it before
// lastHan is updated for r.
func (vb *viewBuilder) digit(r rune) {
	d := r >= '0' && r <= '9' || r == '.' && vb.lastDigit
	if d && !vb.lastDigit {
		vb.hanNum = vb.lastHan
	}
	vb.lastDigit = d
	if !d {
		vb.hanNum = false
	}
}

// counts notes r for the phrase length: a break starts a new phrase.
func (vb *viewBuilder) counts(r rune) {
	if isBreak(r) {
		vb.run = 0
	} else {
		vb.run++
	}
}

// spaces handles the run of inline spaces at i and returns its end: a
// stray space between Han characters, or between a number and its percent
// sign, is dropped; others are kept (ideographic and no-break as ASCII).
func (vb *viewBuilder) spaces(i int) int {
	orig := vb.orig
	j := i
	for j < len(orig) && j < vb.nextDrop {
		r2, s2 := utf8.DecodeRuneInString(orig[j:])
		if !isInlineSpace(r2) {
			break
		}
		j += s2
	}
	next, _ := utf8.DecodeRuneInString(orig[j:])
	tab := strings.Contains(orig[i:j], "\t")
	// a tab separates table cells: never a stray space; nor is a
	// space between two phrases
	stray := vb.lastHan && j < len(orig) && isHan(next) && !tab && (vb.run < minRun || runAhead(orig[j:]) < minRun)
	// nor is a space between a number and its percent sign in Chinese
	// text (typeset reports: 经济增长速度8 ％): a full-width ％, or any
	// after a number that follows a Han character
	percent := vb.lastDigit && j < len(orig) && vb.hanNum && isPercent(next) && !tab
	if stray || percent {
		vb.v.edits = append(vb.v.edits, edit{n: vb.b.Len(), nl: 0, o: i, ol: j - i})
		return j
	}
	vb.run = 0
	vb.lastDigit, vb.hanNum = false, false
	for k := i; k < j; {
		_, ss := utf8.DecodeRuneInString(orig[k:])
		if ss > 1 {
			vb.v.edits = append(vb.v.edits, edit{n: vb.b.Len(), nl: 1, o: k, ol: ss})
			vb.b.WriteByte(' ')
		} else {
			vb.b.WriteByte(orig[k]) // space or tab, as it is
		}
		k += ss
	}
	return j
}

// char writes the rune r at i, folded (full-width to half-width), and
// returns the position after it.
func (vb *viewBuilder) char(i int, r rune, size int) int {
	if size > 1 {
		if n := fold(r); n != r {
			vb.v.edits = append(vb.v.edits, edit{n: vb.b.Len(), nl: utf8.RuneLen(n), o: i, ol: size})
			vb.b.WriteRune(n)
			vb.digit(n)
			vb.lastHan = false
			vb.counts(n)
			return i + size
		}
	}
	vb.b.WriteString(vb.orig[i : i+size])
	vb.digit(r)
	vb.lastHan = r != '\n' && r != '\r' && isHan(r)
	vb.counts(r)
	return i + size
}

// isBreak reports a rune that ends a phrase: punctuation or a line break.
func isBreak(r rune) bool {
	return r == '\n' || r == '\r' || isSentenceEnd(r) || isClauseMark(r) || r == '、' || unicode.IsPunct(r)
}

// runAhead counts the runes of s before its first break or space, up to minRun.
func runAhead(s string) int {
	n := 0
	for _, r := range s {
		if n >= minRun || isBreak(r) || isInlineSpace(r) {
			break
		}
		n++
	}
	return n
}

func isInlineSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0'
}

func isPercent(r rune) bool { return r == '%' || r == '％' || r == '‰' }

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// fold maps full-width ASCII variants to ASCII.
func fold(r rune) rune {
	if r < 0xFF01 || r > 0xFF5E {
		return r
	}
	p := width.LookupRune(r)
	if p.Kind() != width.EastAsianFullwidth {
		return r
	}
	if n := p.Narrow(); n != 0 {
		return n
	}
	return r
}

// startOf maps a Norm position that starts a span to an Orig offset.
func (v *View) startOf(p int) int {
	i := sort.Search(len(v.edits), func(i int) bool { return v.edits[i].n > p }) - 1
	if i < 0 {
		return p
	}
	e := v.edits[i]
	if p >= e.n+e.nl {
		return e.o + e.ol + (p - e.n - e.nl)
	}
	return e.o
}

// endOf maps a Norm position that ends a span to an Orig offset.
func (v *View) endOf(p int) int {
	i := sort.Search(len(v.edits), func(i int) bool { return v.edits[i].n >= p }) - 1
	if i < 0 {
		return p
	}
	e := v.edits[i]
	if p >= e.n+e.nl {
		return e.o + e.ol + (p - e.n - e.nl)
	}
	return e.o + e.ol
}

// Span maps the Norm span [ns, ne) to the Orig span it came from. An empty
// span maps to an empty span.
func (v *View) Span(ns, ne int) (start, end int) {
	if ne <= ns {
		s := v.startOf(ns)
		return s, s
	}
	start, end = v.startOf(ns), v.endOf(ne)
	if end < start {
		end = start
	}
	return start, end
}

// NormOffset maps an Orig offset to the first Norm position at or after it.
func (v *View) NormOffset(o int) int {
	i := sort.Search(len(v.edits), func(i int) bool { return v.edits[i].o >= o }) - 1
	if i < 0 {
		return o
	}
	e := v.edits[i]
	if o >= e.o+e.ol {
		return e.n + e.nl + (o - e.o - e.ol)
	}
	return e.n + e.nl
}

// Find returns the Orig span of the first occurrence of needle in Norm at
// or after Norm offset from, after normalising needle the same way; ok is
// false when there is none. It lets callers anchor text given by a person
// or a model.
func (v *View) Find(needle string, from int) (start, end int, ok bool) {
	n := New(needle).Norm
	if n == "" || from > len(v.Norm) {
		return 0, 0, false
	}
	i := strings.Index(v.Norm[from:], n)
	if i < 0 {
		return 0, 0, false
	}
	s, e := v.Span(from+i, from+i+len(n))
	return s, e, true
}
