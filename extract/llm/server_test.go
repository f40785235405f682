package llm

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/textlayer"
	"github.com/planlens/planlens/schema"
)

// fakeServer speaks POST /v1/chat/completions and counts requests.
type fakeServer struct {
	*httptest.Server
	n    atomic.Int32
	mu   sync.Mutex
	reqs []openai.ChatCompletionRequest
}

// handler answers the n-th request (1-based) of a fake server.
type handler func(w http.ResponseWriter, r *http.Request, req *openai.ChatCompletionRequest, n int)

func serve(t testing.TB, h handler) *fakeServer {
	t.Helper()
	fs := &fakeServer{}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		n := int(fs.n.Add(1))
		var req openai.ChatCompletionRequest
		body, err := io.ReadAll(r.Body)
		if err == nil {
			err = json.Unmarshal(body, &req)
		}
		if err != nil {
			http.Error(w, "bad request body", http.StatusBadRequest)
			return
		}
		fs.mu.Lock()
		fs.reqs = append(fs.reqs, req)
		fs.mu.Unlock()
		h(w, r, &req, n)
	}))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *fakeServer) url() string { return fs.URL + "/v1" }

// reply writes an OpenAI chat-completion response carrying content.
func reply(w http.ResponseWriter, content string) {
	w.Header().Set("Content-Type", "application/json")
	resp := map[string]any{
		"id":      "chatcmpl-test",
		"object":  "chat.completion",
		"created": 1700000000,
		"model":   "test-model",
		"choices": []map[string]any{{
			"index":         0,
			"message":       map[string]any{"role": "assistant", "content": content},
			"finish_reason": "stop",
		}},
		"usage": map[string]any{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
	}
	_ = json.NewEncoder(w).Encode(resp)
}

// apiError writes an OpenAI error response.
func apiError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"error": map[string]any{"message": msg, "type": "invalid_request_error"},
	})
}

// requestText returns the chunk text of a request: what lies between
// its marker lines.
func requestText(req *openai.ChatCompletionRequest) string {
	u := req.Messages[len(req.Messages)-1].Content
	i := strings.Index(u, "<<<DOCUMENT ")
	if i < 0 {
		return ""
	}
	u = u[i:]
	u = u[strings.IndexByte(u, '\n')+1:]
	if j := strings.LastIndex(u, "\n<<<END DOCUMENT "); j >= 0 {
		u = u[:j]
	}
	return u
}

// rejectOthers returns rejections, with a reason, of the request's rule
// records whose text is not among the texts answered: what a careful model
// does with the rule records it finds wrong.
func rejectOthers(t testing.TB, req *openai.ChatCompletionRequest, answered []wireRecord) []map[string]any {
	out := []map[string]any{}
	for _, r := range requestRules(t, req) {
		found := false
		for _, a := range answered {
			if a.Kind == r.Kind && norm(a.Text) == norm(r.Text) && sameWireKey(a, r) {
				found = true
			}
		}
		if !found {
			out = append(out, map[string]any{"id": r.ID, "reason": "scripted: not a record of this chunk"})
		}
	}
	return out
}

func sameWireKey(a, b wireRecord) bool {
	if a.Kind == schema.KindTarget {
		return sameFloat(a.Value, b.Value) && norm(a.Unit) == norm(b.Unit)
	}
	na, nb := a.Name, b.Name
	if na == "" {
		na = a.Text
	}
	if nb == "" {
		nb = b.Text
	}
	return norm(na) == norm(nb)
}

// requestRules returns the rule records sent with a request.
func requestRules(t testing.TB, req *openai.ChatCompletionRequest) []wireRecord {
	u := req.Messages[len(req.Messages)-1].Content
	const head = "(JSON, with ids):\n"
	i := strings.LastIndex(u, head)
	if i < 0 {
		t.Errorf("request without rule records: %q", u)
		return nil
	}
	var out []wireRecord
	if err := json.Unmarshal([]byte(strings.TrimSpace(u[i+len(head):])), &out); err != nil {
		t.Errorf("rule records: %v", err)
	}
	return out
}

// scripted answers each request with the records whose text is in the
// request's chunk, and the extra records whatever the chunk.
func scripted(recs []wireRecord, extra ...wireRecord) handler {
	return func(w http.ResponseWriter, r *http.Request, req *openai.ChatCompletionRequest, n int) {
		text := textlayer.New(requestText(req)).Norm
		out := []wireRecord{}
		for _, rec := range recs {
			if strings.Contains(text, textlayer.New(rec.Text).Norm) {
				out = append(out, rec)
			}
		}
		out = append(out, extra...)
		b, _ := json.Marshal(map[string]any{"records": out, "rejected": rejectOthers(nil, req, out)})
		reply(w, string(b))
	}
}

