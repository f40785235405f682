package source

import (
	"bufio"
	_ "embed"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/planlens/planlens/gazetteer"
	"github.com/planlens/planlens/schema"
)

//go:embed docmeta.txt
var docmetaData string

// Origins of metadata fields (schema.Document.MetaSource values).
const (
	OriginOption      = "option"
	OriginManifest    = "manifest"
	OriginFrontMatter = "front_matter"
	OriginHTMLMeta    = "html_meta"
	OriginFormat      = "format" // the format's own title (<title>, DOCX core properties)
	OriginText        = "text"
)

// metaVocab is the parsed docmeta.txt.
type metaVocab struct {
	field  map[string]string // lower-case key → JSON field name
	level  map[string]string // level word → schema level
	organs []string
	chrome []string
	ignore map[string]bool // lower-case keys that are output columns
}

// metaFields are the JSON names of the fields a key can set.
var metaFields = map[string]bool{"title": true, "issuer": true, "doc_number": true, "date_written": true,
	"date_published": true, "year": true, "region": true, "level": true, "genre": true, "region_code": true}

var loadMetaVocab = sync.OnceValue(func() *metaVocab {
	v, err := parseMetaVocab("docmeta.txt", docmetaData)
	if err != nil {
		panic(err) // the embedded file is checked by the tests
	}
	return v
})

