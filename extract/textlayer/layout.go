package textlayer

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// drop is a layout edit of NewPaged: Orig[o:o+ol] reads as repl in Norm.
type drop struct {
	o, ol int
	repl  string
}

// NewPaged builds the normalised view of text laid out in pages — what
// pdftotext gives for a PDF — where pages holds the byte offset in orig
// at which each page starts (pages[0] == 0). On top of what New does, the
// view undoes the layout, never touching Orig (offsets still point into
// the extracted text):
//
//   - running headers and footers (a line at the top or bottom of at least
//     two pages and 40% of them, digits aside; never the top of the first
//     page, which holds the title) and page numbers (- 3 -, 第3页, 3/12) at
//     the top or bottom of a page are left out;
//   - a line that fills the page width and does not end a sentence is
//     joined to the next line (the wrap inside a sentence), across a page
//     break and the headers and footers in between; a blank line, a short
//     line or a heading that follows keeps its break;
//   - spaces next to a Chinese character or full-width punctuation are
//     removed (pdftotext writes 增长 5.4%, 104 家, 2026 年).
//
// With pages nil it is New.
func NewPaged(orig string, pages []int) *View {
	if pages == nil {
		return New(orig)
	}
	return build(orig, layoutDrops(orig, pages))
}

// line is one line of the text: Orig[s:e], without its line break.
type line struct {
	s, e  int
	page  int
	width int // display columns: wide characters count two
}

func splitLines(orig string, pages []int) []line {
	var out []line
	page := 0
	for s := 0; s <= len(orig); {
		e := strings.IndexByte(orig[s:], '\n')
		if e < 0 {
			e = len(orig)
		} else {
			e += s
		}
		for page+1 < len(pages) && pages[page+1] <= s {
			page++
		}
		out = append(out, line{s: s, e: e, page: page, width: displayWidth(orig[s:e])})
		if e == len(orig) {
			break
		}
		s = e + 1
	}
	return out
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if isWide(r) {
			n += 2
		} else if !isInlineSpace(r) {
			n++
		}
	}
	return n
}

// isWide reports Han characters and East Asian wide or full-width forms
// (Chinese punctuation included).
func isWide(r rune) bool {
	if r < 0x1100 {
		return false
	}
	if isHan(r) {
		return true
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}

// pageNumberRe matches a line that is only a page number.
var pageNumberRe = regexp.MustCompile(`^(?:[-—–－·•\s]*\d{1,4}[-—–－·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$`)

// digitsRe normalises the digits of a running header or footer.
var digitsRe = regexp.MustCompile(`[0-9]+`)

// edgeLines is how many non-blank lines at the top and at the bottom of
// a page may be running headers, footers or page numbers.
const edgeLines = 2

// runningLines returns the set of line indices that are running headers,
// footers or page numbers.
func runningLines(orig string, lines []line, npages int) map[int]bool {
	out := map[int]bool{}
	if npages < 2 {
		return out
	}
	type cand struct {
		idx int
		top bool
	}
	byPage := make([][]cand, npages)
	for p := 0; p < npages; p++ {
		var idx []int
		for i, l := range lines {
			if l.page == p && strings.TrimSpace(orig[l.s:l.e]) != "" {
				idx = append(idx, i)
			}
		}
		for k := 0; k < len(idx) && k < edgeLines; k++ {
			byPage[p] = append(byPage[p], cand{idx[k], true})
		}
		for k := max(len(idx)-edgeLines, edgeLines); k < len(idx); k++ {
			byPage[p] = append(byPage[p], cand{idx[k], false})
		}
	}
	key := func(i int) string {
		t := strings.Join(strings.Fields(orig[lines[i].s:lines[i].e]), "")
		return digitsRe.ReplaceAllString(t, "#")
	}
	pagesOf := map[string]map[int]bool{}
	for p, cs := range byPage {
		for _, c := range cs {
			k := key(c.idx)
			if pagesOf[k] == nil {
				pagesOf[k] = map[int]bool{}
			}
			pagesOf[k][p] = true
		}
	}
	need := max(2, (npages*4+9)/10)
	for p, cs := range byPage {
		for k, c := range cs {
			t := strings.TrimSpace(orig[lines[c.idx].s:lines[c.idx].e])
			switch {
			case pageNumberRe.MatchString(t):
				out[c.idx] = true
			case len(pagesOf[key(c.idx)]) < need || utf8.RuneCountInString(t) > 60:
			case p == 0 && c.top:
				// The top of the first page is the title, which running
				// headers often repeat: a line there is a header only when
				// the same line follows it (header, then title).
				for _, c2 := range cs[k+1:] {
					if c2.top && key(c2.idx) == key(c.idx) {
						out[c.idx] = true
						break
					}
				}
			default:
				out[c.idx] = true
			}
		}
	}
	return out
}

// fullWidth is the width, in display columns, from which a line is taken
// to fill the page: 80% of the 90th percentile of the line widths.
func fullWidth(lines []line) int {
	var ws []int
	for _, l := range lines {
		if l.width > 0 {
			ws = append(ws, l.width)
		}
	}
	if len(ws) < 3 {
		return 1 << 30 // too few lines to know the page width: join nothing
	}
	sort.Ints(ws)
	return ws[len(ws)*9/10] * 8 / 10
}

// endsSentence reports whether s ends with sentence-ending punctuation
// (with closers after it) or a colon.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		if isCloser(r) {
			s = s[:len(s)-n]
			continue
		}
		return isSentenceEnd(r) || r == '。' || r == '：' || r == ':' || r == '；' || r == ';'
	}
	return false
}

