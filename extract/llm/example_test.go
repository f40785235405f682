package llm_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/llm"
	"github.com/planlens/planlens/schema"
)

// A server standing in for a model: it confirms the rule target, adds a
// project the rules missed, and makes one up.
func ExamplePass_Run() {
	answer := `{"records":[
	 {"kind":"target","text":"9所学校开工","value":9,"unit":"所","modality":"strive"},
	 {"kind":"project","text":"北京科学高中","name":"北京科学高中","category":"school","stage":"start"},
	 {"kind":"project","text":"朝阳国际会展中心","name":"朝阳国际会展中心"}]}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"choices":[{"index":0,"message":{"role":"assistant","content":%q}}],
			"usage":{"prompt_tokens":1500,"completion_tokens":90}}`, answer)
	}))
	defer srv.Close()

	text := "力争北京科学高中等9所学校开工。"
	start := strings.Index(text, "9所学校开工")
	res := &extract.Result{
		Doc:       schema.Document{ID: "doc1", Text: text},
		Sentences: []extract.Sentence{{Index: 0, Start: 0, End: len(text)}},
		Records: []schema.Record{{Kind: "target", Text: "9所学校开工", Start: start, End: start + len("9所学校开工"),
			Value: schema.Float(9), Unit: "所", Origin: "rules"}},
	}
	p, err := llm.New(llm.Options{BaseURL: srv.URL + "/v1", Model: "qwen2.5:7b", NoCache: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	st, err := p.Run(context.Background(), res)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range res.Records {
		fmt.Printf("%s %q [%d,%d) origin=%s confirmed=%v llm_fields=%v\n",
			r.Kind, r.Text, r.Start, r.End, r.Origin, r.Confirmed, r.LLMFields)
	}
	fmt.Printf("added %d, confirmed %d, dropped %d, tokens %d+%d\n",
		st.Added, st.Confirmed, st.Dropped, st.PromptTokens, st.CompletionTokens)
	// Output:
	// project "北京科学高中" [6,24) origin=llm confirmed=false llm_fields=map[]
	// target "9所学校开工" [27,43) origin=rules confirmed=true llm_fields=map[modality:strive]
	// added 1, confirmed 1, dropped 1, tokens 1500+90
}
