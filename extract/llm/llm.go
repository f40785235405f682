// Package llm is the optional LLM pass of extraction: it sends a
// document, chunk by chunk, with the rule records of each chunk to any
// OpenAI-compatible chat-completions server (OpenAI, DeepSeek, Qwen via
// DashScope, vLLM, Ollama) and merges the answer into the records.
//
// The pass never makes the output worse or unverifiable:
//   - a rule record the model also returns gets Confirmed; field values
//     the model gives differently go to LLMFields and are not applied;
//   - a record the rules missed is added (Origin "llm") only when its text
//     is found in the chunk, and then carries real offsets; a target's
//     value must be a number of its text;
//   - a model record at a rule record's span with another value or name
//     is another reading: added when grounded, the rule record kept;
//   - a rule record the model rejects explicitly, with a reason, is kept
//     and marked LLMDisputed (LLMReason holds the reason); one it merely
//     leaves out is kept unmarked (counted as unreviewed) — so a document
//     that tells the model to "ignore previous instructions" cannot get
//     the rule records disputed by omission;
//   - the document text goes to the model as data between marker lines,
//     and the prompt says that nothing inside them is an instruction;
//   - answers are bounded: the body (MaxAnswerBytes), the records per
//     chunk (MaxChunkRecords), the time spent waiting for retries
//     (MaxWait, Retry-After included) and the run (RunTimeout, and ctx's
//     deadline); a chunk over a bound stays rules-only and is counted;
//   - when the server is down, slow or answers garbage, the records stay
//     the rules' records and Run reports the failures in its Stats.
//
// Answers are cached on disk by model, prompt version, chunk text and
// rule records, so a re-run makes no requests.
package llm

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/planlens/planlens/schema"
)

// PromptVersion names the embedded prompt; it is part of the cache key.
const PromptVersion = "v2"

//go:embed prompt_v2.txt
var promptText string

// Defaults for zero Options fields.
const (
	DefaultBaseURL     = "https://api.openai.com/v1"
	DefaultConcurrency = 4
	DefaultTimeout     = 120 * time.Second
	DefaultRetries     = 3
	DefaultBackoff     = time.Second
	DefaultChunkTokens = 1200
	DefaultMaxFailures = 3
	// DefaultMaxAnswerBytes caps one answer body. A full answer for a
	// 1,200-token chunk is 10–30 KB of JSON (a dense task list gives ~60
	// records of ~300 bytes), a reasoning model's reasoning text adds a
	// few tens of KB: 1 MiB is over 30 times the largest sensible answer.
	DefaultMaxAnswerBytes = 1 << 20
	// DefaultMaxChunkRecords caps the records of one answer: a chunk of
	// ~1,200 tokens holds at most a few dozen targets and projects.
	DefaultMaxChunkRecords = 200
	// DefaultMaxWait bounds the total wait between the retries of one chunk.
	DefaultMaxWait = 2 * time.Minute
	// maxBackoff is the longest single wait; a server asking for more
	// (Retry-After) is not retried.
	maxBackoff = time.Minute
)

// Environment variables read by OptionsFromEnv.
const (
	EnvAPIKey  = "OPENAI_API_KEY"
	EnvBaseURL = "OPENAI_BASE_URL"
	EnvModel   = "PLANLENS_LLM_MODEL"
)

