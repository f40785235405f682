package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Response-format levels, tried in order until the server accepts one.
const (
	formatSchema int32 = iota // response_format json_schema
	formatObject              // response_format json_object
	formatNone                // no response_format
)

// answerSchema is the JSON schema of an answer.
var answerSchema = json.RawMessage(`{
 "type": "object",
 "properties": {
  "records": {
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "kind": {"type": "string", "enum": ["target", "project"]},
     "text": {"type": "string"},
     "value": {"type": "number"},
     "value_max": {"type": "number"},
     "approx": {"type": "string", "enum": ["exact", "over", "at_least", "at_most", "about"]},
     "unit": {"type": "string"},
     "object": {"type": "string"},
     "direction": {"type": "string", "enum": ["increase", "decrease", "level"]},
     "name": {"type": "string"},
     "category": {"type": "string"},
     "phase": {"type": "integer"},
     "verb": {"type": "string"},
     "stage": {"type": "string", "enum": ["plan", "start", "advance", "complete", "improve"]},
     "modality": {"type": "string", "enum": ["ensure", "strive", "seek"]},
     "year": {"type": "integer"}
    },
    "required": ["kind", "text"]
   }
  }
 },
 "required": ["records"]
}`)

func responseFormat(level int32) *openai.ChatCompletionResponseFormat {
	switch level {
	case formatSchema:
		return &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name:   "planlens_records",
				Schema: answerSchema,
			},
		}
	case formatObject:
		return &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	}
	return nil
}

// userMessage is the request's user turn: the chunk and its rule records.
func userMessage(c *chunk) string {
	return "TEXT 原文:\n" + c.Text + "\n\nRULE RECORDS 规则记录 (JSON):\n" + string(c.RulesJSON) + "\n"
}

// reasoningModel reports models that refuse a temperature other than 1.
func reasoningModel(model string) bool {
	for _, p := range []string{"o1", "o3", "o4", "gpt-5", "gpt-6"} {
		if strings.HasPrefix(model, p) {
			return true
		}
	}
	return false
}

// ask returns the model's records for c, from the cache or the server.
func (p *Pass) ask(ctx context.Context, c *chunk) (out chunkOutcome) {
	key := cacheKey(p.opt.Model, p.promptKey, c.Text, c.RulesJSON)
	if p.cache != nil {
		if e, ok := p.cache.get(key); ok {
			if recs, bad, err := parseAnswer(e.Content); err == nil {
				out.stats.CacheHits++
				out.recs, out.bad = recs, bad
				return out
			}
		}
	}
	if err := ctx.Err(); err != nil {
		out.err = err
		return out
	}
	if int(p.failures.Load()) >= p.opt.MaxFailures {
		out.err = errDown
		return out
	}
	content, usage, err := p.complete(ctx, c, &out.stats)
	out.stats.PromptTokens += usage.PromptTokens
	out.stats.CompletionTokens += usage.CompletionTokens
	if err != nil {
		if !errors.Is(err, errBudget) && ctx.Err() == nil {
			p.failures.Add(1)
		}
		out.err = err
		return out
	}
	recs, bad, err := parseAnswer(content)
	if err != nil {
		p.failures.Add(1)
		out.err = err
		return out
	}
	p.failures.Store(0)
	out.recs, out.bad = recs, bad
	if p.cache != nil {
		e := entry{Model: p.opt.Model, Prompt: p.promptKey, Content: content,
			PromptTokens: usage.PromptTokens, CompletionTokens: usage.CompletionTokens}
		if err := p.cache.put(key, e); err != nil {
			out.stats.addError(err.Error())
		}
	}
	return out
}

