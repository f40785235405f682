package llm

import (
	"context"
	"net"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/planlens/planlens/schema"
)

// goodAnswer confirms two rule records (one with another modality),
// leaves one out (unreviewed, not disputed), adds two the rules missed (one only anchorable on the
// normalised view) and makes one up.
var goodAnswer = []wireRecord{
	{Kind: "target", Text: "9所学校开工", Value: f64(9), Unit: "所", Object: "学校", Verb: "开工", Stage: "start", Modality: "strive"},
	{Kind: "project", Text: "东坝中心公园", Name: "东坝中心公园", Category: "park"},
	{Kind: "target", Text: "完成4个老旧小区改造", Value: f64(4), Unit: "个", Object: "老旧小区", Verb: "完成", Stage: "complete"},
	{Kind: "project", Text: "北京科学高中二期", Name: "北京科学高中二期", Category: "school", Phase: 2, Verb: "启动", Stage: "start"},
	{Kind: "project", Text: "朝阳国际会展中心", Name: "朝阳国际会展中心", Category: "venue"},
	{Kind: "target", Text: "新增绿地3.5万平方米", Value: f64(3.5), Unit: "万平方米", Object: "绿地", Direction: "increase"},
}

func answerJSON(recs []wireRecord) string {
	var b strings.Builder
	b.WriteString(`{"records":[`)
	for i, r := range recs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(mustJSON(r))
	}
	b.WriteString("]}")
	return b.String()
}

func TestGoodAnswerMerges(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request, req *openai.ChatCompletionRequest, _ int) {
		reply(w, answerJSON(goodAnswer))
	})
	p := newPass(t, testOptions(t, srv.url()))
	res := newResult(t, shortText, shortRules()...)
	before := append([]schema.Record(nil), res.Records...)
	st, err := p.Run(context.Background(), res)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	checkGrounded(t, res)
	want := Stats{Chunks: 1, Requests: 1, PromptTokens: 100, CompletionTokens: 20,
		Added: 3, Confirmed: 2, Unreviewed: 1, Dropped: 1}
	if !reflect.DeepEqual(st, want) {
		t.Errorf("stats:\n got %+v\nwant %+v", st, want)
	}
	if len(res.Records) != len(before)+3 {
		t.Fatalf("got %d records, want %d (none deleted, three added)", len(res.Records), len(before)+3)
	}
	byText := map[string]schema.Record{}
	for _, r := range res.Records {
		byText[r.Text] = r
	}
	// The model wrote 4 where the document has the full-width ４.
	added := byText["完成４个老旧小区改造"]
	if added.Origin != schema.OriginLLM || added.Value == nil || *added.Value != 4 || added.Unit != "个" {
		t.Errorf("normalised anchor: got %+v", added)
	}
	if s := res.Sentences[added.Sentence]; added.Start < s.Start || added.End > s.End {
		t.Errorf("added record sentence %d %v does not hold [%d,%d)", added.Sentence, s, added.Start, added.End)
	}
	green := byText["新增绿地3.5万平方米"]
	if green.Scaled == nil || *green.Scaled != 35000 || green.BaseUnit != "平方米" || green.Origin != schema.OriginLLM {
		t.Errorf("added target not scaled: %+v", green)
	}
	school := byText["北京科学高中二期"]
	if school.Origin != schema.OriginLLM || school.Phase != 2 || school.Category != "school" || school.Stage != "start" {
		t.Errorf("added project: got %+v", school)
	}
	if len(school.Heading) == 0 || school.Heading[0] != "二、重点任务" {
		t.Errorf("added project heading: got %q", school.Heading)
	}
	nine := byText["9所学校开工"]
	if !nine.Confirmed || nine.Origin != schema.OriginRules || nine.Modality != "" {
		t.Errorf("confirmed target must keep rule values: got %+v", nine)
	}
	if !reflect.DeepEqual(nine.LLMFields, map[string]any{"modality": "strive"}) {
		t.Errorf("llm_fields: got %v, want modality strive", nine.LLMFields)
	}
	if park := byText["东坝中心公园"]; !park.Confirmed || park.LLMFields != nil {
		t.Errorf("confirmed project: got %+v", park)
	}
	if jobs := byText["2万人以上"]; jobs.LLMDisputed || jobs.Confirmed || jobs.Origin != schema.OriginRules {
		t.Errorf("omitted rule record must be kept, neither confirmed nor disputed: got %+v", jobs)
	}
	if act := byText["推进东坝中心公园建设"]; !reflect.DeepEqual(act, before[3]) {
		t.Errorf("action record changed:\n got %+v\nwant %+v", act, before[3])
	}
	if _, ok := byText["朝阳国际会展中心"]; ok {
		t.Errorf("hallucinated project was added")
	}
	if srv.reqs[0].ResponseFormat == nil || srv.reqs[0].ResponseFormat.Type != openai.ChatCompletionResponseFormatTypeJSONSchema {
		t.Errorf("first request should ask for a JSON schema, got %+v", srv.reqs[0].ResponseFormat)
	}
	if rules := requestRules(t, &srv.reqs[0]); len(rules) != 3 {
		t.Errorf("sent %d rule records, want 3 (targets and projects only): %+v", len(rules), rules)
	}
}

