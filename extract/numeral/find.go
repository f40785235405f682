package numeral

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	datafile "github.com/planlens/planlens/extract/lexicon"
)

// Approximators of a quantity (the same strings as schema's Approx*).
const (
	Exact   = "exact"
	Over    = "over"     // 余 多 超过 突破
	AtLeast = "at_least" // 以上 不少于 不低于
	AtMost  = "at_most"  // 以内 以下 不超过 控制在
	About   = "about"    // 左右 约 近
)

// Quantity is a number with its unit found in a text. Offsets are bytes
// into the text given to Find.
type Quantity struct {
	// Start and End span the whole quantity, approximators included
	// (控制在5%以内, 70余项, 3至5个).
	Start, End int
	// NumStart is where the number itself starts (after 约, 不少于 ...);
	// UnitStart and UnitEnd span the unit (empty for none).
	NumStart, UnitStart, UnitEnd int
	// Value is the number as written, multiplier excluded (1.2万人 → 1.2);
	// ValueMax is the upper end of a range when HasMax.
	Value, ValueMax float64
	HasMax          bool
	// Approx is Exact, Over, AtLeast, AtMost or About.
	Approx string
	// Unit is the unit as written with its multiplier (万人, 亿元, %).
	Unit string
	// Scaled and ScaledMax are the values with the unit's multiplier
	// applied, in BaseUnit (1.2万人 → 12000 人); set when HasScale.
	Scaled, ScaledMax float64
	HasScale          bool
	BaseUnit          string
	// Chinese reports a number written with Chinese numerals.
	Chinese bool
}

//go:embed units.txt
var unitsData string

//go:embed bound.txt
var boundData string

//go:embed glue.txt
var glueData string

// lexicon holds the embedded word lists; it is built once and never
// modified.
type lexicon struct {
	units    []string // longest first
	bound    map[rune]bool
	glue     map[string]string // unit → characters that glue to it
	maxUnitN int
}

// lex is the embedded lexicon. The data are part of the binary: a bad
// line is a build bug, reported at start-up with its file and line.
var lex = mustLexicon(unitsData, boundData, glueData)

func mustLexicon(units, bound, glue string) *lexicon {
	l, err := parseLexicon(units, bound, glue)
	if err != nil {
		panic(err)
	}
	return l
}

// parseLexicon reads units.txt (one unit a line), bound.txt (one
// character a line) and glue.txt (unit<TAB>characters).
func parseLexicon(units, bound, glue string) (*lexicon, error) {
	l := &lexicon{bound: map[rune]bool{}, glue: map[string]string{}}
	if err := datafile.Each("glue.txt", glue, 2, 2, func(r datafile.Row) error {
		l.glue[r.Fields[0]] += r.Fields[1]
		return nil
	}); err != nil {
		return nil, fmt.Errorf("numeral: %w", err)
	}
	var err error
	if l.units, err = datafile.Words("units.txt", units); err != nil {
		return nil, fmt.Errorf("numeral: %w", err)
	}
	// longest first so that 人次 wins over 人 and 千瓦时 over 千瓦
	for i := 1; i < len(l.units); i++ {
		for j := i; j > 0 && len(l.units[j]) > len(l.units[j-1]); j-- {
			l.units[j], l.units[j-1] = l.units[j-1], l.units[j]
		}
	}
	if err := datafile.Each("bound.txt", bound, 1, 1, func(r datafile.Row) error {
		c, size := utf8.DecodeRuneInString(r.Fields[0])
		if size != len(r.Fields[0]) {
			return fmt.Errorf("want one character, got %q", r.Fields[0])
		}
		l.bound[c] = true
		return nil
	}); err != nil {
		return nil, fmt.Errorf("numeral: %w", err)
	}
	return l, nil
}

// IsUnit reports whether u is a unit or measure word of the lexicon, with
// or without a 万/亿 multiplier.
func IsUnit(u string) bool {
	_, base := splitUnitMultiplier(u)
	for _, w := range lex.units {
		if w == base {
			return true
		}
	}
	return false
}

