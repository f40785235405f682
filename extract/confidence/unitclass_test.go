package confidence

import (
	"strings"
	"testing"
)

func TestUnitClass(t *testing.T) {
	f, err := NewFeaturizer()
	if err != nil {
		t.Fatal(err)
	}
	for u, want := range map[string]string{
		"": "none", "%": "pct", "个百分点": "pct", "成": "pct", "亿元": "money", "万人": "people", "人次": "people",
		"户": "people", "平方公里": "area", "万亩": "area", "公里": "length", "千米": "length", "天": "time",
		"个工作日": "time", "次": "times", "万吨": "measure", "万千瓦": "measure", "万标箱": "measure",
		"万": "bare", "亿": "bare", "所": "count", "个": "count",
	} {
		if got := f.unitClass(u); got != want {
			t.Errorf("unitClass(%q) = %q, want %q", u, got, want)
		}
	}
}

func TestUnitClassErrors(t *testing.T) {
	for _, data := range []string{"pct\tsome\t%\n", "pct\thas\n"} {
		if _, err := parseUnitClasses(data); err == nil || !strings.Contains(err.Error(), "unitclass.txt:1") {
			t.Errorf("parseUnitClasses(%q) = %v, want an error naming unitclass.txt:1", data, err)
		}
	}
	if _, err := parseCues("计划\n"); err == nil || !strings.Contains(err.Error(), "cues.txt:1") {
		t.Errorf("parseCues without a group = %v, want an error naming cues.txt:1", err)
	}
}
