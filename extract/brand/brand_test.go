package brand_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/extract/brand"
	"github.com/planlens/planlens/extract/segment"
)

var (
	annOnce sync.Once
	ann     *annotate.Annotator
	annErr  error
)

func names(t *testing.T, text string) []string {
	t.Helper()
	annOnce.Do(func() {
		seg, err := segment.Shared()
		if err != nil {
			annErr = err
			return
		}
		ann, annErr = annotate.New(annotate.Options{Segmenter: seg})
	})
	if annErr != nil {
		t.Fatal(annErr)
	}
	f, err := brand.New()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range ann.Text(text).Sentences() {
		for _, fd := range f.Find(s) {
			if fd.Record.Name != s.Text[fd.SentStart:fd.SentEnd] {
				t.Errorf("name %q is not its span %q", fd.Record.Name, s.Text[fd.SentStart:fd.SentEnd])
			}
			out = append(out, fd.Record.Name)
		}
	}
	return out
}

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		// quoted-brand: a quoted name before a platform head
		{"持续迭代“云宇星空”行业基座大模型。", []string{"云宇星空"}},
		{"打造“汛安苏河”应用场景。", []string{"汛安苏河"}},
		{"研发“悟空”“指数”“数资”6个垂类模型。", []string{"悟空", "指数", "数资"}},
		{"推进“优储精供”、“找地选楼”等场景开发建设。", []string{"优储精供", "找地选楼"}},
		// listed-brand: short names closed by 等 and a head-ending noun
		{"发挥京通、京办、京智等智慧终端牵引作用。", []string{"京通", "京办", "京智"}},
		// not brands
		{"推进“双碳”管理一体化平台建设。", nil},      // a slogan
		{"聚焦“人工智能+城市治理”应用。", nil},      // a slogan with a plus sign
		{"建设20个“智慧菜场”平台。", nil},        // a counted class
		{"深化医疗、文化等领域平台建设。", nil},       // a list of fields
		{"支持合肥、芜湖等地服务平台建设。", nil},      // a list of places
		{"增强“世界中医药之都”等品牌影响力。", nil},    // a marketing designation
		{"“生态魔方”生态复合单元规划实施评估平台。", nil}, // the head too far
	} {
		got := names(t, tc.text)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: names %q, want %q", tc.text, got, tc.want)
		}
	}
}

func ExampleFinder_Find() {
	seg, err := segment.Shared()
	if err != nil {
		panic(err)
	}
	a, err := annotate.New(annotate.Options{Segmenter: seg})
	if err != nil {
		panic(err)
	}
	f, err := brand.New()
	if err != nil {
		panic(err)
	}
	for _, s := range a.Text("发挥京通、京办、京智等智慧终端牵引作用。").Sentences() {
		for _, fd := range f.Find(s) {
			fmt.Println(fd.Record.Name, fd.Record.Category)
		}
	}
	// Output:
	// 京通 facility
	// 京办 facility
	// 京智 facility
}
