package confidence

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planlens/planlens/extract/lexicon"
	"github.com/planlens/planlens/schema"
)

// Span is one sentence of a document: its byte span in the document text
// and its heading path.
type Span struct {
	Start, End int
	Heading    []string
}

// Doc is what the features of a record look at besides the record: the
// document text, its genre and year, and its sentences by index.
type Doc struct {
	Text      string
	Genre     string
	Year      int
	Sentences []Span
}

// sentence returns the span of sentence i, or the record's own span when
// i is out of range.
func (d *Doc) sentence(r schema.Record) Span {
	if r.Sentence >= 0 && r.Sentence < len(d.Sentences) {
		s := d.Sentences[r.Sentence]
		if s.Start <= r.Start && r.End <= s.End && s.End <= len(d.Text) {
			return s
		}
	}
	return Span{Start: r.Start, End: r.End, Heading: r.Heading}
}

// cue is a word of cues.txt and its group.
type cue struct{ word, group string }

// Featurizer turns a record into the names of its features.
type Featurizer struct {
	cues  []cue
	units []unitRule
}

// NewFeaturizer returns the featurizer of the embedded cue list.
func NewFeaturizer() (*Featurizer, error) {
	cues, err := parseCues(cuesTxt)
	if err != nil {
		return nil, err
	}
	units, err := parseUnitClasses(unitClassTxt)
	if err != nil {
		return nil, err
	}
	return &Featurizer{cues: cues, units: units}, nil
}

// Features returns the feature names of a record in its document.
func (f *Featurizer) Features(d *Doc, r schema.Record) []string { return f.features(d, r) }

