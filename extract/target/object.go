package target

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planlens/planlens/extract/numeral"
	"github.com/planlens/planlens/extract/segment"
)

// The object of a target is a clean noun phrase: what is counted (9所学校
// → 学校) or measured (国内生产总值增长5% → 国内生产总值). Between the
// object and its number sit words that are not part of it, stripped from
// the right: direction words (增长, 提高到), quantity verbs and adverbs (安排,
// 规定, 约, 分别; role skip of cues.tsv), comparison frames (比1955年, 由九百
// 三十七万吨, 与上年相比), times (在一九五七年, 今年, 1—5月份), accounting
// frames (按可比价格计算) and earlier values of a list (分别提高到300元和).

var (
	// timeTailRe matches a time expression at the end of an object phrase.
	timeTailRe = regexp.MustCompile(`(?:在|到|至|于|从)?(?:(?:19|20)[0-9]{2}|[一二][九〇零○][〇零○一二三四五六七八九]{2})年(?:底|末|前|内|以前|以后|度)?$|` +
		`(?:[0-9一二三四五六七八九十]+(?:——|—|-|至|到))?[0-9一二三四五六七八九十]+月(?:份|底|末|前)?$|` +
		`(?:今年|明年|后年|全年|年内|当年|本年|本年度|届时|年底|年末|期末|上半年|下半年|五年内|五年间|今后五年|每年|近三年|近五年|[一二两三四五六七八九十]年)$`)
	// timeHeadRe matches a time expression opening an object phrase:
	// 一九五八年进出口贸易总额, 2026年全市.
	timeHeadRe = regexp.MustCompile(`^(?:在|到|至|于)?(?:(?:19|20)[0-9]{2}|[一二][九〇零○][〇零○一二三四五六七八九]{2})年(?:底|末|前|内|度)?|` +
		`^(?:今年|明年|全年|年内|当年|本年|本年度|届时|今后五年|五年内|每年)`)
	// calcTailRe matches an accounting frame at the end: 按可比价格计算,
	// 以货币计算, 按现行口径.
	calcTailRe = regexp.MustCompile(`(?:按|以|按照)[^,;:。、]{0,12}(?:计算|计|口径|统计)$`)
	// frameRe matches a 与/同 comparison frame: 与上年相比.
	frameRe = regexp.MustCompile(`^(?:与|同|和)[^,;:。、]{0,12}(?:相比|比较)$`)
)

// leadMarks are the marks that open no object, after the lead words of
// cues.tsv.
var leadMarks = []string{"、", " "}

// objectText cleans an object phrase: it keeps what follows the last 等
// (北京科学高中等 … are examples), drops leading conjunctions, adverbs, a
// leading verb (新建绿道 → 绿道) and a leading number, and a trailing 的.
func (f *Finder) objectText(text string, toks []segment.Token, start, end int) string {
	obj, base := afterExamples(text[start:end], toks, start)
	for k := f.leadCut(text, toks, obj, base); k > 0; k = f.leadCut(text, toks, obj, base) {
		obj, base = obj[k:], base+k
	}
	obj = strings.TrimSuffix(obj, "的")
	obj = strings.Trim(obj, " 、")
	if f.verbAlone(text, toks, obj, base) || !hasHan(obj) {
		return ""
	}
	return obj
}

// afterExamples keeps what follows the phrase's last 等 word (北京科学高中等
// 9所学校 → 学校); base is the byte offset of obj in the sentence.
func afterExamples(obj string, toks []segment.Token, base int) (string, int) {
	k := strings.LastIndex(obj, "等")
	if k >= 0 && k+len("等") < len(obj) && isWord(toks, base+k, base+k+len("等")) {
		return obj[k+len("等"):], base + k + len("等")
	}
	return obj, base
}

