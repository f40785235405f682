package source

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/planlens/planlens/gazetteer"
	"github.com/planlens/planlens/schema"
)

// Weights of region evidence.
const (
	titleWeight    = 5  // a mention in the title counts this many times
	bodyBonus      = 5  // the name is an issuing body: X人民政府, X第N届人民代表大会
	nationalStrong = 10 // 我代表国务院, a title naming the State Council
	weakProvince   = 5  // below this a province is only mentioned in passing
)

// bodyAfter are words that follow a place name when the place is the
// government, congress or party committee that issues the document.
var bodyAfter = []string{"人民政府", "政府", "第", "人大", "委"}

// nationalCues and their weights: the speaker represents the State Council
// or the Central People's Government, or addresses the NPC.
var nationalCues = []struct {
	s string
	w int
}{
	{"代表国务院", nationalStrong}, {"代表國務院", nationalStrong},
	{"代表中央人民政府", nationalStrong},
	{"中华人民共和国国务院", nationalStrong}, {"国务院政府工作报告", nationalStrong},
	{"全国人民代表大会", 3}, {"全國人民代表大會", 3},
}

// countyBody finds an issuing body whose name ends in a county-level
// suffix: 昌平区人民政府, 某某县第十届人民代表大会.
var countyBody = regexp.MustCompile(`(?:代表|在|^|年|[\s\p{P}\d])(\p{Han}{2,14}?(?:区|县|旗|市))(?:人民政府|政府|第[一二三四五六七八九十]+届人民代表大会)`)

// areaPatterns find a county-level area named where a document says whom
// it is about: countyBody, a title that opens with the area (关于印发《昆山市
// 推进…》的通知), news sourced from it (记者从南山区获悉).
var areaPatterns = []*regexp.Regexp{
	countyBody,
	regexp.MustCompile(`(?:^|《|关于印发《?)(\p{Han}{2,4}?(?:市|区|县|旗))(?:\p{Han})`),
	regexp.MustCompile(`(?:从|据|在)(\p{Han}{2,4}?(?:市|区|县|旗))(?:获悉|了解到|召开|举行|印发|发布)`),
}

// InferRegion returns the administrative area a document is about and its
// level, from the title and the start of the text. Mentions of every
// gazetteer name are counted (title mentions weigh more, issuing bodies
// more still); the province with the most evidence, its own and its
// divisions', is chosen, then one of its divisions when that division is
// mentioned about as often as the province itself (a Beijing district's
// report still says 北京). A speaker for the State Council makes a national
// document (region 全国). An issuing body not in the gazetteer but ending
// in 区/县/旗/市 is taken as a county-level area. It returns "", "" when
// nothing points anywhere.
func InferRegion(title, text string) (region, level string) {
	g := gazetteer.Default()
	w := head(text, regionWindow)
	own := make([]int, g.Len())
	for i := range g.Len() {
		p := g.Place(i)
		own[i] = mentions(w, p) + titleWeight*mentions(title, p)
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			for _, b := range bodyAfter {
				if strings.Contains(title, n+b) || strings.Contains(w, n+b) {
					own[i] += bodyBonus
					break
				}
			}
		}
	}
	national := 0
	for _, c := range nationalCues {
		national += c.w * (strings.Count(w, c.s) + titleWeight*strings.Count(title, c.s))
	}

	// Province: its own evidence plus that of its divisions.
	prov, provScore := -1, 0
	total := make([]int, g.Len())
	for i := range g.Len() {
		if p := g.Place(i); p.Parent < 0 {
			total[i] += own[i]
		} else {
			total[p.Parent] += own[i]
		}
	}
	for i := range g.Len() {
		if g.Place(i).Parent < 0 && total[i] > provScore {
			prov, provScore = i, total[i]
		}
	}
	if national >= nationalStrong && national >= provScore {
		return gazetteer.RegionNational, schema.LevelNational
	}
	// Without a strong cue, a country-wide text still names 我国/全国 often
	// and a province only in passing (香港 in a national report).
	countryWide := national + strings.Count(w, "我国") + strings.Count(w, "全国") + strings.Count(w, "我國") + strings.Count(w, "全國")
	if provScore < weakProvince && countryWide >= 3 {
		return gazetteer.RegionNational, schema.LevelNational
	}
	if prov < 0 {
		if name := countyName(title, w, g); name != "" {
			return name, g.LevelOf(name)
		}
		return "", ""
	}

	// A division of the province, when it is mentioned about as much.
	child, childScore := -1, 0
	for _, i := range g.Children(prov) {
		if own[i] > childScore {
			child, childScore = i, own[i]
		}
	}
	region, level = g.Place(prov).Name, schema.LevelProvincial
	if child >= 0 && childScore >= 3 && 2*childScore >= own[prov] {
		region, level = g.Path(child), g.Place(child).Level
	}
	if name := countyName(title, w, g); name != "" && !strings.HasSuffix(region, name) {
		if level == schema.LevelProvincial || level == schema.LevelCity {
			region += name
			level = schema.LevelDistrict
		}
	}
	return region, level
}

