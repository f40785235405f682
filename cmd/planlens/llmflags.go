package main

import (
	"context"
	"flag"
	"fmt"
	"sync"
	"time"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/llm"
)

// llmFlags are the flags of the optional LLM pass, shared by the commands
// that extract (extract, ingest, eval).
type llmFlags struct {
	on          bool
	model       string
	baseURL     string
	concurrency int
	maxRequests int
	timeout     time.Duration
	maxWait     time.Duration
	docTimeout  time.Duration
	cache       string
}

func addLLMFlags(fs *flag.FlagSet) *llmFlags {
	f := &llmFlags{}
	fs.BoolVar(&f.on, "llm", false, "run the LLM pass over any OpenAI-compatible server after the rules\n(confirms, adds grounded records, never deletes; see README)")
	fs.StringVar(&f.model, "llm-model", "", "`model` name for --llm (default $"+llm.EnvModel+")")
	fs.StringVar(&f.baseURL, "llm-base-url", "", "chat-completions base `URL` for --llm, e.g. http://localhost:11434/v1\n(default $"+llm.EnvBaseURL+", else "+llm.DefaultBaseURL+"); API key from $"+llm.EnvAPIKey)
	fs.IntVar(&f.concurrency, "llm-concurrency", llm.DefaultConcurrency, "LLM requests in flight")
	fs.IntVar(&f.maxRequests, "llm-max-requests", 0, "stop asking the LLM after this many `requests` (0: no limit); the rest stays rules-only")
	fs.DurationVar(&f.timeout, "llm-timeout", llm.DefaultTimeout, "time allowed for one LLM request")
	fs.DurationVar(&f.maxWait, "llm-max-wait", llm.DefaultMaxWait, "total time one chunk may wait between LLM retries (Retry-After included); past it the chunk stays rules-only")
	fs.DurationVar(&f.docTimeout, "llm-doc-timeout", 0, "time allowed for the LLM pass over one document; chunks not answered by then stay rules-only (0: no limit)")
	fs.StringVar(&f.cache, "llm-cache", "", "`dir`ectory of cached LLM answers (default: the user cache dir; \"off\" disables)")
	return f
}

// pass returns the LLM pass the flags ask for, or nil when --llm is not
// set. Flags override the environment.
func (f *llmFlags) pass(e *env) (*llm.Pass, error) {
	if !f.on {
		return nil, nil
	}
	opt := llm.OptionsFromEnv(e.getenv)
	if f.model != "" {
		opt.Model = f.model
	}
	if f.baseURL != "" {
		opt.BaseURL = f.baseURL
	}
	if opt.Model == "" {
		return nil, usageErr("--llm needs a model: --llm-model NAME or %s", llm.EnvModel)
	}
	if (opt.BaseURL == "" || opt.BaseURL == llm.DefaultBaseURL) && opt.APIKey == "" {
		return nil, usageErr("--llm with %s needs %s (or --llm-base-url for a local server)", llm.DefaultBaseURL, llm.EnvAPIKey)
	}
	if f.concurrency < 1 {
		return nil, usageErr("--llm-concurrency must be at least 1")
	}
	if f.maxRequests < 0 {
		return nil, usageErr("--llm-max-requests must not be negative")
	}
	if f.timeout <= 0 {
		return nil, usageErr("--llm-timeout must be positive")
	}
	if f.maxWait < 0 || f.docTimeout < 0 {
		return nil, usageErr("--llm-max-wait and --llm-doc-timeout must not be negative")
	}
	opt.MaxWait = f.maxWait
	opt.RunTimeout = f.docTimeout
	opt.Concurrency = f.concurrency
	opt.MaxRequests = f.maxRequests
	opt.Timeout = f.timeout
	switch f.cache {
	case "off", "none":
		opt.NoCache = true
	default:
		opt.CacheDir = f.cache
	}
	return llm.New(opt)
}

// reportLLM prints the LLM pass's totals, and a warning when some chunks
// stayed rules-only, to stderr.
func reportLLM(e *env, st llm.Stats) {
	fmt.Fprintln(e.stderr, st.String())
	if w := st.Warning(); w != "" {
		fmt.Fprintf(e.stderr, "warning: %s\n", w)
	}
}

// llmRunner runs the LLM pass (when --llm is set) over extracted documents
// and sums its totals; it is safe for concurrent use.
type llmRunner struct {
	pass  *llm.Pass // nil: no pass
	mu    sync.Mutex
	stats llm.Stats
}

// runner returns the runner the flags ask for (a no-op without --llm).
func (f *llmFlags) runner(e *env) (*llmRunner, error) {
	p, err := f.pass(e)
	if err != nil {
		return nil, err
	}
	return &llmRunner{pass: p}, nil
}

// run passes res through the LLM. A failing endpoint leaves the rules'
// records and only counts in the totals; the error returned is a
// cancellation.
func (r *llmRunner) run(ctx context.Context, res *extract.Result) error {
	if r.pass == nil || res == nil {
		return nil
	}
	st, err := r.pass.Run(ctx, res)
	r.mu.Lock()
	r.stats.Add(st)
	r.mu.Unlock()
	return err
}

// report prints the totals (and a warning when chunks stayed rules-only).
func (r *llmRunner) report(e *env) {
	if r.pass != nil {
		reportLLM(e, r.stats)
	}
}
