// Package brand finds named platforms, apps, models and service scenes:
// the brands that policy documents build, upgrade and promote. They are
// projects by the annotation conventions (named government platforms and
// apps in quotes are facilities when the text builds or runs them), but
// they end in no head the project rules know: “悟空”“指数”“数资”6个垂类模型,
// 打造“汛安苏河”应用场景, 发挥京通、京办、京智等智慧终端牵引作用.
//
// Two rules, both anchored on a platform head of heads.txt:
//   - quoted-brand: a short name in quotes (or a run of them) followed,
//     within a short descriptive phrase of the same clause, by a head;
//   - listed-brand: short names listed with 、 and closed by 等 and a
//     head-ending noun.
//
// Quoted slogans are left alone: a quoted text with a digit, a plus sign
// or a Chinese numeral (“一江一河”, “两重”, “人工智能+城市治理”), and a
// quoted thing counted by a number before it (20个“智慧菜场”: a class).
package brand

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/extract/lexicon"
	"github.com/planlens/planlens/schema"
)

//go:embed heads.txt
var headsTxt string

//go:embed words.txt
var wordsTxt string

// Finder finds brand names in a sentence.
type Finder struct {
	heads, listHeads []string
	words            map[string][]string // role of words.txt → words
}

// in reports w among the words of a role of words.txt.
func (f *Finder) in(role, w string) bool {
	for _, x := range f.words[role] {
		if x == w {
			return true
		}
	}
	return false
}

