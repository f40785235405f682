package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planlens/planlens/schema"
)

func TestFrontMatter(t *testing.T) {
	file := "---\n标题: 关于印发《某区行动方案》的通知\n文号: 沪某发(2024)3号\n发布日期: 2024-05-06\n层级: 区级\n发布单位: 上海市闵行区人民政府\n分类: 城市更新\n---\n\n# 关于印发《某区行动方案》的通知\n\n各街镇：现将方案印发给你们。\n\n2024年5月1日\n"
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	if err := os.WriteFile(path, []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := Read(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// front matter is metadata, never text: Text starts after it
	if doc.TextOffset != strings.Index(file, "\n# ")-len("\n")+1 || doc.Text != file[doc.TextOffset:] {
		t.Errorf("TextOffset %d, Text %q", doc.TextOffset, doc.Text)
	}
	if strings.Contains(doc.Text, "标题:") || strings.HasPrefix(doc.Text, "---") {
		t.Errorf("front matter left in the text: %q", doc.Text)
	}
	want := schema.Document{Title: "关于印发《某区行动方案》的通知", DocNumber: "沪某发〔2024〕3号", DatePublished: "2024-05-06",
		DateWritten: "2024-05-01", Issuer: "上海市闵行区人民政府", Region: "上海市闵行区", Level: schema.LevelDistrict,
		RegionCode: "310112", Year: 2024, Genre: schema.GenreActionPlan}
	got := schema.Document{Title: doc.Title, DocNumber: doc.DocNumber, DatePublished: doc.DatePublished, DateWritten: doc.DateWritten,
		Issuer: doc.Issuer, Region: doc.Region, Level: doc.Level, RegionCode: doc.RegionCode, Year: doc.Year, Genre: doc.Genre}
	if got.Title != want.Title || got.DocNumber != want.DocNumber || got.DatePublished != want.DatePublished ||
		got.DateWritten != want.DateWritten || got.Issuer != want.Issuer || got.Region != want.Region ||
		got.Level != want.Level || got.RegionCode != want.RegionCode || got.Year != want.Year || got.Genre != want.Genre {
		t.Errorf("metadata\n got %+v\nwant %+v", got, want)
	}
	if doc.Meta["分类"] != "城市更新" || doc.MetaSource["title"] != OriginFrontMatter || doc.MetaSource["date_written"] != OriginText {
		t.Errorf("meta %v, sources %v", doc.Meta, doc.MetaSource)
	}
}

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, text string
		cut        int
		key, value string
		warn       bool
	}{
		{"yaml", "---\ntitle: 计划\n---\n正文\n", len("---\ntitle: 计划\n---\n"), "title", "计划", false},
		{"dots close", "---\ntitle: 'a: b'\n...\n正文\n", len("---\ntitle: 'a: b'\n...\n"), "title", "a: b", false},
		{"list", "---\ntags: [甲, 乙]\n---\n", len("---\ntags: [甲, 乙]\n---\n"), "tags", "甲、乙", false},
		{"not yaml", "---\n标题：某某：通知\n文号：某1号\n[bad\n---\n正文\n", len("---\n标题：某某：通知\n文号：某1号\n[bad\n---\n"), "标题", "某某：通知", true},
		{"never closed", "---\n正文第一段。\n正文第二段。\n", 0, "", "", false},
		{"text between rules", "---\n第一章 总则\n为了推进工作，制定本方案。\n---\n正文\n", 0, "", "", false},
		{"empty block", "---\n---\n正文\n", len("---\n---\n"), "", "", false},
		{"no front matter", "标题\n---\n正文\n", 0, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields, cut, warn := splitFrontMatter(tt.text)
			if cut != tt.cut || (warn != "") != tt.warn {
				t.Errorf("cut %d warn %q, want %d %v", cut, warn, tt.cut, tt.warn)
			}
			if tt.key != "" && fields[tt.key] != tt.value {
				t.Errorf("fields %v, want %s=%s", fields, tt.key, tt.value)
			}
		})
	}
}