func parseCues(data string) ([]cue, error) {
	var out []cue
	err := lexicon.Each("cues.txt", data, 2, 2, func(r lexicon.Row) error {
		out = append(out, cue{r.Fields[0], r.Fields[1]})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("confidence: %w", err)
	}
	return out, nil
}

// clauseBreak reports the punctuation that ends a clause.
func clauseBreak(r rune) bool {
	switch r {
	case '，', '；', '：', '。', '！', '？', ',', ';', ':', '\n', '、':
		return true
	}
	return false
}

// clauseBefore is the text of the clause before byte p of s (from the
// last clause break), clauseAfter the clause from p to the next break.
// The list comma 、 does not break the clause after a record.
func clauseBefore(s string, p int) string {
	i := strings.LastIndexFunc(s[:p], func(r rune) bool { return clauseBreak(r) && r != '、' })
	if i < 0 {
		return s[:p]
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return s[i+n : p]
}

func clauseAfter(s string, p int) string {
	i := strings.IndexFunc(s[p:], func(r rune) bool { return clauseBreak(r) && r != '、' })
	if i < 0 {
		return s[p:]
	}
	return s[p : p+i]
}

var yearRe = regexp.MustCompile(`(19|20)\d\d年`)

// features returns the feature names of a record; every record has the
// feature "bias" besides.
func (f *Featurizer) features(d *Doc, r schema.Record) []string {
	sp := d.sentence(r)
	w := newWindow(d.Text[sp.Start:sp.End], r.Start-sp.Start, r.End-sp.Start)
	var out []string
	add := func(s ...string) { out = append(out, strings.Join(s, "")) }
	genre := d.Genre
	if genre == "" {
		genre = "unknown"
	}
	if r.Kind == schema.KindProject {
		// a project's features are its own and its neighbours': the
		// document-level ones (genre, heading class, cue words of the
		// sentence, task rows) carried each training document's share of
		// right names to the documents held out, which ranked whole
		// documents the wrong way round (leave-one-document-out)
		if quoted(w.before) {
			add("inquote")
		}
		add("prev:", lastRune(w.before))
		add("next:", firstRune(w.after))
		if r.Verb == "" {
			add("noverb")
		}
		add("stage=", r.Stage)
		f.projectFeatures(d, r, w.sent, add)
		return out
	}
	add("genre=", genre)
	f.cueFeatures(w, genre, add)
	yearFeature(w.before, d.Year, add)
	if quoted(w.before) {
		add("inquote")
	}
	if strings.Count(w.before, "（")+strings.Count(w.before, "(") > strings.Count(w.before, "）")+strings.Count(w.before, ")") {
		add("inparen")
	}
	add("prev:", lastRune(w.before))
	add("next:", firstRune(w.after))
	add("head:", headingClass(sp.Heading))
	if rowStart(w.sent) {
		add("row")
		add("row|", r.Kind, "|", genre)
	}
	if w.rs == 0 {
		add("sentstart")
	}
	add("stage=", r.Stage)
	add("mod=", r.Modality)
	if r.Verb == "" {
		add("noverb")
	}
	if r.Kind == schema.KindTarget {
		f.targetFeatures(r, add, genre)
	}
	return out
}

// window is a record's sentence cut around it: the text before and after
// it, the clause before and after it (cb, ca), and the rest of the
// sentence before that clause (sb).
type window struct {
	sent, before, after, cb, ca, sb string
	rs                              int
}

func newWindow(sent string, rs, re int) window {
	w := window{sent: sent, before: sent[:rs], after: sent[re:], rs: rs}
	w.cb = clauseBefore(sent, rs)
	w.ca = clauseAfter(sent, re)
	w.sb = w.before[:len(w.before)-len(w.cb)]
	return w
}

// cueFeatures names the cue words of cues.txt in the clause before the
// record (with their group, and the group by genre), else in the rest of
// the sentence before it, and in the clause after it.
func (f *Featurizer) cueFeatures(w window, genre string, add func(...string)) {
	for _, c := range f.cues {
		switch {
		case strings.Contains(w.cb, c.word):
			add("cb:", c.word)
			add("cbg:", c.group)
			add("cbg:", c.group, "|", genre)
		case strings.Contains(w.sb, c.word):
			add("sb:", c.word)
			add("sbg:", c.group)
		}
		if strings.Contains(w.ca, c.word) {
			add("ca:", c.word)
			add("cag:", c.group)
		}
	}
}

// yearFeature places the last year written before the record against the
// document's year: past, the year before, or this year or later.
func yearFeature(before string, docYear int, add func(...string)) {
	ys := yearRe.FindAllString(before, -1)
	if len(ys) == 0 || docYear <= 0 {
		return
	}
	y, _ := strconv.Atoi(ys[len(ys)-1][:4])
	switch {
	case y < docYear-1:
		add("year:past")
	case y < docYear:
		add("year:prev")
	default:
		add("year:future")
	}
}

func (f *Featurizer) targetFeatures(r schema.Record, add func(...string), genre string) {
	uc := f.unitClass(r.Unit)
	add("unit=", r.Unit)
	add("uclass=", uc)
	add("uclass=", uc, "|", genre)
	add("dir=", r.Direction)
	add("approx=", r.Approx)
	if r.Year > 0 {
		add("hasyear")
	}
	if r.Object == "" {
		add("noobject")
	} else {
		add("objlen:", bucket(utf8.RuneCountInString(r.Object), 2, 4, 8))
	}
	if r.Value != nil {
		v := *r.Value
		switch {
		case v == 1:
			add("value:1")
		case v >= 1900 && v <= 2100 && v == float64(int(v)):
			add("value:yearlike")
		}
	}
	if r.ValueMax != nil {
		add("range")
	}
}

func (f *Featurizer) projectFeatures(d *Doc, r schema.Record, sent string, add func(...string)) {
	name := r.Name
	if name == "" {
		name = r.Text
	}
	add("len:", bucket(utf8.RuneCountInString(name), 3, 5, 8, 12))
	if strings.ContainsAny(name, "“”\"「」《》") {
		add("quotes")
	}
	if strings.ContainsAny(name, "（）()") {
		add("parens")
	}
	if name != r.Text {
		add("joined") // a name assembled from a shared-head list
	}
	ascii, digit := false, false
	for _, c := range name {
		if c < 128 && unicode.IsLetter(c) {
			ascii = true
		}
		if unicode.IsDigit(c) {
			digit = true
		}
	}
	if ascii {
		add("ascii")
	}
	if digit {
		add("digit")
	}
	for _, w := range []string{"和", "与", "及", "等"} {
		if strings.Contains(name, w) {
			add("nameconj")
			break
		}
	}
	// the annotation layer's facts behind the name (extract/project)
	for _, e := range r.Evidence {
		add("ev:", e)
	}
	add("freq:", bucket(strings.Count(d.Text, name), 1, 2, 4))
	if strings.TrimSpace(sent) == strings.TrimSpace(r.Text) {
		add("wholesentence")
	}
}

// quoted reports whether an opening quote before the end of s is open.
func quoted(s string) bool {
	return strings.Count(s, "“") > strings.Count(s, "”") ||
		strings.Count(s, "「") > strings.Count(s, "」") ||
		strings.Count(s, "《") > strings.Count(s, "》")
}

func lastRune(s string) string {
	if s == "" {
		return "^"
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return runeClass(r)
}

func firstRune(s string) string {
	if s == "" {
		return "$"
	}
	r, _ := utf8.DecodeRuneInString(s)
	return runeClass(r)
}

// runeClass folds digits and Latin letters to one class each; other runes
// are themselves.
func runeClass(r rune) string {
	switch {
	case r < 128 && unicode.IsDigit(r):
		return "0"
	case r < 128 && unicode.IsLetter(r):
		return "a"
	case unicode.IsSpace(r):
		return " "
	}
	return string(r)
}

// headingClass sorts a heading path into goal, task, past or other.
func headingClass(h []string) string {
	if len(h) == 0 {
		return "none"
	}
	last := strings.Join(h, "/")
	for _, c := range []struct{ word, class string }{
		{"回顾", "past"}, {"成就", "past"}, {"成绩", "past"}, {"过去", "past"},
		{"目标", "goal"}, {"指标", "goal"},
		{"任务", "task"}, {"清单", "task"}, {"举措", "task"}, {"重点", "task"}, {"工作", "task"},
		{"保障", "support"}, {"组织", "support"},
	} {
		if strings.Contains(last, c.word) {
			return c.class
		}
	}
	return "other"
}

// rowStart reports a sentence that opens with a list or table marker:
// 1. / 1、 / （一） / (1) / 一、.
func rowStart(s string) bool {
	s = strings.TrimLeft(s, " \t\u3000")
	r, n := utf8.DecodeRuneInString(s)
	switch {
	case r >= '0' && r <= '9':
		rest := strings.TrimLeftFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
		return strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, "、") || strings.HasPrefix(rest, "．") || strings.HasPrefix(rest, "\t")
	case r == '（' || r == '(':
		return true
	case strings.ContainsRune("一二三四五六七八九十", r):
		rest := s[n:]
		return strings.HasPrefix(rest, "、") || strings.HasPrefix(rest, "是")
	}
	return false
}

// unitRule is a row of unitclass.txt: units that contain (or end in) one
// of words are of class.
type unitRule struct {
	class  string
	suffix bool
	words  []string
}

func parseUnitClasses(data string) ([]unitRule, error) {
	var out []unitRule
	err := lexicon.Each("unitclass.txt", data, 3, 0, func(r lexicon.Row) error {
		how := r.Fields[1]
		if how != "has" && how != "end" {
			return fmt.Errorf("want has or end, got %q", how)
		}
		out = append(out, unitRule{class: r.Fields[0], suffix: how == "end", words: r.Fields[2:]})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("confidence: %w", err)
	}
	return out, nil
}

// unitClass sorts a unit into a small class (pct, money, people, area,
// length, time, times, measure, bare, count) by the rows of unitclass.txt.
func (f *Featurizer) unitClass(u string) string {
	if u == "" {
		return "none"
	}
	for _, c := range f.units {
		for _, w := range c.words {
			if c.suffix && strings.HasSuffix(u, w) || !c.suffix && strings.Contains(u, w) {
				return c.class
			}
		}
	}
	return "count"
}

// bucket names the interval of n among ascending bounds: "<=b" or ">last".
func bucket(n int, bounds ...int) string {
	for _, b := range bounds {
		if n <= b {
			return "<=" + strconv.Itoa(b)
		}
	}
	return ">" + strconv.Itoa(bounds[len(bounds)-1])
}
