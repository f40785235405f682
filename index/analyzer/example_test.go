package analyzer_test

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/registry"

	"github.com/planlens/planlens/index/analyzer"
)

// The analyzer is looked up by name in Bleve's registry, as an index
// mapping does. Each token prints as term[start:end]@position.
func Example() {
	a, err := registry.NewCache().AnalyzerNamed(analyzer.Name)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range a.Analyze([]byte("力争9所学校开工，建成实验学校")) {
		fmt.Printf("%s[%d:%d]@%d ", t.Term, t.Start, t.End, t.Position)
	}
	fmt.Println()
	// Output:
	// 力争[0:6]@1 9[6:7]@2 所[7:10]@3 学校[10:16]@4 开工[16:22]@5 建成[25:31]@6 实验学校[31:43]@7 实验[31:37]@7 学校[37:43]@7
}
