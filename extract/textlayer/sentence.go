package textlayer

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// MaxSentence is the longest sentence, in bytes of Norm, that Sentences
// returns; longer runs without a sentence end are cut at the last clause
// mark (or rune boundary) before it, so that segmentation stays fast on
// text with no punctuation.
const MaxSentence = 1500

// Sentence is one sentence of the view.
type Sentence struct {
	Index int
	// Start and End are byte offsets into Orig.
	Start, End int
	// NStart and NEnd are byte offsets into Norm; Text is Norm[NStart:NEnd].
	NStart, NEnd int
	Text         string
	// Heading is the section heading path (outermost first), each heading
	// as written in Orig, without its trailing punctuation.
	Heading []string
	// Level is the heading level when this sentence is itself a heading
	// (1 for 第一章, 2 for 一、, 3 for （一）, 4 for 1., 5 for (1)), else 0.
	Level int
	// Clauses split Text at , ; : (and their full-width forms, folded) and
	// at table cell separators (tab, |); offsets are relative to Text.
	Clauses []Clause
}

// Clause is a byte span of a sentence's Text.
type Clause struct {
	Start, End int
}

// Span maps a span relative to the sentence Text to Orig offsets.
func (v *View) SentenceSpan(s *Sentence, start, end int) (int, int) {
	return v.Span(s.NStart+start, s.NStart+end)
}

var headingRe = []struct {
	level int
	re    *regexp.Regexp
}{
	{1, regexp.MustCompile(`^第[一二三四五六七八九十百零〇0-9]+[章篇部编]`)},
	{1, regexp.MustCompile(`^第[一二三四五六七八九十百零〇0-9]+部分`)},
	{2, regexp.MustCompile(`^[一二三四五六七八九十]+[、.]`)},
	{3, regexp.MustCompile(`^\([一二三四五六七八九十]+\)`)},
	{4, regexp.MustCompile(`^[0-9]{1,2}[、.](?:[^0-9]|$)`)},
	{5, regexp.MustCompile(`^\([0-9]{1,2}\)`)},
	{5, regexp.MustCompile(`^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]`)},
}

// headingLevel returns the heading level of a line of Norm, or 0.
func headingLevel(line string) int {
	for _, h := range headingRe {
		if h.re.MatchString(line) {
			return h.level
		}
	}
	return 0
}

// IsSentenceEnd reports a mark that ends a sentence: 。！？!?.
func IsSentenceEnd(r rune) bool { return isSentenceEnd(r) }

// IsClauseMark reports a mark that ends a clause inside a sentence:
// ，；： and their ASCII forms, a tab or a bar (table cells). It is the
// one definition of a clause that the text layer, the finders (through
// the annotated sentence) and the index share.
func IsClauseMark(r rune) bool { return isClauseMark(r) }

// IsClauseBreak reports a clause mark, a sentence end or a line break:
// where a clause around a span ends, in raw or normalised text.
func IsClauseBreak(r rune) bool {
	return isClauseMark(r) || isSentenceEnd(r) || r == '\n' || r == '\r'
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '!', '?', '！', '？':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '”', '’', '"', '\'', ')', '）', '」', '』', '》', ']', '】':
		return true
	}
	return false
}

func isClauseMark(r rune) bool {
	switch r {
	case ',', ';', ':', '，', '；', '：', '\t', '|', '｜':
		return true
	}
	return false
}