// leadCut returns how many bytes open obj that are not the object, or 0:
// a lead word, an earlier number, a time, a skip word, a leading verb.
func (f *Finder) leadCut(text string, toks []segment.Token, obj string, base int) int {
	if k := f.leadWordCut(toks, obj, base); k > 0 {
		return k
	}
	// a number inside: 粮食产量三千九百二十亿斤和棉花产量 → 棉花产量
	if qs := numeral.Find(obj); len(qs) > 0 && qs[len(qs)-1].End < len(obj) && !strings.HasPrefix(obj[qs[len(qs)-1].End:], "级") {
		return qs[len(qs)-1].End
	}
	if m := timeHeadRe.FindStringIndex(obj); m != nil && m[1] < len(obj) {
		return m[1]
	}
	if w := prefixOf(obj, f.skip); utf8.RuneCountInString(w) > 1 && utf8.RuneCountInString(obj[len(w):]) >= 2 {
		return len(w) // 规定工业总产值
	}
	// a leading verb before a noun: 新建绿道, 淘汰黄标车, 拆除违法建设
	w, pos := wordAt(text, toks, base, base+len(obj))
	if utf8.RuneCountInString(w) > 1 && w != obj && (pos == "v" || f.isVerbal(w, pos)) && utf8.RuneCountInString(obj[len(w):]) >= 2 {
		return len(w)
	}
	return 0
}

// leadWordCut returns the length of a lead word opening obj (a one-rune
// word only where gse cuts it as a word), or 0.
func (f *Finder) leadWordCut(toks []segment.Token, obj string, base int) int {
	for _, w := range f.leads {
		if strings.HasPrefix(obj, w) && len(obj) > len(w) && (utf8.RuneCountInString(w) > 1 || isWord(toks, base, base+len(w))) {
			return len(w)
		}
	}
	return 0
}

// isVerbal reports a direction word or a policy verb not used as a noun.
func (f *Finder) isVerbal(w, pos string) bool {
	return f.isDirWord(w) || f.lex.Stage(w) != "" && !strings.HasPrefix(pos, "n")
}

// verbAlone reports an object that is one verb (累计建成5万个): a verb
// alone names nothing; the value before names it.
func (f *Finder) verbAlone(text string, toks []segment.Token, obj string, base int) bool {
	w, pos := wordAt(text, toks, base, base+len(obj))
	return w == obj && !strings.HasSuffix(text[:base], "的") && f.isVerbal(w, pos)
}

// hasHan reports a Han character in s.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// wordAt returns the gse word starting at p (cut at end) and its POS, or
// "" when no word starts there.
func wordAt(text string, toks []segment.Token, p, end int) (string, string) {
	for _, t := range toks {
		if t.Start == p {
			return text[p:min(t.End, end)], t.Pos
		}
		if t.Start > p {
			break
		}
	}
	return "", ""
}

// stripTail strips from text[lo:hi] the words that sit between an object
// and its number and returns the new end.
func (f *Finder) stripTail(text string, starts map[int]bool, lo, hi int) int {
	for changed := true; changed && hi > lo; {
		changed = false
		tail := text[lo:hi]
		for _, w := range f.skip {
			// a word of its own (达, 约, 为; 下降至 is 下降+至, not 下+降至)
			if strings.HasSuffix(tail, w) && starts[hi-len(w)] {
				hi, changed = hi-len(w), true
				break
			}
		}
		if changed {
			continue
		}
		if m := timeTailRe.FindStringIndex(tail); m != nil {
			hi, changed = lo+m[0], true
			continue
		}
		if m := calcTailRe.FindStringIndex(tail); m != nil {
			hi, changed = lo+m[0], true
			continue
		}
		// an earlier value of a list: 分别提高到300元和, 由九百三十七万吨
		t2 := tail
		for _, c := range []string{"和", "、", "及", "至", "到"} {
			t2 = strings.TrimSuffix(t2, c)
		}
		if qs := numeral.Find(t2); len(qs) > 0 && qs[len(qs)-1].End == len(t2) {
			hi, changed = lo+qs[len(qs)-1].Start, true
			continue
		}
		// a comparison frame: 比1955年, 较上年, 与上年相比, 由 …
		for p := hi - 1; p >= lo && hi-p <= 3*15; p-- {
			if !starts[p] {
				continue
			}
			r, _ := utf8.DecodeRuneInString(text[p:])
			if strings.ContainsRune(",;:。、!?", r) {
				break
			}
			w := string(r)
			if !f.frame[w] || !starts[p+len(w)] && p+len(w) != hi || strings.HasSuffix(text[lo:p], "占") {
				continue // 占比 is no frame
			}
			if (w == "与" || w == "同" || w == "和") && !frameRe.MatchString(text[p:hi]) {
				continue
			}
			hi, changed = p, true
			break
		}
	}
	return hi
}