// TestMisreadValueDropped: a target whose value is not a number of its
// text is not added.
func TestMisreadValueDropped(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request, _ *openai.ChatCompletionRequest, _ int) {
		reply(w, answerJSON([]wireRecord{
			{Kind: "target", Text: "完成４个老旧小区改造", Value: f64(40), Unit: "个"},
			{Kind: "target", Text: "新增绿地3.5万平方米", Value: f64(35000), Unit: "平方米"},
			{Kind: "target", Text: "老旧小区", Value: f64(4), Unit: "个"},
		}))
	})
	res := newResult(t, shortText, shortRules()...)
	st, err := newPass(t, testOptions(t, srv.url())).Run(context.Background(), res)
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 0 || st.Dropped != 3 {
		t.Errorf("stats: got %+v, want the three misread targets dropped", st)
	}
}

// TestOtherReading: a model record at a rule record's span with another
// value is not a confirmation: the rule record stays as it is, unreviewed
// (not disputed: the model gave no reason), and the model's value is
// dropped when it is not in the text. A model name that is the same
// project by the identity scoring uses (identity.Same: 朝阳产业技术转化院
// covers 9 of the 11 characters of 朝阳产业技术转化院筹建) confirms the rule
// record and offers its name as a correction in llm_fields: adding it as
// a second project would be counted twice by eval.
func TestOtherReading(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request, _ *openai.ChatCompletionRequest, _ int) {
		reply(w, answerJSON([]wireRecord{
			{Kind: "target", Text: "9所学校", Value: f64(90), Unit: "所"},
			{Kind: "target", Text: "2万人以上", Value: f64(2), Unit: "万人", Approx: "at_least"},
			{Kind: "project", Text: "朝阳产业技术转化院", Name: "朝阳产业技术转化院", Category: "institution"},
		}))
	})
	p := newPass(t, testOptions(t, srv.url()))
	rules := append(shortRules(), schema.Record{Kind: schema.KindProject, Text: "朝阳产业技术转化院筹建", Name: "朝阳产业技术转化院筹建"})
	res := newResult(t, shortText, rules...)
	st, err := p.Run(context.Background(), res)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if st.Confirmed != 2 || st.Added != 0 || st.Dropped != 1 || st.Disputed != 0 || st.Unreviewed != 2 {
		t.Errorf("stats: got %+v, want 2 confirmed, 0 added, 1 dropped, 2 unreviewed", st)
	}
	checkGrounded(t, res)
	for _, r := range res.Records {
		switch r.Text {
		case "9所学校开工":
			if *r.Value != 9 || r.Confirmed || r.LLMDisputed || r.LLMFields != nil {
				t.Errorf("misread rule target: got %+v value %v", r, *r.Value)
			}
		case "朝阳产业技术转化院筹建":
			if r.Name != "朝阳产业技术转化院筹建" || r.LLMDisputed || !r.Confirmed || r.LLMFields["name"] != "朝阳产业技术转化院" {
				t.Errorf("rule project: got %+v, want it confirmed with the model's name in llm_fields", r)
			}
		case "朝阳产业技术转化院":
			t.Errorf("the model's reading of the same project was added as another: %+v", r)
		}
	}
}

