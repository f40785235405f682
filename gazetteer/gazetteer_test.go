package gazetteer

import (
	"strings"
	"testing"

	"github.com/planlens/planlens/schema"
)

func TestDefaultTable(t *testing.T) {
	g := Default()
	count := map[string]int{}
	coded := 0
	for i := range g.Len() {
		p := g.Place(i)
		count[p.Level]++
		if p.Code != "" {
			coded++
		}
	}
	// 34 provincial divisions, 333 prefecture-level ones, and the districts
	// and counties of the four municipalities (16+16+16+38).
	if count[schema.LevelProvincial] != 34 || count[schema.LevelCity] != 333 || count[schema.LevelDistrict] != 86 {
		t.Errorf("levels = %v", count)
	}
	if coded != g.Len() {
		t.Errorf("%d of %d divisions have a code", coded, g.Len())
	}
}

func TestCodes(t *testing.T) {
	g := Default()
	tests := map[string]string{
		"北京市":       "110000",
		"北京市朝阳区":    "110105",
		"朝阳区":       "110105", // the Beijing one
		"辽宁省朝阳市":    "211300",
		"上海市浦东新区":   "310115",
		"崇明区":       "310151",
		"重庆市城口县":    "500229",
		"安徽省合肥市":    "340100",
		"广东省东莞市":    "441900",
		"伊犁哈萨克自治州":  "654000",
		"全国":        "000000",
		"上海市闵行区七宝镇": "", // below the table: no code, not its district's
		"湖南省浏阳市":    "",
		"某某":        "",
	}
	for in, want := range tests {
		if got := g.Code(in); got != want {
			t.Errorf("Code(%q) = %q, want %q", in, got, want)
		}
	}
	// Every code lies under its parent's (the parser checks it) and the
	// province codes end in 0000.
	for i := range g.Len() {
		p := g.Place(i)
		if p.Depth == 0 && !strings.HasSuffix(p.Code, "0000") {
			t.Errorf("%s: province code %s", p.Name, p.Code)
		}
		if j, ok := g.Lookup(p.Code); !ok || j != i {
			t.Errorf("Lookup(%s) = %d, want %d", p.Code, j, i)
		}
	}
}

func TestHierarchy(t *testing.T) {
	g := Default()
	tests := []struct {
		region, area string
		want         bool
	}{
		{"北京市朝阳区", "北京市", true},
		{"朝阳区", "北京市", true},
		{"北京市", "北京市", true},
		{"北京市", "北京", true},
		{"北京市", "北京市朝阳区", false},
		{"辽宁省朝阳市", "北京市", false},
		{"上海市闵行区七宝镇", "上海市", true},
		{"上海市闵行区七宝镇", "上海市闵行区", true},
		{"上海市闵行区七宝镇", "上海市闵行区七宝镇", true},
		{"上海市闵行区吴泾镇", "上海市闵行区七宝镇", false},
		{"湖南省浏阳市", "湖南省", true},
		{"安徽省合肥市", "全国", true},
		{"全国", "北京市", false},
		{"某某县", "某某", true}, // unknown names: path prefix
	}
	for _, tt := range tests {
		if got := g.Within(tt.region, tt.area); got != tt.want {
			t.Errorf("Within(%q, %q) = %v, want %v", tt.region, tt.area, got, tt.want)
		}
	}
	bj, _ := g.Lookup("北京市")
	if d := g.Descendants(bj); len(d) != 16 {
		t.Errorf("北京市 has %d divisions, want 16", len(d))
	}
	cy, _ := g.Lookup("北京市朝阳区")
	if a := g.Ancestors(cy); len(a) != 1 || a[0] != bj {
		t.Errorf("ancestors of 朝阳区 = %v, want [%d]", a, bj)
	}
	for in, want := range map[string]string{"朝阳区": "北京市朝阳区", "上海": "上海市", "闵行区七宝镇": "上海市闵行区七宝镇", "某地": "某地"} {
		if got := g.Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLevelOf(t *testing.T) {
	g := Default()
	tests := map[string]string{
		"全国":        schema.LevelNational,
		"北京市":       schema.LevelProvincial,
		"北京":        schema.LevelProvincial,
		"广西壮族自治区":   schema.LevelProvincial,
		"北京市朝阳区":    schema.LevelDistrict,
		"朝阳区":       schema.LevelDistrict,
		"安徽省合肥市":    schema.LevelCity,
		"合肥市":       schema.LevelCity,
		"延边朝鲜族自治州":  schema.LevelCity,
		"昆山市":       schema.LevelCity, // unknown: the suffix says city
		"苏州市昆山市":    schema.LevelDistrict,
		"某某旗":       schema.LevelDistrict,
		"石柱土家族自治县":  schema.LevelDistrict,
		"某某省":       schema.LevelProvincial,
		"上海市闵行区七宝镇": schema.LevelTownship,
		"长寿路街道":     schema.LevelTownship,
		"":          "",
		"研究院":       "",
		"110105":    "", // a code is no region name
	}
	for in, want := range tests {
		if got := g.LevelOf(in); got != want {
			t.Errorf("LevelOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"no code", "北京市\n", "t.txt:1: want CODE NAME"},
		{"bad code", "11000 北京市\n", "t.txt:1: code \"11000\""},
		{"orphan", "# c\n\t110105 朝阳区\n", "t.txt:2: indented under nothing"},
		{"spaces", "110000 北京市\n    110105 朝阳区\n", "t.txt:2: indent with tabs"},
		{"wrong parent code", "110000 北京市\n\t120101 和平区\n", "t.txt:2: code 120101 of 和平区 is not under 110000"},
		{"duplicate code", "110000 北京市\n120000 天津市\n\t110000 和平区\n", "t.txt:3: code 110000 of 和平区 is not under"},
		{"twice", "110000 北京市\n- 北京市\n", "t.txt:2: 北京市 listed twice"},
		{"empty", "# nothing\n", "t.txt: no divisions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.txt", strings.NewReader(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	g, err := Parse("t.txt", strings.NewReader("110000 北京市|北京\n\t- 某区\n"))
	if err != nil {
		t.Fatal(err)
	}
	if g.Code("北京市某区") != "" || g.LevelOf("北京市某区") != schema.LevelDistrict {
		t.Errorf("a division without a code: code %q level %q", g.Code("北京市某区"), g.LevelOf("北京市某区"))
	}
}