// Options configure a Pass. Zero fields take the defaults above.
type Options struct {
	// BaseURL of the OpenAI-compatible API, up to and including /v1
	// (http://localhost:11434/v1 for Ollama).
	BaseURL string
	// APIKey is sent as a bearer token; local servers may need none.
	APIKey string
	// Model is required.
	Model string
	// Concurrency is the number of requests in flight, over all the runs
	// of the Pass.
	Concurrency int
	// MaxRequests caps the HTTP requests of the Pass over all its runs,
	// retries included; 0 means no cap. Chunks beyond it stay rules-only.
	MaxRequests int
	// Timeout is the time allowed for one request.
	Timeout time.Duration
	// Retries is the number of retries of a request that failed with 429,
	// 5xx, a timeout or a connection error; negative means none.
	Retries int
	// Backoff is the wait before the first retry; it doubles after each
	// (with jitter), and a Retry-After header takes precedence.
	Backoff time.Duration
	// CacheDir holds cached answers; empty means
	// os.UserCacheDir()/planlens/llm. NoCache turns the cache off.
	CacheDir string
	NoCache  bool
	// ChunkTokens is the token budget of the text of one chunk.
	ChunkTokens int
	// MaxFailures is the number of failed chunks in a row after which
	// the Pass stops asking the server (the endpoint is taken as down).
	MaxFailures int
	// HTTPClient, when set, sends the requests.
	HTTPClient *http.Client
	// MaxAnswerBytes caps the body of one answer; a longer body (an
	// endless stream, a runaway model) fails its chunk without being read
	// further. 0 means DefaultMaxAnswerBytes.
	MaxAnswerBytes int64
	// MaxChunkRecords caps the records (and rejections) of one answer; an
	// answer with more fails its chunk. 0 means DefaultMaxChunkRecords.
	MaxChunkRecords int
	// MaxWait bounds the total time one chunk waits between retries,
	// Retry-After included; a retry that would go past it (or past ctx's
	// deadline) is not made and the chunk fails, saying why. A single
	// Retry-After over a minute is not waited for at all. 0 means
	// DefaultMaxWait.
	MaxWait time.Duration
	// RunTimeout bounds one Run (one document); chunks not answered by
	// then stay rules-only and are counted as failed. 0 means no bound
	// other than ctx's.
	RunTimeout time.Duration
}

// OptionsFromEnv reads OPENAI_API_KEY, OPENAI_BASE_URL and
// PLANLENS_LLM_MODEL.
func OptionsFromEnv(getenv func(string) string) Options {
	return Options{
		APIKey:  getenv(EnvAPIKey),
		BaseURL: getenv(EnvBaseURL),
		Model:   getenv(EnvModel),
	}
}

// Pass is a configured LLM pass. It is safe for concurrent use; it keeps
// the request budget, the response-format fallback and the failure count
// across runs.
type Pass struct {
	opt    Options
	client *openai.Client
	cache  *cache // nil when off
	// promptKey is the prompt's part of the cache key.
	promptKey string

	// sem bounds the requests in flight over all runs (Concurrency), so
	// that documents run in parallel do not multiply it.
	sem chan struct{}

	requests atomic.Int64 // requests sent, for MaxRequests
	// format is the response_format level the server accepts: 0 JSON
	// schema, 1 JSON object, 2 none. It only goes up.
	format atomic.Int32
	// failures counts chunks failed in a row; at MaxFailures the
	// endpoint is taken as down.
	failures atomic.Int32
}