// TestFaults: every way the server fails leaves the rules' records and a
// nil error, with the failure counted.
func TestFaults(t *testing.T) {
	good := func(w http.ResponseWriter) { reply(w, answerJSON(goodAnswer)) }
	tests := []struct {
		name    string
		h       handler
		opt     func(*Options)
		closed  bool // point at a closed port instead
		wantReq int32
		want    Stats // compared: Failed, Retries, Added
		minTime time.Duration
	}{
		{
			name: "malformed JSON",
			h: func(w http.ResponseWriter, _ *http.Request, _ *openai.ChatCompletionRequest, _ int) {
				reply(w, `{"records": [{"kind": "target", "text": "9所学校开工"`)
			},
			wantReq: 1,
			want:    Stats{Failed: 1},
		},
		{
			name: "prose instead of JSON",
			h: func(w http.ResponseWriter, _ *http.Request, _ *openai.ChatCompletionRequest, _ int) {
				reply(w, "抱歉，我无法完成这个任务。")
			},
			wantReq: 1,
			want:    Stats{Failed: 1},
		},
		{
			name: "body is not JSON",
			h: func(w http.ResponseWriter, _ *http.Request, _ *openai.ChatCompletionRequest, _ int) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte("<html>gateway</html>"))
			},
			wantReq: 1,
			want:    Stats{Failed: 1},
		},
		{
			name: "429 then success",
			h: func(w http.ResponseWriter, _ *http.Request, _ *openai.ChatCompletionRequest, n int) {
				if n == 1 {
					w.Header().Set("Retry-After", "1")
					apiError(w, http.StatusTooManyRequests, "rate limited")
					return
				}
				good(w)
			},
			wantReq: 2,
			want:    Stats{Retries: 1, Added: 3},
			minTime: time.Second, // Retry-After honoured over the 5ms backoff
		},
		{
			name: "500",
			h: func(w http.ResponseWriter, _ *http.Request, _ *openai.ChatCompletionRequest, _ int) {
				apiError(w, http.StatusInternalServerError, "boom")
			},
			wantReq: 3, // the request and two retries
			want:    Stats{Failed: 1, Retries: 2},
		},
		{
			name: "401 is not retried",
			h: func(w http.ResponseWriter, _ *http.Request, _ *openai.ChatCompletionRequest, _ int) {
				apiError(w, http.StatusUnauthorized, "invalid api key")
			},
			wantReq: 1,
			want:    Stats{Failed: 1},
		},
		{
			name: "slow answer past the timeout",
			h: func(w http.ResponseWriter, r *http.Request, _ *openai.ChatCompletionRequest, _ int) {
				select {
				case <-time.After(3 * time.Second):
					good(w)
				case <-r.Context().Done():
				}
			},
			opt:     func(o *Options) { o.Timeout = 100 * time.Millisecond; o.Retries = 1 },
			wantReq: 2,
			want:    Stats{Failed: 1, Retries: 1},
		},
		{
			name:    "closed port",
			closed:  true,
			wantReq: 0,
			want:    Stats{Failed: 1, Retries: 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var url string
			var srv *fakeServer
			if tt.closed {
				url = closedURL(t)
			} else {
				srv = serve(t, tt.h)
				url = srv.url()
			}
			opt := testOptions(t, url)
			if tt.opt != nil {
				tt.opt(&opt)
			}
			p := newPass(t, opt)
			res := newResult(t, shortText, shortRules()...)
			before := append([]schema.Record(nil), res.Records...)
			t0 := time.Now()
			st, err := p.Run(context.Background(), res)
			took := time.Since(t0)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if srv != nil && srv.n.Load() != tt.wantReq {
				t.Errorf("server saw %d requests, want %d", srv.n.Load(), tt.wantReq)
			}
			if st.Failed != tt.want.Failed || st.Retries != tt.want.Retries || st.Added != tt.want.Added {
				t.Errorf("stats: got %+v, want failed %d retries %d added %d", st, tt.want.Failed, tt.want.Retries, tt.want.Added)
			}
			if took < tt.minTime || took > 5*time.Second {
				t.Errorf("took %v, want between %v and 5s", took, tt.minTime)
			}
			if tt.want.Failed > 0 {
				if !reflect.DeepEqual(res.Records, before) {
					t.Errorf("records changed after a failure:\n got %+v\nwant %+v", res.Records, before)
				}
				if st.Warning() == "" || len(st.Errors) == 0 {
					t.Errorf("no warning for a failure: %+v", st)
				}
				t.Logf("warning: %s", st.Warning())
			}
			checkGrounded(t, res)
		})
	}
}