// parseMetaVocab reads docmeta.txt; errors name the file and line.
func parseMetaVocab(name, data string) (*metaVocab, error) {
	levels := map[string]bool{schema.LevelNational: true, schema.LevelProvincial: true, schema.LevelCity: true,
		schema.LevelDistrict: true, schema.LevelTownship: true}
	v := &metaVocab{field: map[string]string{}, level: map[string]string{}, ignore: map[string]bool{}}
	sc := bufio.NewScanner(strings.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Split(s, "\t")
		bad := func(msg string) error { return fmt.Errorf("source: %s:%d: %s: %q", name, line, msg, s) }
		switch {
		case f[0] == "field" && len(f) == 3 && f[2] != "":
			if !metaFields[f[1]] {
				return nil, bad("unknown field " + f[1])
			}
			v.field[strings.ToLower(f[2])] = f[1]
		case f[0] == "level" && len(f) == 3 && f[2] != "":
			if !levels[f[1]] {
				return nil, bad("unknown level " + f[1])
			}
			v.level[f[2]] = f[1]
		case f[0] == "organ" && len(f) == 2 && f[1] != "":
			v.organs = append(v.organs, f[1])
		case f[0] == "chrome" && len(f) == 2 && f[1] != "":
			v.chrome = append(v.chrome, f[1])
		case f[0] == "ignore" && len(f) == 2 && f[1] != "":
			v.ignore[strings.ToLower(f[1])] = true
		default:
			return nil, bad("want field|level<TAB>NAME<TAB>WORD or organ|chrome|ignore<TAB>WORD")
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("source: %s: %w", name, err)
	}
	return v, nil
}

// setMeta sets a document's metadata field from a key of the given
// origin, unless the field is already set (sources are applied from the
// most to the least authoritative). A key that names no field goes to
// doc.Meta when keep is set. It returns a warning for a bad value.
func setMeta(doc *schema.Document, key, value, origin string, keep bool) string {
	value = strings.TrimSpace(value)
	if value == "" || value == "-" {
		return ""
	}
	v := loadMetaVocab()
	k := strings.ToLower(strings.TrimSpace(key))
	field, ok := v.field[k]
	if !ok {
		if keep && !v.ignore[k] {
			keepMeta(doc, key, value)
		}
		return ""
	}
	if doc.MetaSource[field] != "" {
		return ""
	}
	field, set, warn := applyMeta(doc, field, key, value, origin)
	if !set {
		return warn
	}
	if doc.MetaSource == nil {
		doc.MetaSource = map[string]string{}
	}
	doc.MetaSource[field] = origin
	return ""
}

// keepMeta keeps a metadata entry planlens has no field for in doc.Meta
// (the first value of a key wins).
func keepMeta(doc *schema.Document, key, value string) {
	if doc.Meta == nil {
		doc.Meta = map[string]string{}
	}
	if _, dup := doc.Meta[key]; !dup {
		doc.Meta[key] = value
	}
}

// applyMeta sets field of doc from value. It returns the field it set
// (region_code sets region), whether it set one, and a warning naming
// origin and key when value is not of the field's kind.
func applyMeta(doc *schema.Document, field, key, value, origin string) (string, bool, string) {
	bad := func(what string) (string, bool, string) {
		return field, false, fmt.Sprintf("%s: %s %q is %s", origin, key, value, what)
	}
	switch field {
	case "title":
		doc.Title = clipTitle(value)
	case "issuer":
		doc.Issuer = value
	case "doc_number":
		doc.DocNumber = FoldDocNumber(value)
	case "date_written", "date_published":
		d := NormDate(value)
		if d == "" {
			return bad("not a date")
		}
		if field == "date_written" {
			doc.DateWritten = d
		} else {
			doc.DatePublished = d
		}
	case "year":
		y, err := strconv.Atoi(strings.TrimSuffix(value, "年"))
		if err != nil || y < 1900 || y > 2200 {
			return bad("not a year")
		}
		doc.Year = y
	case "region":
		doc.Region = gazetteer.Default().Canonical(value)
	case "region_code":
		set, ok := regionFromCode(doc, value)
		if !ok {
			return bad("no division code the gazetteer knows")
		}
		return "region", set, ""
	case "level":
		if levelWord(value, "") == "" {
			return field, false, "" // 其他 and the like: left to inference
		}
		doc.Level = value // resolved against the region in Infer
	case "genre":
		g := genreOf(value)
		if g == "" {
			return field, false, ""
		}
		doc.Genre = g
	}
	return field, true, ""
}

// regionFromCode sets doc's region from a division code (310112 →
// 上海市闵行区) unless a region is given; ok is false for a code the
// gazetteer does not know. set says whether the region was set by it.
func regionFromCode(doc *schema.Document, value string) (set, ok bool) {
	g := gazetteer.Default()
	if value == g.Code(gazetteer.RegionNational) {
		value = gazetteer.RegionNational
	}
	if value == gazetteer.RegionNational {
		if doc.MetaSource["region"] == "" {
			doc.Region = value
		}
		return true, true
	}
	i, found := g.Lookup(value)
	if !found || value != g.Place(i).Code {
		return false, false
	}
	if doc.MetaSource["region"] != "" {
		return false, true
	}
	doc.Region = g.Path(i)
	return true, true
}

// levelWord maps a level as publishers write it to a schema level: 市级
// is the city level, or the provincial one for a municipality (上海市's
// 市级 documents are provincial). "" for words that say nothing (其他).
func levelWord(word, region string) string {
	lv, ok := loadMetaVocab().level[strings.ToLower(strings.TrimSpace(word))]
	if !ok {
		lv = loadMetaVocab().level[strings.TrimSpace(word)]
	}
	if lv == schema.LevelCity && region != "" {
		if i, _, ok := gazetteer.Default().Resolve(region); ok {
			p := gazetteer.Default().Place(i)
			if p.Depth == 0 && gazetteer.IsMunicipality(p.Name) {
				return schema.LevelProvincial
			}
		}
	}
	return lv
}

// docNumberRe matches a document number: an agency prefix, the year in
// brackets of any kind, the serial number and 号 (沪府办〔2024〕56号,
// 沪绿容(2010)21号, 沪交道运 〔2023〕328号).
var docNumberRe = regexp.MustCompile(`(\p{Han}{1,12})\s*[〔\[【(（［﹝]\s*((?:19|20)\d{2})\s*[〕\]】)）］﹞]\s*第?\s*(\d{1,5})\s*号`)

// FoldDocNumber folds the brackets of a document number to 〔〕 and drops
// spaces: 沪绿容(2010)21号 → 沪绿容〔2010〕21号. A value that is no
// document number is returned with its spaces removed.
func FoldDocNumber(s string) string {
	s = strings.Join(strings.Fields(s), "")
	if m := docNumberRe.FindStringSubmatch(s); m != nil && len(m[0]) == len(s) {
		return m[1] + "〔" + m[2] + "〕" + m[3] + "号"
	}
	return s
}

// docNumberIn finds the document's own number: the first one standing
// alone on a line in the head of the text (under the title), else the
// first one alone on a line anywhere. Numbers cited in a sentence (…的通知
// （沪府发〔2014〕14号）) are other documents'.
func docNumberIn(text string) string {
	for _, w := range []string{head(text, 3000), text} {
		for line := range strings.SplitSeq(w, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || len(line) > 80 {
				continue
			}
			m := docNumberRe.FindStringIndex(line)
			if m == nil {
				continue
			}
			rest := strings.TrimSpace(line[m[1]:])
			before := strings.TrimSpace(line[:m[0]])
			if (before == "" || strings.HasSuffix(before, "文号：") || strings.HasSuffix(before, "文号:")) && (rest == "" || strings.HasPrefix(rest, "签发人")) {
				return FoldDocNumber(line[m[0]:m[1]])
			}
		}
	}
	return ""
}

// dateRe matches a date: 2021年9月9日, 二〇二一年九月九日, 2021-09-09,
// 2021/9/9, 2021.09.09, 2021-07.
var dateRe = regexp.MustCompile(`^((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*(?:年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?|[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)`)

// NormDate turns a date as written into YYYY-MM-DD (YYYY-MM without a day,
// YYYY for a year alone), or "" when s starts with no date.
func NormDate(s string) string {
	s = strings.TrimSpace(yearDigitsWidth(s))
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		if y, err := strconv.Atoi(s); err == nil && y >= 1900 && y < 2200 {
			return s
		}
		return ""
	}
	year := m[1]
	if year[0] < '0' || year[0] > '9' {
		var b strings.Builder
		for _, r := range year {
			b.WriteByte(byte('0' + cnDigit(r)))
		}
		year = b.String()
	}
	month, day := m[2]+m[4], m[3]+m[5]
	num := func(s string) int {
		if n, err := strconv.Atoi(s); err == nil {
			return n
		}
		return cnSmallNumber(s)
	}
	mo := num(month)
	if mo < 1 || mo > 12 {
		return ""
	}
	if day == "" {
		return fmt.Sprintf("%s-%02d", year, mo)
	}
	d := num(day)
	if d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%s-%02d-%02d", year, mo, d)
}