func splitUnitMultiplier(u string) (int, string) {
	exp := 0
	for {
		r, size := utf8.DecodeRuneInString(u)
		e, ok := bigUnitExp(r)
		if !ok || size == len(u) {
			break
		}
		exp += e
		u = u[size:]
	}
	return exp, u
}

// matchUnit returns the base unit starting at s[i:], or "": none when the
// unit makes a word with the character after it (人民, 家庭).
func matchUnit(s string, i int) string {
	for _, w := range lex.units {
		if strings.HasPrefix(s[i:], w) {
			if g := lex.glue[w]; g != "" {
				if r, _ := utf8.DecodeRuneInString(s[i+len(w):]); strings.ContainsRune(g, r) {
					return ""
				}
			}
			return w
		}
	}
	return ""
}

var (
	// prefixApprox: notAfter lists characters that make a word with a
	// one-character approximator (签约, 节约, 附近, 最近): no approximator then.
	prefixApprox = []struct{ word, approx, notAfter string }{
		{"不少于", AtLeast, ""}, {"不低于", AtLeast, ""}, {"不小于", AtLeast, ""}, {"至少", AtLeast, ""},
		{"不超过", AtMost, ""}, {"不高于", AtMost, ""}, {"不多于", AtMost, ""}, {"最多", AtMost, ""}, {"控制在", AtMost, ""},
		{"低于", AtMost, ""}, {"小于", AtMost, ""}, {"高于", Over, ""}, {"大于", Over, ""},
		{"超过", Over, ""}, {"突破", Over, ""}, {"逾", Over, ""}, {"超", Over, "赶"},
		{"过", Over, "通经度不超错路难太越穿透胜跨"},
		{"大约", About, ""}, {"约", About, "签节制集履违预契公条相邀特婚简"}, {"将近", About, ""}, {"接近", About, ""},
		{"近", About, "附最邻就靠贴亲远迫接将"},
	}
	suffixApprox = []struct{ word, approx string }{
		{"左右", About}, {"上下", About},
		{"及以上", AtLeast}, {"以上", AtLeast},
		{"以内", AtMost}, {"之内", AtMost}, {"以下", AtMost},
	}
	// perUnits may follow a slash although they are no unit of their own
	// (元/年, 元/月, 公里/小时).
	perUnits  = []string{"小时", "年", "月", "日", "天"}
	rangeSeps = []string{"至", "到", "~", "—", "–", "-", "－", "～"}
)

// number is a numeral read at some position.
type number struct {
	start, end int
	dec        string // plain decimal string of the value, multiplier excluded
	maxDec     string // upper end of an adjacent-digit range (两三)
	exp        int    // power of ten of the trailing 万/亿 multiplier
	mult       string // the multiplier as written (万, 亿, 万亿)
	chinese    bool
	percent    string // "%" or "‰" for 百分之/千分之
	bare       bool   // Chinese numeral without a leading digit (千, 百万)
}