// closedURL returns the base URL of a port that was listened on and closed.
func closedURL(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return "http://" + addr + "/v1"
}

func TestCachedRerunSendsNoRequests(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request, _ *openai.ChatCompletionRequest, _ int) {
		reply(w, answerJSON(goodAnswer))
	})
	opt := testOptions(t, srv.url())
	first := newResult(t, shortText, shortRules()...)
	st1, err := newPass(t, opt).Run(context.Background(), first)
	if err != nil {
		t.Fatal(err)
	}
	second := newResult(t, shortText, shortRules()...)
	st2, err := newPass(t, opt).Run(context.Background(), second)
	if err != nil {
		t.Fatal(err)
	}
	if n := srv.n.Load(); n != 1 {
		t.Errorf("server saw %d requests over two runs, want 1", n)
	}
	if st2.Requests != 0 || st2.CacheHits != 1 || st2.Added != st1.Added || st2.Confirmed != st1.Confirmed {
		t.Errorf("cached run stats: got %+v, first run %+v", st2, st1)
	}
	if !reflect.DeepEqual(first.Records, second.Records) {
		t.Errorf("cached run records differ")
	}
	// Other rule records are another question: asked again.
	third := newResult(t, shortText, shortRules()[:2]...)
	if _, err := newPass(t, opt).Run(context.Background(), third); err != nil {
		t.Fatal(err)
	}
	if n := srv.n.Load(); n != 2 {
		t.Errorf("changed rule records should miss the cache: %d requests, want 2", n)
	}
}

func TestResponseFormatFallback(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request, req *openai.ChatCompletionRequest, _ int) {
		if req.ResponseFormat != nil {
			apiError(w, http.StatusBadRequest, "Invalid value for 'response_format': "+string(req.ResponseFormat.Type)+" is not supported with this model.")
			return
		}
		// no schema: the model wraps its JSON in a fence and prose
		reply(w, "好的，结果如下：\n```json\n"+answerJSON(goodAnswer)+"\n```\n以上。")
	})
	opt := testOptions(t, srv.url())
	opt.NoCache = true
	p := newPass(t, opt)
	st, err := p.Run(context.Background(), newResult(t, shortText, shortRules()...))
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != 3 || st.Failed != 0 || st.Requests != 3 || st.Retries != 0 {
		t.Errorf("stats: got %+v, want 3 added over 3 requests (schema, object, none)", st)
	}
	// The Pass remembers: the next run asks without response_format at once.
	st, err = p.Run(context.Background(), newResult(t, shortText, shortRules()...))
	if err != nil {
		t.Fatal(err)
	}
	if st.Requests != 1 || st.Added != 3 {
		t.Errorf("second run: got %+v, want 1 request", st)
	}
	var types []string
	for _, r := range srv.reqs {
		if r.ResponseFormat == nil {
			types = append(types, "none")
		} else {
			types = append(types, string(r.ResponseFormat.Type))
		}
	}
	if want := []string{"json_schema", "json_object", "none", "none"}; !reflect.DeepEqual(types, want) {
		t.Errorf("response formats: got %v, want %v", types, want)
	}
}

