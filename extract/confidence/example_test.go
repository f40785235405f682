package confidence_test

import (
	"fmt"

	"github.com/planlens/planlens/extract/confidence"
	"github.com/planlens/planlens/schema"
)

func ExampleTrain() {
	var ex []confidence.Example
	for i := 0; i < 10; i++ {
		ex = append(ex,
			confidence.Example{Kind: schema.KindTarget, Features: []string{"cbg:plan"}, Label: true},
			confidence.Example{Kind: schema.KindTarget, Features: []string{"cbg:past"}, Label: false})
	}
	m, err := confidence.Train(ex, confidence.TrainOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(m.Prob(schema.KindTarget, []string{"cbg:plan"}) > 0.5, m.Prob(schema.KindTarget, []string{"cbg:past"}) < 0.5)
	// Output: true true
}
