// Package tense judges whether a sentence of a policy document looks back
// (a reported achievement: 去年, 过去五年, 同比, 已, 了, a review section)
// or forward (a commitment or plan: 今年, 到2030年, 力争, 要, 将, a task
// section), from four sources, strongest first:
//
//   - the clause or sentence's own cues, including years before or after
//     the document's year (2025年 in a 2026 report is the past);
//   - the paragraph's lead sentence (这五年，我们…。…建成1136个);
//   - the section headings (一、2025年工作回顾, “十四五”时期发展成就,
//     2026年重点任务).
//
// The cue words are data (cues.tsv). Rule packages (target, the pipeline's
// action filter) share one Judge.
package tense

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/planlens/planlens/extract/lexicon"
	"github.com/planlens/planlens/extract/numeral"
	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/extract/source"
	"github.com/planlens/planlens/extract/textlayer"
)

//go:embed cues.tsv
var cuesTSV string

// Tense is the time orientation of a sentence, clause or section.
type Tense int

// Tenses.
const (
	Unknown Tense = iota // no cue, or cues both ways
	Future               // a commitment, plan or expectation
	Past                 // a reported achievement or statistic
)

// String returns "future", "past" or "" (the record field's values).
func (t Tense) String() string {
	switch t {
	case Future:
		return "future"
	case Past:
		return "past"
	}
	return ""
}

// Options configure a Judge. There are none yet; the struct keeps the
// constructor stable.
type Options struct{}

// Judge judges tense. It holds only the cue lexicon and is safe for
// concurrent use; Document gives the per-document judge.
type Judge struct {
	roles map[string][]string
}

// Doc judges the sentences of one document. It computes the document
// year and the sections once and remembers each sentence's own tense, so
// that judging every sentence of a document stays linear. It is not safe
// for concurrent use.
type Doc struct {
	j     *Judge
	v     *textlayer.View
	sents []textlayer.Sentence
	year  int
	bare  []Tense // section tense by unnumbered headings, per sentence
	text  []Tense // each sentence's own cues without words (for leads); unknown until computed
	done  []bool
}

// Document returns the judge of the document of v, whose sentences are
// sents; its year is read from the text (Year).
func (j *Judge) Document(v *textlayer.View, sents []textlayer.Sentence) *Doc {
	return j.DocumentYear(v, sents, 0)
}

// DocumentYear is Document for a document whose year is known (the
// document's metadata: inferred, from a manifest or --year); 0 reads it
// from the text.
func (j *Judge) DocumentYear(v *textlayer.View, sents []textlayer.Sentence, year int) *Doc {
	if year == 0 {
		year = j.Year(v)
	}
	d := &Doc{j: j, v: v, sents: sents, year: year,
		text: make([]Tense, len(sents)), done: make([]bool, len(sents))}
	d.bare = j.bareSections(v, sents, d.year)
	return d
}

var roles = map[string]bool{"future": true, "futtok": true, "strong": true, "past": true, "pasttok": true, "hpast": true, "hfuture": true, "hreview": true}