// boundaries returns the positions where a gse word starts or ends.
func boundaries(toks []segment.Token) map[int]bool {
	b := make(map[int]bool, 2*len(toks))
	for _, t := range toks {
		b[t.Start], b[t.End] = true, true
	}
	return b
}

// object returns the object of q and, when it follows the unit (9所学校),
// the end of its span; prev is the object of the quantity before q in the
// sentence, the object of a value that names none (累计达8000处, 比上年增长
// 22%).
func (f *Finder) object(text string, toks []segment.Token, cs int, q numeral.Quantity, prev string) (obj string, spanEnd int) {
	if f.isCountUnit(q.Unit) || isBareMultiplier(q.Unit) {
		if s, e := f.objectAfter(text, toks, q, false); e > s {
			if o := f.objectText(text, toks, s, e); o != "" {
				return o, e
			}
		}
	}
	bs, be := f.objectBefore(text, toks, cs, q.Start)
	if endsWithAny(text[bs:be], []string{"和", "及", "与", "、"}) {
		bs, be = 0, 0 // 农村公路和120万平方米村内道路: the object follows
	}
	if be <= bs && prev == "" {
		if o := f.goalSubject(text, toks, cs, q.Start); o != "" {
			return o, 0
		}
	}
	if !f.isCountUnit(q.Unit) && be > bs && hasVerb(toks, be, q.Start) {
		// 拨出二十五亿元专项资金: a verb between the subject and the amount,
		// and a noun right after it: the noun is what the amount measures
		if s, e := f.objectAfter(text, toks, q, true); e > s {
			if o := f.objectText(text, toks, s, e); o != "" {
				return o, e
			}
		}
	}
	if be > bs {
		if o := f.objectText(text, toks, bs, be); o != "" {
			return o, 0
		}
	}
	if !f.isCountUnit(q.Unit) {
		// 拨出二十五亿元专项资金, 60%公办中小学校纳入
		if s, e := f.objectAfter(text, toks, q, true); e > s {
			if o := f.objectText(text, toks, s, e); o != "" {
				return o, e
			}
		}
	}
	return prev, 0
}

// goalSubject is the object of a value set by a bare verb clause after
// the clause naming a goal: 经济增长速度的宏观调控目标，定为百分之八至九 →
// 经济增长速度 (what the goal is of, before its 的). The value's clause
// [cs, p) must be at most four runes (定为, 确定为, 为).
func (f *Finder) goalSubject(text string, toks []segment.Token, cs, p int) string {
	if cs == 0 || utf8.RuneCountInString(strings.TrimSpace(text[cs:p])) > 4 {
		return ""
	}
	pe := strings.TrimRight(text[:cs], ", ")
	ps := strings.LastIndexAny(pe, ",;:。!?") + 1
	phrase := pe[ps:]
	if !endsWithAny(phrase, []string{"目标", "指标"}) {
		return ""
	}
	k := strings.LastIndex(phrase, "的")
	if k <= 0 {
		return ""
	}
	return f.objectText(text, toks, ps, ps+k)
}

