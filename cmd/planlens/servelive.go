package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/planlens/planlens/index"
)

// liveIndex serves an index that an ingest may write while serve runs.
// serve holds the index read-only (search, stats and other serves work
// beside it); when an ingest announces that it waits to write
// (index.WaitingWriter), liveIndex closes the index, answers 503 saying
// why, and opens it again — with the new documents — as soon as the
// ingest is done.
type liveIndex struct {
	dir    string
	newH   func(*index.Index) (http.Handler, error)
	stderr io.Writer
	poll   time.Duration

	mu     sync.RWMutex
	ix     *index.Index
	h      http.Handler
	writer int // pid of the ingest the index is closed for
}

func newLiveIndex(ctx context.Context, e *env, dir string, newH func(*index.Index) (http.Handler, error)) (*liveIndex, error) {
	ix, err := openReader(ctx, e, dir)
	if err != nil {
		return nil, err
	}
	h, err := newH(ix)
	if err != nil {
		ix.Close()
		return nil, err
	}
	return &liveIndex{dir: dir, newH: newH, stderr: e.stderr, poll: 500 * time.Millisecond, ix: ix, h: h}, nil
}

func (l *liveIndex) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.h == nil {
		w.Header().Set("Retry-After", "2")
		http.Error(w, fmt.Sprintf("planlens ingest (process %d) is writing the index; this server opens it again as soon as it is done", l.writer), http.StatusServiceUnavailable)
		return
	}
	l.h.ServeHTTP(w, r)
}

// watch closes the index for a waiting writer and reopens it after, until
// ctx ends.
func (l *liveIndex) watch(ctx context.Context) {
	t := time.NewTicker(l.poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		pid := index.WaitingWriter(l.dir)
		l.mu.RLock()
		open := l.ix != nil
		l.mu.RUnlock()
		switch {
		case pid != 0 && open:
			l.mu.Lock() // waits for requests in flight
			err := l.ix.Close()
			l.ix, l.h, l.writer = nil, nil, pid
			l.mu.Unlock()
			fmt.Fprintf(l.stderr, "planlens serve: closed the index for planlens ingest (process %d); it reopens when the ingest is done\n", pid)
			if err != nil {
				fmt.Fprintf(l.stderr, "planlens serve: %v\n", err)
			}
		case pid == 0 && !open:
			ix, err := index.Open(ctx, l.dir, index.Options{ReadOnly: true, LockTimeout: lockPoll})
			if err != nil {
				continue // the ingest still holds it: try again
			}
			h, err := l.newH(ix)
			if err != nil {
				ix.Close()
				fmt.Fprintf(l.stderr, "planlens serve: %v\n", err)
				continue
			}
			l.mu.Lock()
			l.ix, l.h, l.writer = ix, h, 0
			l.mu.Unlock()
			fmt.Fprintf(l.stderr, "planlens serve: reopened the index %s\n", l.dir)
		}
	}
}

// Close closes the index if it is open.
func (l *liveIndex) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ix == nil {
		return nil
	}
	err := l.ix.Close()
	l.ix, l.h = nil, nil
	return err
}