// seedText is the seed document.
func seedText(t testing.TB) string {
	t.Helper()
	b, err := readSeed()
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	return b
}

// seedRules are rule records on every occurrence of a few seed spans.
func seedRules(text string) []schema.Record {
	var out []schema.Record
	add := func(r schema.Record) {
		for from := 0; ; {
			i := strings.Index(text[from:], r.Text)
			if i < 0 {
				return
			}
			r.Start, r.End = from+i, from+i+len(r.Text)
			r.Doc, r.Source, r.Origin = "seed", "seed.txt", schema.OriginRules
			out = append(out, r)
			from += i + len(r.Text)
		}
	}
	add(schema.Record{Kind: schema.KindTarget, Text: "4个项目竣工", Value: schema.Float(4), Unit: "个", Object: "项目"})
	add(schema.Record{Kind: schema.KindTarget, Text: "9所学校开工", Value: schema.Float(9), Unit: "所", Object: "学校"})
	add(schema.Record{Kind: schema.KindProject, Text: "朝阳产业技术转化院", Name: "朝阳产业技术转化院", Category: "institution"})
	add(schema.Record{Kind: schema.KindProject, Text: "会展业高质量发展三年行动计划", Name: "会展业高质量发展三年行动计划", Category: "programme"})
	return out
}

// TestSeedChunksEchoed: the seed in small chunks, a server that returns
// each chunk's rule records; every rule record is confirmed, every chunk
// asked once, chunks cover whole sentences.
func TestSeedChunksEchoed(t *testing.T) {
	text := seedText(t)
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request, req *openai.ChatCompletionRequest, _ int) {
		rules := requestRules(t, req)
		if !strings.Contains(text, requestText(req)) {
			t.Errorf("chunk text not a document slice")
		}
		reply(w, answerJSON(rules))
	})
	opt := testOptions(t, srv.url())
	opt.ChunkTokens = 400
	res := newResult(t, text)
	res.Records = seedRules(text)
	n := len(res.Records)
	st, err := newPass(t, opt).Run(context.Background(), res)
	if err != nil {
		t.Fatal(err)
	}
	if st.Chunks < 5 || int(srv.n.Load()) != st.Chunks {
		t.Errorf("%d chunks, %d requests: want ≥5 chunks, one request each", st.Chunks, srv.n.Load())
	}
	if st.Confirmed != n || st.Disputed != 0 || st.Added != 0 || len(res.Records) != n {
		t.Errorf("stats %+v: want all %d rule records confirmed", st, n)
	}
	checkGrounded(t, res)
	chunks := makeChunks(text, res.Sentences, res.Records, opt.ChunkTokens)
	for i, c := range chunks {
		if tok := estimateTokens(c.Text); tok > opt.ChunkTokens && strings.Count(c.Text, "。") > 1 {
			t.Errorf("chunk %d: %d tokens over the budget %d", i, tok, opt.ChunkTokens)
		}
		if i > 0 && c.Start < chunks[i-1].End {
			t.Errorf("chunk %d overlaps the one before", i)
		}
	}
}

func TestRequestBudget(t *testing.T) {
	text := seedText(t)
	srv := serve(t, scripted(nil))
	opt := testOptions(t, srv.url())
	opt.ChunkTokens = 400
	opt.MaxRequests = 2
	res := newResult(t, text)
	res.Records = seedRules(text)
	st, err := newPass(t, opt).Run(context.Background(), res)
	if err != nil {
		t.Fatal(err)
	}
	if srv.n.Load() != 2 || st.Requests != 2 || st.OverBudget != st.Chunks-2 || st.Failed != 0 {
		t.Errorf("stats %+v, %d requests: want 2 requests and the other chunks over budget", st, srv.n.Load())
	}
	if !strings.Contains(st.Warning(), "over the request budget") {
		t.Errorf("warning: %q", st.Warning())
	}
}