// readNumber reads a numeral at s[i:]; ok is false when there is none.
func readNumber(s string, i int) (number, bool) {
	n := number{start: i}
	switch {
	case strings.HasPrefix(s[i:], "百分之"):
		n.percent = "%"
		i += len("百分之")
	case strings.HasPrefix(s[i:], "千分之"):
		n.percent = "‰"
		i += len("千分之")
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	switch {
	case isASCIIDigit(r):
		if !n.readArabic(s, i) {
			return n, false
		}
	case isChineseNumeralRune(r):
		n.chinese = true
		n.end = chineseNumeralEnd(s, i)
		if !n.readChinese(s[i:n.end]) {
			return n, false
		}
	default:
		return n, false
	}
	// The trailing 万/亿 of the numeral is the unit's multiplier.
	n.splitMult(s, i)
	return n, true
}

// readArabic reads Arabic digits at i, with their separators and a
// following 十/百/千 scale, and sets n.dec and n.end.
func (n *number) readArabic(s string, i int) bool {
	j := arabicEnd(s, i)
	dec, err := parseArabic(foldDecimalDots(s[i:j]))
	if err != nil {
		return false
	}
	n.dec = dec
	// 十 百 千 right after Arabic digits scale the value (3千, 5千万),
	// unless they start a unit (3千瓦, 5千米).
	for j < len(s) && matchUnit(s, j) == "" {
		r, size := utf8.DecodeRuneInString(s[j:])
		u, ok := smallUnitOf(r)
		if !ok {
			break
		}
		n.dec = shiftDecimal(n.dec, len(strings.TrimLeft(itoa(u), "1")))
		j += size
	}
	// 万 亿 after them are the unit's multiplier (1.2万人, 3541.07万元)
	for j < len(s) && matchUnit(s, j) == "" {
		r, size := utf8.DecodeRuneInString(s[j:])
		if _, ok := bigUnitExp(r); !ok {
			break
		}
		j += size
	}
	n.end = j
	return true
}

// arabicEnd returns the end of the Arabic number at i: digits, a decimal
// point or thousands comma followed by digits, a middle dot of older
// texts as the decimal point (4·3%).
func arabicEnd(s string, i int) int {
	j := i
	for j < len(s) {
		c := s[j]
		if isASCIIDigit(rune(c)) {
			j++
			continue
		}
		// a separator must be followed by a digit
		if (c == '.' || c == ',') && j+1 < len(s) && isASCIIDigit(rune(s[j+1])) {
			if c == ',' && !(j+3 < len(s)+0 && threeDigits(s, j+1)) {
				return j
			}
			j++
			continue
		}
		if size := decimalDotAt(s, j); size > 0 && j+size < len(s) && isASCIIDigit(rune(s[j+size])) {
			j += size
			continue
		}
		return j
	}
	return j
}

// chineseNumeralEnd returns the end of the Chinese numeral at i: numeral
// characters, 点 before a digit, and ○ between digits (二百○八, 一九八○年).
func chineseNumeralEnd(s string, i int) int {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		next, _ := utf8.DecodeRuneInString(s[j+size:])
		_, nextDigit := digitOf(next)
		switch {
		case isChineseNumeralRune(r):
		case r == '点' && nextDigit:
		case r == '○' && j > i && (isChineseNumeralRune(next) || next == '○'):
		default:
			return j
		}
		j += size
	}
	return j
}

func threeDigits(s string, i int) bool {
	if i+3 > len(s) {
		return false
	}
	for k := i; k < i+3; k++ {
		if !isASCIIDigit(rune(s[k])) {
			return false
		}
	}
	return i+3 == len(s) || !isASCIIDigit(rune(s[i+3]))
}

func itoa(u int64) string {
	switch u {
	case 10:
		return "10"
	case 100:
		return "100"
	}
	return "1000"
}

// readChinese sets dec (and maxDec for 两三, 三四十) from a Chinese numeral
// run, which may end with a multiplier that splitMult removes later.
func (n *number) readChinese(run string) bool {
	first, size := utf8.DecodeRuneInString(run)
	if _, ok := digitOf(first); !ok && first != '十' && first != '拾' {
		n.bare = true
	}
	// adjacent digits: 两三个, 三四十个, 七八千
	if d1, ok := digitOf(first); ok && d1 > 0 {
		second, size2 := utf8.DecodeRuneInString(run[size:])
		if d2, ok := digitOf(second); ok && d2 == d1+1 && first != '〇' {
			rest := run[size+size2:]
			mult := int64(1)
			if rest != "" {
				r3, s3 := utf8.DecodeRuneInString(rest)
				u, ok := smallUnitOf(r3)
				if !ok {
					if _, big := bigUnitExp(r3); !big {
						return false
					}
					u = 1
					s3 = 0
				}
				mult = u
				rest = rest[s3:]
				for _, r := range rest {
					if _, big := bigUnitExp(r); !big {
						return false
					}
				}
			}
			n.dec = itoa64(int64(d1) * mult)
			n.maxDec = itoa64(int64(d2) * mult)
			return true
		}
	}
	return true
}