// New returns a Pass for opt.
func New(opt Options) (*Pass, error) {
	if strings.TrimSpace(opt.Model) == "" {
		return nil, fmt.Errorf("llm: no model (set --llm-model or %s)", EnvModel)
	}
	if opt.BaseURL == "" {
		opt.BaseURL = DefaultBaseURL
	}
	opt.BaseURL = strings.TrimRight(opt.BaseURL, "/")
	if !strings.HasPrefix(opt.BaseURL, "http://") && !strings.HasPrefix(opt.BaseURL, "https://") {
		return nil, fmt.Errorf("llm: base URL %q: want http:// or https://", opt.BaseURL)
	}
	if opt.Concurrency <= 0 {
		opt.Concurrency = DefaultConcurrency
	}
	if opt.MaxRequests < 0 {
		opt.MaxRequests = 0
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	switch {
	case opt.Retries == 0:
		opt.Retries = DefaultRetries
	case opt.Retries < 0:
		opt.Retries = 0
	}
	if opt.Backoff <= 0 {
		opt.Backoff = DefaultBackoff
	}
	if opt.ChunkTokens <= 0 {
		opt.ChunkTokens = DefaultChunkTokens
	}
	if opt.MaxFailures <= 0 {
		opt.MaxFailures = DefaultMaxFailures
	}
	if opt.MaxAnswerBytes <= 0 {
		opt.MaxAnswerBytes = DefaultMaxAnswerBytes
	}
	if opt.MaxChunkRecords <= 0 {
		opt.MaxChunkRecords = DefaultMaxChunkRecords
	}
	if opt.MaxWait <= 0 {
		opt.MaxWait = DefaultMaxWait
	}
	hc := opt.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	cfg := openai.DefaultConfig(opt.APIKey)
	cfg.BaseURL = opt.BaseURL
	cfg.HTTPClient = headerDoer{hc}
	p := &Pass{opt: opt, client: openai.NewClientWithConfig(cfg), sem: make(chan struct{}, opt.Concurrency)}
	sum := sha256.Sum256([]byte(promptText))
	p.promptKey = PromptVersion + ":" + hex.EncodeToString(sum[:8])
	if !opt.NoCache {
		dir := opt.CacheDir
		if dir == "" {
			base, err := os.UserCacheDir()
			if err != nil {
				return nil, fmt.Errorf("llm: cache directory: %w", err)
			}
			dir = filepath.Join(base, "planlens", "llm")
		}
		c, err := openCache(dir)
		if err != nil {
			return nil, err
		}
		p.cache = c
	}
	return p, nil
}

// Model returns the model the Pass asks.
func (p *Pass) Model() string { return p.opt.Model }

// Stats count what a run did. Add sums the stats of several runs.
type Stats struct {
	Chunks           int `json:"chunks"`
	Requests         int `json:"requests"` // HTTP requests sent, retries included
	Retries          int `json:"retries"`
	CacheHits        int `json:"cache_hits"`
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`

	Added     int `json:"added"`     // model records anchored and added
	Confirmed int `json:"confirmed"` // rule records the model returned too
	Disputed  int `json:"disputed"`  // rule records the model rejected, with a reason
	// Unreviewed counts rule records the model neither returned nor
	// rejected (left unmarked).
	Unreviewed int `json:"unreviewed"`
	Dropped    int `json:"dropped"` // model records not found in the text or invalid

	Failed     int `json:"failed"`      // chunks left rules-only after an error
	OverBudget int `json:"over_budget"` // chunks left rules-only by MaxRequests
	// Errors holds a few distinct failure messages, for a warning.
	Errors []string `json:"errors,omitempty"`
}

const maxErrors = 5

// Add adds o to s.
func (s *Stats) Add(o Stats) {
	s.Chunks += o.Chunks
	s.Requests += o.Requests
	s.Retries += o.Retries
	s.CacheHits += o.CacheHits
	s.PromptTokens += o.PromptTokens
	s.CompletionTokens += o.CompletionTokens
	s.Added += o.Added
	s.Confirmed += o.Confirmed
	s.Disputed += o.Disputed
	s.Unreviewed += o.Unreviewed
	s.Dropped += o.Dropped
	s.Failed += o.Failed
	s.OverBudget += o.OverBudget
	for _, e := range o.Errors {
		s.addError(e)
	}
}

func (s *Stats) addError(msg string) {
	if len(s.Errors) >= maxErrors {
		return
	}
	for _, e := range s.Errors {
		if e == msg {
			return
		}
	}
	s.Errors = append(s.Errors, msg)
}

// String is a one-line summary for stderr.
func (s Stats) String() string {
	return fmt.Sprintf("llm: %d chunks, %d requests (%d retries, %d cached), tokens %d prompt + %d completion; "+
		"%d added, %d confirmed, %d disputed, %d unreviewed, %d dropped; %d chunks failed, %d over budget",
		s.Chunks, s.Requests, s.Retries, s.CacheHits, s.PromptTokens, s.CompletionTokens,
		s.Added, s.Confirmed, s.Disputed, s.Unreviewed, s.Dropped, s.Failed, s.OverBudget)
}

// Warning is a message for stderr when some chunks stayed rules-only, or
// "" when all went through.
func (s Stats) Warning() string {
	if s.Failed == 0 && s.OverBudget == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "llm: %d of %d chunks kept rules-only records", s.Failed+s.OverBudget, s.Chunks)
	if s.OverBudget > 0 {
		fmt.Fprintf(&b, " (%d over the request budget)", s.OverBudget)
	}
	if len(s.Errors) > 0 {
		fmt.Fprintf(&b, ": %s", strings.Join(s.Errors, "; "))
	}
	return b.String()
}

// errBudget marks a chunk not sent because MaxRequests was reached.
var errBudget = errors.New("llm: request budget exhausted")

// errDown marks a chunk not sent because the endpoint failed too often.
var errDown = errors.New("llm: endpoint unavailable, not asked again")

// chunkOutcome is what asking about one chunk gave.
type chunkOutcome struct {
	answer
	err   error
	stats Stats // requests, retries, cache hits, tokens
}

// errRunTimeout marks chunks not answered within Options.RunTimeout.
var errRunTimeout = errors.New("llm: run deadline (RunTimeout) reached before the chunk was answered")

// Run asks the model about res, chunk by chunk, and merges its answers
// into res.Records. Failures of the server leave the affected chunks
// rules-only and are counted in Stats; so do chunks not answered within
// RunTimeout. The error is non-nil only when ctx is cancelled or past its
// deadline, and then res is unchanged.
func (p *Pass) Run(ctx context.Context, res *schema.Result) (Stats, error) {
	var st Stats
	if res == nil || res.Doc.Text == "" {
		return st, nil
	}
	sents := res.Sentences
	if len(sents) == 0 {
		sents = sentencesOf(res.Doc.Text)
	}
	chunks := makeChunks(res.Doc.Text, sents, res.Records, p.opt.ChunkTokens)
	st.Chunks = len(chunks)
	outs := make([]chunkOutcome, len(chunks))
	for i := range outs {
		outs[i].err = errRunTimeout // until asked
	}
	rctx := ctx
	if p.opt.RunTimeout > 0 {
		var cancel context.CancelFunc
		rctx, cancel = context.WithTimeout(ctx, p.opt.RunTimeout)
		defer cancel()
	}

	jobs := make(chan int)
	var wg sync.WaitGroup
	workers := min(p.opt.Concurrency, len(chunks))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				outs[i] = p.ask(rctx, &chunks[i])
				if rctx.Err() != nil && ctx.Err() == nil && errors.Is(outs[i].err, context.DeadlineExceeded) {
					outs[i].err = errRunTimeout
				}
			}
		}()
	}
feed:
	for i := range chunks {
		select {
		case jobs <- i:
		case <-rctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return st, fmt.Errorf("llm: %w", err)
	}

	m := newMerger(res, sents)
	for i := range chunks {
		o := &outs[i]
		st.Add(o.stats)
		switch {
		case errors.Is(o.err, errBudget):
			st.OverBudget++
			continue
		case o.err != nil:
			st.Failed++
			st.addError(o.err.Error())
			continue
		}
		m.merge(&chunks[i], o.answer, &st)
	}
	res.Records = m.records()
	return st, nil
}

// records returns the rule records in their order, with the added
// records inserted before the first rule record that starts after them.
func (m *merger) records() []schema.Record {
	added := m.recs[m.rules:]
	if len(added) == 0 {
		return m.recs
	}
	sort.SliceStable(added, func(i, j int) bool {
		if added[i].Start != added[j].Start {
			return added[i].Start < added[j].Start
		}
		return added[i].End < added[j].End
	})
	out := make([]schema.Record, 0, len(m.recs))
	k := 0
	for _, r := range m.recs[:m.rules] {
		for k < len(added) && added[k].Start < r.Start {
			out = append(out, added[k])
			k++
		}
		out = append(out, r)
	}
	return append(out, added[k:]...)
}
