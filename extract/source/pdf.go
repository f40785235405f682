package source

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
	"unicode/utf8"
)

// pdfTool is the poppler-utils program that extracts PDF text.
const pdfTool = "pdftotext"

// DefaultPDFTimeout is the default Options.PDFTimeout: pdftotext reads a
// 300-page report in a few seconds.
const DefaultPDFTimeout = 2 * time.Minute

// readPDF runs `pdftotext -enc UTF-8 path -`. Page breaks (form feeds)
// become line breaks and the page starts go to decoded.pages; output
// beyond limit bytes is an error.
func readPDF(ctx context.Context, path string, limit int64, timeout time.Duration) (decoded, error) {
	bin, err := exec.LookPath(pdfTool)
	if err != nil {
		return decoded{}, ErrPDFToolMissing
	}
	if timeout <= 0 {
		timeout = DefaultPDFTimeout
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-enc", "UTF-8", path, "-")
	cmd.WaitDelay = time.Second // children holding the pipes open do not hold us
	var stdout, stderr bytes.Buffer
	out := &limitedBuffer{buf: &stdout, n: limit}
	cmd.Stdout = out
	cmd.Stderr = &limitedBuffer{buf: &stderr, n: 4096, discard: true}
	err = cmd.Run()
	if out.over {
		return decoded{}, fmt.Errorf("%w: pdftotext output exceeds %d bytes", ErrTooLarge, limit)
	}
	if err != nil {
		if parent.Err() != nil {
			return decoded{}, parent.Err()
		}
		if ctx.Err() != nil {
			return decoded{}, fmt.Errorf("%w: pdftotext still running after %v, stopped", ErrCorrupt, timeout)
		}
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return decoded{}, fmt.Errorf("%w: pdftotext: %s", ErrCorrupt, msg)
	}
	text := stdout.Bytes()
	var d decoded
	if !utf8.Valid(text) {
		text = bytes.ToValidUTF8(text, []byte("\uFFFD"))
		d.warnings = append(d.warnings, "pdftotext output was not valid UTF-8; invalid bytes replaced")
	}
	d.text, d.pages = pages(string(text))
	d.encoding = EncUTF8
	if strings.TrimSpace(d.text) == "" {
		return decoded{}, fmt.Errorf("%w: the PDF has no text layer (scanned? run OCR first)", ErrEmpty)
	}
	return d, nil
}

// pages turns pdftotext's form feeds (one after each page) into line
// breaks, keeping the text's length, and returns the offsets at which the
// pages start.
func pages(text string) (string, []int) {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\f' && i+1 < len(text) {
			starts = append(starts, i+1)
		}
	}
	return strings.ReplaceAll(text, "\f", "\n"), starts
}

// pagesWithin keeps the page starts inside a text of n bytes (the end of
// a text may be cut as page furniture).
func pagesWithin(starts []int, n int) []int {
	for len(starts) > 1 && starts[len(starts)-1] >= n {
		starts = starts[:len(starts)-1]
	}
	return starts
}

// limitedBuffer accepts at most n bytes. Past that it fails (and sets
// over), or with discard drops the rest silently.
type limitedBuffer struct {
	buf     *bytes.Buffer
	n       int64
	over    bool
	discard bool
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if int64(len(p)) > l.n {
		if l.discard {
			l.buf.Write(p[:l.n])
			l.n = 0
			return len(p), nil
		}
		l.over = true
		return 0, ErrTooLarge
	}
	l.n -= int64(len(p))
	return l.buf.Write(p)
}