func itoa64(v int64) string {
	var b [20]byte
	i := len(b)
	if v == 0 {
		return "0"
	}
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b[i:])
}

// splitMult moves a trailing 万/亿 of the numeral text s[i:n.end] into
// n.mult and computes n.dec for Chinese numerals.
func (n *number) splitMult(s string, i int) {
	text := s[i:n.end]
	core, exp := text, 0
	for {
		r, size := utf8.DecodeLastRuneInString(core)
		e, ok := bigUnitExp(r)
		if !ok || len(core) == size {
			break
		}
		exp += e
		core = core[:len(core)-size]
	}
	if n.chinese && n.maxDec == "" {
		if exp > 0 && maxBigUnitExp(core) > exp {
			// 三亿五千万: the whole run is one numeral (一万六千七百七十亿
			// is 16770 of 亿)
			core, exp = text, 0
		}
		dec, err := parseChinese(core)
		if err != nil {
			n.dec = ""
			return
		}
		n.dec = dec
	}
	if exp > 0 {
		n.mult = text[len(core):]
		n.exp = exp
	}
}

// maxBigUnitExp returns the power of ten of the largest 万/亿 in s, or 0.
func maxBigUnitExp(s string) int {
	m := 0
	for _, r := range s {
		if e, ok := bigUnitExp(r); ok && e > m {
			m = e
		}
	}
	return m
}

// Find returns the quantities of s: numbers followed by a unit or measure
// word (9所, 1.2万人, 5%, 百分之五, 两三个, 3至5个, 控制在5%以内), in order.
// Numbers inside words (统一, 十一学校, 四环路), ordinals (第二), codes
// (5G, G20) and numbers without a unit (years, 12345) are not quantities.
func Find(s string) []Quantity {
	var out []Quantity
	for i := 0; i < len(s); {
		q, ok := quantityAt(s, i)
		if !ok {
			_, size := utf8.DecodeRuneInString(s[i:])
			// skip the rest of a numeral run so that 十一 does not yield 一
			j := i + size
			if startsNumber(s, i) {
				for j < len(s) {
					r, sz := utf8.DecodeRuneInString(s[j:])
					if !isChineseNumeralRune(r) && !isASCIIDigit(r) && r != '.' && r != ',' && r != '点' {
						break
					}
					j += sz
				}
			}
			i = j
			continue
		}
		out = append(out, q)
		i = q.End
	}
	return out
}

func startsNumber(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isASCIIDigit(r) || isChineseNumeralRune(r)
}

// quantityAt reads a quantity whose number starts at s[i:] (possibly after
// an approximator word that starts there).
func quantityAt(s string, i int) (Quantity, bool) {
	q := Quantity{Start: i, Approx: Exact}
	j, ok := openQuantity(s, i, &q)
	if !ok {
		return q, false
	}
	n, ok := readNumber(s, j)
	if !ok || n.dec == "" {
		return q, false
	}
	q.NumStart = j
	q.Chinese = n.chinese
	if n.maxDec != "" {
		q.Approx = About
	}
	// unit of the first number, and a range to a second one
	u := unitAfter(s, n.end, &n)
	if u.over {
		q.Approx = Over
	}
	lo, hi := n, number{}
	if m, u2, ok := rangeEnd(s, u, n); ok {
		hi = m
		// express the low end in the high end's multiplier
		// (3至5万人 shares the multiplier; 5000至1万个 does not)
		if lo.exp != u2.exp && (lo.exp > 0 || mustFloat(lo.dec) >= mustFloat(m.dec)) {
			lo.dec = shiftByExp(lo.dec, lo.exp-u2.exp)
		}
		u = u2
		if u2.over {
			q.Approx = Over
		}
	}
	if u.unit == "" {
		return q, false
	}
	if n.bare && !(u.mult != "" && strings.HasPrefix(s[u.end:], "级")) {
		// 千家万户, 百万亩: a bare 千/百/万 is a word, except in 千亿级
		return q, false
	}
	q.setValues(u, n, lo, hi)
	q.End = u.end
	for _, a := range suffixApprox {
		if strings.HasPrefix(s[u.end:], a.word) {
			q.Approx = a.approx
			q.End = u.end + len(a.word)
			break
		}
	}
	return q, true
}

