// Package source reads the documents researchers have — plain text in
// UTF-8, UTF-16 or GB18030/GBK, HTML, DOCX and PDF — and turns each into a
// schema.Document: the decoded UTF-8 text that record offsets point into,
// plus metadata (title, year, region, level) inferred from the text.
//
// The text of a UTF-8 .txt file is its bytes unchanged (a BOM is dropped);
// other encodings are decoded but never otherwise rewritten. HTML, DOCX and
// PDF inputs are reduced to lines of text.
package source

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/planlens/planlens/schema"
)

// DefaultMaxBytes is the size limit used when Options.MaxBytes is 0.
const DefaultMaxBytes = 64 << 20

// Sentinel errors, checkable with errors.Is on what Read returns.
var (
	ErrBinary         = errors.New("binary data, not text")
	ErrEmpty          = errors.New("no text")
	ErrTooLarge       = errors.New("file too large")
	ErrEncoding       = errors.New("invalid text encoding")
	ErrUnsupported    = errors.New("unsupported format")
	ErrCorrupt        = errors.New("corrupt document")
	ErrPDFToolMissing = errors.New("pdftotext not found: install poppler-utils (apt-get install poppler-utils)")
)

// EncodingError reports text that is valid in none of the candidate
// encodings. Offset is the byte offset of the first invalid byte in the
// encoding that got furthest. It matches ErrEncoding with errors.Is.
type EncodingError struct {
	Offset int64
	Detail string // e.g. "not UTF-8 (offset 12) nor GB18030 (offset 40)"
}

func (e *EncodingError) Error() string {
	return fmt.Sprintf("%v at byte offset %d: %s", ErrEncoding, e.Offset, e.Detail)
}

// Unwrap makes errors.Is(err, ErrEncoding) true.
func (e *EncodingError) Unwrap() error { return ErrEncoding }

// Options controls Read. The zero value is ready to use.
type Options struct {
	// MaxBytes limits the file size and, for DOCX, the decompressed
	// document size. 0 means DefaultMaxBytes.
	MaxBytes int64
	// PDFTimeout bounds the pdftotext run of one PDF (a crafted PDF can
	// keep it busy for ever). 0 means DefaultPDFTimeout.
	PDFTimeout time.Duration
	// Year, when not 0, overrides the year inferred from the text.
	Year int
	// Region, when not empty, overrides the inferred region; the level is
	// then derived from the region name (see gazetteer.LevelOf).
	Region string
	// Manifest, when not nil, gives metadata fields per file (--meta
	// FILE); they override front matter, HTML <meta> and inference, and
	// are overridden by Year and Region.
	Manifest *Manifest
	// Lenient reads a plain-text file that is valid in no candidate
	// encoding anyway: each invalid byte becomes U+FFFD and a warning
	// gives the byte offsets. Without it such a file is an EncodingError.
	Lenient bool
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Formats of schema.Document.Format.
const (
	FormatText = "txt"
	FormatHTML = "html"
	FormatDOCX = "docx"
	FormatPDF  = "pdf"
)

// formatByExt maps supported extensions to formats.
var formatByExt = map[string]string{
	".txt":  FormatText,
	".text": FormatText,
	".md":   FormatText,
	".html": FormatHTML,
	".htm":  FormatHTML,
	".docx": FormatDOCX,
	".pdf":  FormatPDF,
}

// unsupportedExt are formats people have but that we do not read; an
// explicit path with one of them gets ErrUnsupported with a hint instead of
// being sniffed as text.
var unsupportedExt = map[string]string{
	".doc":  "convert it to .docx",
	".wps":  "convert it to .docx",
	".rtf":  "convert it to .docx",
	".odt":  "convert it to .docx",
	".xls":  "export the text to .txt",
	".xlsx": "export the text to .txt",
	".ppt":  "export the text to .txt",
	".pptx": "export the text to .txt",
	".ofd":  "convert it to .pdf",
	".caj":  "convert it to .pdf",
}

// Supported reports whether Files picks up a file with this name inside a
// directory.
func Supported(name string) bool {
	_, ok := formatByExt[strings.ToLower(filepath.Ext(name))]
	return ok
}

// Read reads the document at path and returns its text and metadata.
// Errors name the file and wrap one of the package's sentinel errors where
// one applies.
func Read(ctx context.Context, path string, opts Options) (schema.Document, error) {
	doc, err := read(ctx, path, opts)
	if err != nil {
		return schema.Document{}, fmt.Errorf("source: %s: %w", Quote(path), err)
	}
	return doc, nil
}

func read(ctx context.Context, path string, opts Options) (schema.Document, error) {
	if err := ctx.Err(); err != nil {
		return schema.Document{}, err
	}
	f, fi, err := openRegular(path)
	if err != nil {
		return schema.Document{}, err
	}
	defer f.Close()
	limit := opts.maxBytes()
	if fi.Size() > limit {
		return schema.Document{}, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, fi.Size(), limit)
	}
	ext := strings.ToLower(filepath.Ext(path))
	if hint, ok := unsupportedExt[ext]; ok {
		return schema.Document{}, fmt.Errorf("%w: %s files are not read; %s", ErrUnsupported, ext, hint)
	}
	d, format, err := decodeFile(ctx, f, fi.Size(), path, ext, limit, opts)
	if err != nil {
		return schema.Document{}, err
	}
	if strings.TrimSpace(d.text) == "" {
		return schema.Document{}, ErrEmpty
	}
	// Front matter is metadata, never text: Text starts after it
	// (TextOffset says how many bytes were cut). Page furniture at the end
	// (打印本页, 版权所有 …) is cut too.
	var front map[string]string
	offset := 0
	if format == FormatText {
		var warn string
		front, offset, warn = splitFrontMatter(d.text)
		if warn != "" {
			d.warnings = append(d.warnings, warn)
		}
	}
	text := d.text[offset:]
	text = text[:cutChrome(text)]
	if strings.TrimSpace(text) == "" {
		return schema.Document{}, fmt.Errorf("%w (only front matter or page furniture)", ErrEmpty)
	}
	sum := sha256.Sum256([]byte(text))
	doc := schema.Document{
		ID:         hex.EncodeToString(sum[:])[:16],
		Source:     SourceName(path),
		Format:     format,
		Encoding:   d.encoding,
		Size:       len(text),
		Text:       text,
		TextOffset: offset,
		Warnings:   d.warnings,
		Pages:      pagesWithin(d.pages, len(text)),
	}
	applyMetadata(&doc, path, opts, front, d)
	Infer(&doc)
	return doc, nil
}

