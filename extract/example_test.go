package extract_test

import (
	"context"
	"fmt"

	"github.com/planlens/planlens/schema"
)

func ExampleExtractor_Document() {
	x, err := extractorForExample()
	if err != nil {
		fmt.Println(err)
		return
	}
	text := "2026年,朝阳区将推动设立外籍人士综合服务中心。"
	res, err := x.Document(context.Background(), schema.Document{ID: "d1", Source: "example.txt", Text: text})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range res.Records {
		if r.Kind == schema.KindAction {
			fmt.Printf("%s %q verb=%s stage=%s grounded=%v\n", r.Kind, r.Text, r.Verb, r.Stage, text[r.Start:r.End] == r.Text)
		}
	}
	// Output:
	// action "朝阳区将推动设立外籍人士综合服务中心" verb=推动设立 stage=start grounded=true
}
