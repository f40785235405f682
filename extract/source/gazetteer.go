package source

import (
	"bufio"
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/planlens/planlens/schema"
)

//go:embed gazetteer.txt
var gazetteerData string

// place is one administrative division of the gazetteer.
type place struct {
	name    string   // full name: 北京市, 朝阳区, 合肥市
	aliases []string // short names matched in text (provinces only): 北京
	level   string   // schema.Level*
	parent  int      // index of the provincial division, -1 for provinces
}

// gazetteer is the parsed gazetteer.txt. It is built once and never
// modified afterwards.
type gazetteer struct {
	places []place
	byName map[string]int // full names, short names and full paths (北京市朝阳区)
}

var loadGazetteer = sync.OnceValue(func() *gazetteer { return parseGazetteer(gazetteerData) })

// parseGazetteer reads the indented format described in gazetteer.txt.
func parseGazetteer(data string) *gazetteer {
	g := &gazetteer{byName: make(map[string]int)}
	province := -1
	sc := bufio.NewScanner(strings.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		indented := line[0] == '\t' || line[0] == ' '
		fields := strings.Split(strings.TrimSpace(line), "|")
		p := place{name: fields[0], parent: -1}
		for _, a := range fields[1:] {
			if utf8.RuneCountInString(a) >= 2 {
				p.aliases = append(p.aliases, a)
			}
		}
		switch {
		case !indented:
			p.level = schema.LevelProvincial
			province = len(g.places)
		case province < 0:
			continue // a child before any province: ignore
		default:
			p.parent = province
			p.level = schema.LevelCity
			if isMunicipality(g.places[province].name) {
				p.level = schema.LevelDistrict
			}
		}
		i := len(g.places)
		g.places = append(g.places, p)
		g.byName[p.name] = i
		for _, a := range p.aliases {
			g.byName[a] = i
		}
		if p.parent >= 0 {
			g.byName[g.places[p.parent].name+p.name] = i
		}
	}
	return g
}

// isMunicipality reports whether a provincial-level name is one of the
// municipalities directly under the central government.
func isMunicipality(name string) bool {
	switch name {
	case "北京市", "天津市", "上海市", "重庆市":
		return true
	}
	return false
}

// path is the region string of place i: the province name followed by
// the place's own name (北京市朝阳区, 安徽省合肥市).
func (g *gazetteer) path(i int) string {
	p := g.places[i]
	if p.parent < 0 {
		return p.name
	}
	return g.places[p.parent].name + p.name
}

// nationalNames name the country as a whole.
var nationalNames = map[string]bool{"全国": true, "中国": true, "中华人民共和国": true, "国务院": true, "中央": true}

// RegionNational is the region of national documents.
const RegionNational = "全国"

// LevelOf returns the administrative level of a region name: a name or
// path of the gazetteer gets its level; otherwise the suffix decides
// (省/自治区 provincial; 市/州/盟/地区 city, or district when a city comes
// before it; 区/县/旗 district). It returns "" for a name it cannot place.
func LevelOf(region string) string {
	region = strings.TrimSpace(region)
	if region == "" {
		return ""
	}
	if nationalNames[region] {
		return schema.LevelNational
	}
	g := loadGazetteer()
	if i, ok := g.byName[region]; ok {
		return g.places[i].level
	}
	switch {
	case strings.HasSuffix(region, "特别行政区"), strings.HasSuffix(region, "省"),
		strings.HasSuffix(region, "自治区") && !strings.HasSuffix(region, "新区"):
		return schema.LevelProvincial
	case strings.HasSuffix(region, "区"), strings.HasSuffix(region, "县"), strings.HasSuffix(region, "旗"):
		return schema.LevelDistrict
	case strings.HasSuffix(region, "市"), strings.HasSuffix(region, "州"),
		strings.HasSuffix(region, "盟"), strings.HasSuffix(region, "地区"):
		// A city after a city (苏州市昆山市) is a county-level city.
		if k := strings.Index(region, "市"); k >= 0 && k+len("市") < len(region) {
			if lv := LevelOf(region[:k+len("市")]); lv == schema.LevelCity {
				return schema.LevelDistrict
			}
		}
		return schema.LevelCity
	}
	return ""
}

// IsArea reports whether name is exactly an administrative area of the
// gazetteer (浦东新区, 安徽省, 合肥市), which is no project of its own.
func IsArea(name string) bool {
	_, ok := loadGazetteer().byName[name]
	return ok
}
