// Package numeral parses Chinese and Arabic numerals and finds quantities
// (number, range, approximator, unit) in normalised Chinese text.
//
// Values are computed from digit strings (strconv.ParseFloat on a built
// decimal string), so 百分之一点五七 is exactly 1.57 and 1.2万 exactly 12000.
package numeral

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrSyntax reports a string that is not a numeral.
var ErrSyntax = errors.New("numeral: invalid syntax")

// digitOf maps Chinese digits (plain and financial) to their values.
func digitOf(r rune) (int, bool) {
	switch r {
	case '零', '〇':
		return 0, true
	case '一', '壹':
		return 1, true
	case '二', '两', '贰', '貳':
		return 2, true
	case '三', '叁', '參':
		return 3, true
	case '四', '肆':
		return 4, true
	case '五', '伍':
		return 5, true
	case '六', '陆', '陸':
		return 6, true
	case '七', '柒':
		return 7, true
	case '八', '捌':
		return 8, true
	case '九', '玖':
		return 9, true
	}
	return 0, false
}

// smallUnitOf maps 十 百 千 (and financial forms) to their values.
func smallUnitOf(r rune) (int64, bool) {
	switch r {
	case '十', '拾':
		return 10, true
	case '百', '佰':
		return 100, true
	case '千', '仟':
		return 1000, true
	}
	return 0, false
}

// bigUnitExp maps 万 and 亿 to their powers of ten.
func bigUnitExp(r rune) (int, bool) {
	switch r {
	case '万', '萬':
		return 4, true
	case '亿', '億':
		return 8, true
	}
	return 0, false
}

// isChineseNumeralRune reports whether r can be part of a Chinese numeral.
func isChineseNumeralRune(r rune) bool {
	if _, ok := digitOf(r); ok {
		return true
	}
	if _, ok := smallUnitOf(r); ok {
		return true
	}
	_, ok := bigUnitExp(r)
	return ok
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// Parse converts a bare numeral to its value: Arabic (1,234.5), Chinese
// (三千五百, 一点五七, 二〇二六), financial (伍仟) or mixed (1.2万, 3千).
// Percent signs and units are not part of a bare numeral.
func Parse(s string) (float64, error) {
	dec, err := parseDecimal(s)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseFloat(dec, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %q", ErrSyntax, s)
	}
	return v, nil
}

// parseDecimal converts a bare numeral to a plain decimal string
// ("12000", "1.57").
func parseDecimal(s string) (string, error) {
	if s == "" {
		return "", fmt.Errorf("%w: empty", ErrSyntax)
	}
	// Trailing multipliers (万, 亿, 千 after Arabic digits).
	core, exp := splitMultiplier(foldDecimalDots(s))
	r, _ := utf8.DecodeRuneInString(core)
	var dec string
	var err error
	if isASCIIDigit(r) {
		dec, err = parseArabic(core)
	} else {
		if core != s && containsBigUnit(core) {
			// 三亿五千万: the trailing 万 belongs to the Chinese numeral.
			core, exp = s, 0
		}
		dec, err = parseChinese(core)
	}
	if err != nil {
		return "", fmt.Errorf("%w: %q", ErrSyntax, s)
	}
	return shiftDecimal(dec, exp), nil
}

// decimalDots are the marks older texts put for a decimal point between
// Arabic digits (4·3％, 4・3％, 4．3％): the middle dot, the katakana
// middle dot, its half-width form and the full-width full stop.
var decimalDots = []string{"·", "・", "･", "．"}

// decimalDotAt returns the byte length of a decimal-point mark at s[i:],
// or 0.
func decimalDotAt(s string, i int) int {
	for _, d := range decimalDots {
		if strings.HasPrefix(s[i:], d) {
			return len(d)
		}
	}
	return 0
}

// foldDecimalDots writes every decimal-point mark of s as '.'.
func foldDecimalDots(s string) string {
	for _, d := range decimalDots {
		s = strings.ReplaceAll(s, d, ".")
	}
	return s
}

func containsBigUnit(s string) bool { return strings.ContainsAny(s, "万萬亿億") }

// splitMultiplier strips trailing 万/亿 (and 十/百/千 right after Arabic
// digits) and returns the rest with the power of ten they stand for.
func splitMultiplier(s string) (string, int) {
	exp := 0
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		if e, ok := bigUnitExp(r); ok && len(s) > size {
			exp += e
			s = s[:len(s)-size]
			continue
		}
		if u, ok := smallUnitOf(r); ok && len(s) > size {
			prev, _ := utf8.DecodeLastRuneInString(s[:len(s)-size])
			if isASCIIDigit(prev) {
				exp += len(strconv.FormatInt(u, 10)) - 1
				s = s[:len(s)-size]
				continue
			}
		}
		break
	}
	return s, exp
}