// decodeFile decodes the open file f of size bytes by its extension, or
// by its content when the extension says nothing, and returns its format.
func decodeFile(ctx context.Context, f *os.File, size int64, path, ext string, limit int64, opts Options) (decoded, string, error) {
	format, known := formatByExt[ext]
	switch format {
	case FormatPDF:
		d, err := readPDF(ctx, path, limit, opts.PDFTimeout)
		return d, format, err
	case FormatDOCX:
		d, err := readDOCX(f, size, limit)
		return d, format, err
	}
	// Read one byte past the limit in case the file grew after Stat.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return decoded{}, format, err
	}
	if int64(len(data)) > limit {
		return decoded{}, format, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	if !known {
		format = sniff(data)
	}
	var d decoded
	switch format {
	case FormatHTML:
		d, err = decodeHTML(data)
	case FormatPDF:
		d, err = readPDF(ctx, path, limit, opts.PDFTimeout)
	case FormatDOCX:
		d, err = readDOCX(bytes.NewReader(data), int64(len(data)), limit)
	default:
		format = FormatText
		d, err = decodeText(data)
		var ee *EncodingError
		if opts.Lenient && errors.As(err, &ee) {
			d, err = decodeLenient(data)
		}
	}
	return d, format, err
}

// applyMetadata sets doc's metadata in order of precedence: command-line
// options, the manifest, front matter, HTML <meta>, the format's title.
// Warnings about values that are not of their field's kind go on doc.
func applyMetadata(doc *schema.Document, path string, opts Options, front map[string]string, d decoded) {
	if opts.Year != 0 {
		setMeta(doc, "year", strconv.Itoa(opts.Year), OriginOption, false)
	}
	if opts.Region != "" {
		setMeta(doc, "region", opts.Region, OriginOption, false)
	}
	set := func(pairs [][2]string, origin string, keep bool) {
		for _, kv := range pairs {
			if w := setMeta(doc, kv[0], kv[1], origin, keep); w != "" {
				doc.Warnings = append(doc.Warnings, w)
			}
		}
	}
	if opts.Manifest != nil {
		set(opts.Manifest.Lookup(path), OriginManifest, true)
	}
	set(sortedPairs(front), OriginFrontMatter, true)
	set(d.meta, OriginHTMLMeta, false)
	if doc.Title == "" && d.title != "" {
		setMeta(doc, "title", d.title, OriginFormat, false)
	}
}

// sortedPairs returns the entries of m sorted by key.
func sortedPairs(m map[string]string) [][2]string {
	out := make([][2]string, 0, len(m))
	for k, v := range m {
		out = append(out, [2]string{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// decoded is what a format reader gives: UTF-8 text, the source encoding,
// a title when the format carries one, and warnings.
type decoded struct {
	text     string
	encoding string
	title    string
	meta     [][2]string // <meta name content> pairs of an HTML page, in page order
	warnings []string
	pages    []int // page start offsets of a paged format (PDF)
}

// sniff guesses the format of a file whose extension says nothing.
func sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return FormatPDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return FormatDOCX
	}
	head := data
	if len(head) > 512 {
		head = head[:512]
	}
	head = bytes.ToLower(bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n"))
	if bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) {
		return FormatHTML
	}
	return FormatText
}
