package source

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mkfifo makes a named pipe, skipping the test where that is impossible.
func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo %s: %v", p, err)
	}
}

// TestFilesSpecial: FIFOs, sockets-like specials, links to devices, link
// loops and dangling links are each reported once by name and skipped;
// regular files and links to regular files are listed. Nothing is opened,
// so the FIFO cannot block the call.
func TestFilesSpecial(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o644))
	mkfifo(t, filepath.Join(dir, "pipe.txt"))
	mkfifo(t, filepath.Join(dir, "pipe.bin")) // unsupported name: ignored like any .bin
	must(os.Symlink("a.txt", filepath.Join(dir, "link.txt")))
	must(os.Symlink("loop2.txt", filepath.Join(dir, "loop1.txt")))
	must(os.Symlink("loop1.txt", filepath.Join(dir, "loop2.txt")))
	must(os.Symlink("/dev/null", filepath.Join(dir, "null.txt")))
	must(os.Symlink("nowhere.txt", filepath.Join(dir, "dangling.txt")))
	must(os.Symlink(".", filepath.Join(dir, "self"))) // a directory link: not followed
	explicitPipe := filepath.Join(t.TempDir(), "explicit")
	mkfifo(t, explicitPipe)

	done := make(chan struct{})
	var files []string
	var errs []error
	go func() {
		files, errs = Files([]string{dir, explicitPipe, "/dev/null"})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Files blocked on a named pipe")
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	if got := strings.Join(names, " "); got != "a.txt link.txt" {
		t.Errorf("files = %q, want a.txt link.txt", got)
	}
	want := []struct {
		name, says string
		is         error
	}{
		{"dangling.txt", "no such file", os.ErrNotExist},
		{"loop1.txt", "symbolic link loop", ErrLinkLoop},
		{"loop2.txt", "symbolic link loop", ErrLinkLoop},
		{"null.txt", "is a symbolic link to a character device: not a regular file, skipped", ErrNotRegular},
		{"pipe.txt", "is a named pipe (FIFO): not a regular file, skipped", ErrNotRegular},
		{"explicit", "is a named pipe (FIFO): not a regular file, skipped", ErrNotRegular},
		{"/dev/null", "is a character device: not a regular file, skipped", ErrNotRegular},
	}
	if len(errs) != len(want) {
		t.Fatalf("errs = %v, want %d", errs, len(want))
	}
	for i, w := range want {
		msg := errs[i].Error()
		if !strings.Contains(msg, w.name) || !strings.Contains(msg, w.says) || !errors.Is(errs[i], w.is) {
			t.Errorf("errs[%d] = %q, want it to name %s, say %q and match %v", i, msg, w.name, w.says, w.is)
		}
	}
}

// TestReadFIFO: Read on a named pipe (given directly, as a caller of Read
// might) fails at once with ErrNotRegular instead of blocking.
func TestReadFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.txt")
	mkfifo(t, p)
	done := make(chan error, 1)
	go func() {
		_, err := Read(context.Background(), p, Options{})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "named pipe") || !strings.Contains(err.Error(), p) {
			t.Errorf("Read(FIFO) = %v, want ErrNotRegular naming the pipe", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Read blocked on a named pipe")
	}
	if _, err := Read(context.Background(), "/dev/zero", Options{}); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Read(/dev/zero) = %v, want ErrNotRegular", err)
	}
}

func TestQuote(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"seeds/2026年朝阳区政府工作报告.txt", "seeds/2026年朝阳区政府工作报告.txt"},
		{"a b.txt", "a b.txt"},
		{"x.txt\nplanlens extract: 0 of 9 inputs failed", `"x.txt\nplanlens extract: 0 of 9 inputs failed"`},
		{"\x1b[2Jx.txt", `"\x1b[2Jx.txt"`},
		{"gbk\xd5\xfe.txt", `"gbk\xd5\xfe.txt"`},
		{`say "hi".txt`, `"say \"hi\".txt"`},
		{"", `""`},
	} {
		if got := Quote(c.in); got != c.want {
			t.Errorf("Quote(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestSourceName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"dir/报告.txt", "dir/报告.txt"},
		{`dir\plain.txt`, `dir\plain.txt`}, // valid: unchanged, backslash too
		{"gbk/\xb1\xa8\xb8\xe6.txt", `gbk/\xb1\xa8\xb8\xe6.txt`},
		{"a\nb\x1b.txt", `a\x0ab\x1b.txt`},
		{"w\\\xff.txt", `w\\\xff.txt`},
	} {
		got := SourceName(c.in)
		if got != c.want {
			t.Errorf("SourceName(%q) = %s, want %s", c.in, got, c.want)
		}
		if back := SourcePath(got); back != c.in {
			t.Errorf("SourcePath(%s) = %q, want %q", got, back, c.in)
		}
	}
}

// TestNonUTF8Name: a file whose name is GBK bytes keeps a Source that
// survives JSON and opens the file again, in Go (SourcePath) and in bash
// (printf %b), as the SourceName documentation promises.
func TestNonUTF8Name(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "\xb1\xa8\xb8\xe6.txt") // 报告 in GBK
	if err := os.WriteFile(p, []byte("推进9所学校开工。\n"), 0o644); err != nil {
		t.Skipf("file system refuses a non-UTF-8 name: %v", err)
	}
	doc, err := Read(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(js), "\ufffd") {
		t.Errorf("JSON has U+FFFD: %s", js)
	}
	var back struct{ Source string }
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(SourcePath(back.Source)); err != nil {
		t.Errorf("source %s does not open the file again: %v", back.Source, err)
	}
	if bash, err := exec.LookPath("bash"); err == nil {
		out, err := exec.Command(bash, "-c", `cat "$(printf '%b' "$1")"`, "bash", back.Source).Output()
		if err != nil || !strings.Contains(string(out), "学校") {
			t.Errorf("bash printf %%b of %s: %q, %v", back.Source, out, err)
		}
	}
}

// TestPDFTimeout: a pdftotext that never finishes (a crafted PDF can keep
// the real one busy) is stopped after PDFTimeout with an error naming the
// file; the run does not hang.
func TestPDFTimeout(t *testing.T) {
	bin := t.TempDir()
	script := "#!/bin/sh\nexec sleep 60\n"
	if err := os.WriteFile(filepath.Join(bin, "pdftotext"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("sleep"); err != nil {
		t.Skip("no sleep command")
	}
	sleep, _ := exec.LookPath("sleep")
	t.Setenv("PATH", bin+string(os.PathListSeparator)+filepath.Dir(sleep))
	p := writeFile(t, "slow.pdf", []byte("%PDF-1.7\n"))
	start := time.Now()
	_, err := Read(context.Background(), p, Options{PDFTimeout: 300 * time.Millisecond})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "slow.pdf") || !strings.Contains(err.Error(), "still running after 300ms") {
		t.Errorf("err = %v, want a timeout naming the file", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}
