package target

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/extract/segment"
	"github.com/planlens/planlens/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	once   sync.Once
	ann    *annotate.Annotator
	finder *Finder
	setErr error
)

// setup builds the annotator and the finder as the pipeline does.
func setup(t *testing.T) (*annotate.Annotator, *Finder) {
	t.Helper()
	once.Do(func() {
		var seg *segment.Segmenter
		if seg, setErr = segment.Shared(); setErr != nil {
			return
		}
		if ann, setErr = annotate.New(annotate.Options{Segmenter: seg}); setErr != nil {
			return
		}
		finder, setErr = New(Options{Lexicon: ann.Lexicon(), Tense: ann.Tense()})
	})
	if setErr != nil {
		t.Fatal(setErr)
	}
	return ann, finder
}

// targetsOf runs the finder over a whole text, with paragraph context.
func targetsOf(t *testing.T, text string) []schema.Record {
	a, f := setup(t)
	if !strings.HasPrefix(text, "2026年") {
		text = "2026年政府工作报告\n" + text
	}
	var out []schema.Record
	for i, s := range a.Text(text).Sentences() {
		for _, fd := range f.Find(s) {
			if fd.SentStart < 0 || fd.SentEnd > len(s.Text) || fd.SentStart >= fd.SentEnd {
				t.Fatalf("sentence %d: span %d-%d outside %q", i, fd.SentStart, fd.SentEnd, s.Text)
			}
			r := fd.Record
			r.Start, r.End = fd.SentStart, fd.SentEnd
			r.Text = s.Text[r.Start:r.End]
			out = append(out, r)
		}
	}
	return out
}

func TestFindSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // record texts
	}{
		{"count with verb after", "力争北京科学高中等9所学校开工。", []string{"9所学校"}},
		{"annual expected target", "今年经济社会发展主要预期目标是:地区生产总值增长5%左右,城镇调查失业率控制在5.5%以内。", []string{"5%左右", "控制在5.5%以内"}},
		{"plan deadline", "到2027年,建成10个省级创新中心。", []string{"10个省级创新中心"}},
		{"task list line", "推进20个重点区域环境整治。", []string{"20个重点区域环境整治"}},
		{"last year is no target", "去年地区生产总值增长5.2%,新建学校30所。", nil},
		{"achievement with 了", "全年新增就业了28万人。", nil},
		{"review heading", "一、2025年工作回顾\n建成轨道交通30公里。", nil},
		{"review paragraph lead", "过去五年,我们攻坚克难。公园总数达1136个。", nil},
		{"subsidy rule", "对新认定的企业给予一次性奖励,单个企业最高300万元。", nil},
		{"rule condition", "对总投资1000万元及以上的项目予以支持。", nil},
		{"slogan in quotes", "持续抓好两个“关键小事”。", nil},
		{"numeral inside a word", "落实中央八项规定精神。", nil},
		{"article one", "推出一批重大场景,打造一张床、一间房模式。", nil},
		{"qualifier", "公交与轨道50米内换乘比例提升至93%。", []string{"93%"}},
		{"comparison base", "城镇化率从2020年的53.2%提升到2025年的57.7%。", nil},
		{"meta count", "纲要草案设置了29项主要指标。", nil},
		{"categories", "对以下三类企业实行关停并转。", nil},
		{"share of a total", "工业支出为85亿元,占经济建设费总数的88.59%。", nil},
		{"share as a goal", "今年战略性新兴产业增加值占规上工业比重30%。", []string{"30%"}},
		{"comparison base with 从", "今年钢产量从135万吨增加到412万吨。", []string{"412万吨"}},
		{"result with 了", "今年1到10月储蓄存款增加了95亿元。", nil},
		{"hypothetical", "劳动生产率只要提高1%,就可以每年为国家增产1.6万亿元。", nil},
		{"count of the report's parts", "今年重点做好十个方面工作。", nil},
		{"weak cue, no verb of its own", "黄河将得到根治,流域面积74.5万平方公里。", nil},
		{"review sub-heading with a task word", "一、2025年工作回顾\n(五)推进改革部署落地\n188个园区整合优化为120个。", nil},
		{"result against last year", "一、1998年工作回顾和1999年工作的总体要求\n农村居民人均纯收入,考虑价格下降因素,比上年实际增长4·3%。", nil},
		{"planned change against last year", "今年中央财政用于“三农”的投入拟安排12287亿元,比上年增加1868亿元。", []string{"12287亿元", "1868亿元"}},
		{"population", "我国十亿人民将坚决站在维护世界和平的一边。", nil},
		{"plan fulfilment", "三、为实现1956年的国家预算而努力\n本年1——5月份各工业部工业生产总值计划完成102.6%。", nil},
		{"span of plans", "我们大概需要三个五年计划的时间。", nil},
		{"review of a plan's execution", "一、“六五”计划执行情况的回顾\n从1980年至1985年,猪牛羊肉由937万吨增加到1462万吨。", nil},
		{"the speaker's own points", "今年重点是做三件事:", nil},
		{"bracket before 的", "要建设设计能力在年产煤一百万吨以上的煤矿。", nil},
		{"ratio to another", "今年投资只及吉林糖厂的百分之六十。", nil},
		{"statistics", "据不完全统计,近三年农村新建房屋达九亿平方米。", nil},
		{"grade after the count", "力争全省建成10个二级节点。", []string{"10个二级节点"}},
		{"grade before a count", "今年建成五百亿级开发区2个、百亿级开发区22个。", []string{"2个", "22个"}},
		{"class of a berth", "今年推进防城港30万吨级航道工程建设。", nil},
		{"class of firms", "今年加快打造一批千亿级、百亿级企业。", nil},
		{"grade as the level", "今年保持千亿级投资规模。", []string{"千亿级投资规模"}},
		{"session of a committee", "今年按照省委十二届七次、八次全会部署推进工作。", nil},
		{"capacity in a project's name", "今年推动青海广泰10万吨再生铝等项目建设。", nil},
		{"a view reported", "或者有人认为:我国在第一个五年计划完成之后,钢的产量仍然不过四百多万吨。", nil},
		{"points unfolded after a colon", "今年要集中力量抓好四项工作:一要稳定就业,二要扩大消费。", nil},
		{"points unfolded in the next sentence", "今年将重点采取三项举措。一是减税降费。", nil},
		{"points unfolded with 第一", "今年要着重抓好以下五个环节。\n第一,优化营商环境。", nil},
		{"deeds unfolded stay targets", "今年再办好12件民生实事。一是新建托育机构。", []string{"12件民生实事"}},
		{"a count not unfolded stays", "今年新建4所学校。同时改造老旧小区。", []string{"4所学校"}},
		{"a loss is no goal", "今年预计亏损企业浪费资金三千万元。", nil},
		{"a loss to cut is a goal", "今年力争减少损失2亿元。", []string{"2亿元"}},
		{"result against the budget", "这座大楼造价高达二百四十元(比预算增高百分之六十,共浪费一百三十八万元)。", nil},
		{"past remark in brackets", "今年地区生产总值增长6%左右(去年增长5.2%)。", []string{"6%左右"}},
		{"unnumbered review heading", "我代表省人民政府,向大会报告工作。\n“十四五”时期工作回顾\n城镇新增就业31.7万人,建成养老服务中心520个。\n“十五五”时期主要目标任务\n建成养老服务中心600个。", []string{"600个"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range targetsOf(t, tt.text) {
				got = append(got, r.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("targets of %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestFields(t *testing.T) {
	recs := targetsOf(t, "力争北京科学高中等9所学校开工。今年城镇新增就业不少于28万人,单位地区生产总值能耗降低2%左右。")
	if len(recs) != 3 {
		t.Fatalf("got %d targets, want 3: %+v", len(recs), recs)
	}
	school := recs[0]
	if school.Object != "学校" || school.Verb != "开工" || school.Stage != schema.StageStart || school.Modality != schema.ModalityStrive ||
		len(school.Examples) != 1 || school.Examples[0] != "北京科学高中" || *school.Value != 9 || school.Unit != "所" {
		t.Errorf("school target = %+v", school)
	}
	jobs := recs[1]
	if *jobs.Value != 28 || jobs.Unit != "万人" || *jobs.Scaled != 280000 || jobs.BaseUnit != "人" || jobs.Approx != schema.ApproxAtLeast || jobs.Object != "城镇新增就业" {
		t.Errorf("jobs target = %+v", jobs)
	}
	energy := recs[2]
	if energy.Direction != schema.DirDecrease || energy.Approx != schema.ApproxAbout || !strings.Contains(energy.Object, "能耗") {
		t.Errorf("energy target = %+v", energy)
	}
	y := targetsOf(t, "到2027年,建成10个省级创新中心。")
	if len(y) != 1 || y[0].Year != 2027 {
		t.Errorf("deadline year: %+v", y)
	}
}

func TestObjects(t *testing.T) {
	tests := []struct{ text, want string }{
		{"今年农村居民最低养老金分别提高到300元和500元。", "农村居民最低养老金"},
		{"1956年农业和副业总产值将比1955年增长9.3%。", "农业和副业总产值"},
		{"今年猪牛羊肉要由937万吨增加到1462万吨。", "猪牛羊肉"},
		{"今年规定工业总产值为535亿元。", "工业总产值"},
		{"今年职工平均工资以货币计算约增长5%。", "职工平均工资"},
		{"今年用于这方面的支出总额将达到664亿元。", "总额"},
		{"今年其中中央财政赤字7000亿元。", "中央财政赤字"},
		{"今年淘汰黄标车和老旧车600万辆。", "黄标车和老旧车"},
		{"国家财政还将拨出二十五亿元专项资金。", "专项资金"},
		{"今年60%公办中小学校纳入集团化管理。", "公办中小学校"},
		{"今年培育3家在国内具有较强影响力的综合型工业互联网平台。", "综合型工业互联网平台"},
		{"今年建设800个智能工厂、数字化车间。", "智能工厂、数字化车间"},
		{"今年新增1000处信号灯联网、累计达8000处。", "信号灯联网"},
		{"今年普惠托位占比提高到68%。", "普惠托位占比"},
		{"今年粮食播种面积稳定在100万亩以上。", "粮食播种面积"},
		{"今年专科防治所将达到650个,比上年增长125%。", "专科防治所"},
		{"今年拆除违法建设500万平方米。", "违法建设"},
		{"今年培育2000家规上工业企业。", "规上工业企业"},
		{"今年实施1000项亿元以上技术改造项目。", "亿元以上技术改造项目"},
		{"今年中央财政安排社会保障支出2019亿元。", "社会保障支出"},
		{"今年小麦、稻谷最低收购价平均每50公斤分别提高7.4元。", "稻谷最低收购价"},
		{"今年将全国130万“老工伤”人员全部纳入工伤保险范围。", "“老工伤”人员"},
		{"今年解决240万户林区、垦区、煤矿等棚户区居民的住房问题。", "棚户区居民"},
		{"到一九五七年,我国将共有高等学校二百○八所。", "高等学校"},
		{"今年培养儿科医生超500人。", "儿科医生"},
		{"今年推进燃煤电厂脱硫改造1500万千瓦。", "燃煤电厂脱硫改造"},
		{"今年移动网络流量平均资费再降低20%以上。", "移动网络流量平均资费"},
		{"今年社会物流总费用与地区生产总值的比率下降至13.8%。", "比率"},
		{"力争PM2.5浓度下降到33微克/立方米左右。", "PM2.5浓度"},
		{"今年提升改造210公里农村公路和120万平方米村内道路。", "村内道路"},
		{"今年建成五百亿级开发区2个。", "五百亿级开发区"},
		{"今年办好以10件民生实事为引领的各项民生工程。", "民生实事"},
		// a value set by a bare verb clause after the clause naming the goal
		{"今年经济增长速度的宏观调控目标,定为百分之八至九。", "经济增长速度"},
		{"今年粮食产量的预期目标,为1.3万亿斤以上。", "粮食产量"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			recs := targetsOf(t, tt.text)
			if len(recs) == 0 {
				t.Fatalf("no target in %q", tt.text)
			}
			last := recs[len(recs)-1]
			if last.Object != tt.want {
				t.Fatalf("object of %q in %q = %q, want %q", last.Text, tt.text, last.Object, tt.want)
			}
		})
	}
}

// TestSeedGolden extracts the seed document's targets and compares them
// with testdata/seed.golden (go test -update rewrites it).
func TestSeedGolden(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "gold", "000_7c59a961256cf9e3.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range targetsOf(t, string(b)) {
		r.Kind = ""
		j, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(j))
	}
	got := strings.Join(lines, "\n") + "\n"
	golden := filepath.Join("testdata", "seed.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("seed targets differ from %s (run go test -update):\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
	if len(lines) != 8 {
		t.Errorf("seed: %d targets, want the 8 of the gold", len(lines))
	}
}

func TestNewNeedsLexicon(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Fatal("New without a lexicon: want an error")
	}
}

// TestTaskListRow reads a row of a task list (cells separated by tabs):
// the count is a target, its object stays in its cell and the row's due
// date gives its year.
func TestTaskListRow(t *testing.T) {
	recs := targetsOf(t, "2026年区政府重点工作任务清单\n序号\t重点任务\t牵头单位\t完成时限\n1\t完成10个老旧小区综合整治\t区住房城乡建设委\t2026年12月底前\n2\t建成口袋公园15处\t区园林绿化局\t2027年6月底前\n")
	if len(recs) != 2 {
		t.Fatalf("got %d targets, want 2: %+v", len(recs), recs)
	}
	for i, want := range []struct {
		object string
		year   int
	}{{"老旧小区综合整治", 2026}, {"口袋公园", 2027}} {
		if recs[i].Object != want.object || recs[i].Year != want.year {
			t.Errorf("target %d: object %q year %d, want %q %d", i, recs[i].Object, recs[i].Year, want.object, want.year)
		}
	}
}

// TestPlannedYearOnYear keeps year-on-year goals of a plan sentence
// (主要预期目标是：…同比增长5%左右) and the numbered items of a task list.
func TestPlannedYearOnYear(t *testing.T) {
	recs := targetsOf(t, "二、2026年工作安排\n2026年全区经济社会发展的主要预期目标是:预计地区生产总值同比增长5.5%左右,一般公共预算收入同比增长5%左右,固定资产投资同比增长6%。\n")
	if len(recs) != 3 {
		t.Fatalf("got %d targets, want 3: %+v", len(recs), recs)
	}
	if recs[1].Object != "一般公共预算收入" {
		t.Errorf("object %q, want 一般公共预算收入", recs[1].Object)
	}
	recs = targetsOf(t, "2026年区政府实事项目安排\n一、实事项目\n1.*改建认知障碍照护床位220张\n2.为义务教育学校普通教室安装200台空调\n")
	if len(recs) != 2 || *recs[0].Value != 220 || *recs[1].Value != 200 {
		t.Errorf("task items: %+v", recs)
	}
}

// TestPastTimeFrameClause: a short time frame clause (截至去年底) dates the
// clause after it.
func TestPastTimeFrameClause(t *testing.T) {
	recs := targetsOf(t, "第二轮三年行动计划中提出“打造轨道上的长三角”,截至去年底,长三角高铁营业里程超7100公里。\n")
	if len(recs) != 0 {
		t.Errorf("got %+v, want no target", recs)
	}
}

// TestTaskListsAndPlanNews checks recall on styles the development gold
// lacks: numbered task-list lines (1. 2.) and news of plans (记者从…获悉,
// 今年…计划…). The lines are made up for the test.
func TestTaskListsAndPlanNews(t *testing.T) {
	text := "2026年某区重点任务清单\n" +
		"1.新建社区养老驿站12个,6月底前完成。\n" +
		"2.改造老旧供热管网35公里。\n" +
		"3.完成8所中小学校舍抗震加固。\n" +
		"4.新增公共停车位2000个。\n" +
		"5.建成口袋公园15处。\n" +
		"6.培训农村实用人才3000人次。\n" +
		"记者从市交通运输局获悉,今年本市计划新开通公交线路20条,优化调整线路40条。\n" +
		"记者日前从区发改委获悉,今年该区计划实施重点项目86个,总投资520亿元。\n" +
		"据了解,今年全市将新增充电桩1.5万个,到2027年底累计建成5万个。\n" +
		"记者从省教育厅获悉,今年我省计划新建改扩建幼儿园100所,新增学位3万个。\n"
	want := []struct {
		text, object string
		year         int
	}{
		{"12个", "社区养老驿站", 0},
		{"35公里", "老旧供热管网", 0},
		{"8所中小学校舍抗震加固", "中小学校舍抗震加固", 0},
		{"2000个", "公共停车位", 0},
		{"15处", "口袋公园", 0},
		{"3000人次", "农村实用人才", 0},
		{"20条", "新开通公交线路", 0},
		{"40条", "调整线路", 0},
		{"86个", "重点项目", 0},
		{"520亿元", "总投资", 0},
		{"1.5万个", "充电桩", 0},  // this year's: the later deadline is not its year
		{"5万个", "充电桩", 2027}, // 累计建成 names nothing: the object before
		{"100所", "幼儿园", 0},
		{"3万个", "学位", 0},
	}
	got := targetsOf(t, text)
	if len(got) != len(want) {
		for _, r := range got {
			t.Logf("%s | %s", r.Text, r.Object)
		}
		t.Fatalf("got %d targets, want %d", len(got), len(want))
	}
	for i, w := range want {
		t.Run(w.text, func(t *testing.T) {
			r := got[i]
			if r.Text != w.text || r.Object != w.object || r.Year != w.year {
				t.Errorf("target %d = %q object %q year %d, want %q object %q year %d", i, r.Text, r.Object, r.Year, w.text, w.object, w.year)
			}
		})
	}
}

// TestProgressReport: a progress report's figures for the year so far
// (1-10月…累计完成投资, 完成年度计划开工的80.8%) are not targets; its
// planned figures (今年安排…444项, 计划开工项目255项) are.
func TestProgressReport(t *testing.T) {
	recs := targetsOf(t, "今年安排全市重点建设项目444项,年度投资计划647.4亿元。1-10月项目累计完成投资629.0亿元,超过时间进度13.8个百分点。本年度计划开工项目255项,目前实际已开工206项,完成年度计划开工的80.8%。\n1—8月份,151个项目开工建设,开工率73%。\n")
	var got []string
	for _, r := range recs {
		got = append(got, r.Text)
	}
	if strings.Join(got, "|") != "444项|647.4亿元|255项" {
		t.Errorf("targets %q, want 444项|647.4亿元|255项", got)
	}
}

// The stage of a target comes from its own clause's head verb.
func TestStageOwnClause(t *testing.T) {
	for _, tc := range []struct{ text, verb, stage string }{
		{"今年完成农村公路提档升级改造600公里。", "完成", schema.StageComplete},     // head verb, not the noun 改造
		{"今年拆除违法建设500万平方米。", "拆除", schema.StageComplete},         // not 建设 inside the object
		{"今年完善可回收物体系,在3000个小区设置智能回收机。", "设置", schema.StageStart}, // own clause, verb after
		{"今年普惠托位占比提高到68%。", "提高", ""},                            // a quantity verb: no stage
		{"力争北京科学高中等9所学校开工。", "开工", schema.StageStart},            // clause-final verb
		{"今年新建、改建特色园20座。", "新建", schema.StageAdvance},            // 、 joins two verbs
	} {
		recs := targetsOf(t, tc.text)
		if len(recs) != 1 {
			t.Errorf("%s: %d targets, want 1: %+v", tc.text, len(recs), recs)
			continue
		}
		if recs[0].Verb != tc.verb || recs[0].Stage != tc.stage {
			t.Errorf("%s: verb %q stage %q, want %q %q", tc.text, recs[0].Verb, recs[0].Stage, tc.verb, tc.stage)
		}
	}
}
