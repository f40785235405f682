// Package gazetteer is the table of Chinese administrative divisions that
// planlens knows: names and short names, GB/T 2260 division codes, levels
// and the parent hierarchy (province → prefecture → county/district; the
// districts of the four municipalities sit directly under them). Document
// region inference (extract/source), the finders (an area is no project)
// and the index (a region filter includes its divisions) read it.
//
// The table is the embedded data file gazetteer.txt; Default parses it
// once. A Gazetteer is immutable and safe for concurrent use.
package gazetteer

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/planlens/planlens/schema"
)

//go:embed gazetteer.txt
var data string

// RegionNational is the region of national documents.
const RegionNational = "全国"

// Place is one administrative division.
type Place struct {
	Name    string   // full name: 北京市, 朝阳区, 合肥市
	Aliases []string // short names of two runes or more, matched in text: 北京
	Code    string   // GB/T 2260 code (six digits), "" when unknown
	Level   string   // schema.Level*
	Parent  int      // index of the division it belongs to, -1 for provinces
	Depth   int      // 0 provincial, 1 under a province, 2 under a prefecture
}

// Gazetteer is a parsed division table.
type Gazetteer struct {
	places   []Place
	children [][]int
	byName   map[string]int // full names, short names, paths (北京市朝阳区) and codes
}

// Default returns the embedded table, parsed on first use. The embedded
// file is checked by the package tests, so a parse error is a build defect
// and panics.
func Default() *Gazetteer { return loadDefault() }

var loadDefault = sync.OnceValue(func() *Gazetteer {
	g, err := Parse("gazetteer.txt", strings.NewReader(data))
	if err != nil {
		panic(err)
	}
	return g
})

// Parse reads a table in the format of gazetteer.txt. name is used in
// errors, which give the line number of the first malformed line.
func Parse(name string, r io.Reader) (*Gazetteer, error) {
	g := &Gazetteer{byName: make(map[string]int)}
	var stack []int // index of the last division at each depth
	sc := bufio.NewScanner(r)
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), " \r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("gazetteer: %s:%d: %s", name, lineNo, fmt.Sprintf(format, args...))
		}
		depth := len(line) - len(strings.TrimLeft(line, "\t"))
		if strings.HasPrefix(line[depth:], " ") {
			return nil, fail("indent with tabs only")
		}
		if depth > 2 {
			return nil, fail("indented %d levels; at most 2", depth)
		}
		if depth > len(stack) {
			return nil, fail("indented under nothing (depth %d after depth %d)", depth, len(stack)-1)
		}
		code, names, ok := strings.Cut(line[depth:], " ")
		if !ok || strings.TrimSpace(names) == "" {
			return nil, fail("want CODE NAME[|SHORT...], got %q", line[depth:])
		}
		if code == "-" {
			code = ""
		} else if !validCode(code) {
			return nil, fail("code %q is not six digits or '-'", code)
		}
		fields := strings.Split(strings.TrimSpace(names), "|")
		p := Place{Name: fields[0], Code: code, Parent: -1, Depth: depth}
		if p.Name == "" || strings.ContainsAny(p.Name, " \t") {
			return nil, fail("bad name %q", p.Name)
		}
		for _, a := range fields[1:] {
			if utf8.RuneCountInString(a) >= 2 {
				p.Aliases = append(p.Aliases, a)
			}
		}
		stack = stack[:depth]
		if depth > 0 {
			p.Parent = stack[depth-1]
			parent := g.places[p.Parent]
			if code != "" && parent.Code != "" && !codeUnder(code, parent.Code, depth) {
				return nil, fail("code %s of %s is not under %s of %s", code, p.Name, parent.Code, parent.Name)
			}
		}
		p.Level = levelAt(g, p)
		i := len(g.places)
		if _, dup := g.byName[g.pathOf(p)]; dup {
			return nil, fail("%s listed twice", g.pathOf(p))
		}
		g.places = append(g.places, p)
		g.children = append(g.children, nil)
		if p.Parent >= 0 {
			g.children[p.Parent] = append(g.children[p.Parent], i)
		}
		stack = append(stack, i)
		g.byName[g.Path(i)] = i
		if code != "" {
			if j, dup := g.byName[code]; dup {
				return nil, fail("code %s used by %s and %s", code, g.places[j].Name, p.Name)
			}
			g.byName[code] = i
		}
		// Bare names and short names: the first division of that name wins
		// (朝阳区 of Beijing is listed before any other 朝阳区).
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			if _, taken := g.byName[n]; !taken {
				g.byName[n] = i
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer: %s: %w", name, err)
	}
	if len(g.places) == 0 {
		return nil, fmt.Errorf("gazetteer: %s: no divisions", name)
	}
	return g, nil
}

func validCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// codeUnder reports whether code lies under the parent code: a division of
// a province shares its first two digits, one of a prefecture its first
// four.
func codeUnder(code, parent string, depth int) bool {
	n := 2 * depth
	return code[:n] == parent[:n] && code != parent
}

// levelAt is the level of a division from its depth and its parent.
func levelAt(g *Gazetteer, p Place) string {
	switch {
	case p.Depth == 0:
		return schema.LevelProvincial
	case p.Depth == 1 && !IsMunicipality(g.places[p.Parent].Name):
		return schema.LevelCity
	}
	return schema.LevelDistrict
}

// pathOf is the path a place will have once appended.
func (g *Gazetteer) pathOf(p Place) string {
	if p.Parent < 0 {
		return p.Name
	}
	return g.Path(p.Parent) + p.Name
}

// IsMunicipality reports whether a provincial-level name is one of the
// four municipalities directly under the central government.
func IsMunicipality(name string) bool {
	switch name {
	case "北京市", "天津市", "上海市", "重庆市":
		return true
	}
	return false
}

// Len is the number of divisions.
func (g *Gazetteer) Len() int { return len(g.places) }

// Place returns division i (0 ≤ i < Len).
func (g *Gazetteer) Place(i int) Place { return g.places[i] }

// Children returns the indexes of the divisions directly under i.
func (g *Gazetteer) Children(i int) []int { return append([]int(nil), g.children[i]...) }

// Path is the region string of division i: the names from the province
// down (北京市朝阳区, 安徽省合肥市).
func (g *Gazetteer) Path(i int) string {
	if g.places[i].Parent < 0 {
		return g.places[i].Name
	}
	return g.Path(g.places[i].Parent) + g.places[i].Name
}

// Lookup finds a division by full name, short name, path (北京市朝阳区) or
// code (110105).
func (g *Gazetteer) Lookup(name string) (int, bool) {
	i, ok := g.byName[strings.TrimSpace(name)]
	return i, ok
}

// Resolve finds the deepest division a region string names, reading it as
// a path from the start (上海市闵行区七宝镇 → 闵行区, rest 七宝镇). A
// region that starts with no known name gives ok false; a bare name
// (朝阳区) resolves as Lookup does.
func (g *Gazetteer) Resolve(region string) (i int, rest string, ok bool) {
	region = strings.TrimSpace(region)
	if j, found := g.byName[region]; found {
		return j, "", true
	}
	i = -1
	for end := len(region); end > 0; {
		if j, found := g.byName[region[:end]]; found {
			i, rest = j, region[end:]
			break
		}
		_, size := utf8.DecodeLastRuneInString(region[:end])
		end -= size
	}
	if i < 0 {
		return -1, region, false
	}
	// Descend: the rest may name a child (江苏省苏州市…).
	for rest != "" {
		next := -1
		for _, c := range g.children[i] {
			if n := g.places[c].Name; strings.HasPrefix(rest, n) {
				next, rest = c, rest[len(n):]
				break
			}
		}
		if next < 0 {
			break
		}
		i = next
	}
	return i, rest, true
}

// Code returns the division code of a region string when the whole string
// names a known division, else "" (a region below the table, such as a
// town, gets no code rather than its district's).
func (g *Gazetteer) Code(region string) string {
	if region == RegionNational {
		return "000000"
	}
	i, rest, ok := g.Resolve(region)
	if !ok || rest != "" {
		return ""
	}
	return g.places[i].Code
}