// objectAfter returns the noun phrase after the unit: words up to a verb,
// a punctuation mark, 等 or 和, at most 16 runes (24 for a list with 、).
// A relative clause before 的 gives way to its head (3家在国内具有较强影响
// 力的综合型平台 → 综合型平台). nounFirst asks for a noun right after the
// unit (a measure such as 亿元 is followed by a verb as often as by its
// object).
func (f *Finder) objectAfter(text string, toks []segment.Token, q numeral.Quantity, nounFirst bool) (int, int) {
	sc := objectScan{f: f, text: text, toks: toks, seq: tokensFrom(toks, q.End), nounFirst: nounFirst,
		start: q.End, end: q.End, lastItem: -1}
	for i := range sc.seq {
		switch sc.step(i) {
		case scanAbort:
			return 0, 0
		case scanStop:
			return sc.stop()
		case scanFull:
			return sc.full()
		}
	}
	return sc.full()
}

// tokensFrom returns the tokens after byte p, a token straddling p cut at
// it (2000家规上 is cut as 家规).
func tokensFrom(toks []segment.Token, p int) []segment.Token {
	var seq []segment.Token
	for _, t := range toks {
		switch {
		case t.End <= p:
		case t.Start < p:
			seq = append(seq, segment.Token{Start: p, End: t.End, Pos: "n"})
		default:
			seq = append(seq, t)
		}
	}
	return seq
}

// scanVerdict is what one token does to the object phrase being scanned.
type scanVerdict int

const (
	scanTake  scanVerdict = iota // the token is part of the object
	scanSkip                     // the token moved the phrase's bounds itself
	scanStop                     // the object ends before the token
	scanFull                     // the object has its longest length
	scanAbort                    // there is no object
)

// objectScan is the state of objectAfter's left-to-right scan: the object
// is text[start:end]; quoted, list and clause say what the scan is inside.
type objectScan struct {
	f          *Finder
	text       string
	toks, seq  []segment.Token
	nounFirst  bool
	start, end int
	lastItem   int // end of the list before its last 、, or -1
	quoted     bool
	list       bool
	clause     bool
}

// stop ends the object at end; a last list item followed by a verb or a
// number is no item of the object (信号灯联网、累计达8000处).
func (sc *objectScan) stop() (int, int) {
	end := sc.end
	if sc.lastItem > 0 {
		r, _ := utf8.DecodeRuneInString(sc.text[end:])
		if end < len(sc.text) && !unicode.IsPunct(r) && !strings.HasPrefix(sc.text[end:], "的") && !strings.HasPrefix(sc.text[end:], "等") {
			end = sc.lastItem
		}
	}
	return sc.start, end
}

// full ends the object where the scan got to, without a trailing 、.
func (sc *objectScan) full() (int, int) {
	if strings.HasSuffix(sc.text[sc.start:sc.end], "、") {
		sc.end -= len("、")
	}
	return sc.start, sc.end
}

// step judges token i of the scan.
func (sc *objectScan) step(i int) scanVerdict {
	t := sc.seq[i]
	w := sc.text[t.Start:t.End]
	if i == 0 && sc.nounFirst && !nounish(t.Pos) {
		return scanAbort
	}
	if sc.inQuote(w, t) {
		return scanSkip
	}
	next := ""
	if i+1 < len(sc.seq) {
		next = sc.text[sc.seq[i+1].Start:sc.seq[i+1].End]
	}
	if v, ok := sc.mark(i, w, next); ok {
		return v
	}
	if v, ok := sc.boundary(t, w, next); ok {
		return v
	}
	if sc.verbEnds(i, w) {
		return scanStop
	}
	if t.Pos == "v" || t.Pos == "p" || t.Pos == "a" || t.Pos == "ad" || t.Pos == "d" {
		sc.clause = true
	}
	limit := 16
	if sc.list {
		limit = 24
	}
	if utf8.RuneCountInString(sc.text[sc.start:t.End]) > limit {
		return scanFull
	}
	sc.end = t.End
	return scanTake
}

// inQuote takes a quoted span whole into the object.
func (sc *objectScan) inQuote(w string, t segment.Token) bool {
	if w == "“" {
		sc.quoted = true
	}
	if w == "”" {
		sc.quoted = false
		sc.end = t.End
		return true
	}
	if sc.quoted {
		sc.end = t.End
	}
	return sc.quoted
}