// scriptedAt answers each request with the gold records whose span lies
// inside the request's chunk (found in doc), like a model that reads the
// chunk perfectly, and the extra records whatever the chunk.
func scriptedAt(doc string, gold []schema.Record, extra ...wireRecord) handler {
	return func(w http.ResponseWriter, r *http.Request, req *openai.ChatCompletionRequest, n int) {
		text := requestText(req)
		off := strings.Index(doc, text)
		out := []wireRecord{}
		for i := range gold {
			g := &gold[i]
			if off >= 0 && asked(g.Kind) && g.Start >= off && g.End <= off+len(text) {
				out = append(out, toWire(g))
			}
		}
		out = append(out, extra...)
		b, _ := json.Marshal(map[string]any{"records": out, "rejected": rejectOthers(nil, req, out)})
		reply(w, string(b))
	}
}

// testOptions are fast options for tests: a private cache, short
// timeouts and backoffs.
func testOptions(t testing.TB, baseURL string) Options {
	return Options{
		BaseURL:  baseURL,
		Model:    "test-model",
		CacheDir: t.TempDir(),
		Timeout:  2 * time.Second,
		Retries:  2,
		Backoff:  5 * time.Millisecond,
	}
}

func newPass(t testing.TB, opt Options) *Pass {
	t.Helper()
	p, err := New(opt)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return p
}

// shortText is a small plan with a full-width digit (４) that only the
// normalised view anchors.
const shortText = "一、主要目标\n" +
	"今年将推进东坝中心公园建设，力争9所学校开工，完成４个老旧小区改造。全年城镇新增就业2万人以上。\n" +
	"二、重点任务\n" +
	"启动北京科学高中二期建设，加快朝阳产业技术转化院筹建。年内新增绿地3.5万平方米。\n"

// newResult builds a result by hand: sentences from the text layer and
// the given rule records, anchored at the first occurrence of their text.
func newResult(t testing.TB, text string, recs ...schema.Record) *extract.Result {
	t.Helper()
	res := &extract.Result{Doc: schema.Document{ID: "testdoc", Source: "test.txt", Text: text, Size: len(text)}}
	res.Sentences = sentencesOf(text)
	for _, r := range recs {
		i := strings.Index(text, r.Text)
		if i < 0 {
			t.Fatalf("rule record %q not in text", r.Text)
		}
		r.Start, r.End = i, i+len(r.Text)
		r.Doc, r.Source, r.Origin = "testdoc", "test.txt", schema.OriginRules
		res.Records = append(res.Records, r)
	}
	return res
}

// shortRules are the rule records of shortText.
func shortRules() []schema.Record {
	return []schema.Record{
		{Kind: schema.KindProject, Text: "东坝中心公园", Name: "东坝中心公园", Category: "park", Verb: "推进", Stage: "advance"},
		{Kind: schema.KindTarget, Text: "9所学校开工", Value: schema.Float(9), Unit: "所", Object: "学校", Verb: "开工", Stage: "start"},
		{Kind: schema.KindTarget, Text: "2万人以上", Value: schema.Float(2), Unit: "万人", Approx: "at_least", Object: "城镇新增就业"},
		{Kind: schema.KindAction, Text: "推进东坝中心公园建设", Verb: "推进", Stage: "advance"},
	}
}

// checkGrounded fails unless every record's text is its document slice.
func checkGrounded(t testing.TB, res *extract.Result) {
	t.Helper()
	for _, r := range res.Records {
		if r.Start < 0 || r.End > len(res.Doc.Text) || r.Start > r.End || res.Doc.Text[r.Start:r.End] != r.Text {
			t.Errorf("record not grounded: %+v", r)
		}
	}
}

func f64(v float64) *float64 { return &v }

func (fs *fakeServer) String() string {
	return fmt.Sprintf("server %s (%d requests)", fs.URL, fs.n.Load())
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// readSeed reads the seed document copied into testdata.
func readSeed() (string, error) {
	b, err := os.ReadFile(filepath.Join("testdata", "000_7c59a961256cf9e3.txt"))
	return string(b), err
}
