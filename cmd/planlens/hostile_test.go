package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestExtractFIFO: a named pipe among the inputs is reported by name and
// skipped without blocking (nothing ever writes to it); the other file
// still gets its records; the exit status is 1.
func TestExtractFIFO(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	type result struct {
		out, errs string
		code      int
	}
	done := make(chan result, 1)
	go func() {
		o, e, c := runCmd(t, "extract", pipe, seed, dir)
		done <- result{o, e, c}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("extract blocked on a named pipe")
	}
	if r.code != 1 {
		t.Errorf("exit code %d, want 1", r.code)
	}
	if n := strings.Count(r.errs, "pipe.txt is a named pipe (FIFO): not a regular file, skipped"); n != 1 {
		t.Errorf("the pipe (given and found in its directory) is reported %d times, want once:\n%s", n, r.errs)
	}
	if strings.Count(r.out, "\n") < 50 {
		t.Errorf("the seed gave %d records after the pipe", strings.Count(r.out, "\n"))
	}
}

// TestExtractCancel: cancelling the run (what SIGTERM and Ctrl-C do
// through signal.NotifyContext in main) stops extract over a directory
// promptly with status 130.
func TestExtractCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- run(ctx, e, []string{"extract", "--workers", "1", "../../testdata/corpus"}) }()
	time.Sleep(300 * time.Millisecond)
	cancel()
	select {
	case code := <-done:
		if code != 130 || !strings.Contains(errb.String(), "interrupted") {
			t.Errorf("code %d, stderr %q; want 130 and 'interrupted'", code, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("extract did not stop after cancel")
	}
}

// TestHostileNames: a file name with a newline and an escape code cannot
// forge a line on stderr nor reach the table raw: it is printed quoted.
func TestHostileNames(t *testing.T) {
	dir := t.TempDir()
	name := "x.txt\nplanlens extract: 0 of 9 inputs failed\x1b[2J.txt"
	p := filepath.Join(dir, name)
	// a truncated UTF-8 character at the end gives a warning that names the file
	if err := os.WriteFile(p, []byte("力争9所学校开工。\xe5\xad"), 0o644); err != nil {
		t.Skipf("file system refuses the name: %v", err)
	}
	out, errs, code := runCmd(t, "extract", "--format", "table", p)
	if code != 0 {
		t.Fatalf("code %d: %s", code, errs)
	}
	for _, s := range []string{errs, out} {
		for _, line := range strings.Split(s, "\n") {
			if strings.HasPrefix(line, "planlens extract: 0 of 9") {
				t.Errorf("forged line printed:\n%s", s)
			}
		}
		if strings.Contains(s, "\x1b") {
			t.Errorf("escape code printed raw: %q", s)
		}
	}
	if !strings.Contains(errs, `x.txt\nplanlens`) || !strings.Contains(errs, "warning") {
		t.Errorf("warning does not name the file quoted: %q", errs)
	}
	if !strings.Contains(out, `x.txt\\x0aplanlens`) && !strings.Contains(out, `x.txt\x0aplanlens`) {
		t.Errorf("table does not show the escaped name: %q", out)
	}
}

// TestExtractLenient: a GBK file with one bad byte in the middle is
// rejected by default with the offset and a hint; --lenient reads it,
// warns with the offset, and its records are still grounded.
func TestExtractLenient(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("北京市政府工作报告\n力争9所学校开工。推进70余项道路建设。")
	if err != nil {
		t.Fatal(err)
	}
	bad := gbk[:8] + "\xff" + gbk[8:]
	p := filepath.Join(t.TempDir(), "bad-byte.txt")
	if err := os.WriteFile(p, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code := runCmd(t, "extract", p)
	if code != 1 || !strings.Contains(errs, "bad-byte.txt") || !strings.Contains(errs, "offset 8") || !strings.Contains(errs, "--lenient") {
		t.Errorf("default: code %d, stderr %q; want 1, the file, offset 8 and the --lenient hint", code, errs)
	}
	out, errs, code := runCmd(t, "extract", "--lenient", p)
	if code != 0 || !strings.Contains(errs, "warning: --lenient: replaced 1 invalid gb18030 byte(s) with U+FFFD at byte offset(s) 8") {
		t.Errorf("--lenient: code %d, stderr %q", code, errs)
	}
	if n := strings.Count(out, `"kind":"target"`); n < 2 {
		t.Errorf("--lenient gave %d targets, want 2:\n%s", n, out)
	}
}
