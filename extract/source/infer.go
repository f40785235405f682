package source

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/planlens/planlens/gazetteer"
	"github.com/planlens/planlens/schema"
)

// Sizes of the text windows that metadata is inferred from.
const (
	maxTitleRunes = 80
	yearWindow    = 1500 // bytes: a report states its year near the start
	regionWindow  = 4000 // bytes: enough for the issuing body and opening
)

// Infer fills the metadata of doc that is still empty from doc.Title and
// doc.Text: Title (the first line that reads like a headline), Issuer (the
// bodies before 关于 in the title, else the signature above the date
// line), DocNumber (a number alone on a line under the title), DateWritten
// (the first line that is only a date), Genre (genre.txt), Year (from the
// dates or the document number, else from the title and text), Region
// (the region the issuer governs, else from mentions) and Level. Fields
// already set (by Options, a manifest, front matter or the format) are
// kept; a level word (市级) is resolved against the region, and a Region
// without a Level gets its level from the gazetteer. doc.MetaSource
// records "text" for each field inferred.
func Infer(doc *schema.Document) {
	if doc.MetaSource == nil {
		doc.MetaSource = map[string]string{}
	}
	yearTitle := doc.Title
	inferred := doc.Title == ""
	if inferred {
		doc.Title = clipTitle(titleLine(doc.Text))
		// the year is read from the opening line even when a later
		// headline becomes the title
		yearTitle = clipTitle(firstLine(doc.Text))
	}
	inferIssuerAndDates(doc)
	if doc.Year == 0 {
		inferDocYear(doc, yearTitle)
	}
	if inferred {
		speechTitle(doc)
	}
	if doc.Genre == "" {
		doc.Genre = InferGenre(doc.Title, doc.Text)
		markInferred(doc, "genre", doc.Genre != "")
	}
	markInferred(doc, "title", doc.Title != "")
	inferPlace(doc)
}

// markInferred records that field was read from the text, when it was
// set and no other origin set it.
func markInferred(doc *schema.Document, field string, set bool) {
	if set && doc.MetaSource[field] == "" {
		doc.MetaSource[field] = OriginText
	}
}

// inferIssuerAndDates fills the issuer (from the title, else the signer),
// the document number and the date written (a report is dated by its
// delivery).
func inferIssuerAndDates(doc *schema.Document) {
	if doc.Issuer == "" {
		doc.Issuer = issuerOfTitle(doc.Title)
	}
	date, signer := writtenDate(doc.Text)
	if d := deliveredDate(doc.Text); d != "" {
		date = d
	}
	if doc.Issuer == "" {
		doc.Issuer = signer
	}
	markInferred(doc, "issuer", doc.Issuer != "")
	if doc.DocNumber == "" {
		doc.DocNumber = docNumberIn(doc.Text)
		markInferred(doc, "doc_number", doc.DocNumber != "")
	}
	if doc.DateWritten == "" {
		doc.DateWritten = date
		markInferred(doc, "date_written", date != "")
	}
}

// inferDocYear sets the year from a date of the document's (a front
// matter date keeps its origin), else from its title and text.
func inferDocYear(doc *schema.Document, yearTitle string) {
	var from string
	doc.Year, from = issueYear(doc)
	if doc.Year != 0 && doc.MetaSource[from] != "" {
		doc.MetaSource["year"] = doc.MetaSource[from]
	}
	if doc.Year == 0 {
		doc.Year = InferYear(yearTitle, doc.Text)
	}
	markInferred(doc, "year", doc.Year != 0)
}

// speechTitle names a work report delivered as a speech ("现在，我代表国务院，
// 向大会作政府工作报告"), which has no title line, for what it says it is.
func speechTitle(doc *schema.Document) {
	opening := head(doc.Text, 400)
	if doc.Title == "" || titleWords.MatchString(doc.Title) && !speechOpening.MatchString(doc.Title) {
		return
	}
	if !strings.Contains(opening, "作政府工作报告") && !strings.Contains(opening, "报告政府工作") {
		return
	}
	doc.Title = "政府工作报告"
	if doc.Year != 0 {
		doc.Title = strconv.Itoa(doc.Year) + "年" + doc.Title
	}
}