// New builds a Judge from the embedded cue lexicon.
func New(Options) (*Judge, error) {
	j := &Judge{roles: map[string][]string{}}
	if err := lexicon.Each("cues.tsv", cuesTSV, 2, 2, func(r lexicon.Row) error {
		word, role := r.Fields[0], r.Fields[1]
		if !roles[role] {
			return fmt.Errorf("unknown role %q", role)
		}
		j.roles[role] = append(j.roles[role], word)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("tense: %w", err)
	}
	return j, nil
}

var (
	// deadline years: 到2027年, 2027年前, 2027年底, 至2030年
	deadlineRe = regexp.MustCompile(`(?:到|至|在)(20[0-9]{2})年|(20[0-9]{2})年(?:[0-9]{1,2}月)?(?:前|底|末|以前)`)
	// due dates of a task: 2026年12月底前, 2027年6月前, 2026年底前
	dueRe = regexp.MustCompile(`(20[0-9]{2})年(?:[0-9]{1,2}月)?(?:底|末)?(?:前|以前)`)
	// a survey's findings: 据十二个省的不完全统计, 据对一百七十六个在建的大中型
	// 项目的检查, 据海关统计 (据测算 may forecast, and is left out)
	surveyRe = regexp.MustCompile(`据[^,;:。]{0,30}?(?:统计|调查|检查|抽查|普查)`)
	// any year: 2025年, 1958年, 一九五八年
	// a period of this year so far, as progress reports date their
	// figures: 1-10月, 1—8月份, 前8个月, 前三季度 (上半年 and 一季度 may be
	// planned: 力争上半年开工 also has a future cue)
	progressRe = regexp.MustCompile(`(?:^|[^0-9])(?:1|一)\s*[-—–－～~至到]\s*(?:1[0-2]|[2-9]|十[一二]|[二三四五六七八九十])\s*月|前(?:[2-9]|1[01]|[二三四五六七八九十]|十[一])个?月|前三季度`)
	anyYearRe  = regexp.MustCompile(`((?:19|20)[0-9]{2}|[一二][九〇零○][〇零○一二三四五六七八九]{2})年`)
)

// yearOf converts a year as written (2025, 一九五八) to a number.
func yearOf(y string) int {
	if n, err := strconv.Atoi(y); err == nil {
		return n
	}
	v, err := numeral.Parse(strings.ReplaceAll(y, "○", "〇"))
	if err != nil {
		return 0
	}
	return int(v)
}

// Deadlines returns the deadline years written in text (到2027年,
// 2030年前), in order.
func Deadlines(text string) []int {
	var out []int
	for _, m := range deadlineRe.FindAllStringSubmatch(text, -1) {
		y := m[1]
		if y == "" {
			y = m[2]
		}
		if n, err := strconv.Atoi(y); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// DueYear returns the year of the last due date in text (2026年12月底前, the
// deadline column of a task list), or 0.
func DueYear(text string) int {
	ms := dueRe.FindAllStringSubmatch(text, -1)
	if len(ms) == 0 {
		return 0
	}
	n, err := strconv.Atoi(ms[len(ms)-1][1])
	if err != nil {
		return 0
	}
	return n
}

// Year returns the year of the document of v (the year a report is
// delivered in, see source.DocYear), or 0.
func (j *Judge) Year(v *textlayer.View) int {
	return source.DocYear(v.Orig)
}

// bareSections returns, per sentence, the tense of the section it lies in
// by the unnumbered heading lines before it (“十四五”时期工作回顾 alone on a
// line, which textlayer does not take for a heading), or Unknown.
func (j *Judge) bareSections(v *textlayer.View, sents []textlayer.Sentence, year int) []Tense {
	out := make([]Tense, len(sents))
	cur, body := Unknown, false
	for k := range sents {
		out[k] = cur
		s := &sents[k]
		switch {
		case s.Level == 1 || s.Level == 2:
			cur = Unknown // a numbered section starts
		case s.Level == 0 && body && isBareHeading(v, sents, k):
			if t := j.Heading([]string{s.Text}, year); t != Unknown {
				cur = t
			}
		}
		// the preamble (title, date, speaker) ends at the first full sentence
		body = body || strings.HasSuffix(s.Text, "。")
	}
	return out
}

// isBareHeading reports a short line without end punctuation standing
// alone on its line.
func isBareHeading(v *textlayer.View, sents []textlayer.Sentence, k int) bool {
	s := &sents[k]
	if utf8.RuneCountInString(s.Text) > 30 || strings.ContainsAny(s.Text, "。!?;:,！？；：，") {
		return false
	}
	if k > 0 && !strings.ContainsAny(v.Norm[sents[k-1].NEnd:s.NStart], "\n\r") {
		return false
	}
	return k+1 >= len(sents) || strings.ContainsAny(v.Norm[s.NEnd:sents[k+1].NStart], "\n\r")
}

// Text judges text (a sentence or a clause) by its own cues; toks are its
// gse words (nil skips the whole-word cues 要, 将, 了, 已) and year the
// document year (0: unknown; then a deadline such as 到2027年 looks
// forward). Cues both ways give Unknown.
func (j *Judge) Text(text string, toks []segment.Token, year int) Tense {
	fut, pst := false, false
	if year > 0 {
		switch j.yearsTense(text, year) {
		case Past:
			pst = true
		case Future:
			fut = true
		}
	} else if deadlineRe.MatchString(text) {
		fut = true
	}
	fut = fut || HasAny(text, j.roles["future"])
	pst = pst || HasAny(text, j.roles["past"]) || progressRe.MatchString(text) || surveyRe.MatchString(text)
	for _, t := range toks {
		if t.Start < 0 || t.End > len(text) || t.Start > t.End {
			continue
		}
		w := text[t.Start:t.End]
		fut = fut || slices.Contains(j.roles["futtok"], w)
		pst = pst || slices.Contains(j.roles["pasttok"], w)
	}
	switch {
	case pst && !fut:
		return Past
	case fut && !pst:
		return Future
	}
	return Unknown
}

// Heading classifies a section from its heading path (outermost first):
// the outermost heading with a clear orientation wins (a review's
// sub-heading 推进改革部署落地 stays in the review), by its words
// (工作回顾, 重点任务) or else by its years against the document year
// (关于2026年工作 in a 2026 report looks forward, 2025年 back; year 0:
// unknown); a heading with both (发展成就和主要目标任务) says nothing.
func (j *Judge) Heading(heads []string, year int) Tense {
	for i := range heads {
		h, p := heads[i], false
		// “六五”计划执行情况的回顾: the plan word is the review's subject
		for _, w := range j.roles["hreview"] {
			if strings.Contains(h, w) {
				h, p = strings.ReplaceAll(h, w, ""), true
			}
		}
		p = p || HasAny(h, j.roles["hpast"])
		f := HasAny(h, j.roles["hfuture"])
		switch {
		case p && !f:
			return Past
		case f && !p:
			return Future
		case !p && !f && year > 0:
			if t := j.yearsTense(h, year); t != Unknown {
				return t
			}
		}
	}
	return Unknown
}

// yearsTense compares the years written in text with the document year:
// all before it is Past, all at or after it Future.
func (j *Judge) yearsTense(text string, year int) Tense {
	pst, fut := false, false
	for _, m := range anyYearRe.FindAllStringSubmatch(text, -1) {
		switch y := yearOf(m[1]); {
		case y <= 0:
		case y < year:
			pst = true
		default:
			fut = true
		}
	}
	switch {
	case pst && !fut:
		return Past
	case fut && !pst:
		return Future
	}
	return Unknown
}

// paragraph returns the tense set by the sentences before sents[i] in its
// paragraph (same line, no heading between): the first one with a cue,
// which leads the paragraph (这五年，我们…。).
func (d *Doc) paragraph(i int) Tense {
	if i <= 0 || i >= len(d.sents) {
		return Unknown
	}
	lead := Unknown
	for k := i - 1; k >= 0; k-- {
		if d.sents[k].Level > 0 || strings.ContainsAny(d.v.Norm[d.sents[k].NEnd:d.sents[k+1].NStart], "\n\r") {
			break
		}
		if !d.done[k] {
			d.text[k], d.done[k] = d.j.Text(d.sents[k].Text, nil, d.year), true
		}
		if d.text[k] != Unknown {
			lead = d.text[k]
		}
	}
	return lead
}

// StrongFuture reports the current-year or commitment markers (今年, 力争)
// or a deadline not before year, which outweigh a review heading
// (去年…，今年要…).
func (j *Judge) StrongFuture(text string, year int) bool {
	if HasAny(text, j.roles["strong"]) {
		return true
	}
	for _, y := range Deadlines(text) {
		if y >= year {
			return true
		}
	}
	return false
}

// IsMarker reports a future marker word (今年, 力争, 要, 将): it bounds an
// object phrase.
func (j *Judge) IsMarker(w string) bool {
	return slices.Contains(j.roles["futtok"], w) || HasAny(w, j.roles["future"])
}

// Context is the tense evidence around one sentence.
type Context struct {
	Year      int   // document year, 0 when unknown
	Sentence  Tense // the sentence's own cues
	Paragraph Tense // the paragraph lead's
	Heading   Tense // the section headings'
	// Next is the text of the sentence after this one (empty at the end):
	// a count closing a sentence may be unfolded there (三项工作。一是…).
	Next   string
	strong bool // the sentence has a strong future cue
}

// Own is the sentence's tense, else its paragraph's.
func (c Context) Own() Tense {
	if c.Sentence != Unknown {
		return c.Sentence
	}
	return c.Paragraph
}

// Tense combines the evidence: the sentence (or its paragraph) first; a
// review heading overrides a weak future cue (要 in a review) but not a
// strong one; else the heading.
func (c Context) Tense() Tense {
	own := c.Own()
	switch {
	case own == Past:
		return Past
	case own == Future:
		if c.Heading == Past && !c.strong {
			return Past
		}
		return Future
	}
	return c.Heading
}

// Context gathers the tense evidence of sentence i; toks are the gse
// words of its Text (may be nil).
func (d *Doc) Context(i int, toks []segment.Token) Context {
	if i < 0 || i >= len(d.sents) {
		return Context{}
	}
	s := &d.sents[i]
	c := Context{Year: d.year}
	c.Heading = d.j.Heading(s.Heading, c.Year)
	if c.Heading == Unknown {
		c.Heading = d.bare[i]
	}
	c.Sentence = d.j.Text(s.Text, toks, c.Year)
	if c.Sentence == Unknown {
		c.Paragraph = d.paragraph(i)
	}
	c.strong = d.j.StrongFuture(s.Text, c.Year)
	if i+1 < len(d.sents) {
		c.Next = d.sents[i+1].Text
	}
	return c
}

// Context gathers the tense evidence of sents[i] of the view v. To judge
// many sentences of one document, use Document once and Doc.Context.
func (j *Judge) Context(v *textlayer.View, sents []textlayer.Sentence, i int, toks []segment.Token) Context {
	return j.Document(v, sents).Context(i, toks)
}

// Lone gathers the evidence of s alone: its own cues (no document year)
// and its headings.
func (j *Judge) Lone(s *textlayer.Sentence, toks []segment.Token) Context {
	return Context{
		Sentence: j.Text(s.Text, toks, 0),
		Heading:  j.Heading(s.Heading, 0),
		strong:   j.StrongFuture(s.Text, 0),
	}
}

// Sentence judges sents[i] of the view v: Past for a reported
// achievement, Future for a commitment or plan, Unknown when nothing says.
// toks are the gse words of sents[i].Text (may be nil).
func (j *Judge) Sentence(v *textlayer.View, sents []textlayer.Sentence, i int, toks []segment.Token) Tense {
	return j.Context(v, sents, i, toks).Tense()
}

// HasAny reports whether s contains any of the cue words.
func HasAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
