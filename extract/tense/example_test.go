package tense_test

import (
	"fmt"

	"github.com/planlens/planlens/extract/tense"
	"github.com/planlens/planlens/extract/textlayer"
)

func ExampleJudge_Sentence() {
	j, err := tense.New(tense.Options{})
	if err != nil {
		panic(err)
	}
	v := textlayer.New("2026年政府工作报告\n一、2025年工作回顾\n新建学校30所。\n二、2026年重点任务\n新建学校40所。\n")
	sents := v.Sentences()
	for i, s := range sents {
		if s.Level == 0 {
			fmt.Printf("%s %q\n", s.Text, j.Sentence(v, sents, i, nil))
		}
	}
	// Output:
	// 2026年政府工作报告 "future"
	// 新建学校30所。 "past"
	// 新建学校40所。 "future"
}
