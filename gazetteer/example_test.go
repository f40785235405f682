package gazetteer_test

import (
	"fmt"

	"github.com/planlens/planlens/gazetteer"
)

// A region filter for 北京市 includes its districts; each division has its
// GB/T 2260 code.
func ExampleGazetteer_Within() {
	g := gazetteer.Default()
	fmt.Println(g.Within("北京市朝阳区", "北京市"), g.Within("辽宁省朝阳市", "北京市"))
	fmt.Println(g.Code("北京市朝阳区"), g.LevelOf("北京市朝阳区"), g.Canonical("朝阳区"))
	// Output:
	// true false
	// 110105 district 北京市朝阳区
}
