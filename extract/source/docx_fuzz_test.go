package source

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzDOCX: any bytes given to the DOCX reader either fail with an error
// or give valid UTF-8 text no larger than the limit — no panic, no runaway
// memory (the limit bounds the decompressed part).
func FuzzDOCX(f *testing.F) {
	for _, paras := range [][]string{
		{"北京市2026年政府工作报告", "地区生产总值增长5%左右。\t力争9所学校开工。"},
		{"一、总体要求", "（一）推进70余项道路建设\n完成1.2万户改造"},
		{""},
	} {
		var b bytes.Buffer
		if err := WriteDOCX(&b, paras); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	f.Add([]byte("PK\x03\x04garbage"))
	const limit = 1 << 20
	f.Fuzz(func(t *testing.T, in []byte) {
		d, err := readDOCX(bytes.NewReader(in), int64(len(in)), limit)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrEmpty) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		if !utf8.ValidString(d.text) {
			t.Fatalf("invalid UTF-8 text from %q", in)
		}
		if int64(len(d.text)) > limit {
			t.Fatalf("text of %d bytes exceeds the limit %d", len(d.text), limit)
		}
	})
}
