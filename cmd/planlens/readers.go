package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/planlens/planlens/index"
)

// Many readers, one writer (index/writer.go): search, stats and serve open
// the index read-only, side by side; ingest opens it alone. Each waits
// for the other, saying what it waits for, instead of failing "in use".
const (
	// writerWait bounds how long ingest waits for readers to close the
	// index (serve closes it by itself within a second or two).
	writerWait = 2 * time.Minute
	// readerWait bounds how long a reader waits for an ingest to finish.
	readerWait = 10 * time.Minute
	// lockPoll is one attempt's lock wait.
	lockPoll = time.Second
)

// openReader opens an existing index read-only. While an ingest writes it,
// it says so on stderr and waits (up to readerWait, or until ctx ends).
func openReader(ctx context.Context, e *env, dir string) (*index.Index, error) {
	return openWaiting(ctx, dir, index.Options{ReadOnly: true, LockTimeout: lockPoll}, readerWait,
		func() {
			fmt.Fprintf(e.stderr, "planlens: %s is being written by planlens ingest: waiting for it to finish\n", dir)
		})
}

// openWriter opens the index for writing and announces the writer in it
// (index.AnnounceWriter) until release runs (after Close): readers that
// come meanwhile wait for it, and serve closes the index and reopens it,
// with the new documents, when it is done. While readers have the index
// open, openWriter says what it waits for and waits up to writerWait;
// beside another writer it fails at once.
func openWriter(ctx context.Context, e *env, dir string, opts index.Options) (*index.Index, func(), error) {
	release := func() {}
	announce := func() {
		if r, err := index.AnnounceWriter(dir); err == nil {
			release = r
		}
	}
	opts.LockTimeout = lockPoll
	ix, err := index.Open(ctx, dir, opts)
	if errors.Is(err, index.ErrLocked) {
		if pid := index.WaitingWriter(dir); pid != 0 {
			return nil, nil, &exitError{code: 1, msg: fmt.Sprintf("%v (planlens ingest, process %d): wait for it to finish, or stop it", err, pid)}
		}
		ix, err = openWaiting(ctx, dir, opts, writerWait, func() {
			announce()
			fmt.Fprintf(e.stderr, "planlens ingest: %s is open for reading (planlens serve, search or stats): waiting for it to be closed (serve closes it by itself)\n", dir)
		})
	} else if err == nil {
		announce()
	} else {
		ix, err = openResult(ix, err, dir)
	}
	if err != nil {
		release()
		return nil, nil, err
	}
	return ix, release, nil
}

// openWaiting opens dir, retrying while another process holds the lock, for
// up to wait; waiting runs once, before the first retry.
func openWaiting(ctx context.Context, dir string, opts index.Options, wait time.Duration, waiting func()) (*index.Index, error) {
	deadline := time.Now().Add(wait)
	for first := true; ; first = false {
		ix, err := index.Open(ctx, dir, opts)
		if !errors.Is(err, index.ErrLocked) || time.Now().After(deadline) || ctx.Err() != nil {
			if errors.Is(err, index.ErrLocked) && !first {
				return nil, &exitError{code: 1, msg: fmt.Sprintf("%v: still after %s (wait for it to finish, or stop it)", err, wait)}
			}
			return openResult(ix, err, dir)
		}
		if first {
			waiting()
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
