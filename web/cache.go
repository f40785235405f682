package web

import (
	"context"
	"sync"

	"github.com/planlens/planlens/index"
)

// docCacheSize is how many documents the server keeps read.
const docCacheSize = 16

// docCache keeps the most recently read documents. A document id is the
// hash of its text, and a served index is locked against writers, so a
// cached document never goes stale while the server runs (serve builds
// a new Server each time it reopens the index after an ingest).
type docCache struct {
	mu    sync.Mutex
	docs  map[string]*index.DocumentView
	order []string // least recently used first
}

// document reads a document through the cache. Callers must not change
// the view.
func (s *Server) document(ctx context.Context, id string) (*index.DocumentView, bool, error) {
	c := &s.cache
	c.mu.Lock()
	if v, ok := c.docs[id]; ok {
		c.touch(id)
		c.mu.Unlock()
		return v, true, nil
	}
	c.mu.Unlock()
	v, found, err := s.ix.Document(ctx, id)
	if err != nil || !found {
		return v, found, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.docs == nil {
		c.docs = map[string]*index.DocumentView{}
	}
	if _, ok := c.docs[id]; !ok {
		if len(c.order) >= docCacheSize {
			delete(c.docs, c.order[0])
			c.order = c.order[1:]
		}
		c.docs[id] = v
		c.order = append(c.order, id)
	}
	return v, true, nil
}

func (c *docCache) touch(id string) {
	for i, x := range c.order {
		if x == id {
			c.order = append(append(c.order[:i:i], c.order[i+1:]...), id)
			return
		}
	}
}
