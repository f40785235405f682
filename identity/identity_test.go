package identity

import (
	"testing"

	"github.com/planlens/planlens/schema"
)

func tgt(start, end int, v float64, unit string) schema.Record {
	return schema.Record{Kind: schema.KindTarget, Start: start, End: end, Value: &v, Unit: unit}
}

func TestNamesMatch(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"北京科学高中", "北京科学高中", true},
		{"朝阳产业技术转化院", "成立朝阳产业技术转化院", true},  // 9 of 11
		{"泡泡玛特城市乐园二期", "泡泡玛特城市乐园", true},    // 8 of 10
		{"中关村朝阳园", "中关村朝阳园空间布局调整方案", false}, // 6 of 14
		{"蓝岛大厦", "世贸天阶", false},
		{"", "世贸天阶", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := NamesMatch(tt.a, tt.b); got != tt.want {
				t.Fatalf("NamesMatch(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestSame(t *testing.T) {
	proj := func(name string) schema.Record { return schema.Record{Kind: schema.KindProject, Name: name} }
	full := tgt(0, 5, 20, "％")
	tests := []struct {
		name string
		a, b schema.Record
		want bool
	}{
		{"same quantity elsewhere", tgt(0, 5, 9, "所"), tgt(50, 60, 9, "所"), true},
		{"other value", tgt(0, 5, 9, "所"), tgt(0, 5, 90, "所"), false},
		{"other unit", tgt(0, 5, 9, "所"), tgt(0, 5, 9, "个"), false},
		{"full-width unit", full, tgt(0, 5, 20, "%"), true},
		{"name inside a longer one", proj("北京科学高中"), proj("北京科学高中项目"), true},
		{"name too short of the other", proj("科学高中"), proj("北京科学高中新校区"), false},
		{"kinds differ", proj("9所"), tgt(0, 5, 9, "所"), false},
	}
	for _, tt := range tests {
		if got := Same(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: Same = %v, want %v", tt.name, got, tt.want)
		}
	}
}
