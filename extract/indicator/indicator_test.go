package indicator_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/planlens/planlens/extract/indicator"
	"github.com/planlens/planlens/schema"
)

func lexicon(t testing.TB) *indicator.Lexicon {
	t.Helper()
	l, err := indicator.New()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestFind: synonyms and regional forms map to one key; near misses that
// contain an indicator's phrase but name something else do not.
func TestFind(t *testing.T) {
	l := lexicon(t)
	for _, c := range []struct {
		text, unit, key, variant, flag string
	}{
		{"国内生产总值增长", "%", "gdp_growth", "", ""},
		{"全省地区生产总值增长", "%", "gdp_growth", "", ""},
		{"全市生产总值增长", "%", "gdp_growth", "", ""},
		{"经济增长预期目标为", "%", "gdp_growth", "", ""},
		{"今年经济增长速度的宏观调控目标", "%", "gdp_growth", "", ""},
		{"GDP增长", "%", "gdp_growth", "", ""},
		{"ＧＤＰ增长", "%", "gdp_growth", "", ""},
		{"国民生产总值增长", "%", "gdp_growth", "", "gnp"},
		{"国内生产总值达到", "万亿元", "gdp", "", ""},
		{"单位GDP能耗降低", "%", "energy_intensity", "", ""},
		{"单位国内生产总值能耗降低", "%", "energy_intensity", "", ""},
		{"单位地区生产总值能耗下降", "%", "energy_intensity", "", ""},
		{"万元地区生产总值能耗下降", "%", "energy_intensity", "", ""},
		{"财政赤字占国内生产总值比重为", "%", "deficit_ratio", "", ""},
		{"赤字率拟按", "%", "deficit_ratio", "", ""},
		{"中央财政赤字", "亿元", "deficit", "central", ""},
		{"占GDP比重达到", "%", "", "", ""},
		{"研究与试验发展经费投入占国内生产总值比重", "%", "rd_intensity", "", ""},
		{"国家财政性教育经费占国内生产总值比例继续保持在", "%", "", "", ""},
		{"数字经济核心产业增加值占地区生产总值比重达到", "%", "", "", ""},
		{"人均地区生产总值", "万元", "gdp_per_capita", "", ""},
		{"工业生产总值增长", "%", "", "", ""},
		{"居民消费价格涨幅", "%", "cpi", "", ""},
		{"居民消费价格总水平涨幅控制在", "%", "cpi", "", ""},
		{"物价上涨幅度", "%", "cpi", "", ""},
		{"商品零售价格涨幅控制在", "%", "cpi", "", "retail_price"},
		{"稻谷最低收购价", "元", "", "", ""},
		{"城镇新增就业", "万人", "urban_new_jobs", "", ""},
		{"新增城镇就业", "万人", "urban_new_jobs", "", ""},
		{"城镇新增就业", "%", "", "", ""},
		{"城镇调查失业率", "%", "surveyed_unemployment", "", ""},
		{"城镇登记失业率控制在", "%", "registered_unemployment", "", ""},
		{"全社会固定资产投资增长", "%", "fixed_asset_investment", "", ""},
		{"社会消费品零售总额增长", "%", "retail_sales", "", ""},
		{"一般公共预算收入增长", "%", "general_budget_revenue", "", ""},
		{"城乡居民人均可支配收入增长", "%", "per_capita_disposable_income", "", ""},
		{"农村居民人均可支配收入增长", "%", "per_capita_disposable_income", "rural", ""},
		{"城镇居民人均可支配收入", "%", "per_capita_disposable_income", "urban", ""},
		{"粮食产量稳定在", "亿斤", "grain_output", "", ""},
		{"粮食总产量", "万吨", "grain_output", "", ""},
		{"粮食产量", "%", "", "", ""},
		{"单位地区生产总值二氧化碳排放下降", "%", "carbon_intensity", "", ""},
		{"常住人口城镇化率", "%", "urbanization_rate", "", ""},
		{"CPI涨幅", "%", "cpi", "", ""},
		{"城镇居民收入增长", "%", "per_capita_disposable_income", "urban", ""},
		{"其中农村居民收入增长", "%", "per_capita_disposable_income", "rural", ""},
		{"农村居民收入", "万元", "", "", ""},
		{"居民消费支出增长", "%", "", "", ""},
		{"CPI涨幅", "亿元", "", "", ""},
	} {
		m, ok := l.Find(c.text, c.unit)
		if m.Key != c.key || ok != (c.key != "") || m.Variant != c.variant {
			t.Errorf("Find(%q, %q) = %q/%q (ok %v), want %q/%q", c.text, c.unit, m.Key, m.Variant, ok, c.key, c.variant)
		}
		if c.flag != "" && !slices.Contains(m.Flags, c.flag) {
			t.Errorf("Find(%q) flags %v, want %s", c.text, m.Flags, c.flag)
		}
	}
}

// TestLexiconCoversRequiredKeys: the twelve headline indicators of the
// panel are in the lexicon.
func TestLexiconCoversRequiredKeys(t *testing.T) {
	keys := lexicon(t).Keys()
	for _, k := range []string{"gdp_growth", "cpi", "urban_new_jobs", "surveyed_unemployment",
		"registered_unemployment", "deficit_ratio", "energy_intensity", "fixed_asset_investment",
		"retail_sales", "general_budget_revenue", "per_capita_disposable_income", "grain_output"} {
		if !slices.Contains(keys, k) {
			t.Errorf("lexicon lacks %s", k)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, bad := range []string{"", "gdp_growth\t%\n", "x\tpercent\t生产总值\n", "a\t%\tb\na\t%\tb\n"} {
		if _, err := indicator.Parse(bad); err == nil || !strings.HasPrefix(err.Error(), "indicator: ") {
			t.Errorf("Parse(%q) error %v, want an indicator: error", bad, err)
		}
	}
}

// target builds a target record over the first occurrence of val in text
// after from.
func target(text, val, unit string, sentence, from int) schema.Record {
	i := from + strings.Index(text[from:], val)
	return schema.Record{Kind: schema.KindTarget, Text: val, Start: i, End: i + len(val), Unit: unit, Sentence: sentence}
}

// TestAnnotate: the goal paragraph's values are the headlines, a review
// of last year and a five-year average are not, and the two values of a
// 分别 pair get the variants of its subject in order (城乡: urban, rural)
// and the approximator of the last value (5% → about).
func TestAnnotate(t *testing.T) {
	text := "过去一年，国内生产总值增长5.2%。\n“十五五”时期，经济年均增长5%左右。\n今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；城乡居民人均可支配收入分别增长5%、6.5%左右。\n国内生产总值增长5%左右，是综合考虑的结果。"
	doc := schema.Document{Text: text, Year: 2024}
	var sents []indicator.Sentence
	start := 0
	for i, s := range strings.SplitAfter(text, "。") {
		if s == "" {
			continue
		}
		sents = append(sents, indicator.Sentence{Index: i, Start: start, End: start + len(s)})
		start += len(s)
	}
	sentOf := func(p int) int {
		for _, s := range sents {
			if p >= s.Start && p < s.End {
				return s.Index
			}
		}
		return -1
	}
	var recs []schema.Record
	for _, v := range []struct{ val, unit string }{{"5%左右", "%"}, {"5%左右", "%"}, {"1200万人以上", "万人"}, {"5%", "%"}, {"6.5%左右", "%"}, {"5%左右", "%"}} {
		from := 0
		if len(recs) > 0 {
			from = recs[len(recs)-1].End
		}
		r := target(text, v.val, v.unit, 0, from)
		r.Sentence = sentOf(r.Start)
		r.Approx = schema.ApproxExact
		if strings.Contains(v.val, "左右") {
			r.Approx = schema.ApproxAbout
		}
		recs = append(recs, r)
	}
	lexicon(t).Annotate(doc, sents, recs)
	var got []string
	for _, r := range recs {
		got = append(got, fmt.Sprintf("%s %s/%s %s %v", r.Text, r.Indicator, r.IndicatorVariant, r.Approx, r.Headline))
	}
	want := []string{
		"5%左右 gdp_growth/ about false", // five-year average
		"5%左右 gdp_growth/ about true",
		"1200万人以上 urban_new_jobs/ exact true",
		"5% per_capita_disposable_income/urban about true",
		"6.5%左右 per_capita_disposable_income/rural about true",
		"5%左右 gdp_growth/ about false", // repeated later
	}
	if !slices.Equal(got, want) {
		t.Errorf("Annotate:\n got %q\nwant %q", got, want)
	}
}

// TestAnnotatePeriodHeading: a plan-period section holds no headline
// unless its heading names the year too.
func TestAnnotatePeriodHeading(t *testing.T) {
	l := lexicon(t)
	for _, c := range []struct {
		heading string
		want    bool
	}{
		{"二、“十五五”时期目标任务和2026年工作安排", true},
		{"二、“十五五”时期的主要目标", false},
		{"三、2026年重点工作", true},
	} {
		text := "全省经济社会发展的主要预期目标是：地区生产总值增长4.5%左右。"
		r := target(text, "4.5%左右", "%", 0, 0)
		r.Heading = []string{c.heading}
		recs := []schema.Record{r}
		l.Annotate(schema.Document{Text: text, Year: 2026}, []indicator.Sentence{{Index: 0, Start: 0, End: len(text)}}, recs)
		if recs[0].Indicator != "gdp_growth" || recs[0].Headline != c.want {
			t.Errorf("heading %q: %s headline %v, want %v", c.heading, recs[0].Indicator, recs[0].Headline, c.want)
		}
	}
}

// annotateSentence annotates the targets vals (first occurrences in order)
// of one sentence and returns text indicator/variant approx headline for
// each.
func annotateSentence(t *testing.T, text string, vals ...string) []string {
	t.Helper()
	var recs []schema.Record
	from := 0
	for _, v := range vals {
		unit := "%"
		if strings.Contains(v, "万") || strings.Contains(v, "亿") {
			unit = strings.TrimLeft(strings.TrimSuffix(strings.TrimSuffix(v, "以上"), "左右"), "0123456789.")
		}
		r := target(text, v, unit, 0, from)
		r.Approx = schema.ApproxExact
		if strings.Contains(v, "左右") {
			r.Approx = schema.ApproxAbout
		}
		from = r.End
		recs = append(recs, r)
	}
	lexicon(t).Annotate(schema.Document{Text: text, Year: 2026}, []indicator.Sentence{{Index: 0, Start: 0, End: len(text)}}, recs)
	var got []string
	for _, r := range recs {
		got = append(got, fmt.Sprintf("%s %s/%s %s", r.Text, r.Indicator, r.IndicatorVariant, r.Approx))
	}
	return got
}

// sentenceCase is one sentence, its targets' texts and what annotateSentence
// should say of them.
type sentenceCase struct {
	text string
	vals []string
	want []string
}

func checkSentences(t *testing.T, cases []sentenceCase) {
	t.Helper()
	for _, c := range cases {
		if got := annotateSentence(t, c.text, c.vals...); !slices.Equal(got, c.want) {
			t.Errorf("%s\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

// TestRespectively: a 分别 list gives its values the variants its subject
// names, in order, and the last value's approximator when they have none.
func TestRespectively(t *testing.T) {
	checkSentences(t, []sentenceCase{
		{"城乡居民人均可支配收入分别增长5%、6.5%左右。", []string{"5%", "6.5%左右"},
			[]string{"5% per_capita_disposable_income/urban about", "6.5%左右 per_capita_disposable_income/rural about"}},
		{"城镇和农村常住居民人均可支配收入分别增长4%左右和6%左右。", []string{"4%左右", "6%左右"},
			[]string{"4%左右 per_capita_disposable_income/urban about", "6%左右 per_capita_disposable_income/rural about"}},
		{"城镇、农村居民人均可支配收入分别增长4.5%、5.5%左右，居民消费价格涨幅2%左右。", []string{"4.5%", "5.5%左右", "2%左右"},
			[]string{"4.5% per_capita_disposable_income/urban about", "5.5%左右 per_capita_disposable_income/rural about", "2%左右 cpi/ about"}},
		{"农村和城镇居民人均可支配收入分别增长7%和6%。", []string{"7%", "6%"},
			[]string{"7% per_capita_disposable_income/rural exact", "6% per_capita_disposable_income/urban exact"}},
		// near misses: a subject naming no variants; a 分别 of another clause
		{"城乡居民人均可支配收入增长5%，城镇新增就业分别为30万人、20万人左右。", []string{"5%", "30万人", "20万人左右"},
			[]string{"5% per_capita_disposable_income/ exact", "30万人 urban_new_jobs/ about", "20万人左右 urban_new_jobs/ about"}},
		{"城乡居民人均可支配收入分别增长5%，居民消费价格涨幅2%左右。", []string{"5%", "2%左右"},
			[]string{"5% per_capita_disposable_income/ exact", "2%左右 cpi/ about"}},
	})
}

// TestEnumerationInheritsHead: an enumeration item that names only the
// measure (、总产量125亿斤) takes its indicator from the item before it;
// an item naming something else is no such item.
func TestEnumerationInheritsHead(t *testing.T) {
	checkSentences(t, []sentenceCase{
		{"确保粮食播种面积1530万亩、总产量125亿斤。", []string{"1530万亩", "125亿斤"},
			[]string{"1530万亩 / exact", "125亿斤 grain_output/ exact"}},
		{"实现粮食播种面积3320万亩、产量1285万吨以上。", []string{"3320万亩", "1285万吨以上"},
			[]string{"3320万亩 / exact", "1285万吨以上 grain_output/ exact"}},
		{"城镇新增就业50万人、残疾人就业6500万人。", []string{"50万人", "6500万人"},
			[]string{"50万人 urban_new_jobs/ exact", "6500万人 / exact"}},
	})
}

// TestHeadlineYears: a target of another year (争取1997年…, or an item of a
// list led in by 1981年…指标安排如下。) or last year's result (a paragraph
// reviewing 上年 with no plan word) is no headline; a comparison base
// (比1980年) names no year, and 今年 after a named year is this year.
func TestHeadlineYears(t *testing.T) {
	for _, c := range []struct {
		text, val string
		year      int
		want      bool
	}{
		{"争取1997年粮食产量达到4.75亿吨。", "4.75亿吨", 1993, false},
		{"争取１９９７年粮食产量达到４．７５亿吨。", "４．７５亿吨", 1993, false},
		{"到一九八五年，全国粮食产量计划达到三亿六千万吨。", "三亿六千万吨", 1982, false},
		{"粮食产量34250万吨，比1980年预计增加1000万吨。", "34250万吨", 1981, true},
		{"财政赤字从1979年的一百七十亿元、1980年的一百二十七亿元，预计降低到今年的二十七亿元。", "二十七亿元", 1981, true},
		{"国内生产总值比上年增长7.8％。下半年固定资产投资增长显著加快，全年增长19.5％。", "19.5％", 1999, false},
		{"拟安排中央财政赤字7500亿元，比上年增加5700亿元。", "7500亿元", 2009, true},
		{"2026年粮食产量稳定在1300万吨以上。", "1300万吨以上", 2026, true},
		{"根据上述要求，1981年国民经济计划主要指标安排如下。\n\n农业，粮食产量34250万吨，比1980年预计增加1000万吨。", "34250万吨", 1980, false},
		{"根据上述要求，1981年国民经济计划主要指标安排如下。\n\n农业，粮食产量34250万吨，比1980年预计增加1000万吨。", "34250万吨", 1981, true},
	} {
		r := target(c.text, c.val, strings.TrimLeft(c.val, "0123456789.０１２３４５６７８９．一二三四五六七八九十百千亿万"), 0, strings.LastIndex(c.text, c.val))
		if strings.HasSuffix(c.val, "％") {
			r.Unit = "%"
		}
		r.Unit = strings.TrimSuffix(r.Unit, "以上")
		if strings.HasPrefix(c.text, "财政赤字") {
			r.Object = "财政赤字" // as the target finder gives it
		}
		recs := []schema.Record{r}
		start := strings.LastIndex(c.text, "\n") + 1 // the sentence is the last paragraph
		lexicon(t).Annotate(schema.Document{Text: c.text, Year: c.year}, []indicator.Sentence{{Index: 0, Start: start, End: len(c.text)}}, recs)
		if recs[0].Indicator == "" || recs[0].Headline != c.want {
			t.Errorf("%s (%d): %q indicator %q headline %v, want %v", c.text, c.year, c.val, recs[0].Indicator, recs[0].Headline, c.want)
		}
	}
}