// TestEndpointDownStopsAsking: after MaxFailures failed chunks in a row
// the remaining chunks are not sent.
func TestEndpointDownStopsAsking(t *testing.T) {
	text := seedText(t)
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request, _ *openai.ChatCompletionRequest, _ int) {
		apiError(w, http.StatusServiceUnavailable, "overloaded")
	})
	opt := testOptions(t, srv.url())
	opt.ChunkTokens = 400
	opt.Concurrency = 1
	opt.Retries = 1
	res := newResult(t, text)
	res.Records = seedRules(text)
	st, err := newPass(t, opt).Run(context.Background(), res)
	if err != nil {
		t.Fatal(err)
	}
	if want := int32(DefaultMaxFailures * 2); srv.n.Load() != want {
		t.Errorf("server saw %d requests, want %d", srv.n.Load(), want)
	}
	if st.Failed != st.Chunks {
		t.Errorf("stats %+v: all chunks should fail", st)
	}
}

func TestCancelledRunLeavesRecords(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request, _ *openai.ChatCompletionRequest, _ int) {
		<-r.Context().Done()
	})
	p := newPass(t, testOptions(t, srv.url()))
	res := newResult(t, shortText, shortRules()...)
	before := append([]schema.Record(nil), res.Records...)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := p.Run(ctx, res)
	if err == nil || !strings.Contains(err.Error(), "deadline") {
		t.Errorf("Run: got %v, want the context's error", err)
	}
	if !reflect.DeepEqual(res.Records, before) {
		t.Errorf("records changed by a cancelled run")
	}
}

func TestNewOptions(t *testing.T) {
	env := map[string]string{EnvAPIKey: "sk-x", EnvBaseURL: "http://127.0.0.1:1/v1", EnvModel: "qwen2.5:7b"}
	opt := OptionsFromEnv(func(k string) string { return env[k] })
	if opt.APIKey != "sk-x" || opt.BaseURL != "http://127.0.0.1:1/v1" || opt.Model != "qwen2.5:7b" {
		t.Errorf("OptionsFromEnv: got %+v", opt)
	}
	tests := []struct {
		name    string
		opt     Options
		wantErr string
	}{
		{"no model", Options{BaseURL: "http://x/v1"}, "no model"},
		{"bad URL", Options{Model: "m", BaseURL: "localhost:11434"}, "base URL"},
		{"ok", Options{Model: "m", NoCache: true}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := New(tt.opt)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("New: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("New: got %v, want error with %q", err, tt.wantErr)
			case err == nil && (p.opt.Concurrency != DefaultConcurrency || p.opt.BaseURL != DefaultBaseURL):
				t.Errorf("defaults not applied: %+v", p.opt)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"2", 2 * time.Second, true},
		{"0.5", 500 * time.Millisecond, true},
		{"-1", 0, false},
		{now.Add(3 * time.Second).Format(http.TimeFormat), 3 * time.Second, true},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseRetryAfter(tt.in, now)
			if got != tt.want || ok != tt.ok {
				t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestConcurrencyAcrossRuns: runs in parallel share the Pass's bound on
// requests in flight.
func TestConcurrencyAcrossRuns(t *testing.T) {
	var inFlight, peak atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request, _ *openai.ChatCompletionRequest, _ int) {
		n := inFlight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
		inFlight.Add(-1)
		reply(w, `{"records":[]}`)
	})
	opt := testOptions(t, srv.url())
	opt.Concurrency = 2
	opt.ChunkTokens = 400
	p := newPass(t, opt)
	text := seedText(t)
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := p.Run(context.Background(), newResult(t, text)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if peak.Load() > 2 || srv.n.Load() < 10 {
		t.Errorf("peak %d requests in flight over %d requests, want at most 2", peak.Load(), srv.n.Load())
	}
}
