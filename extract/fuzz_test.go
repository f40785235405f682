package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/extract/source"
)

// FuzzPipeline runs the whole pipeline — the reader (format sniffing and
// encoding detection, as for a file without an extension), the textlayer
// and every finder — on arbitrary bytes: either the reader rejects them
// with an error, or every record is grounded (Text == doc.Text[Start:End])
// and inside its sentence.
func FuzzPipeline(f *testing.F) {
	for _, s := range []string{
		"北京市2026年政府工作报告\n地区生产总值增长5%左右，力争9所学校开工。\n",
		"一、总体要求\n（一）推进泡泡玛特城市乐园二期建设，完成1.2万户改造。",
		"增长 5.4%  \n\f3\n104 家企业",
		"<html><title>方案</title><p>新建5G基站1万个</p></html>",
		"\xd5\xfe\xb8\xae\xb9\xa4\xd7\xf7\xb1\xa8\xb8\xe6 9 \xcb\xf9",
	} {
		f.Add([]byte(s))
	}
	var once sync.Once
	var x *extract.Extractor
	var xerr error
	f.Fuzz(func(t *testing.T, in []byte) {
		once.Do(func() { x, xerr = extract.New(extract.Options{}) })
		if xerr != nil {
			t.Fatal(xerr)
		}
		p := filepath.Join(t.TempDir(), "input")
		if err := os.WriteFile(p, in, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := x.File(context.Background(), p, source.Options{MaxBytes: 1 << 20})
		if err != nil {
			return
		}
		text := res.Doc.Text
		for _, r := range res.Records {
			if r.Start < 0 || r.End > len(text) || r.Start > r.End || text[r.Start:r.End] != r.Text {
				t.Fatalf("ungrounded %s record [%d:%d] %q in %q", r.Kind, r.Start, r.End, r.Text, text)
			}
			if r.Sentence < 0 || r.Sentence >= len(res.Sentences) {
				t.Fatalf("record sentence %d out of %d", r.Sentence, len(res.Sentences))
			}
			s := res.Sentences[r.Sentence]
			if r.Start < s.Start || r.End > s.End {
				t.Fatalf("record [%d:%d] outside its sentence [%d:%d]", r.Start, r.End, s.Start, s.End)
			}
		}
	})
}
