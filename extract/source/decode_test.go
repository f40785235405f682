package source

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// encode encodes s with e or fails the test.
func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

// writeFile writes data to name in a fresh temporary directory.
func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDecodeText(t *testing.T) {
	const zh = "2026年朝阳区政府工作报告\r\n推进9所学校开工。\n"
	utf16le := encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), zh)
	utf16be := encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), zh)
	gbk := encode(t, simplifiedchinese.GBK, zh)
	// 𠮷 (U+20BB7) and 😀 (U+1F600) are outside GBK: four bytes in GB18030.
	const rare = "𠮷😀字\n"
	gb4 := encode(t, simplifiedchinese.GB18030, rare)
	if len(gb4) != 4+4+2+1 {
		t.Fatalf("GB18030 of %q is %d bytes, want 11 (two 4-byte characters)", rare, len(gb4))
	}
	truncGBK := encode(t, simplifiedchinese.GBK, "政府工作报告")
	truncGBK = truncGBK[:len(truncGBK)-1] // the last byte is a lead byte now
	trunc4 := append(encode(t, simplifiedchinese.GB18030, "字"), gb4[:3]...)

	tests := []struct {
		name     string
		in       []byte
		want     string
		enc      string
		warnings int
		err      error
		offset   int64 // for ErrEncoding
	}{
		{name: "utf-8", in: []byte(zh), want: zh, enc: EncUTF8},
		{name: "utf-8 bom", in: append([]byte{0xEF, 0xBB, 0xBF}, zh...), want: zh, enc: EncUTF8},
		{name: "ascii", in: []byte("plan 2026\n"), want: "plan 2026\n", enc: EncUTF8},
		{name: "utf-16le bom", in: utf16le, want: zh, enc: EncUTF16LE},
		{name: "utf-16be bom", in: utf16be, want: zh, enc: EncUTF16BE},
		{name: "utf-16le odd length", in: append(append([]byte{}, utf16le...), 'x'), want: zh, enc: EncUTF16LE, warnings: 1},
		{name: "gbk", in: gbk, want: zh, enc: EncGB18030},
		{name: "gb18030 4-byte", in: gb4, want: rare, enc: EncGB18030},
		{name: "gbk truncated lead byte", in: truncGBK, want: "政府工作报", enc: EncGB18030, warnings: 1},
		{name: "gb18030 truncated 4-byte", in: trunc4, want: "字", enc: EncGB18030, warnings: 1},
		{name: "utf-8 truncated", in: []byte(zh + "开工")[:len(zh)+4], want: zh + "开", enc: EncUTF8, warnings: 1},
		{name: "mis-encoded", in: append(encode(t, simplifiedchinese.GBK, "政府"), 0xFF, 'x', '\n'), err: ErrEncoding, offset: 4},
		{name: "utf-8 bom then invalid", in: []byte("\xEF\xBB\xBFab\xC0\xC0"), err: ErrEncoding, offset: 5},
		{name: "utf-16 lone surrogate", in: []byte{0xFF, 0xFE, 'a', 0, 0x00, 0xDC, 'b', 0}, err: ErrEncoding, offset: 4},
		{name: "nul byte", in: []byte("abc\x00def"), err: ErrBinary},
		{name: "control bytes", in: bytes.Repeat([]byte("a\x01\x02\x03"), 50), err: ErrBinary},
		{name: "png header", in: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), err: ErrBinary},
		{name: "empty", in: nil, err: ErrEmpty},
		{name: "white space", in: []byte(" \r\n\t \n"), err: ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, warnings, err := DecodeText(tt.in)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				var ee *EncodingError
				if errors.As(err, &ee) && ee.Offset != tt.offset {
					t.Errorf("offset = %d, want %d (%v)", ee.Offset, tt.offset, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if got != tt.want || enc != tt.enc {
				t.Errorf("got %q (%s), want %q (%s)", got, enc, tt.want, tt.enc)
			}
			if len(warnings) != tt.warnings {
				t.Errorf("warnings = %q, want %d", warnings, tt.warnings)
			}
		})
	}
}

// TestReadErrors checks the errors of Read: sentinel, file name, prefix.
func TestReadErrors(t *testing.T) {
	big := writeFile(t, "big.txt", bytes.Repeat([]byte("政府工作报告\n"), 10))
	tests := []struct {
		name string
		path string
		opts Options
		err  error
	}{
		{"too large", big, Options{MaxBytes: 50}, ErrTooLarge},
		{"binary", writeFile(t, "a.txt", []byte("PK\x03\x04\x00\x00")), Options{}, ErrBinary},
		{"empty", writeFile(t, "e.md", []byte("\n　\n")), Options{}, ErrEmpty},
		{"mis-encoded", writeFile(t, "m.txt", []byte("ab\xff\xffcd")), Options{}, ErrEncoding},
		{"doc", writeFile(t, "old.doc", []byte("whatever")), Options{}, ErrUnsupported},
		{"directory", t.TempDir(), Options{}, ErrNotRegular},
		{"missing", filepath.Join(t.TempDir(), "none.txt"), Options{}, os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(context.Background(), tt.path, Options{MaxBytes: tt.opts.MaxBytes})
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "source: ") || !strings.Contains(msg, tt.path) {
				t.Errorf("error %q lacks the prefix or the file name", msg)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, big, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v", err)
	}
}

// FuzzDecodeText: the decoder never panics, always returns valid UTF-8,
// and returns valid UTF-8 input (no BOM) unchanged.
func FuzzDecodeText(f *testing.F) {
	f.Add([]byte("2026年政府工作报告\n"))
	f.Add([]byte{0xFF, 0xFE, 'a', 0})
	f.Add([]byte{0xFE, 0xFF, 0xD8, 0x00})
	f.Add([]byte{0xD5, 0xFE, 0x81, 0x30, 0x81})
	f.Add([]byte("\xef\xbb\xbf\xe6\x94"))
	f.Fuzz(func(t *testing.T, in []byte) {
		text, enc, _, err := DecodeText(in)
		if err != nil {
			if text != "" {
				t.Errorf("text %q with error %v", text, err)
			}
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("invalid UTF-8 out of %q (%s)", in, enc)
		}
		if utf8.Valid(in) && !bytes.HasPrefix(in, bomUTF8) && !bytes.HasPrefix(in, bomUTF16LE) && !bytes.HasPrefix(in, bomUTF16BE) {
			if text != string(in) || enc != EncUTF8 {
				t.Fatalf("valid UTF-8 %q came back as %q (%s)", in, text, enc)
			}
		}
	})
}