// openQuantity reads an approximator before the number (约, 超过 …) into
// q and returns where the number starts, or false when none starts there.
func openQuantity(s string, i int, q *Quantity) (int, bool) {
	j := i
	for _, p := range prefixApprox {
		if strings.HasPrefix(s[i:], p.word) {
			if prev, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && strings.ContainsRune(p.notAfter, prev) {
				return 0, false
			}
			q.Approx = p.approx
			j = i + len(p.word)
			break
		}
	}
	if j > i && !strings.HasPrefix(s[j:], "百分之") && !startsNumber(s, j) {
		return 0, false
	}
	if j == i && !strings.HasPrefix(s[i:], "百分之") && !strings.HasPrefix(s[i:], "千分之") && !startsNumber(s, i) {
		return 0, false
	}
	return j, leftOK(s, j)
}

// unitSpan is the unit read after a number: its text and bytes, the
// power of ten and multiplier it carries, and whether it says "over".
type unitSpan struct {
	unit       string
	exp        int
	mult       string
	start, end int
	over       bool
}

// unitAfter reads the unit at k after the number n; a 百分之 number's unit
// is its percent sign, though nothing follows it.
func unitAfter(s string, k int, n *number) unitSpan {
	var u unitSpan
	u.unit, u.exp, u.mult, u.start, u.end, u.over = readUnit(s, k, n)
	if n.percent != "" {
		u.unit, u.start, u.end = n.percent, k, k
	}
	return u
}

// rangeEnd reads the high end of a range after the first number n and
// its unit first (3至5万人, 百分之八至九), when its unit agrees.
func rangeEnd(s string, first unitSpan, n number) (number, unitSpan, bool) {
	sepEnd, ok := rangeSep(s, first.end)
	if !ok {
		return number{}, unitSpan{}, false
	}
	m, ok := readNumber(s, sepEnd)
	if !ok || m.dec == "" || m.maxDec != "" || m.chinese != n.chinese || !leftRangeOK(s, sepEnd) {
		return number{}, unitSpan{}, false
	}
	u := unitAfter(s, m.end, &m)
	if m.percent == "" && u.unit == "" && n.percent != "" && !strings.HasPrefix(s[m.end:], "年") && !strings.HasPrefix(s[m.end:], "月") &&
		!strings.HasPrefix(s[m.end:], "日") && mustFloat(m.dec) > mustFloat(n.dec) {
		// 百分之八至九: the 百分之 of the low end covers a rising
		// range (not 由百分之三十九点七到一九五七年)
		u.unit, u.start, u.end = n.percent, m.end, m.end
	}
	if u.unit == "" || first.unit != "" && first.unit != u.unit && first.unit != n.mult {
		return number{}, unitSpan{}, false
	}
	return m, u, true
}

// setValues fills q's unit, value, range and scaled values from the unit
// u, the first number n, and the range's low and high ends.
func (q *Quantity) setValues(u unitSpan, n, lo, hi number) {
	q.Unit = u.unit
	q.UnitStart, q.UnitEnd = u.start, u.end
	maxDec := n.maxDec // 两三个, 七八十
	if hi.dec != "" {
		maxDec = hi.dec
	}
	q.Value = mustFloat(lo.dec)
	if maxDec != "" {
		q.ValueMax = mustFloat(maxDec)
		q.HasMax = true
	}
	if u.exp > 0 {
		q.HasScale = true
		q.BaseUnit = strings.TrimPrefix(u.unit, u.mult)
		q.Scaled = mustFloat(shiftDecimal(lo.dec, u.exp))
		if q.HasMax {
			q.ScaledMax = mustFloat(shiftDecimal(maxDec, u.exp))
		}
	}
}

