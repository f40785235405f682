package llm

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// cache keeps model answers on disk, one JSON file per key.
type cache struct {
	dir string
}

// entry is a cached answer: the raw content, re-parsed on every read so
// that parser fixes apply to cached answers too.
type entry struct {
	Model            string `json:"model"`
	Prompt           string `json:"prompt"`
	Content          string `json:"content"`
	PromptTokens     int    `json:"prompt_tokens"`
	CompletionTokens int    `json:"completion_tokens"`
}

func openCache(dir string) (*cache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("llm: cache: %w", err)
	}
	return &cache{dir: dir}, nil
}

// cacheKey is the hex SHA-256 of the model, the prompt version, the chunk
// text and the rule records sent.
func cacheKey(model, prompt, text string, rules []byte) string {
	h := sha256.New()
	for _, part := range [][]byte{[]byte(model), []byte(prompt), []byte(text), rules} {
		fmt.Fprintf(h, "%d:", len(part))
		h.Write(part)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (c *cache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".json")
}

// get returns the entry for key; ok is false when there is none or it
// cannot be read.
func (c *cache) get(key string) (e entry, ok bool) {
	b, err := os.ReadFile(c.path(key))
	if err != nil {
		return e, false
	}
	if json.Unmarshal(b, &e) != nil {
		return e, false
	}
	return e, true
}

// put stores e under key, atomically (write then rename).
func (c *cache) put(key string, e entry) error {
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("llm: cache: %w", err)
	}
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("llm: cache: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), key[:8]+"-*.tmp")
	if err != nil {
		return fmt.Errorf("llm: cache: %w", err)
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(f.Name())
		return fmt.Errorf("llm: cache: %w", err)
	}
	if err := os.Rename(f.Name(), p); err != nil {
		_ = os.Remove(f.Name())
		return fmt.Errorf("llm: cache: %w", err)
	}
	return nil
}