// Ancestors returns the indexes of the divisions above i, nearest first.
func (g *Gazetteer) Ancestors(i int) []int {
	var out []int
	for p := g.places[i].Parent; p >= 0; p = g.places[p].Parent {
		out = append(out, p)
	}
	return out
}

// Descendants returns the indexes of all divisions under i, depth first.
func (g *Gazetteer) Descendants(i int) []int {
	var out []int
	for _, c := range g.children[i] {
		out = append(out, c)
		out = append(out, g.Descendants(c)...)
	}
	return out
}

// Within reports whether region lies inside area or is area: 北京市朝阳区
// and 朝阳区 are within 北京市; 上海市闵行区七宝镇 is within 上海市闵行区;
// every region is within 全国. Unknown names compare as path prefixes.
func (g *Gazetteer) Within(region, area string) bool {
	region, area = strings.TrimSpace(region), strings.TrimSpace(area)
	if area == "" || area == RegionNational || region == area {
		return area != "" || region == ""
	}
	a, arest, aok := g.Resolve(area)
	r, rrest, rok := g.Resolve(region)
	if !aok || !rok {
		return strings.HasPrefix(region, area)
	}
	if arest != "" {
		// area below the table (a town): region must name it under the same division
		return r == a && strings.HasPrefix(rrest, arest)
	}
	if r == a {
		return true
	}
	for _, p := range g.Ancestors(r) {
		if p == a {
			return true
		}
	}
	return false
}

// Canonical returns the full path of a region string when it resolves
// (朝阳区 → 北京市朝阳区, 上海 → 上海市; a rest below the table is kept:
// 闵行区七宝镇 → 上海市闵行区七宝镇), else the string unchanged.
func (g *Gazetteer) Canonical(region string) string {
	i, rest, ok := g.Resolve(region)
	if !ok {
		return strings.TrimSpace(region)
	}
	return g.Path(i) + rest
}

// nationalNames name the country as a whole.
var nationalNames = map[string]bool{"全国": true, "中国": true, "中华人民共和国": true, "国务院": true, "中央": true}

// IsNational reports whether a region name means the whole country.
func IsNational(name string) bool { return nationalNames[strings.TrimSpace(name)] }

// IsArea reports whether name is exactly an administrative area of the
// table (浦东新区, 安徽省, 合肥市), which is no project of its own.
func (g *Gazetteer) IsArea(name string) bool {
	_, ok := g.byName[name]
	return ok && !validCode(name)
}

// LevelOf returns the administrative level of a region name: a name or
// path of the table gets its level; otherwise the suffix decides
// (省/自治区 provincial; 市/州/盟/地区 city, or district when a city comes
// before it; 区/县/旗 district; 镇/乡/街道 township). It returns "" for a
// name it cannot place.
func (g *Gazetteer) LevelOf(region string) string {
	region = strings.TrimSpace(region)
	if region == "" {
		return ""
	}
	if IsNational(region) {
		return schema.LevelNational
	}
	if i, ok := g.byName[region]; ok && !validCode(region) {
		return g.places[i].Level
	}
	switch {
	case strings.HasSuffix(region, "特别行政区"), strings.HasSuffix(region, "省"),
		strings.HasSuffix(region, "自治区") && !strings.HasSuffix(region, "新区"):
		return schema.LevelProvincial
	case strings.HasSuffix(region, "街道"), strings.HasSuffix(region, "镇"), strings.HasSuffix(region, "乡"):
		if utf8.RuneCountInString(region) >= 2 {
			return schema.LevelTownship
		}
	case strings.HasSuffix(region, "区"), strings.HasSuffix(region, "县"), strings.HasSuffix(region, "旗"):
		return schema.LevelDistrict
	case strings.HasSuffix(region, "市"), strings.HasSuffix(region, "州"),
		strings.HasSuffix(region, "盟"), strings.HasSuffix(region, "地区"):
		// A city after a city (苏州市昆山市) is a county-level city.
		if k := strings.Index(region, "市"); k >= 0 && k+len("市") < len(region) {
			if lv := g.LevelOf(region[:k+len("市")]); lv == schema.LevelCity {
				return schema.LevelDistrict
			}
		}
		return schema.LevelCity
	}
	return ""
}