// parseArabic validates an Arabic numeral with optional thousands
// separators and decimals and returns it without separators.
func parseArabic(s string) (string, error) {
	var b strings.Builder
	intDigits, group, sawComma, sawDot, fracDigits := 0, 0, false, false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
			if sawDot {
				fracDigits++
			} else {
				intDigits++
				group++
			}
		case c == ',' && !sawDot:
			if intDigits == 0 || (sawComma && group != 3) || (!sawComma && group > 3) {
				return "", ErrSyntax
			}
			sawComma, group = true, 0
		case c == '.' && !sawDot:
			if intDigits == 0 || (sawComma && group != 3) {
				return "", ErrSyntax
			}
			sawDot = true
			b.WriteByte('.')
		default:
			return "", ErrSyntax
		}
	}
	if intDigits == 0 || (sawDot && fracDigits == 0) || (sawComma && !sawDot && group != 3) {
		return "", ErrSyntax
	}
	return b.String(), nil
}

// parseChinese converts a Chinese numeral (with an optional 点 fraction)
// to a decimal string.
func parseChinese(s string) (string, error) {
	s = strings.ReplaceAll(s, "○", "〇")
	intPart, frac, hasPoint := strings.Cut(s, "点")
	var fb strings.Builder
	if hasPoint {
		if frac == "" {
			return "", ErrSyntax
		}
		for _, r := range frac {
			d, ok := digitOf(r)
			if !ok || r == '两' {
				return "", ErrSyntax
			}
			fb.WriteByte(byte('0' + d))
		}
	}
	n, err := parseChineseInt(intPart)
	if err != nil {
		return "", err
	}
	out := strconv.FormatInt(n, 10)
	if hasPoint {
		out += "." + fb.String()
	}
	return out, nil
}

// maxChinese bounds Chinese integers so that int64 arithmetic cannot
// overflow (10^16, i.e. 一亿亿).
const maxChinese = int64(1e16)

