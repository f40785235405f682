package source

import (
	"testing"

	"github.com/planlens/planlens/schema"
)

func TestInferTitle(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"title line", "2026年北京市政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会报告工作。", "2026年北京市政府工作报告"},
		{"headline after a lead paragraph", "2026年是“十五五”规划开局之年,是关键一年。朝阳区将持续提升功能。\n持续强化国际交往核心功能 深化商务与科技“双轮驱动”\n2026年,北京市朝阳区将持续强化国际交往核心功能。", "持续强化国际交往核心功能 深化商务与科技“双轮驱动”"},
		{"speech without a title", "各位代表：\n现在，我代表国务院，向大会作政府工作报告，请予审议。\n一、2023年工作回顾\n过去一年，国内生产总值增长5.2%。", "2024年政府工作报告"},
		{"notice title", "安徽省人民政府办公厅关于印发支持工业互联网发展若干政策的通知\n各市人民政府：\n现将有关文件印发给你们，请认真贯彻执行。", "安徽省人民政府办公厅关于印发支持工业互联网发展若干政策的通知"},
		{"no headline: first sentence", "今年要推进九所学校开工。要加快建设。", "今年要推进九所学校开工。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := schema.Document{Text: tt.text}
			if tt.name == "speech without a title" {
				d.Year = 2024
			}
			Infer(&d)
			if d.Title != tt.want {
				t.Errorf("Title = %q, want %q", d.Title, tt.want)
			}
		})
	}
}

func TestPlanPeriodYear(t *testing.T) {
	for title, want := range map[string]int{
		"浦东新区“十五五”规划纲要":        2026,
		"北京市国民经济和社会发展第十四个五年规划": 0,
		"“十四五”时期发展成就":          2021,
		"国民经济和社会发展“十五”计划纲要":    2001,
		"“二五”计划":               1958,
		"政府工作报告":               0,
	} {
		if got := planPeriodYear(title); got != want {
			t.Errorf("planPeriodYear(%q) = %d, want %d", title, got, want)
		}
	}
}

func TestInferRegionOfCountiesAndNews(t *testing.T) {
	tests := []struct{ title, text, region, level string }{
		{"关于印发《昆山市推进制造业智能化改造三年行动计划（2026—2028年）》的通知", "各区镇人民政府：\n现将行动计划印发给你们。", "昆山市", schema.LevelCity},
		{"", "记者从南山区获悉，2026年南山区计划推进重大项目120个。", "南山区", schema.LevelDistrict},
		{"海淀区2026年政府工作报告", "现在，我代表海淀区人民政府，向大会报告工作。", "北京市海淀区", schema.LevelDistrict},
	}
	for _, tt := range tests {
		if r, l := InferRegion(tt.title, tt.text); r != tt.region || l != tt.level {
			t.Errorf("InferRegion(%q, %q) = %q, %q; want %q, %q", tt.title, tt.text, r, l, tt.region, tt.level)
		}
	}
}