// Sentences splits the view into sentences. A sentence ends at 。！？!?
// (with any closing quotes or brackets after it) or at a line break; its
// surrounding spaces are trimmed and empty sentences are dropped. Lines
// that start like section headings (第二章, 一、, （三）, 1.) open a heading
// that the following sentences carry in Heading, until a heading of the
// same or a higher level replaces it.
func (v *View) Sentences() []Sentence {
	var out []Sentence
	var stack []struct {
		level int
		text  string
	}
	norm := v.Norm
	lineStart := true
	i := 0
	for i < len(norm) {
		// find the end of this sentence
		j := i
		for j < len(norm) && j-i < MaxSentence {
			r, size := utf8.DecodeRuneInString(norm[j:])
			if r == '\n' || r == '\r' {
				break
			}
			j += size
			if isSentenceEnd(r) {
				for j < len(norm) {
					r2, s2 := utf8.DecodeRuneInString(norm[j:])
					if !isCloser(r2) && !isSentenceEnd(r2) {
						break
					}
					j += s2
				}
				break
			}
		}
		if j < len(norm) && j-i >= MaxSentence {
			j = cutPoint(norm, i, j)
		}
		ns, ne := trimSpan(norm, i, j)
		if ne > ns {
			text := norm[ns:ne]
			level := 0
			if lineStart {
				level = headingLevel(text)
			}
			if level > 0 {
				for len(stack) > 0 && stack[len(stack)-1].level >= level {
					stack = stack[:len(stack)-1]
				}
			}
			s := Sentence{Index: len(out), NStart: ns, NEnd: ne, Text: text, Level: level}
			s.Start, s.End = v.Span(ns, ne)
			if len(stack) > 0 {
				s.Heading = make([]string, len(stack))
				for k, h := range stack {
					s.Heading[k] = h.text
				}
			}
			if level > 0 {
				stack = append(stack, struct {
					level int
					text  string
				}{level, strings.TrimRight(v.Orig[s.Start:s.End], "。！？!?：:，,；; ")})
			}
			s.Clauses = v.clauses(ns, ne)
			out = append(out, s)
		}
		// skip line breaks
		lineStart = false
		for j < len(norm) && (norm[j] == '\n' || norm[j] == '\r') {
			j++
			lineStart = true
		}
		i = j
	}
	return out
}

// cutPoint picks where to cut an over-long run norm[i:j]: after the last
// clause mark in its second half, else at j (a rune boundary).
func cutPoint(norm string, i, j int) int {
	for k := j; k > i+(j-i)/2; {
		r, size := utf8.DecodeLastRuneInString(norm[:k])
		if isClauseMark(r) {
			return k
		}
		k -= size
	}
	return j
}

func trimSpan(s string, i, j int) (int, int) {
	for i < j {
		r, size := utf8.DecodeRuneInString(s[i:j])
		if !isTrimSpace(r) {
			break
		}
		i += size
	}
	for j > i {
		r, size := utf8.DecodeLastRuneInString(s[i:j])
		if !isTrimSpace(r) {
			break
		}
		j -= size
	}
	return i, j
}

func isTrimSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' || r == '\ufeff' || r == '\r' || r == '\n'
}

// clauses splits Norm[ns:ne] at clause marks and at the spaces kept
// between two Han phrases (headline pairs “持续强化国际交往核心功能 深化商务与
// 科技”; New removes the spaces that split a word).
func (v *View) clauses(ns, ne int) []Clause {
	text := v.Norm[ns:ne]
	var cuts []int // offsets relative to text where a clause ends (exclusive of mark)
	var marks []int
	prevHan := false
	for k, r := range text {
		switch {
		case isClauseMark(r):
			cuts = append(cuts, k)
			marks = append(marks, k+utf8.RuneLen(r))
		case r == ' ' && prevHan:
			if next, _ := utf8.DecodeRuneInString(text[k+1:]); isHan(next) {
				cuts = append(cuts, k)
				marks = append(marks, k+1)
			}
		}
		prevHan = isHan(r)
	}
	var out []Clause
	start := 0
	for idx, c := range cuts {
		if s, e := trimSpan(text, start, c); e > s {
			out = append(out, Clause{s, e})
		}
		start = marks[idx]
	}
	end := len(text)
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !isSentenceEnd(r) {
			break
		}
		end -= size
	}
	if s, e := trimSpan(text, start, end); e > s {
		out = append(out, Clause{s, e})
	}
	return out
}