// mark handles the marks that reshape the phrase instead of ending it: a
// list's 、, a relative clause's 的, and 等 closing examples.
func (sc *objectScan) mark(i int, w, next string) (scanVerdict, bool) {
	if sc.end <= sc.start || i+1 >= len(sc.seq) {
		return 0, false
	}
	nr, _ := utf8.DecodeRuneInString(next)
	if !unicode.Is(unicode.Han, nr) {
		return 0, false
	}
	t, nt := sc.seq[i], sc.seq[i+1]
	switch {
	case w == "、" && !startsNumeral(next):
		sc.list = true // 智能工厂、数字化车间
		sc.lastItem = sc.end
		sc.end = t.End
		return scanSkip, true
	case w == "的" && sc.clause && !strings.HasPrefix(nt.Pos, "c") && !strings.HasPrefix(nt.Pos, "u"):
		sc.start, sc.end, sc.clause = t.End, t.End, false // a relative clause: keep its head
		return scanSkip, true
	case w == "等" && strings.HasPrefix(nt.Pos, "n"):
		sc.start, sc.end, sc.lastItem, sc.list = nt.Start, nt.Start, -1, false // 林区、垦区、煤矿等棚户区居民
		return scanSkip, true
	}
	return 0, false
}

// boundary reports the words and marks that end the object: punctuation,
// a conjunction, the next quantity, an adverb or preposition after the
// head, a 以上/以下 bound.
func (sc *objectScan) boundary(t segment.Token, w, next string) (scanVerdict, bool) {
	r, _ := utf8.DecodeRuneInString(w)
	nr, _ := utf8.DecodeRuneInString(next)
	begun := sc.end > sc.start
	switch {
	case unicode.IsPunct(r) || unicode.IsSpace(r) || w == "的" || w == "等" || w == "和" || w == "及":
		return scanStop, true
	case begun && startsNumeral(w):
		return scanStop, true // 开发区2个: the next quantity
	case begun && !sc.clause && (t.Pos == "d" || t.Pos == "ad" || t.Pos == "p" || sc.f.objAdverb[w]):
		return scanStop, true // 项目已经部分地投入生产
	case (w == "以上" || w == "以下") && (!begun || !unicode.Is(unicode.Han, nr)):
		return scanStop, true
	}
	return 0, false
}

// verbEnds reports a verb that ends the object (not a verb modifying the
// noun after it, 技术改造项目, nor one opening a relative clause).
func (sc *objectScan) verbEnds(i int, w string) bool {
	t := sc.seq[i]
	if sc.end <= sc.start {
		return false
	}
	modifier := t.Pos != "v" && i+1 < len(sc.seq) && strings.HasPrefix(sc.seq[i+1].Pos, "n")
	ends := sc.f.isVerb(w, t.Pos) && !modifier ||
		strings.HasPrefix(t.Pos, "v") && clauseFinal(sc.text, sc.toks, i) || // (sic: i indexes seq; kept as it was)
		sc.nounFirst && t.Pos == "v"
	return ends && !sc.f.relative(sc.text, sc.seq[i:])
}

// relative reports a verb that opens a relative clause ending in 的 before
// a noun within a few words (具有较强影响力的平台).
func (f *Finder) relative(text string, seq []segment.Token) bool {
	for i, t := range seq {
		if i > 6 {
			return false
		}
		w := text[t.Start:t.End]
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsPunct(r) {
			return false
		}
		if w == "的" {
			return i+1 < len(seq) && strings.HasPrefix(seq[i+1].Pos, "n")
		}
	}
	return false
}

// startsNumeral reports a word that starts with a digit or a Chinese numeral.
func startsNumeral(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r) || strings.ContainsRune("零〇一二两三四五六七八九十百千万亿", r)
}