// countyName returns an issuing body's county-level name that the
// gazetteer does not know, or "". Known names in front of it are dropped
// (在北京市昌平区 → 昌平区, which is known, so ""), as are leading function
// characters (2026年某某县 → 某某县).
func countyName(title, w string, g *gazetteer.Gazetteer) string {
	for _, s := range []string{title, head(w, 600)} {
		for _, m := range allMatches(s) {
			name := m[1]
			cut := -1
			for i := range g.Len() {
				p := g.Place(i)
				for _, n := range append([]string{p.Name}, p.Aliases...) {
					if k := strings.LastIndex(name, n); k >= 0 {
						cut = max(cut, k+len(n))
					}
				}
			}
			if cut >= 0 {
				name = name[cut:]
			} else {
				name = trimFunctionWords(name)
			}
			if _, known := g.Lookup(name); known || name == "" {
				continue
			}
			if n := utf8.RuneCountInString(name); n < 2 || n > 10 ||
				genericArea[name] || strings.HasPrefix(name, "全") || strings.HasPrefix(name, "本") ||
				strings.Contains(name, "关于") || strings.Contains(name, "印发") {
				continue
			}
			return name
		}
	}
	return ""
}

// allMatches returns the matches of every area pattern in s, in pattern order.
func allMatches(s string) [][]string {
	var out [][]string
	for _, re := range areaPatterns {
		out = append(out, re.FindAllStringSubmatch(s, -1)...)
	}
	return out
}

// genericArea are self-references, not names: 我代表自治区人民政府.
var genericArea = map[string]bool{"自治区": true, "自治州": true, "自治县": true, "自治旗": true, "新区": true, "城区": true, "市区": true, "地区": true}

// functionWords may precede a name in an issuing-body phrase.
var functionWords = []string{"我们", "我", "代表", "向", "在", "日", "年", "于", "由", "对", "和", "及", "的"}

// trimFunctionWords drops what comes before the name: everything up to a
// verb (…代表, …在, …向) and function words in front.
func trimFunctionWords(s string) string {
	for _, v := range []string{"代表", "在", "向"} {
		if k := strings.LastIndex(s, v); k >= 0 {
			s = s[k+len(v):]
		}
	}
	for {
		trimmed := false
		for _, f := range functionWords {
			if strings.HasPrefix(s, f) {
				s, trimmed = s[len(f):], true
			}
		}
		if !trimmed {
			return s
		}
	}
}

// mentions counts the mentions of a place in s: its full name, or a short
// name where it has one (which also covers the full name). A name ending
// in 区 is not counted before 域 (区域 "area"), one ending in 市 not before
// 场 (市场 "market").
func mentions(s string, p gazetteer.Place) int {
	n := countName(s, p.Name)
	for _, a := range p.Aliases {
		n = max(n, countName(s, a))
	}
	return n
}

func countName(s, name string) int {
	n := 0
	for i := 0; ; {
		k := strings.Index(s[i:], name)
		if k < 0 {
			return n
		}
		i += k + len(name)
		next, _ := utf8.DecodeRuneInString(s[i:])
		switch {
		case strings.HasSuffix(name, "区") && next == '域':
		case strings.HasSuffix(name, "市") && next == '场':
		default:
			n++
		}
	}
}