func TestFoldDocNumber(t *testing.T) {
	for in, want := range map[string]string{
		"沪绿容(2010)21号":    "沪绿容〔2010〕21号",
		"沪交道运 〔2023〕328号": "沪交道运〔2023〕328号",
		"沪建综规〔2025〕69 号":  "沪建综规〔2025〕69号",
		"国发[2024]5号":      "国发〔2024〕5号",
		"京政发【2021】第3号":    "京政发〔2021〕3号",
		"沪府办（2024）56号":    "沪府办〔2024〕56号",
		"第3号":             "第3号",
	} {
		if got := FoldDocNumber(in); got != want {
			t.Errorf("FoldDocNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormDate(t *testing.T) {
	for in, want := range map[string]string{
		"2021-09-09":           "2021-09-09",
		"2021-9-9 10:00:00":    "2021-09-09",
		"2021/9/9":             "2021-09-09",
		"2021年9月9日":            "2021-09-09",
		"二〇二一年九月十九日":           "2021-09-19",
		"２０２１年１２月３日":           "2021-12-03",
		"2020-07":              "2020-07",
		"2020年7月":              "2020-07",
		"2020":                 "2020",
		"2021-13-01":           "",
		"明天":                   "",
		"2025-01-07T08:00:00Z": "2025-01-07",
	} {
		if got := NormDate(in); got != want {
			t.Errorf("NormDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDocMetaFromText(t *testing.T) {
	tests := []struct {
		name, text                             string
		issuer, number, written, region, level string
	}{
		{"signature and date",
			"上海市交通委员会关于优化调整航道的通知\n沪交海〔2025〕190号\n各有关单位：\n现通知如下（见《某某办法》（沪交海〔2020〕1号））。\n特此通知。\n上海市交通委员会\n2025年3月26日\n",
			"上海市交通委员会", "沪交海〔2025〕190号", "2025-03-26", "上海市", schema.LevelProvincial},
		{"joint issuers in the title",
			"上海市交通委员会 上海市公安局关于印发《实施方案》的通知\n各区：\n现印发。\n2025年4月1日\n",
			"上海市交通委员会、上海市公安局", "", "2025-04-01", "上海市", schema.LevelProvincial},
		{"town signature gets its district",
			"关于进一步规范建筑垃圾治理的通知\n各村：\n现通知如下。\n闵行区吴泾镇人民政府\n二〇二一年二月七日\n",
			"上海市闵行区吴泾镇人民政府", "", "2021-02-07", "上海市闵行区吴泾镇", schema.LevelTownship},
		{"a report dated by its delivery",
			"2026年北京市政府工作报告\n——2026年1月25日在北京市第十六届人民代表大会第四次会议上\n各位代表：\n",
			"", "", "2026-01-25", "北京市", schema.LevelProvincial},
		{"a cited number is not the document's",
			"关于做好工作的通知\n根据《某意见》（沪府发〔2014〕14号），现通知如下。\n",
			"", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := schema.Document{Text: tt.text}
			Infer(&doc)
			if doc.Issuer != tt.issuer || doc.DocNumber != tt.number || doc.DateWritten != tt.written ||
				doc.Region != tt.region || doc.Level != tt.level {
				t.Errorf("issuer %q number %q written %q region %q level %q;\nwant %q %q %q %q %q",
					doc.Issuer, doc.DocNumber, doc.DateWritten, doc.Region, doc.Level,
					tt.issuer, tt.number, tt.written, tt.region, tt.level)
			}
		})
	}
}

func TestCutChrome(t *testing.T) {
	body := "正文第一段。\n\n正文最后一段。\n"
	text := body + "\n打印本页\n关闭窗口\n版权所有：上海市人民政府\n"
	if n := cutChrome(text); text[:n] != body+"\n" {
		t.Errorf("cut to %q", text[:n])
	}
	if n := cutChrome(body); n != len(body) {
		t.Errorf("text without furniture cut to %q", body[:n])
	}
	// furniture in the middle is never cut (offsets stay the file's)
	mid := "正文。\n打印本页\n正文。\n"
	if n := cutChrome(mid); n != len(mid) {
		t.Errorf("cut %q to %q", mid, mid[:n])
	}
}

func TestMetaVocab(t *testing.T) {
	for _, tt := range []struct{ data, want string }{
		{"field\tnosuch\tkey\n", "d.txt:1: unknown field nosuch"},
		{"level\tcounty\t县级\n", "d.txt:1: unknown level county"},
		{"organ\n", "d.txt:1: want field"},
	} {
		if _, err := parseMetaVocab("d.txt", tt.data); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parse(%q) err = %v, want %q", tt.data, err, tt.want)
		}
	}
	if levelWord("市级", "上海市") != schema.LevelProvincial || levelWord("市级", "安徽省合肥市") != schema.LevelCity || levelWord("其他", "") != "" {
		t.Error("levelWord: 市级 of a municipality is provincial, of a prefecture city")
	}
}

func TestHTMLMetaAndFurniture(t *testing.T) {
	page := `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>关于印发《某某行动方案》的通知_上海市交通委员会</title>
<meta name="ArticleTitle" content="关于印发《某某行动方案》的通知">
<meta name="PubDate" content="2024-11-21 10:30">
<meta name="ContentSource" content="上海市交通委员会">
<meta name="keywords" content="交通">
</head><body>
<nav><a href="/">首页</a><a href="/zw">政务公开</a></nav>
<div class="crumb">您当前的位置：首页 &gt; 政策文件</div>
<div class="main"><h1>关于印发《某某行动方案》的通知</h1>
<p>沪交科〔2024〕870号</p><p>各区交通主管部门：</p><p>现将方案印发给你们。</p>
<p>上海市交通委员会</p><p>2024年11月18日</p></div>
<div class="side_nav"><h3>相关文件</h3><ul><li><a>关于另一件事的通知</a></li></ul></div>
<div id="related-links"><a>相关阅读一</a></div>
<div class="wrap"><p>网站地图 | 联系我们</p><p>主办单位：上海市交通委员会</p></div>
<footer>版权所有 © 上海市人民政府</footer>
</body></html>`
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := Read(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "关于印发《某某行动方案》的通知" || doc.DatePublished != "2024-11-21" || doc.Issuer != "上海市交通委员会" ||
		doc.MetaSource["title"] != OriginHTMLMeta || doc.DateWritten != "2024-11-18" || doc.DocNumber != "沪交科〔2024〕870号" ||
		doc.Genre != schema.GenreActionPlan || doc.Region != "上海市" {
		t.Errorf("metadata: %+v", doc)
	}
	for _, furniture := range []string{"首页", "您当前的位置", "相关文件", "另一件事", "相关阅读", "网站地图", "主办单位", "版权所有"} {
		if strings.Contains(doc.Text, furniture) {
			t.Errorf("furniture %q in the text:\n%s", furniture, doc.Text)
		}
	}
	if !strings.Contains(doc.Text, "现将方案印发给你们。") {
		t.Errorf("document text lost:\n%s", doc.Text)
	}
}

func TestHTMLTitleWithoutSiteName(t *testing.T) {
	for _, tt := range []struct{ page, want string }{
		{`<html><head><title>关于印发某方案的通知_上海市人民政府</title></head><body><h1>关于印发某方案的通知</h1><p>正文。</p></body></html>`, "关于印发某方案的通知"},
		{`<html><head><title>某某规划 - 北京市发展和改革委员会</title></head><body><h1>某某规划</h1><p>正文。</p></body></html>`, "某某规划"},
		{`<html><head><title>2026年政府工作报告</title></head><body><h1>政府工作报告</h1><p>正文。</p></body></html>`, "2026年政府工作报告"},
		{`<html><head></head><body><h1>只有标题</h1><p>正文。</p></body></html>`, "只有标题"},
	} {
		d, err := decodeHTML([]byte(tt.page))
		if err != nil {
			t.Fatal(err)
		}
		if d.title != tt.want {
			t.Errorf("title %q, want %q", d.title, tt.want)
		}
	}
}

func TestSplitGlued(t *testing.T) {
	for in, want := range map[string]string{
		"黄浦区发展和改革委员会黄浦区建设和管理委员会": "黄浦区发展和改革委员会|黄浦区建设和管理委员会",
		"上海市交通委员会":   "上海市交通委员会",
		"上海市人民政府办公厅": "上海市人民政府办公厅", // 人民政府 then 办公厅: no division starts there
	} {
		if got := strings.Join(splitGlued(in), "|"); got != want {
			t.Errorf("splitGlued(%q) = %q, want %q", in, got, want)
		}
	}
}
