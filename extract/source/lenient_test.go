package source

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestTruncatedGBK: a GBK/GB18030 file cut inside a character (two-byte
// and four-byte forms) is read up to the cut with a warning giving the
// offset.
func TestTruncatedGBK(t *testing.T) {
	full := encode(t, simplifiedchinese.GB18030, "推进9所学校开工。完成1.2万户改造€😀")
	emoji := len(full) - 4 // 😀 is a four-byte GB18030 character
	for _, cut := range []int{emoji - 1, emoji + 1, emoji + 2, emoji + 3} {
		d, err := decodeText(full[:cut])
		if err != nil {
			t.Errorf("cut at %d: %v", cut, err)
			continue
		}
		at := emoji
		if cut == emoji-1 {
			at = emoji - 2 // inside € (two bytes)
		}
		want := fmt.Sprintf("(offset %d): file truncated mid-character?", at)
		if d.encoding != EncGB18030 || len(d.warnings) != 1 || !strings.Contains(d.warnings[0], want) {
			t.Errorf("cut at %d: encoding %s, warnings %q; want one warning %q", cut, d.encoding, d.warnings, want)
		}
	}
}

// TestLenient: one bad byte in the middle rejects the file with an
// EncodingError at its offset by default; Lenient replaces it with U+FFFD
// in the encoding the rest of the file is valid in, and warns with the
// offset.
func TestLenient(t *testing.T) {
	gbk := encode(t, simplifiedchinese.GBK, "北京市政府工作报告\n推进9所学校开工。")
	gbBad := append(append(append([]byte{}, gbk[:8]...), 0xFF), gbk[8:]...) // after 北京市政
	u8 := []byte("北京市政府工作报告\n推进9所学校开工。")
	u8Bad := append(append(append([]byte{}, u8[:12]...), 0xFF), u8[12:]...)
	many := []byte(strings.Repeat("开工\xff", 12))
	tests := []struct {
		name    string
		in      []byte
		errOff  int64
		enc     string
		text    string
		warning string
	}{
		{"GBK with one bad byte", gbBad, 8, EncGB18030, "北京市政\ufffd府工作报告\n推进9所学校开工。", "replaced 1 invalid gb18030 byte(s) with U+FFFD at byte offset(s) 8"},
		{"UTF-8 with one bad byte", u8Bad, 12, EncUTF8, "北京市政\ufffd府工作报告\n推进9所学校开工。", "replaced 1 invalid utf-8 byte(s) with U+FFFD at byte offset(s) 12"},
		{"UTF-8 BOM with a bad byte", append([]byte("\xef\xbb\xbf"), u8Bad...), 15, EncUTF8, "北京市政\ufffd府工作报告\n推进9所学校开工。", "at byte offset(s) 15"},
		{"many bad bytes", many, 0, EncUTF8, strings.Repeat("开工\ufffd", 12), "replaced 12 invalid utf-8 byte(s) with U+FFFD at byte offset(s) 6, 13, 20, 27, 34, 41, 48, 55, 62, 69 and 2 more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "bad.txt", tt.in)
			_, err := Read(context.Background(), p, Options{})
			var ee *EncodingError
			if !errors.As(err, &ee) || !strings.Contains(err.Error(), "bad.txt") {
				t.Fatalf("default: err = %v, want an EncodingError naming the file", err)
			}
			if tt.errOff > 0 && ee.Offset != tt.errOff {
				t.Errorf("default: offset %d, want %d", ee.Offset, tt.errOff)
			}
			doc, err := Read(context.Background(), p, Options{Lenient: true})
			if err != nil {
				t.Fatalf("lenient: %v", err)
			}
			if doc.Text != tt.text || doc.Encoding != tt.enc {
				t.Errorf("lenient: text %q (%s), want %q (%s)", doc.Text, doc.Encoding, tt.text, tt.enc)
			}
			if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], tt.warning) {
				t.Errorf("lenient: warnings %q, want %q", doc.Warnings, tt.warning)
			}
		})
	}
	// valid files are unchanged by Lenient
	doc, err := Read(context.Background(), writeFile(t, "ok.txt", gbk), Options{Lenient: true})
	if err != nil || doc.Encoding != EncGB18030 || len(doc.Warnings) != 0 {
		t.Errorf("valid GBK under Lenient: %v %s %q", err, doc.Encoding, doc.Warnings)
	}
}

// FuzzLenient: the lenient decoder never fails on text that is not binary
// and always returns valid UTF-8.
func FuzzLenient(f *testing.F) {
	f.Add([]byte("开工\xff\xd5"))
	f.Add([]byte("\xef\xbb\xbf\xe6\x94 a"))
	f.Add([]byte{0x81, 0x30, 0x81})
	f.Fuzz(func(t *testing.T, in []byte) {
		d, err := decodeLenient(in)
		if err != nil {
			return
		}
		if !utf8.ValidString(d.text) {
			t.Fatalf("invalid UTF-8 from %q", in)
		}
	})
}