// yearDigitsWidth folds full-width digits to ASCII.
func yearDigitsWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return '0' + (r - '０')
		}
		return r
	}, s)
}

// dateLine matches a line that is only a date (the 成文日期 under a
// signature), possibly in brackets.
var dateLine = regexp.MustCompile(`^[（(]?\s*((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*[）)]?$`)

// deliveryLine matches the line under a report's title that dates its
// delivery: ——2026年1月25日在北京市第十六届人民代表大会第四次会议上.
var deliveryLine = regexp.MustCompile(`^[—－\-─]*\s*[（(]?\s*(((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年[^。\n]{1,12}日)\s*[在於于][^。\n]{0,60}(?:会议|會議|大会|大會)`)

// deliveredDate is the date of a report's delivery line among the first
// lines of the text, or "".
func deliveredDate(text string) string {
	n := 0
	for line := range strings.SplitSeq(head(text, 3000), "\n") {
		line = strings.TrimSpace(yearDigitsWidth(line))
		if line == "" {
			continue
		}
		if n++; n > 12 {
			break
		}
		if m := deliveryLine.FindStringSubmatch(line); m != nil {
			return NormDate(m[1])
		}
	}
	return ""
}

// writtenDate finds the date the document was written: the first line
// that is only a date (a covering notice's date comes before the document
// it issues; a plain document's stands last), with the line of the signing
// body just above it, if any.
func writtenDate(text string) (date, signer string) {
	var prev []string
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimSpace(yearDigitsWidth(line))
		if line == "" {
			continue
		}
		if dateLine.MatchString(line) {
			date = NormDate(strings.Trim(line, "（()）"))
			var names []string
		lines:
			for k := len(prev) - 1; k >= 0; k-- {
				var parts []string // joint signers on one line
				for _, f := range strings.Fields(prev[k]) {
					parts = append(parts, splitGlued(f)...)
				}
				for _, p := range parts {
					if !isOrgan(p) {
						break lines
					}
				}
				names = append(parts, names...)
			}
			return date, canonicalIssuer(strings.Join(names, "、"))
		}
		prev = append(prev, line)
		if len(prev) > maxSigners {
			prev = prev[1:]
		}
	}
	return "", ""
}

// splitGlued splits a signature line where two bodies typeset side by side
// lost the space between them: a body's name ends (…委员会) and the next
// begins with a division name (黄浦区…): 黄浦区发展和改革委员会黄浦区建设和管理委员会.
func splitGlued(s string) []string {
	g := gazetteer.Default()
	var out []string
	start := 0
	for i := range s {
		if i == start || !isOrgan(s[start:i]) {
			continue
		}
		for end := min(len(s), i+30); end > i; end-- {
			if end < len(s) && !utf8.RuneStart(s[end]) {
				continue
			}
			if g.IsArea(s[i:end]) && utf8.RuneCountInString(s[i:end]) >= 2 && isOrgan(s[i:]) {
				out = append(out, s[start:i])
				start = i
				break
			}
		}
	}
	return append(out, s[start:])
}

// maxSigners is the most signature lines above a date line: a joint
// document is signed by each of its bodies, one a line.
const maxSigners = 8

// trailingNote is a bracketed second name after a body's name:
// 上海市水务局（上海市海洋局）.
var trailingNote = regexp.MustCompile(`[（(][^（()）]{2,20}[)）]$`)