func shiftByExp(dec string, e int) string {
	if e >= 0 {
		return shiftDecimal(dec, e)
	}
	// divide by 10^-e
	intPart, frac, _ := strings.Cut(dec, ".")
	for ; e < 0; e++ {
		if intPart == "" {
			intPart = "0"
		}
		frac = intPart[len(intPart)-1:] + frac
		intPart = intPart[:len(intPart)-1]
	}
	if intPart == "" {
		intPart = "0"
	}
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		return intPart
	}
	return intPart + "." + frac
}

// readUnit reads the unit after a number ending at k: the number's
// multiplier (or one written after 余: 七十余万人), an optional 余/多, a base
// unit from the lexicon and an optional /unit. It returns the unit as
// written without 余/多, the multiplier's power of ten and text, where the
// unit starts and ends, and whether 余/多 was met.
func readUnit(s string, k int, n *number) (unit string, exp int, mult string, start, end int, over bool) {
	start = k
	for _, w := range []string{"余", "多"} {
		if strings.HasPrefix(s[k:], w) {
			over = true
			k += len(w)
			break
		}
	}
	if n.mult == "" {
		p := k
		e := 0
		for p < len(s) && matchUnit(s, p) == "" {
			r, size := utf8.DecodeRuneInString(s[p:])
			x, ok := bigUnitExp(r)
			if !ok {
				break
			}
			e += x
			p += size
		}
		if p > k {
			n.mult, n.exp = s[k:p], e
			k = p
		}
	}
	if !over {
		for _, w := range []string{"余", "多"} {
			if strings.HasPrefix(s[k:], w) && matchUnit(s, k+len(w)) != "" {
				over = true
				k += len(w)
				break
			}
		}
	}
	if n.mult == "" {
		start = k
	}
	base := matchUnit(s, k)
	if base == "" {
		if n.mult == "" {
			return "", 0, "", k, k, over
		}
		unit, end = n.mult, k
	} else {
		unit, end = n.mult+base, k+len(base)
	}
	// compound units: 万元/人, 微克/立方米, 人/百亿元
	if base != "" && strings.HasPrefix(s[end:], "/") {
		p := end + 1
		pre := p
		for p < len(s) {
			r, size := utf8.DecodeRuneInString(s[p:])
			if _, ok := bigUnitExp(r); !ok {
				if _, ok := smallUnitOf(r); !ok {
					break
				}
			}
			p += size
		}
		b2 := matchUnit(s, p)
		if b2 == "" {
			for _, w := range perUnits {
				if strings.HasPrefix(s[p:], w) {
					b2 = w
					break
				}
			}
		}
		if b2 != "" {
			unit += "/" + s[pre:p] + b2
			end = p + len(b2)
		}
	}
	return unit, n.exp, n.mult, start, end, over
}

func rangeSep(s string, k int) (int, bool) {
	for _, sep := range rangeSeps {
		if strings.HasPrefix(s[k:], sep) {
			return k + len(sep), true
		}
	}
	return k, false
}

func leftRangeOK(s string, i int) bool { return i < len(s) }

// leftOK checks the left context of a number starting at s[i:].
func leftOK(s string, i int) bool {
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	r, _ := utf8.DecodeRuneInString(s[i:])
	if prev < utf8.RuneSelf && (unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == '.' || prev == '+' || prev == '#' || prev == '/') {
		return false // 5G, G20, 3+X, No.5
	}
	if prev == '第' {
		return false
	}
	if !isASCIIDigit(r) && lex.bound[prev] {
		return false
	}
	return true
}

func mustFloat(dec string) float64 {
	v, err := Parse(dec)
	if err != nil {
		return 0
	}
	return v
}
