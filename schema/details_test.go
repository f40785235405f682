package schema_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/planlens/planlens/schema"
)

func TestDetails(t *testing.T) {
	for _, tt := range []struct {
		rec  schema.Record
		want string
	}{
		{schema.Record{Kind: schema.KindTarget, Value: schema.Float(6.5), ValueMax: schema.Float(7), Unit: "%", Approx: schema.ApproxExact, Object: "国内生产总值", Direction: "increase"},
			"6.5–7% | of 国内生产总值 | increase"},
		{schema.Record{Kind: schema.KindTarget, Value: schema.Float(9), Unit: "所", Approx: schema.ApproxAtLeast, Year: 2027, Verb: "建成", Stage: "complete", Modality: "strive"},
			"9所 (at_least) | by 2027 | 建成/complete | strive"},
		{schema.Record{Kind: schema.KindProject, Category: "park", Phase: 2, Tense: "future"}, "park phase 2 | future"},
		{schema.Record{Kind: schema.KindAction, Object: "城市更新", Verb: "推进"}, "城市更新 | 推进"},
		{schema.Record{Kind: schema.KindProject}, ""},
	} {
		if got := strings.Join(tt.rec.Details(), " | "); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.rec, got, tt.want)
		}
	}
}

func ExampleRecord_Details() {
	r := schema.Record{Kind: schema.KindTarget, Value: schema.Float(5), Unit: "%", Approx: schema.ApproxAbout, Object: "地区生产总值"}
	fmt.Println(strings.Join(r.Details(), " · "))
	// Output: 5% (about) · of 地区生产总值
}