func layoutDrops(orig string, pages []int) []drop {
	lines := splitLines(orig, pages)
	running := runningLines(orig, lines, len(pages))
	full := fullWidth(lines)
	var drops []drop
	add := func(o, e int, repl string) {
		if e > o {
			drops = append(drops, drop{o: o, ol: e - o, repl: repl})
		}
	}
	blank := func(i int) bool { return strings.TrimSpace(orig[lines[i].s:lines[i].e]) == "" }
	// pageBreak reports the empty line pdftotext's form feed left at the
	// end of a page.
	pageBreak := func(i int) bool {
		l := lines[i]
		return l.s == l.e && l.e < len(orig) && l.page+1 < len(pages) && pages[l.page+1] == l.e+1
	}
	for i, l := range lines {
		if running[i] {
			add(l.s, min(l.e+1, len(orig)), "") // the line and its break
			continue
		}
		text := orig[l.s:l.e]
		spaceDrops(orig, l.s, l.e, add)
		if blank(i) || l.width < full || endsSentence(text) {
			continue
		}
		// The next line of text, past page furniture: running lines, page
		// breaks and the blank lines around them. Blank lines alone are a
		// paragraph break.
		j, furniture := i+1, false
		for j < len(lines) && (running[j] || pageBreak(j) || blank(j)) {
			furniture = furniture || running[j] || pageBreak(j)
			j++
		}
		if j == len(lines) || (j > i+1 && !furniture) {
			continue
		}
		next := strings.TrimSpace(orig[lines[j].s:lines[j].e])
		if headingLevel(New(next).Norm) > 0 {
			continue
		}
		// from the line's trailing spaces to the next line's first
		// character, all of it
		o := l.s + len(strings.TrimRight(text, " \t\u3000\r"))
		nx := lines[j].s + len(orig[lines[j].s:lines[j].e]) - len(strings.TrimLeft(orig[lines[j].s:lines[j].e], " \t\u3000"))
		last, _ := utf8.DecodeLastRuneInString(orig[l.s:o])
		first, _ := utf8.DecodeRuneInString(orig[nx:])
		repl := ""
		if isAlnum(last) && isAlnum(first) {
			repl = " " // wrapped Latin words keep a space
		}
		add(o, nx, repl)
	}
	return mergeDrops(drops)
}

// mergeDrops sorts drops and merges the overlapping and touching ones;
// a merged drop reads as a space if any of its parts did.
func mergeDrops(drops []drop) []drop {
	sort.SliceStable(drops, func(a, b int) bool { return drops[a].o < drops[b].o })
	var out []drop
	for _, d := range drops {
		if n := len(out); n > 0 && out[n-1].o+out[n-1].ol >= d.o {
			p := &out[n-1]
			p.ol = max(p.o+p.ol, d.o+d.ol) - p.o
			if d.repl != "" {
				p.repl = d.repl
			}
			continue
		}
		out = append(out, d)
	}
	return out
}

func isAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// spaceDrops removes the inline space runs of Orig[s:e] that touch a wide
// character (or the line's ends: trailing spaces are layout too).
func spaceDrops(orig string, s, e int, add func(o, e int, repl string)) {
	prev := rune(-1)
	for i := s; i < e; {
		r, n := utf8.DecodeRuneInString(orig[i:])
		if !isInlineSpace(r) || r == '\t' {
			prev = r
			i += n
			continue
		}
		j := i
		for j < e {
			r2, n2 := utf8.DecodeRuneInString(orig[j:])
			if !isInlineSpace(r2) || r2 == '\t' {
				break
			}
			j += n2
		}
		next := rune(-1)
		if j < e {
			next, _ = utf8.DecodeRuneInString(orig[j:])
		}
		if prev == -1 || next == -1 || isWide(prev) || isWide(next) {
			add(i, j, "")
		}
		i = j
	}
}