// inferPlace fills the region (the one the issuer governs, else from
// mentions), the level (a level word resolved against the region, else the
// gazetteer's) and the region code.
func inferPlace(doc *schema.Document) {
	g := gazetteer.Default()
	if doc.Region == "" {
		if r := regionOfIssuer(doc.Issuer); r != "" {
			doc.Region = r
		} else {
			r, lv := InferRegion(doc.Title, doc.Text)
			doc.Region = r
			if doc.Level == "" {
				doc.Level = lv
				markInferred(doc, "level", lv != "")
			}
		}
		markInferred(doc, "region", doc.Region != "")
	}
	if doc.Level != "" && !isLevel(doc.Level) {
		doc.Level = levelWord(doc.Level, doc.Region)
	}
	if doc.Level == "" {
		doc.Level = g.LevelOf(doc.Region)
		markInferred(doc, "level", doc.Level != "")
	}
	doc.RegionCode = g.Code(doc.Region)
}

// isLevel reports whether s is a schema level value.
func isLevel(s string) bool {
	switch s {
	case schema.LevelNational, schema.LevelProvincial, schema.LevelCity, schema.LevelDistrict, schema.LevelTownship:
		return true
	}
	return false
}

// issueYear is the year a document was issued, from its dates or its
// document number, with the field it came from; 0 when none says.
func issueYear(doc *schema.Document) (int, string) {
	for _, d := range [][2]string{{doc.DatePublished, "date_published"}, {doc.DateWritten, "date_written"}} {
		if len(d[0]) >= 4 {
			if y := atoi(d[0][:4]); y != 0 {
				return y, d[1]
			}
		}
	}
	if m := docNumberRe.FindStringSubmatch(doc.DocNumber); m != nil {
		return atoi(m[2]), "doc_number"
	}
	return 0, ""
}

// salutation matches opening lines that are not titles.
var salutation = regexp.MustCompile(`^(各位代表|代表们|同志们|各位委员)[：:！!，,]?$`)

// titleLine picks a title from the first lines of text: the first short
// line that reads like a headline (no sentence end, not a section heading,
// not a salutation), as in news of plans whose headline follows a lead
// paragraph; else the first line up to its first sentence end.
func titleLine(text string) string {
	n := 0
	for line := range strings.SplitSeq(head(text, 4096), "\n") {
		line = markdownLine(line)
		if line == "" || salutation.MatchString(line) {
			continue
		}
		if n++; n > 3 {
			break
		}
		if utf8.RuneCountInString(line) <= maxTitleRunes && !strings.ContainsAny(line, "。！？!?") && !headingStart.MatchString(line) {
			return line
		}
	}
	first := firstLine(text)
	if i := strings.IndexAny(first, "。！？!?"); i > 0 {
		_, size := utf8.DecodeRuneInString(first[i:])
		return first[:i+size]
	}
	return first
}

// planPeriod matches a five-year plan named by its number: 十五五, 十四五,
// 十五 (the tenth), “六五”.
var planPeriod = regexp.MustCompile(`([一二三四五六七八九十]{1,2})五(?:”)?(?:规划|计划|时期)`)

// planPeriodYear returns the first year of the five-year plan a title names
// (十五五 → 2026, 十四五 → 2021, 十五 → 2001), or 0. The first two plans
// began in 1953 and 1958; after the 1963–65 adjustment the Nth began in
// 1966+5(N-3).
func planPeriodYear(title string) int {
	m := planPeriod.FindStringSubmatch(title)
	if m == nil {
		return 0
	}
	n := cnSmallNumber(m[1])
	switch {
	case n < 1 || n > 30:
		return 0
	case n <= 2:
		return 1953 + 5*(n-1)
	}
	return 1966 + 5*(n-3)
}

// titleWords are words that make a line a document title.
var titleWords = regexp.MustCompile(`报告|规划|计划|方案|纲要|通知|意见|办法|措施|决定|公报`)

// speechOpening matches the first sentence of a report read as a speech.
var speechOpening = regexp.MustCompile(`^(现在|首先)|我代表|我受|我现在`)

// headingStart matches section headings, which are not titles.
var headingStart = regexp.MustCompile(`^(第[一二三四五六七八九十百]+[章节篇部]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]+[.、])`)

// firstLine returns the first non-empty line of text that is not a
// salutation, trimmed.
func firstLine(text string) string {
	for line := range strings.SplitSeq(head(text, 4096), "\n") {
		line = markdownLine(line)
		if line != "" && !salutation.MatchString(line) {
			return line
		}
	}
	return ""
}

