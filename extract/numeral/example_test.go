package numeral_test

import (
	"fmt"

	"github.com/planlens/planlens/extract/numeral"
)

func ExampleFind() {
	s := "力争北京科学高中等9所学校开工,城镇新增就业1.2万人以上,单位GDP能耗降低百分之一点五七左右"
	for _, q := range numeral.Find(s) {
		fmt.Printf("%s: %v %s %s", s[q.Start:q.End], q.Value, q.Unit, q.Approx)
		if q.HasScale {
			fmt.Printf(" (= %v %s)", q.Scaled, q.BaseUnit)
		}
		fmt.Println()
	}
	// Output:
	// 9所: 9 所 exact
	// 1.2万人以上: 1.2 万人 at_least (= 12000 人)
	// 百分之一点五七左右: 1.57 % about
}

func ExampleParse() {
	for _, s := range []string{"两三", "伍仟", "一点五七", "3541.07万", "二〇二六"} {
		v, err := numeral.Parse(s)
		fmt.Println(s, v, err)
	}
	// Output:
	// 两三 0 numeral: invalid syntax: "两三"
	// 伍仟 5000 <nil>
	// 一点五七 1.57 <nil>
	// 3541.07万 3.54107e+07 <nil>
	// 二〇二六 2026 <nil>
}