// parseChineseInt converts a Chinese integer numeral: positional digit
// strings (二〇二六) or the unit form (三千五百万零六).
func parseChineseInt(s string) (int64, error) {
	if s == "" {
		return 0, ErrSyntax
	}
	// positional digit strings: 二〇二六, 一九九八; two digits without a
	// zero (三五) are a range, not a number
	positional := utf8.RuneCountInString(s) > 2 || strings.ContainsAny(s, "〇零") && utf8.RuneCountInString(s) > 1
	for _, r := range s {
		if _, ok := digitOf(r); !ok || r == '两' {
			positional = false
			break
		}
	}
	if positional {
		if len(s) > 3*16 {
			return 0, ErrSyntax
		}
		var n int64
		for _, r := range s {
			d, _ := digitOf(r)
			n = n*10 + int64(d)
		}
		return n, nil
	}
	var total, wan, section, number int64
	lastSmall := int64(100000) // value of the last 十/百/千 in this section
	lastBig := 100             // exponent of the last 万/亿
	hasNumber := false
	for _, r := range s {
		if d, ok := digitOf(r); ok {
			if hasNumber {
				return 0, ErrSyntax // 三五 inside a unit form
			}
			number, hasNumber = int64(d), d != 0
			continue
		}
		if u, ok := smallUnitOf(r); ok {
			if u >= lastSmall {
				return 0, ErrSyntax // 十十, 百千
			}
			if !hasNumber {
				lead := section == 0 && wan == 0 && total == 0
				if u != 10 && !lead {
					return 0, ErrSyntax // 三百千 without a digit
				}
				number = 1 // 十五, 千亿, 二百十
			}
			section += number * u
			number, hasNumber, lastSmall = 0, false, u
			continue
		}
		if e, ok := bigUnitExp(r); ok {
			if e >= lastBig && !(e == 8 && lastBig == 4) {
				return 0, ErrSyntax
			}
			part := section + number
			if e == 4 {
				if part == 0 {
					return 0, ErrSyntax
				}
				wan = part * 10000
			} else {
				t := total + wan + part
				if t == 0 || t >= maxChinese/1e8 {
					return 0, ErrSyntax
				}
				total, wan = t*1e8, 0
			}
			section, number, hasNumber, lastSmall, lastBig = 0, 0, false, 100000, e
			continue
		}
		return 0, ErrSyntax
	}
	n := total + wan + section + number
	if n >= maxChinese {
		return 0, ErrSyntax
	}
	return n, nil
}

// shiftDecimal multiplies a plain decimal string by 10^exp without
// rounding.
func shiftDecimal(dec string, exp int) string {
	if exp == 0 {
		return dec
	}
	intPart, frac, _ := strings.Cut(dec, ".")
	for ; exp > 0; exp-- {
		if frac != "" {
			intPart += frac[:1]
			frac = frac[1:]
		} else {
			intPart += "0"
		}
	}
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	if frac == "" {
		return intPart
	}
	return intPart + "." + frac
}

var digitsZH = []rune("零一二三四五六七八九")

// Format writes v as a Chinese numeral (12000 → 一万二千, 1.57 → 一点五七)
// that Parse reads back exactly. Values that are negative, not finite or
// 10^16 and above are written with Arabic digits.
func Format(v float64) string {
	if !(v >= 0 && v < 1e16) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	n, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil {
		return s
	}
	var b strings.Builder
	b.WriteString(formatInt(n))
	if frac != "" {
		b.WriteString("点")
		for _, c := range frac {
			b.WriteRune(digitsZH[c-'0'])
		}
	}
	return b.String()
}

func formatInt(n int64) string {
	if n == 0 {
		return "零"
	}
	var b strings.Builder
	yi, low := n/1e8, n%1e8
	if yi > 0 {
		b.WriteString(formatBelowYi(yi, true))
		b.WriteString("亿")
		if low > 0 && low < 1e7 {
			b.WriteString("零")
		}
	}
	if low > 0 {
		b.WriteString(formatBelowYi(low, yi == 0))
	}
	return b.String()
}

func formatBelowYi(n int64, leading bool) string {
	var b strings.Builder
	hi, lo := n/1e4, n%1e4
	if hi > 0 {
		b.WriteString(format4(hi, leading))
		b.WriteString("万")
		if lo > 0 && lo < 1000 {
			b.WriteString("零")
		}
	}
	if lo > 0 {
		b.WriteString(format4(lo, leading && hi == 0))
	}
	return b.String()
}

// format4 writes 1..9999; a leading 一十 is shortened to 十.
func format4(n int64, leading bool) string {
	var b strings.Builder
	units := []string{"千", "百", "十", ""}
	div := int64(1000)
	zero := false
	started := false
	for i := 0; i < 4; i++ {
		d := n / div % 10
		div /= 10
		if d == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteString("零")
			zero = false
		}
		if !(d == 1 && i == 2 && !started && leading) {
			b.WriteRune(digitsZH[d])
		}
		b.WriteString(units[i])
		started = true
	}
	return b.String()
}