// markdownLine is a line as a title candidate: trimmed of zero-width
// characters and BOMs (a line of U+200B alone stands first in some
// reports) and of the marks of a Markdown heading (# 标题); a Markdown
// quote (> …) or a rule (---) is no candidate and gives "".
func markdownLine(line string) string {
	line = strings.TrimSpace(strings.Trim(line, "\u200b\u200c\u200d\u2060\ufeff"))
	switch {
	case strings.HasPrefix(line, ">"), strings.Trim(line, "-=*_ ") == "":
		return ""
	case strings.HasPrefix(line, "#"):
		if t := strings.TrimLeft(line, "#"); t == "" || t[0] == ' ' || t[0] == '\t' {
			return strings.TrimSpace(t)
		}
	}
	return line
}

// clipTitle trims s and cuts it to at most maxTitleRunes runes.
func clipTitle(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= maxTitleRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == maxTitleRunes {
			return strings.TrimSpace(s[:i])
		}
		n++
	}
	return s
}

// head returns at most n bytes of s, cut at a rune boundary.
func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// looksLikeTitle reports whether a title candidate is a heading rather
// than the first sentence of a text that has no title line.
func looksLikeTitle(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 60 {
		return false
	}
	if strings.ContainsAny(s, "，,") {
		return false // a clause break: the opening sentence, not a title
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune("。！？；：，!?;:,", last)
}

// yearDigits rewrites full-width digits and Chinese numeral years
// (二〇二六年, 一九五五年) to ASCII digits so that one set of patterns
// reads them all.
func yearDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '０' && r <= '９' {
			r = '0' + (r - '０')
		}
		b.WriteRune(r)
	}
	return cnYear.ReplaceAllStringFunc(b.String(), func(m string) string {
		var d strings.Builder
		for _, r := range m {
			d.WriteByte(byte('0' + cnDigit(r)))
		}
		return d.String()
	})
}

var cnYear = regexp.MustCompile(`[〇○零一二三四五六七八九]{4}`)