// New loads the embedded heads.
func New() (*Finder, error) {
	f := &Finder{}
	if err := lexicon.Each("heads.txt", headsTxt, 1, 2, func(r lexicon.Row) error {
		f.heads = append(f.heads, r.Fields[0])
		if len(r.Fields) == 2 {
			if r.Fields[1] != "list" {
				return fmt.Errorf("want \"list\" or nothing after the head, got %q", r.Fields[1])
			}
			f.listHeads = append(f.listHeads, r.Fields[0])
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("brand: %w", err)
	}
	f.words = map[string][]string{}
	if err := lexicon.Each("words.txt", wordsTxt, 2, 0, func(r lexicon.Row) error {
		f.words[r.Fields[0]] = r.Fields[1:]
		return nil
	}); err != nil {
		return nil, fmt.Errorf("brand: %w", err)
	}
	for _, role := range []string{"listend", "category", "listcounter", "measure", "numeral"} {
		if len(f.words[role]) == 0 {
			return nil, fmt.Errorf("brand: words.txt has no %s row", role)
		}
	}
	return f, nil
}

// maxGap is how many runes of description may stand between a quoted
// name and its head (“生态魔方”生态复合单元规划实施 … 场景 is too far).
const maxGap = 10

// Find returns the brand names of s.
func (f *Finder) Find(s *annotate.Sentence) []annotate.Finding {
	var out []annotate.Finding
	text := s.Text
	seen := map[[2]int]bool{}
	add := func(start, end int) {
		k := [2]int{start, end}
		if seen[k] {
			return
		}
		seen[k] = true
		g := s.Govern(start, end)
		r := schema.Record{Kind: schema.KindProject, Name: text[start:end], Category: "facility",
			Verb: g.Verb, Stage: g.Stage, Tense: s.Tense.Tense().String()}
		out = append(out, annotate.Finding{SentStart: start, SentEnd: end, Record: r, NameAsWritten: true,
			Explain: []schema.Verdict{{Rule: "brand", Verdict: schema.VerdictAccept}}})
	}
	// quoted names: runs of adjacent quotes (“A”“B”、“C”) share the head
	// after the run
	qs := quotes(text)
	for i := 0; i < len(qs); {
		j := i
		for j+1 < len(qs) && adjacent(text[qs[j].close:qs[j+1].open]) {
			j++
		}
		if f.headAfter(text[qs[j].close:]) && !f.counted(text[:qs[i].open]) {
			for k := i; k <= j; k++ {
				if f.brandLike(text[qs[k].start:qs[k].end]) {
					add(qs[k].start, qs[k].end)
				}
			}
		}
		i = j + 1
	}
	// listed names: A、B、C等X with X ending in a head
	for _, end := range f.words["listend"] {
		for p := 0; ; {
			k := strings.Index(text[p:], end)
			if k < 0 {
				break
			}
			at := p + k
			p = at + len(end)
			if !f.headNoun(text[p:]) {
				continue
			}
			for _, m := range members(text, at) {
				add(m[0], m[1])
			}
		}
	}
	return out
}

type quote struct{ open, start, end, close int }

// quotes returns the “…” spans of text: open/close are the marks' outer
// offsets, start/end the name inside.
func quotes(text string) []quote {
	var out []quote
	open := -1
	for i, r := range text {
		switch {
		case r == '“':
			open = i
		case r == '”' && open >= 0:
			out = append(out, quote{open: open, start: open + len("“"), end: i, close: i + len("”")})
			open = -1
		}
	}
	return out
}

func adjacent(between string) bool { return between == "" || between == "、" }

// headAfter reports a head word within maxGap runes after a quote, with no
// clause punctuation before it.
func (f *Finder) headAfter(rest string) bool {
	n := 0
	for i, r := range rest {
		if n > maxGap || clauseMark(r) || r == '“' || r == '、' {
			return false
		}
		for _, h := range f.heads {
			if strings.HasPrefix(rest[i:], h) {
				return true
			}
		}
		n++
	}
	return false
}

// headNoun reports a noun after 等 (a count allowed: 等6个) of at most 6
// runes that ends in a head, does not start with one (等应用中试基地) and
// does not start with a category word.
func (f *Finder) headNoun(rest string) bool {
	rest = strings.TrimLeftFunc(rest, func(r rune) bool { return unicode.IsDigit(r) })
	if r, n := utf8.DecodeRuneInString(rest); f.in("listcounter", string(r)) {
		rest = rest[n:]
	}
	for _, w := range append(append([]string{}, f.words["category"]...), f.heads...) {
		if strings.HasPrefix(rest, w) {
			return false
		}
	}
	n := 0
	for i, r := range rest {
		if n > 6 || clauseMark(r) || !unicode.IsLetter(r) {
			return false
		}
		for _, h := range f.listHeads {
			if strings.HasPrefix(rest[i:], h) {
				return true
			}
		}
		n++
	}
	return false
}

// counted reports a number and measure word right before a quote: 20个“智慧菜场”.
func (f *Finder) counted(before string) bool {
	r, n := utf8.DecodeLastRuneInString(before)
	if n == 0 {
		return false
	}
	before = before[:len(before)-n]
	if !f.in("measure", string(r)) {
		return false
	}
	d, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsDigit(d) || d != '双' && f.in("numeral", string(d))
}

// brandLike reports a quoted text that can be a brand: 2–8 runes of
// letters, no digit, plus sign, Chinese numeral or space.
func (f *Finder) brandLike(name string) bool {
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 8 {
		return false
	}
	for _, r := range name {
		if !unicode.IsLetter(r) || f.in("numeral", string(r)) {
			return false
		}
	}
	return true
}

// members returns the spans of the short names listed with 、 right
// before offset at (the 等): each 2–4 runes of letters; at least two.
func members(text string, at int) [][2]int {
	var out [][2]int
	end := at
	for {
		start := end
		n := 0
		for start > 0 {
			r, w := utf8.DecodeLastRuneInString(text[:start])
			if !unicode.IsLetter(r) {
				break
			}
			start -= w
			n++
			if n > 4 {
				return nil
			}
		}
		if n < 2 {
			return nil
		}
		out = append(out, [2]int{start, end})
		if !strings.HasSuffix(text[:start], "、") {
			break
		}
		end = start - len("、")
	}
	if len(out) < 2 {
		return nil
	}
	// the first member runs back into what the list follows (发挥京通):
	// list members are parallel, so it is cut to its neighbour's length
	first, next := &out[len(out)-1], out[len(out)-2]
	want := utf8.RuneCountInString(text[next[0]:next[1]])
	for utf8.RuneCountInString(text[first[0]:first[1]]) > want {
		_, w := utf8.DecodeRuneInString(text[first[0]:])
		first[0] += w
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

func clauseMark(r rune) bool {
	return strings.ContainsRune("，,；;。：:！!？?()（）", r)
}