// isOrgan reports whether a line is the name of an issuing body: short,
// no punctuation of a sentence, ends with an organ suffix (a bracketed
// second name after it is allowed).
func isOrgan(s string) bool {
	s = trailingNote.ReplaceAllString(strings.TrimSpace(s), "")
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 40 || strings.ContainsAny(s, "，。；：:,;！？“”《》") {
		return false
	}
	for _, o := range loadMetaVocab().organs {
		if strings.HasSuffix(s, o) {
			return true
		}
	}
	return false
}

// titleIssuer matches the issuing bodies that open a title: …关于….
var titleIssuer = regexp.MustCompile(`^(.{2,80}?)关于`)

// issuerOfTitle returns the issuing bodies named before 关于 in a title
// (several joined with 、), or "".
func issuerOfTitle(title string) string {
	m := titleIssuer.FindStringSubmatch(title)
	if m == nil {
		return ""
	}
	var names []string
	for _, part := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ' ' || r == '　' || r == '、' || r == '，' }) {
		if !isOrgan(part) {
			return ""
		}
		names = append(names, part)
	}
	return canonicalIssuer(strings.Join(names, "、"))
}

// canonicalIssuer writes each issuing body with the divisions above the
// one it opens with: 闵行区七宝镇人民政府 → 上海市闵行区七宝镇人民政府.
func canonicalIssuer(issuer string) string {
	if issuer == "" {
		return ""
	}
	g := gazetteer.Default()
	parts := strings.Split(issuer, "、")
	for k, p := range parts {
		for end := min(len(p), 40); end > 0; {
			if i, ok := g.Lookup(p[:end]); ok && g.IsArea(p[:end]) {
				if pl := g.Place(i); pl.Depth > 0 && pl.Name == p[:end] {
					parts[k] = g.Path(i) + p[end:]
				}
				break
			}
			_, size := utf8.DecodeLastRuneInString(p[:end])
			end -= size
		}
	}
	return strings.Join(parts, "、")
}

// townRe finds a town or subdistrict in an issuing body's name after its
// district: 闵行区七宝镇人民政府, 奉贤区人民政府头桥街道办事处.
var townRe = regexp.MustCompile(`(?:区|县|市|政府)(\p{Han}{2,5}?(?:街道|镇|乡))(?:人民政府|办事处|党委|政府)`)

// regionOfIssuer reads the region an issuing body governs from its name:
// the gazetteer divisions it names, from the province down, then a town
// or subdistrict (上海市闵行区七宝镇人民政府 → 上海市闵行区七宝镇). "" when
// the name contains no division.
func regionOfIssuer(issuer string) string {
	if i := strings.Index(issuer, "、"); i >= 0 {
		issuer = issuer[:i] // the first issuer leads
	}
	g := gazetteer.Default()
	deepest, end := -1, 0
	for pos := 0; pos < len(issuer); {
		found := false
		for stop := min(len(issuer), pos+40); stop > pos; stop-- {
			if stop < len(issuer) && !utf8.RuneStart(issuer[stop]) {
				continue
			}
			i, ok := g.Lookup(issuer[pos:stop])
			if !ok || !g.IsArea(issuer[pos:stop]) {
				continue
			}
			if deepest < 0 || g.Within(g.Path(i), g.Path(deepest)) {
				deepest, end, found = i, stop, true
				pos = stop
			}
			break
		}
		if !found {
			_, size := utf8.DecodeRuneInString(issuer[pos:])
			pos += size
		}
	}
	if deepest < 0 {
		return ""
	}
	region := g.Path(deepest)
	if m := townRe.FindStringSubmatch(issuer[max(0, end-len("区")):]); m != nil {
		region += m[1]
	}
	return region
}

// cutChrome returns the length of text without the page furniture at its
// end (打印本页, 关闭窗口, 网站地图, 版权所有 …: a run of short lines at the
// end with such cues). Text in the middle is never cut, so offsets stay
// those of the file.
func cutChrome(text string) int {
	cut := len(text)
	for end := len(text); end > 0; {
		start := strings.LastIndexByte(strings.TrimSuffix(text[:end], "\n"), '\n') + 1
		line := strings.TrimSpace(text[start:end])
		switch {
		case line == "":
		case isChrome(line):
			cut = start
		default:
			return cut
		}
		end = start
	}
	return cut
}

// isChrome reports whether a line is page furniture.
func isChrome(line string) bool {
	if utf8.RuneCountInString(line) > 60 {
		return false
	}
	for _, c := range loadMetaVocab().chrome {
		if strings.Contains(line, c) {
			return true
		}
	}
	return false
}