func cnDigit(r rune) int {
	switch r {
	case '〇', '○', '零':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return 0
}

// yearRule is a pattern that states the document's year; the first
// submatch is a year, offset is added to it (a review of 2025 is in the
// 2026 report) and score ranks the rules.
type yearRule struct {
	re     *regexp.Regexp
	offset int
	score  int
}

const yr = `((?:19|20)\d\d)`

var yearRules = []yearRule{
	{regexp.MustCompile(yr + `年[^，。\n]{0,12}政府工作报告`), 0, 10},
	{regexp.MustCompile(yr + `年\d{1,2}月\d{1,2}日[^，。\n]{0,4}在`), 0, 10},
	{regexp.MustCompile(yr + `年是[^。\n]{0,30}(?:开局|起步|启动|关键|决胜|攻坚|承上启下|奠基)[^。\n]{0,8}(?:之年|一年)`), 0, 8},
	// a year characterised by what it achieved or went through is the year
	// reviewed (1986年是…取得显著成就的一年, 2008年是极不平凡的一年,
	// 2025年是“十四五”收官之年): the report is of the year after
	{regexp.MustCompile(yr + `年是[^。\n]{0,40}?(?:取得[^。\n]{0,12}(?:成就|成绩|胜利|进展)|不平凡|困难|收官)[^。\n]{0,8}?(?:的一年|之年)`), 1, 7},
	{regexp.MustCompile(`首先报告` + yr + `年`), 1, 7},
	{regexp.MustCompile(`过去的` + yr + `年`), 1, 7},
	{regexp.MustCompile(yr + `年(?:国内)?工作(?:的)?回顾`), 1, 7},
	{regexp.MustCompile(`(?:过去一年|去年)工作回顾\s*` + yr + `年`), 1, 7},
	{regexp.MustCompile(`回顾和` + yr + `年`), 0, 8},
	{regexp.MustCompile(yr + `年(?:国家|财政)?预算`), 0, 6},
	{regexp.MustCompile(yr + `年(?:主要)?(?:目标任务|工作安排|工作要点|重点任务|工作总体要求)`), 0, 6},
}

// npcSession matches a session of the National People's Congress, in
// simplified or traditional characters.
var npcSession = regexp.MustCompile(`第([一二三四五六七八九十]+)[届屆]全[国國]人民代表大[会會](?:第([一二三四五六七八九十]+)次[会會]议|[会會]議)?([^，。\n]{0,6})`)

// npcYear returns the year of a session of a National People's Congress
// (session 0: the congress's first session), or 0.
func npcYear(congress, session int) int {
	if session == 0 {
		session = 1
	}
	switch congress {
	case 1:
		if session <= 5 {
			return 1953 + session
		}
	case 2:
		if session <= 4 {
			return []int{1959, 1960, 1962, 1963}[session-1]
		}
	case 3:
		if session == 1 {
			return 1964
		}
	case 4:
		if session == 1 {
			return 1975
		}
	default:
		// From the fifth congress on, five annual sessions per term.
		if congress >= 5 && session <= 5 {
			return 1978 + 5*(congress-5) + session - 1
		}
	}
	return 0
}

// cnSmallNumber converts 一 … 九十九.
func cnSmallNumber(s string) int {
	n, cur := 0, 0
	for _, r := range s {
		if r == '十' {
			if cur == 0 {
				cur = 1
			}
			n += cur * 10
			cur = 0
			continue
		}
		cur = cnDigit(r)
	}
	return n + cur
}

// lookBack follows a congress session that the speaker looks back on.
// A session that is the subject of a past act (…第二次会议，号召全国各族人民…;
// …会议通过了…; …会议批准的…) is looked back on too: the session addressed
// is 这次大会 or the one a report is delivered at (向…会议，提出…报告).
var lookBack = regexp.MustCompile(`^[^，。\n]{0,6}(?:以来|期间|闭幕|到现在|到我们|到这次|之后|的决议)|^[，,]?(?:号召|通过了|批准了|批准的|通过的|决定了|确定了|作出了|所确定|确定的)`)

// termBack follows a session at the start of a five-year term that the
// speaker looks back on from its end.
var termBack = regexp.MustCompile(`^[^。\n]{0,24}?(?:以来的五年|整整五年|过去了五年)`)

// fromBefore precedes a session looked back on: 从去年三月…, 根据…的决议.
var fromBefore = regexp.MustCompile(`(?:从|根据)[^，。\n]{0,12}$`)

var anyYear = regexp.MustCompile(yr + `\s*年`)

// yearRange matches a plan period such as 2021—2023年.
var yearRange = regexp.MustCompile(yr + `\s*[—–\-－~～至到]\s*(?:19|20)\d\d\s*(?:年|[）)])`)

// reviewWindow is how far into the text results of last year are looked
// for (a report's review opens within its first few thousand characters).
const reviewWindow = 9000

// planInside marks a stated year's value as a plan (1980年将达到) or the
// year as a theme (2000年是世纪交替之年).
var planInside = regexp.MustCompile(`将|將|要|计划|計劃|规划|目标|力争|争取|年是|之年`)

// reviewYear matches a year's stated result: 2000年国内生产总值达…,
// 1979年农业总产值比1978年增长, 一九五九年，达到…, 去年 excluded.
var reviewYear = regexp.MustCompile(yr + `\s*年(?:底|末|全年)?[^。；;\n“”]{0,20}?(?:预计|比上年|比去年|达到|达|增长|增加|完成|实现)`)

// planBefore precedes a year that is a goal or deadline, not a result.
var planBefore = regexp.MustCompile(`(?:到|至|在|于|要求|计划|规定|争取|力争|目标|预计|从|比|同|较|由|和|、)[，,]?\s*$`)

// DocYear returns the year of a document from its text alone: the first
// line as title, then InferYear.
func DocYear(text string) int {
	return InferYear(clipTitle(firstLine(text)), text)
}

// InferYear returns the year a document is about: a year in its title
// (the start of a plan period), else the best-scored statement near the
// start of the text (…年政府工作报告, a dated delivery line, …年是…开局之年,
// a review of the year before, the session of the National People's
// Congress it was given at), else the most frequent year there. 0 when
// there is none.
func InferYear(title, text string) int {
	if y := titleYear(title); y != 0 {
		return y
	}
	w := yearDigits(head(text, yearWindow))
	v := yearVote{pos: len(w)}
	for _, r := range yearRules {
		for _, m := range r.re.FindAllStringSubmatchIndex(w, -1) {
			v.consider(atoi(w[m[2]:m[3]])+r.offset, r.score, m[0])
		}
	}
	v.sessions(w)
	if v.score < 9 {
		v.review(yearDigits(head(text, reviewWindow)))
	}
	if v.best == 0 {
		// A report whose review comes late (a five-year plan's report
		// looks back after its plan): a year estimated (一九八二年预计比
		// 一九八一年增长…) next to the results of the year before (一九八一年
		// 比一九八○年增长…) is the year the report is given in, while its
		// results are not final; a plan year with a result verb (1985年
		// 达到…) needs the estimate and is not taken.
		if y := estimatedYear(yearDigits(text)); y != 0 {
			v.consider(y, 9, 0)
		}
	}
	if v.best != 0 {
		return v.best
	}
	// Fallback: the most frequent year in the window, the first on ties.
	count := map[int]int{}
	for _, m := range anyYear.FindAllStringSubmatchIndex(w, -1) {
		y := atoi(w[m[2]:m[3]])
		count[y]++
		v.consider(y, count[y], m[0])
	}
	return v.best
}

// titleYear is the year a title states (2025年工作回顾 as a first line
// means 2026; “十五五”规划纲要: the plan's first year), or 0.
func titleYear(title string) int {
	t := yearDigits(title)
	if !looksLikeTitle(t) {
		return 0
	}
	for _, r := range yearRules {
		if m := r.re.FindStringSubmatch(t); m != nil {
			return atoi(m[1]) + r.offset
		}
	}
	if m := yearRange.FindStringSubmatch(t); m != nil {
		return atoi(m[1])
	}
	if m := anyYear.FindStringSubmatch(t); m != nil {
		return atoi(m[1])
	}
	return planPeriodYear(t)
}

// yearVote keeps the best-scored year seen, the earliest on ties.
type yearVote struct {
	best, score, pos int
}

func (v *yearVote) consider(year, score, pos int) {
	if year < 1949 || year > 2100 {
		return
	}
	if score > v.score || (score == v.score && pos < v.pos) {
		v.best, v.score, v.pos = year, score, pos
	}
}

// sessions votes for the year of each NPC session named in w: the
// session addressed (score 9), an earlier one looked back on (its year
// after, 5), or a term looked back on (第十一届…第一次会议以来的五年: five
// years after, 8).
func (v *yearVote) sessions(w string) {
	for _, m := range npcSession.FindAllStringSubmatchIndex(w, -1) {
		congress := cnSmallNumber(w[m[2]:m[3]])
		session := 0
		if m[4] >= 0 {
			session = cnSmallNumber(w[m[4]:m[5]])
		}
		y := npcYear(congress, session)
		if y == 0 {
			continue
		}
		before := w[max(0, m[0]-30):m[0]]
		after := head(w[m[1]-len(w[m[6]:m[7]]):], 90)
		switch {
		case termBack.MatchString(after):
			v.consider(y+5, 8, m[0])
		case fromBefore.MatchString(before), lookBack.MatchString(after):
			v.consider(y+1, 5, m[0])
		default:
			v.consider(y, 9, m[0])
		}
	}
}

// review votes for a report that reviews last year (去年, 过去一年) and
// states that year's results (2010年比上年减少6.4%, 一九五九年…达到…): the
// year after the latest such result; a year with an estimate (一九六四年
// 全国工业总产值，预计…) is the report's own year.
func (v *yearVote) review(rw string) {
	est, rev := 0, 0
	for _, m := range reviewYear.FindAllStringSubmatchIndex(rw, -1) {
		y := atoi(rw[m[2]:m[3]])
		before := rw[max(0, m[0]-12):m[0]]
		if planBefore.MatchString(before) || y < 1949 || y > 2100 {
			continue
		}
		if planInside.MatchString(rw[m[0]:m[1]]) {
			continue // 1980年将达到: a plan
		}
		if strings.Contains(rw[m[0]:m[1]], "预计") {
			est = max(est, y)
			continue
		}
		rev = max(rev, y)
	}
	switch {
	case est > 0 && est >= rev:
		v.consider(est, 9, 0)
	case rev > 0 && (v.best == 0 || rev+1 > v.best):
		v.consider(rev+1, 9, 0)
	}
}

// estimatedYear is the latest year of text that has an estimate (预计)
// and whose year before has a stated result, or 0.
func estimatedYear(text string) int {
	est, res := map[int]bool{}, map[int]bool{}
	for _, m := range reviewYear.FindAllStringSubmatchIndex(text, -1) {
		y := atoi(text[m[2]:m[3]])
		span := text[m[0]:m[1]]
		if y < 1949 || y > 2100 || planBefore.MatchString(text[max(0, m[0]-12):m[0]]) {
			continue
		}
		if strings.Contains(span, "预计") {
			if i := strings.Index(span, "预计"); !planInside.MatchString(span[:i]) && !strings.ContainsAny(span[:i], "，,") {
				est[y] = true // 1982年预计; not 1981年…，1982年预计 (another year's clause)
			}
			continue
		}
		if !planInside.MatchString(span) {
			res[y] = true
		}
	}
	best := 0
	for y := range est {
		if res[y-1] && y > best {
			best = y
		}
	}
	return best
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}