// objectBefore returns the noun phrase before the number at p in its
// clause: after stripping the words between an object and its number,
// the words back to a verb, a marker or the clause start.
func (f *Finder) objectBefore(text string, toks []segment.Token, cs, p int) (int, int) {
	end := f.stripTail(text, boundaries(toks), cs, p)
	seq := tokensWithin(toks, cs, end)
	start := end
	for j := len(seq) - 1; j >= 0 && !f.endsBefore(text, seq, j, end); j-- {
		start = seq[j].Start
	}
	return start, end
}

// tokensWithin returns the tokens starting in [from, to), the last cut at to.
func tokensWithin(toks []segment.Token, from, to int) []segment.Token {
	var seq []segment.Token
	for _, t := range toks {
		switch {
		case t.Start < from || t.Start >= to:
		case t.End > to:
			seq = append(seq, segment.Token{Start: t.Start, End: to, Pos: t.Pos})
		default:
			seq = append(seq, t)
		}
	}
	return seq
}

// endsBefore reports that token j of seq is no part of the object that
// ends at end, scanning leftwards: punctuation, a policy verb (unless a
// verbal noun right before the number), a marker, a frame word, or a
// phrase longer than 20 runes.
func (f *Finder) endsBefore(text string, seq []segment.Token, j, end int) bool {
	t := seq[j]
	w := text[t.Start:t.End]
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsPunct(r) && w != "“" && w != "”" && !decimalPoint(text, t) || unicode.IsSpace(r) {
		return true
	}
	if f.lex.Stage(w) != "" && !strings.HasPrefix(t.Pos, "n") && !f.verbalNounLast(text, seq, j, end) {
		return true
	}
	if f.tj.IsMarker(w) || f.verbs[w] && strings.HasPrefix(t.Pos, "v") && !f.isDirWord(w) || w == "的" || w == "在" || w == "是" || w == "对" ||
		f.frame[w] && w != "和" && w != "与" && !strings.HasSuffix(text[:t.Start], "占") {
		return true
	}
	return utf8.RuneCountInString(text[t.Start:end]) > 20
}

// verbalNounLast reports 违法建设, 道路建设: a verbal noun right before the
// number belongs to the object when a noun or verbal noun precedes it.
func (f *Finder) verbalNounLast(text string, seq []segment.Token, j, end int) bool {
	if seq[j].End != end || j == 0 {
		return false
	}
	prev := seq[j-1]
	return f.lex.Stage(text[prev.Start:prev.End]) == "" &&
		(strings.HasPrefix(prev.Pos, "n") || prev.Pos == "vn" || prev.Pos == "v")
}

// hasVerb reports a verb among the words in [from, to).
func hasVerb(toks []segment.Token, from, to int) bool {
	for _, t := range toks {
		if t.Start >= from && t.End <= to && t.Pos == "v" {
			return true
		}
	}
	return false
}

// prefixOf returns the first of words (longest first) that opens s, or "".
func prefixOf(s string, words []string) string {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return w
		}
	}
	return ""
}

// isBareMultiplier reports a unit that is a multiplier alone (70万妇女):
// the counted thing follows it.
func isBareMultiplier(u string) bool {
	return u != "" && strings.Trim(u, "万亿") == ""
}

// isWord reports a gse word spanning exactly [start, end) (等 alone, not
// inside 高等学校).
func isWord(toks []segment.Token, start, end int) bool {
	for _, t := range toks {
		if t.Start == start {
			return t.End == end
		}
	}
	return false
}

// decimalPoint reports a word "." between digits (PM2.5).
func decimalPoint(text string, t segment.Token) bool {
	if text[t.Start:t.End] != "." || t.Start == 0 || t.End >= len(text) {
		return false
	}
	return isDigit(text[t.Start-1]) && isDigit(text[t.End])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// nounish reports a POS that may open a noun phrase (n…, vn, s, j, l, b).
func nounish(pos string) bool {
	switch {
	case strings.HasPrefix(pos, "n"), pos == "vn", pos == "s", pos == "j", pos == "l", pos == "b":
		return true
	}
	return false
}
