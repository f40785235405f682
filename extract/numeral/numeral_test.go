package numeral

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  bool
	}{
		{"0", 0, false},
		{"9", 9, false},
		{"2026", 2026, false},
		{"1,234", 1234, false},
		{"12,345,678.9", 12345678.9, false},
		{"3541.07", 3541.07, false},
		{"1.2万", 12000, false},
		{"4·3", 4.3, false},
		{"4・3", 4.3, false},
		{"4．3", 4.3, false},
		{"19･5", 19.5, false},
		{"1.2·3", 0, true},
		{"4·", 0, true},
		{"3千", 3000, false},
		{"5千万", 5e7, false},
		{"1.5亿", 1.5e8, false},
		{"2.3万亿", 2.3e12, false},
		{"零", 0, false},
		{"一", 1, false},
		{"两", 2, false},
		{"十", 10, false},
		{"十五", 15, false},
		{"二十", 20, false},
		{"七十", 70, false},
		{"一百零五", 105, false},
		{"一千零五十", 1050, false},
		{"三千五百", 3500, false},
		{"两千", 2000, false},
		{"一万二千", 12000, false},
		{"十五万", 150000, false},
		{"三千五百万", 35000000, false},
		{"三亿五千万", 350000000, false},
		{"一万亿", 1e12, false},
		{"一亿零五万", 100050000, false},
		{"二〇二六", 2026, false},
		{"一点五七", 1.57, false},
		{"一点二万", 12000, false},
		{"零点五", 0.5, false},
		{"伍仟", 5000, false},
		{"壹佰贰拾叁", 123, false},
		{"玖拾玖", 99, false},
		{"千", 1000, false},
		{"", 0, true},
		{"点", 0, true},
		{"十十", 0, true},
		{"三五", 0, true},
		{"万", 0, true},
		{"1,23", 0, true},
		{"1.", 0, true},
		{".5", 0, true},
		{"1..2", 0, true},
		{"abc", 0, true},
		{"一点", 0, true},
		{"五点两", 0, true},
		{"万万", 0, true},
		{"三百千", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if tt.err {
				if err == nil || !errors.Is(err, ErrSyntax) {
					t.Fatalf("Parse(%q) = %v, %v; want ErrSyntax", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Parse(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "零"}, {10, "十"}, {15, "十五"}, {105, "一百零五"}, {110, "一百一十"},
		{1050, "一千零五十"}, {12000, "一万二千"}, {100050000, "一亿零五万"},
		{1.57, "一点五七"}, {1e12, "一万亿"}, {-3, "-3"},
	}
	for _, tt := range tests {
		if got := Format(tt.in); got != tt.want {
			t.Errorf("Format(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// q describes the expected first quantity of a Find call.
type q struct {
	text         string // s[Start:End]; "" for no quantity
	value, max   float64
	approx, unit string
	scaled       float64
	base         string
}

func TestFind(t *testing.T) {
	tests := []struct {
		in   string
		want q
	}{
		// counts with measure words
		{"力争北京科学高中等9所学校开工", q{text: "9所", value: 9, approx: Exact, unit: "所"}},
		{"实现核心区4个项目竣工", q{text: "4个", value: 4, approx: Exact, unit: "个"}},
		{"统筹推进70余项道路建设", q{text: "70余项", value: 70, approx: Over, unit: "项"}},
		{"实现145个老旧小区物业覆盖", q{text: "145个", value: 145, approx: Exact, unit: "个"}},
		{"新建5个以上紧密型城市医疗集团", q{text: "5个以上", value: 5, approx: AtLeast, unit: "个"}},
		{"拆除违法建设500万平方米", q{text: "500万平方米", value: 500, approx: Exact, unit: "万平方米", scaled: 5e6, base: "平方米"}},
		{"新增5000张家庭养老床位", q{text: "5000张", value: 5000, approx: Exact, unit: "张"}},
		{"打通50条断头路", q{text: "50条", value: 50, approx: Exact, unit: "条"}},
		{"新增1000处信号灯联网", q{text: "1000处", value: 1000, approx: Exact, unit: "处"}},
		{"加装电梯800台以上", q{text: "800台以上", value: 800, approx: AtLeast, unit: "台"}},
		{"抓好507栋危旧简易楼", q{text: "507栋", value: 507, approx: Exact, unit: "栋"}},
		{"培育3家左右", q{text: "3家左右", value: 3, approx: About, unit: "家"}},
		{"九所学校", q{text: "九所", value: 9, approx: Exact, unit: "所"}},
		{"推进二十个重点项目", q{text: "二十个", value: 20, approx: Exact, unit: "个"}},
		{"七十余项道路", q{text: "七十余项", value: 70, approx: Over, unit: "项"}},
		{"一百多个社区", q{text: "一百多个", value: 100, approx: Over, unit: "个"}},
		{"十条支持措施", q{text: "十条", value: 10, approx: Exact, unit: "条"}},
		{"两三个", q{text: "两三个", value: 2, max: 3, approx: About, unit: "个"}},
		{"三四十个村", q{text: "三四十个", value: 30, max: 40, approx: About, unit: "个"}},
		{"七八千人", q{text: "七八千人", value: 7000, max: 8000, approx: About, unit: "人"}},
		{"两三万人", q{text: "两三万人", value: 2, max: 3, approx: About, unit: "万人", scaled: 20000, base: "人"}},
		{"伍仟元", q{text: "伍仟元", value: 5000, approx: Exact, unit: "元"}},
		{"壹佰贰拾叁万元", q{text: "壹佰贰拾叁万元", value: 123, approx: Exact, unit: "万元", scaled: 1230000, base: "元"}},
		{"人次200万人次", q{text: "200万人次", value: 200, approx: Exact, unit: "万人次", scaled: 2e6, base: "人次"}},
		{"签约1万名", q{text: "1万名", value: 1, approx: Exact, unit: "万名", scaled: 10000, base: "名"}},
		{"70万妇女", q{text: "70万", value: 70, approx: Exact, unit: "万", scaled: 700000}},
		{"标识注册总量超过5亿", q{text: "超过5亿", value: 5, approx: Over, unit: "亿", scaled: 5e8}},
		// money and multipliers
		{"3541.07万元", q{text: "3541.07万元", value: 3541.07, approx: Exact, unit: "万元", scaled: 35410700, base: "元"}},
		{"1.2万人", q{text: "1.2万人", value: 1.2, approx: Exact, unit: "万人", scaled: 12000, base: "人"}},
		{"总投资约2350亿元", q{text: "约2350亿元", value: 2350, approx: About, unit: "亿元", scaled: 2.35e11, base: "元"}},
		{"增加1.6万亿元", q{text: "1.6万亿元", value: 1.6, approx: Exact, unit: "万亿元", scaled: 1.6e12, base: "元"}},
		{"不低于2000亿元", q{text: "不低于2000亿元", value: 2000, approx: AtLeast, unit: "亿元", scaled: 2e11, base: "元"}},
		{"5千万元", q{text: "5千万元", value: 5000, approx: Exact, unit: "万元", scaled: 5e7, base: "元"}},
		{"3万余人", q{text: "3万余人", value: 3, approx: Over, unit: "万人", scaled: 30000, base: "人"}},
		{"七十余万人", q{text: "七十余万人", value: 70, approx: Over, unit: "万人", scaled: 700000, base: "人"}},
		{"三亿五千万元", q{text: "三亿五千万元", value: 350000000, approx: Exact, unit: "元"}},
		{"1,200万元", q{text: "1,200万元", value: 1200, approx: Exact, unit: "万元", scaled: 1.2e7, base: "元"}},
		{"12,345.6元", q{text: "12,345.6元", value: 12345.6, approx: Exact, unit: "元"}},
		{"千亿级投资规模", q{text: "千亿", value: 1000, approx: Exact, unit: "亿", scaled: 1e11}},
		{"100亿美元", q{text: "100亿美元", value: 100, approx: Exact, unit: "亿美元", scaled: 1e10, base: "美元"}},
		{"58万元/人左右", q{text: "58万元/人左右", value: 58, approx: About, unit: "万元/人", scaled: 580000, base: "元/人"}},
		{"标准提高到801元/月", q{text: "801元/月", value: 801, approx: Exact, unit: "元/月"}},
		// physical units
		{"轨道交通运营里程40公里以上", q{text: "40公里以上", value: 40, approx: AtLeast, unit: "公里"}},
		{"高标准农田12万亩", q{text: "12万亩", value: 12, approx: Exact, unit: "万亩", scaled: 120000, base: "亩"}},
		{"蔬菜产量稳定在200万吨左右", q{text: "200万吨左右", value: 200, approx: About, unit: "万吨", scaled: 2e6, base: "吨"}},
		{"外调绿电规模达450亿千瓦时", q{text: "450亿千瓦时", value: 450, approx: Exact, unit: "亿千瓦时", scaled: 4.5e10, base: "千瓦时"}},
		{"装机100万千瓦", q{text: "100万千瓦", value: 100, approx: Exact, unit: "万千瓦", scaled: 1e6, base: "千瓦"}},
		{"3千瓦", q{text: "3千瓦", value: 3, approx: Exact, unit: "千瓦"}},
		{"5千米", q{text: "5千米", value: 5, approx: Exact, unit: "千米"}},
		{"800米", q{text: "800米", value: 800, approx: Exact, unit: "米"}},
		{"2.5平方公里", q{text: "2.5平方公里", value: 2.5, approx: Exact, unit: "平方公里"}},
		{"300公顷", q{text: "300公顷", value: 300, approx: Exact, unit: "公顷"}},
		{"控制在29微克/立方米左右", q{text: "控制在29微克/立方米左右", value: 29, approx: About, unit: "微克/立方米"}},
		{"控制在0.6人/百亿元以下", q{text: "控制在0.6人/百亿元以下", value: 0.6, approx: AtMost, unit: "人/百亿元"}},
		{"能耗下降1.2万吨标准煤", q{text: "1.2万吨标准煤", value: 1.2, approx: Exact, unit: "万吨标准煤", scaled: 12000, base: "吨标准煤"}},
		{"人均预期寿命81.5岁", q{text: "81.5岁", value: 81.5, approx: Exact, unit: "岁"}},
		{"生猪出栏300万头", q{text: "300万头", value: 300, approx: Exact, unit: "万头", scaled: 3e6, base: "头"}},
		{"增长1.5倍", q{text: "1.5倍", value: 1.5, approx: Exact, unit: "倍"}},
		// percentages
		{"地区生产总值增长5%左右", q{text: "5%左右", value: 5, approx: About, unit: "%"}},
		{"控制在5%以内", q{text: "控制在5%以内", value: 5, approx: AtMost, unit: "%"}},
		{"控制在3%", q{text: "控制在3%", value: 3, approx: AtMost, unit: "%"}},
		{"研发投入占比6%以上", q{text: "6%以上", value: 6, approx: AtLeast, unit: "%"}},
		{"彩化率达24.2%", q{text: "24.2%", value: 24.2, approx: Exact, unit: "%"}},
		{"百分之五", q{text: "百分之五", value: 5, approx: Exact, unit: "%"}},
		{"百分之一点五七", q{text: "百分之一点五七", value: 1.57, approx: Exact, unit: "%"}},
		{"百分之十二", q{text: "百分之十二", value: 12, approx: Exact, unit: "%"}},
		{"百分之3.5", q{text: "百分之3.5", value: 3.5, approx: Exact, unit: "%"}},
		// the 百分之 of a range's low end covers the high end
		{"定为百分之八至九", q{text: "百分之八至九", value: 8, max: 9, approx: Exact, unit: "%"}},
		{"增长百分之八到百分之九", q{text: "百分之八到百分之九", value: 8, max: 9, approx: Exact, unit: "%"}},
		{"由百分之三十九点七到一九五七年", q{text: "百分之三十九点七", value: 39.7, approx: Exact, unit: "%"}},
		{"千分之三", q{text: "千分之三", value: 3, approx: Exact, unit: "‰"}},
		{"5‰", q{text: "5‰", value: 5, approx: Exact, unit: "‰"}},
		{"提高0.5个百分点", q{text: "0.5个百分点", value: 0.5, approx: Exact, unit: "个百分点"}},
		{"下降两个百分点", q{text: "两个百分点", value: 2, approx: Exact, unit: "个百分点"}},
		{"约50%", q{text: "约50%", value: 50, approx: About, unit: "%"}},
		{"近30%", q{text: "近30%", value: 30, approx: About, unit: "%"}},
		{"不超过3%", q{text: "不超过3%", value: 3, approx: AtMost, unit: "%"}},
		{"突破1000家", q{text: "突破1000家", value: 1000, approx: Over, unit: "家"}},
		{"比重低于13%", q{text: "低于13%", value: 13, approx: AtMost, unit: "%"}},
		{"力争产值过两千亿元", q{text: "过两千亿元", value: 2000, approx: Over, unit: "亿元", scaled: 2e11, base: "元"}},
		{"高于全国平均水平2个百分点", q{text: "2个百分点", value: 2, approx: Exact, unit: "个百分点"}},
		{"通过3个", q{text: "3个", value: 3, approx: Exact, unit: "个"}},
		{"不少于28万人", q{text: "不少于28万人", value: 28, approx: AtLeast, unit: "万人", scaled: 280000, base: "人"}},
		{"大约20个", q{text: "大约20个", value: 20, approx: About, unit: "个"}},
		{"3000人上下", q{text: "3000人上下", value: 3000, approx: About, unit: "人"}},
		{"10亿元及以上", q{text: "10亿元及以上", value: 10, approx: AtLeast, unit: "亿元", scaled: 1e9, base: "元"}},
		// ranges
		{"3至5个", q{text: "3至5个", value: 3, max: 5, approx: Exact, unit: "个"}},
		{"3—5个", q{text: "3—5个", value: 3, max: 5, approx: Exact, unit: "个"}},
		{"3-5个", q{text: "3-5个", value: 3, max: 5, approx: Exact, unit: "个"}},
		{"3~5个", q{text: "3~5个", value: 3, max: 5, approx: Exact, unit: "个"}},
		{"5%-6%", q{text: "5%-6%", value: 5, max: 6, approx: Exact, unit: "%"}},
		{"5%到6%", q{text: "5%到6%", value: 5, max: 6, approx: Exact, unit: "%"}},
		{"年均增速4.5%-5%", q{text: "4.5%-5%", value: 4.5, max: 5, approx: Exact, unit: "%"}},
		{"三至五个", q{text: "三至五个", value: 3, max: 5, approx: Exact, unit: "个"}},
		{"3万至5万人", q{text: "3万至5万人", value: 3, max: 5, approx: Exact, unit: "万人", scaled: 30000, base: "人"}},
		{"3至5万人", q{text: "3至5万人", value: 3, max: 5, approx: Exact, unit: "万人", scaled: 30000, base: "人"}},
		{"5000至1万个", q{text: "5000至1万个", value: 0.5, max: 1, approx: Exact, unit: "万个", scaled: 5000, base: "个"}},
		{"增长6%—6.5%", q{text: "6%—6.5%", value: 6, max: 6.5, approx: Exact, unit: "%"}},
		// a unit glued to the next character is no unit (人民, 家庭)
		{"我国十亿人民", q{text: "十亿", value: 10, approx: Exact, unit: "亿", scaled: 1e9}},
		{"服务5万家庭", q{text: "5万", value: 5, approx: Exact, unit: "万", scaled: 5e4}},
		{"10万户籍人口", q{text: "10万", value: 10, approx: Exact, unit: "万", scaled: 1e5}},
		{"新增就业10万人,", q{text: "10万人", value: 10, approx: Exact, unit: "万人", scaled: 1e5, base: "人"}},
		{"一万六千七百七十亿元", q{text: "一万六千七百七十亿元", value: 16770, approx: Exact, unit: "亿元", scaled: 1.677e12, base: "元"}},
		{"八千九百六十亿元", q{text: "八千九百六十亿元", value: 8960, approx: Exact, unit: "亿元", scaled: 8.96e11, base: "元"}},
		{"旅客周转量三百二十亿人公里", q{text: "三百二十亿人公里", value: 320, approx: Exact, unit: "亿人公里", scaled: 3.2e10, base: "人公里"}},
		{"高等学校二百○八所", q{text: "二百○八所", value: 208, approx: Exact, unit: "所"}},
		{"○5个", q{text: "5个", value: 5, approx: Exact, unit: "个"}},
		{"培养儿科医生超500人", q{text: "超500人", value: 500, approx: Over, unit: "人"}},
		{"抽检超2.3万批次", q{text: "超2.3万批次", value: 2.3, approx: Over, unit: "万批次", scaled: 23000, base: "批次"}},
		// a middle dot or full-width stop as the decimal point (older texts)
		{"比上年实际增长4·3%", q{text: "4·3%", value: 4.3, approx: Exact, unit: "%"}},
		{"全年增长19·5%", q{text: "19·5%", value: 19.5, approx: Exact, unit: "%"}},
		{"增长4・3%", q{text: "4・3%", value: 4.3, approx: Exact, unit: "%"}},
		{"增长4．3%", q{text: "4．3%", value: 4.3, approx: Exact, unit: "%"}},
		{"约1·5亿元", q{text: "约1·5亿元", value: 1.5, approx: About, unit: "亿元", scaled: 1.5e8, base: "元"}},
		// numerals inside words, ordinals, codes, dates: no quantity
		{"“8·22”重大垮塌事故", q{}},
		{"“5·18国际博物馆日”", q{}},
		{"统一", q{}},
		{"全国统一大市场", q{}},
		{"一带一路", q{}},
		{"十一学校朝阳实验学校", q{}},
		{"首都医科大学三博脑科医院", q{}},
		{"亮马河四环路以下段", q{}},
		{"三大攻坚战", q{}},
		{"一体化综合监管", q{}},
		{"一流大学", q{}},
		{"第一方阵", q{}},
		{"第二批高标准农田", q{}},
		{"第3家", q{}},
		{"千家万户", q{}},
		{"百万亩造林", q{}},
		{"十五五规划", q{}},
		{"2026年", q{}},
		{"6月底前", q{}},
		{"12345市民服务热线", q{}},
		{"3+X+N", q{}},
		{"5G基站", q{}},
		{"G20峰会", q{}},
		{"22号线", q{}},
		{"二三级物流节点", q{}},
		{"三年行动计划", q{}},
		{"服务业扩大开放示范区3.0方案", q{}},
		{"二期工程", q{}},
		{"唯一", q{}},
		{"之一", q{}},
		{"80周年", q{}},
		{"二〇二六年", q{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Find(tt.in)
			if tt.want.text == "" {
				if len(got) > 0 {
					g := got[0]
					t.Fatalf("Find(%q) = %q (%+v); want none", tt.in, tt.in[g.Start:g.End], g)
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("Find(%q) = none; want %q", tt.in, tt.want.text)
			}
			g := got[0]
			var gmax float64
			if g.HasMax {
				gmax = g.ValueMax
			}
			var gscaled float64
			if g.HasScale {
				gscaled = g.Scaled
			}
			gq := q{text: tt.in[g.Start:g.End], value: g.Value, max: gmax, approx: g.Approx, unit: g.Unit, scaled: gscaled, base: g.BaseUnit}
			if gq != tt.want {
				t.Fatalf("Find(%q)[0] =\n  %+v\nwant\n  %+v", tt.in, gq, tt.want)
			}
		})
	}
}

func TestFindSeveral(t *testing.T) {
	s := "全年新增5000张家庭养老床位、20个区域养老服务中心,累计达8000处"
	got := Find(s)
	var texts []string
	for _, g := range got {
		texts = append(texts, s[g.Start:g.End])
	}
	want := []string{"5000张", "20个", "8000处"}
	if len(texts) != len(want) {
		t.Fatalf("Find = %q, want %q", texts, want)
	}
	for i := range want {
		if texts[i] != want[i] {
			t.Fatalf("Find = %q, want %q", texts, want)
		}
	}
}

func TestIsUnit(t *testing.T) {
	for u, want := range map[string]bool{"个": true, "万人": true, "亿千瓦时": true, "%": true, "年": false, "万": false, "学校": false} {
		if got := IsUnit(u); got != want {
			t.Errorf("IsUnit(%q) = %v, want %v", u, got, want)
		}
	}
}

// TestLexiconErrors: a malformed line of the embedded word lists is an
// error naming the file and the line, never skipped.
func TestLexiconErrors(t *testing.T) {
	tests := []struct{ units, bound, glue, want string }{
		{"%\n个\n", "统\n", "人\t民口\n家庭长\n", "numeral: glue.txt:2:"},
		{"%\n万 元\n", "统\n", "", "numeral: units.txt:2:"},
		{"%\n", "统一\n", "", "numeral: bound.txt:1: want one character"},
	}
	for _, tt := range tests {
		if _, err := parseLexicon(tt.units, tt.bound, tt.glue); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("parseLexicon: error %v, want %q", err, tt.want)
		}
	}
	if _, err := parseLexicon(unitsData, boundData, glueData); err != nil {
		t.Errorf("embedded lexicon: %v", err)
	}
}
