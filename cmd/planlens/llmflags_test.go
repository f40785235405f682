package main

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestLLMFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantNil bool
		wantErr string
		check   func(t *testing.T, f *llmFlags)
	}{
		{name: "off", args: []string{"--llm-model", "m"}, wantNil: true},
		{name: "no model", args: []string{"--llm"}, wantErr: "needs a model"},
		{name: "OpenAI without key", args: []string{"--llm", "--llm-model", "gpt-4o-mini"}, wantErr: "OPENAI_API_KEY"},
		{name: "bad concurrency", args: []string{"--llm", "--llm-model", "m", "--llm-base-url", "http://127.0.0.1:1/v1", "--llm-concurrency", "0"}, wantErr: "concurrency"},
		{
			name: "local server from flags",
			args: []string{"--llm", "--llm-model", "qwen2.5:7b", "--llm-base-url", "http://127.0.0.1:11434/v1",
				"--llm-concurrency", "2", "--llm-max-requests", "50", "--llm-timeout", "30s", "--llm-cache", "off"},
			check: func(t *testing.T, f *llmFlags) {
				if f.concurrency != 2 || f.maxRequests != 50 || f.timeout != 30*time.Second || f.cache != "off" {
					t.Errorf("flags: got %+v", f)
				}
			},
		},
		{
			name: "environment",
			args: []string{"--llm"},
			env:  map[string]string{"PLANLENS_LLM_MODEL": "deepseek-chat", "OPENAI_BASE_URL": "http://127.0.0.1:1/v1", "OPENAI_API_KEY": "sk-test"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(k string) string { return tt.env[k] }}
			fs := newFlags(e, "test", "test")
			f := addLLMFlags(fs)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatalf("parse: %v", err)
			}
			if f.cache == "" {
				f.cache = t.TempDir()
			}
			p, err := f.pass(e)
			switch {
			case tt.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, errUsage) {
					t.Errorf("got %v, want a usage error with %q", err, tt.wantErr)
				}
				return
			case err != nil:
				t.Fatalf("pass: %v", err)
			case tt.wantNil != (p == nil):
				t.Fatalf("pass: got %v, want nil %v", p, tt.wantNil)
			}
			if p != nil && tt.env["PLANLENS_LLM_MODEL"] != "" && p.Model() != tt.env["PLANLENS_LLM_MODEL"] {
				t.Errorf("model: got %q", p.Model())
			}
			if tt.check != nil {
				tt.check(t, f)
			}
		})
	}
}
