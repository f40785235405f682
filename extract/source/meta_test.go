package source

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planlens/planlens/gazetteer"
	"github.com/planlens/planlens/schema"
)

func TestMetadataOfRealDocuments(t *testing.T) {
	tests := []struct {
		file   string
		title  string
		year   int
		region string
		level  string
	}{
		{seedPath, "", 2026, "北京市朝阳区", schema.LevelDistrict},
		{"testdata/meta/beijing-gwr-2026.txt", "2026年北京市政府工作报告", 2026, "北京市", schema.LevelProvincial},
		{"testdata/meta/yunnan-gwr-2026.txt", "2026年政府工作报告", 2026, "云南省", schema.LevelProvincial},
		{"testdata/meta/guangxi-gwr-2026.txt", "2026年广西壮族自治区政府工作报告", 2026, "广西壮族自治区", schema.LevelProvincial},
		// Traditional characters, no year: 第一届全國人民代表大會第一次會議.
		{"testdata/meta/national-1954.txt", "", 1954, gazetteer.RegionNational, schema.LevelNational},
		// 刚刚过去的1984年 (full-width digits); 香港 is mentioned in passing.
		{"testdata/meta/national-1985.txt", "", 1985, gazetteer.RegionNational, schema.LevelNational},
		// 第十一届全国人民代表大会第一次会议以来的五年.
		{"testdata/meta/national-2013.txt", "", 2013, gazetteer.RegionNational, schema.LevelNational},
		{"testdata/meta/national-2024.txt", "政府工作报告", 2024, gazetteer.RegionNational, schema.LevelNational},
		{"testdata/meta/anhui-action-plan-2021.txt", "", 2021, "安徽省", schema.LevelProvincial},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			doc, err := Read(context.Background(), tt.file, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Year != tt.year || doc.Region != tt.region || doc.Level != tt.level {
				t.Errorf("year, region, level = %d, %q, %q; want %d, %q, %q", doc.Year, doc.Region, doc.Level, tt.year, tt.region, tt.level)
			}
			if tt.title != "" && doc.Title != tt.title {
				t.Errorf("title = %q, want %q", doc.Title, tt.title)
			}
		})
	}
}

func TestInfer(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		year   int
		region string
		level  string
	}{
		{"city", "2026年合肥市政府工作报告\n各位代表：\n现在，我代表合肥市人民政府，向大会报告工作。合肥市2025年经济增长6%。安徽省委……\n",
			2026, "安徽省合肥市", schema.LevelCity},
		{"county-level city not in the gazetteer", "湖南省浏阳市2026年政府工作报告\n——在浏阳市第十八届人民代表大会第五次会议上\n",
			2026, "湖南省浏阳市", schema.LevelDistrict},
		{"municipal district", "浦东新区2026年政府工作报告\n我代表浦东新区人民政府向大会报告工作。上海……浦东新区……\n",
			2026, "上海市浦东新区", schema.LevelDistrict},
		{"chinese numeral year", "各位代表：\n二〇二六年是“十五五”规划开局之年。全省上下……河南省……\n",
			2026, "河南省", schema.LevelProvincial},
		{"plan period in the title", "江苏省数字经济行动计划（2024—2027年）\n",
			2024, "江苏省", schema.LevelProvincial},
		{"review of last year", "各位代表：\n一、2025年工作回顾\n过去一年，海南省……海南自由贸易港……\n",
			2026, "海南省", schema.LevelProvincial},
		{"results of last year", "我代表国务院，向大会作政府工作报告，请予审议。\n过去的一年，经济平稳增长。2010年国内生产总值达到39.8万亿元，比上年增长10.3%。\n",
			2011, "全国", schema.LevelNational},
		{"an estimate is this year's", "一九六四年全国工业总产值，预计比一九六三年增长百分之十五以上。一九六五年要大力组织工农业生产的新高潮。\n",
			1964, "", ""},
		{"a plan year is no result", "现在，我作关于第六个五年计划的报告。第六个五年计划规定，一九八五年工农业总产值达到八千七百一十亿元，比一九八○年增加一千五百亿元。\n",
			1985, "", ""}, // the fallback (first of the most frequent), not 1986
		{"a session that acted is looked back on", "各位代表：\n第五届全国人民代表大会第二次会议，号召全国各族人民坚决实现工作着重点的转移。1979年农业总产值比1978年增长8.6％。\n",
			1980, "全国", schema.LevelNational},
		{"a session addressed is this year's", "我代表国务院向第一届全国人民代表大会第五次会议，提出关于国民经济计划（草案）的报告。\n",
			1958, "全国", schema.LevelNational},
		{"a year described by its achievements is reviewed", "各位代表：\n1986年是开始执行第七个五年计划并取得显著成就的一年。\n",
			1987, "", ""},
		{"an estimate of this year far into the text", "各位代表：\n现在，我作关于第六个五年计划的报告。" + strings.Repeat("要继续贯彻执行调整的方针。", 300) +
			"农业总产值一九八一年比一九八○年增长百分之五点七，一九八二年预计比一九八一年增长百分之五。\n",
			1982, "", ""},
		{"an estimate without the results of the year before", "各位代表：\n现在，我作关于第六个五年计划的报告。" + strings.Repeat("要继续贯彻执行调整的方针。", 300) +
			"一九八五年预计达到八千亿元。\n",
			0, "", ""}, // no year: an estimate alone says nothing
		{"区域 is not a district", "推动河北区域协同发展，河北省……河北……\n", 0, "河北省", schema.LevelProvincial},
		{"nothing", "今天天气很好。\n", 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := schema.Document{Text: tt.text}
			Infer(&doc)
			if doc.Year != tt.year || doc.Region != tt.region || doc.Level != tt.level {
				t.Errorf("year, region, level = %d, %q, %q; want %d, %q, %q", doc.Year, doc.Region, doc.Level, tt.year, tt.region, tt.level)
			}
		})
	}
}

func TestOptionsOverride(t *testing.T) {
	doc, err := Read(context.Background(), seedPath, Options{Year: 2030, Region: "北京市海淀区"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Year != 2030 || doc.Region != "北京市海淀区" || doc.Level != schema.LevelDistrict {
		t.Errorf("year, region, level = %d, %q, %q; want the overrides", doc.Year, doc.Region, doc.Level)
	}
}
