package project_test

import (
	"fmt"

	"github.com/planlens/planlens/extract/annotate"
	"github.com/planlens/planlens/extract/project"
	"github.com/planlens/planlens/extract/segment"
)

func ExampleFinder_Find() {
	seg, err := segment.Shared()
	if err != nil {
		panic(err)
	}
	a, err := annotate.New(annotate.Options{Segmenter: seg})
	if err != nil {
		panic(err)
	}
	f, err := project.New(project.Options{Lexicon: a.Lexicon(), Segmenter: seg})
	if err != nil {
		panic(err)
	}
	for _, s := range a.Text("开工建设国际人才公园、爱瑞国际化医院二期等项目,推动蓝岛大厦、世贸天阶、燕莎友谊商城等商业体改造升级。").Sentences() {
		for _, fd := range f.Find(s) {
			r := fd.Record
			fmt.Println(r.Name, r.Category, r.Phase, r.Verb, r.Stage)
		}
	}
	// Output:
	// 国际人才公园 park 0 开工建设 start
	// 爱瑞国际化医院二期 hospital 2 开工建设 start
	// 蓝岛大厦 commercial 0 改造升级 improve
	// 世贸天阶 commercial 0 改造升级 improve
	// 燕莎友谊商城 commercial 0 改造升级 improve
}