// reserve takes one request from the budget.
func (p *Pass) reserve() bool {
	if p.opt.MaxRequests == 0 {
		p.requests.Add(1)
		return true
	}
	for {
		n := p.requests.Load()
		if n >= int64(p.opt.MaxRequests) {
			return false
		}
		if p.requests.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// complete sends one chunk, retrying on 429, 5xx, timeouts and connection
// errors with exponential backoff, and falling back to a weaker
// response_format when the server rejects one.
func (p *Pass) complete(ctx context.Context, c *chunk, st *Stats) (string, openai.Usage, error) {
	msgs := []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: promptText},
		{Role: openai.ChatMessageRoleUser, Content: userMessage(c)},
	}
	var usage openai.Usage
	retrying := false
	for attempt := 0; ; {
		if !p.reserve() {
			return "", usage, errBudget
		}
		st.Requests++
		if retrying {
			st.Retries++
			retrying = false
		}
		level := p.format.Load()
		req := openai.ChatCompletionRequest{
			Model:          p.opt.Model,
			Messages:       msgs,
			ResponseFormat: responseFormat(level),
		}
		if !reasoningModel(p.opt.Model) {
			req.Temperature = 0.01 // 0 would be omitted from the JSON
		}
		retryAfter := time.Duration(-1)
		select {
		case p.sem <- struct{}{}:
		case <-ctx.Done():
			return "", usage, ctx.Err()
		}
		rctx, cancel := context.WithTimeout(context.WithValue(ctx, retryAfterKey{}, &retryAfter), p.opt.Timeout)
		resp, err := p.client.CreateChatCompletion(rctx, req)
		cancel()
		<-p.sem
		if err == nil {
			usage.PromptTokens += resp.Usage.PromptTokens
			usage.CompletionTokens += resp.Usage.CompletionTokens
			if len(resp.Choices) == 0 {
				return "", usage, errors.New("llm: answer without choices")
			}
			return resp.Choices[0].Message.Content, usage, nil
		}
		if cerr := ctx.Err(); cerr != nil {
			return "", usage, cerr
		}
		if level < formatNone && formatRejected(err) {
			p.format.CompareAndSwap(level, level+1)
			continue
		}
		if !retryable(err) || attempt >= p.opt.Retries {
			return "", usage, describe(err, p.opt.Timeout)
		}
		wait := p.backoff(attempt, retryAfter)
		attempt++
		retrying = true
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return "", usage, ctx.Err()
		}
	}
}

// backoff is the wait before retry attempt+1: Retry-After when the
// server sent one, else Backoff doubled per attempt, jittered ±50%.
func (p *Pass) backoff(attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter >= 0 {
		return min(retryAfter, maxBackoff)
	}
	d := p.opt.Backoff << min(attempt, 10)
	d = min(d, maxBackoff)
	return d/2 + rand.N(d+1)
}

// statusOf returns the HTTP status of a failed request, or 0.
func statusOf(err error) int {
	var ae *openai.APIError
	if errors.As(err, &ae) {
		return ae.HTTPStatusCode
	}
	var re *openai.RequestError
	if errors.As(err, &re) {
		return re.HTTPStatusCode
	}
	return 0
}

// retryable reports errors worth another try: rate limits, server errors,
// timeouts and transport failures.
func retryable(err error) bool {
	if s := statusOf(err); s != 0 {
		return s == http.StatusTooManyRequests || s == http.StatusRequestTimeout || s >= 500
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ue *url.Error
	return errors.As(err, &ue)
}

// formatRejected reports a 400 (or 422) that names the response format.
func formatRejected(err error) bool {
	if s := statusOf(err); s != http.StatusBadRequest && s != http.StatusUnprocessableEntity {
		return false
	}
	msg := strings.ToLower(err.Error())
	for _, w := range []string{"response_format", "response format", "json_schema", "json_object", "json schema"} {
		if strings.Contains(msg, w) {
			return true
		}
	}
	return false
}

// describe turns a request error into a short message without the
// chunk-specific parts, so that Stats keeps distinct causes.
func describe(err error, timeout time.Duration) error {
	if s := statusOf(err); s != 0 {
		var ae *openai.APIError
		if errors.As(err, &ae) && ae.Message != "" {
			return fmt.Errorf("llm: server answered %d: %s", s, clip(ae.Message, 160))
		}
		return fmt.Errorf("llm: server answered %d %s", s, http.StatusText(s))
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("llm: no answer within %v: %w", timeout, context.DeadlineExceeded)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("llm: %s %s: %w", ue.Op, ue.URL, ue.Err)
	}
	return fmt.Errorf("llm: %w", err)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// retryAfterKey is the context key of a *time.Duration that headerDoer
// fills from a response's Retry-After header (go-openai's errors do not
// carry headers).
type retryAfterKey struct{}

// headerDoer sends requests with an http.Client and reports Retry-After.
type headerDoer struct{ c *http.Client }

func (d headerDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.c.Do(req)
	if resp != nil {
		if p, ok := req.Context().Value(retryAfterKey{}).(*time.Duration); ok {
			if v, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
				*p = v
			}
		}
	}
	return resp, err
}

// parseRetryAfter reads a Retry-After value: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		return time.Duration(n * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}
