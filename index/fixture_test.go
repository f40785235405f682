package index_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/planlens/planlens/extract"
	"github.com/planlens/planlens/index"
	"github.com/planlens/planlens/schema"
)

// The fixture: the seed document with hand-annotated records
// (testdata/seed.records.jsonl, from the shared gold file) and a small
// second document from another region and year.

const seedSource = "seeds/000_7c59a961256cf9e3.txt"

const otherText = "2025年海淀区政府工作报告\n" +
	"确保中关村学院等3所学校开工建设。推进海淀实验学校改造，新建公园10个。\n" +
	"力争全区PM2.5平均浓度下降5%。\n"

func docID(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:8])
}

// sentences splits text after 。！？; and line breaks, dropping blank ones.
func sentences(text string) []extract.Sentence {
	var out []extract.Sentence
	start := 0
	flush := func(end int) {
		s := strings.TrimSpace(text[start:end])
		if s != "" {
			off := start + strings.Index(text[start:end], s)
			out = append(out, extract.Sentence{Index: len(out), Start: off, End: off + len(s)})
		}
		start = end
	}
	for i, r := range text {
		switch r {
		case '。', '！', '？', '；', '\n':
			flush(i + len(string(r)))
		}
	}
	flush(len(text))
	return out
}

func sentenceOf(ss []extract.Sentence, off int) int {
	for _, s := range ss {
		if off >= s.Start && off < s.End {
			return s.Index
		}
	}
	return -1
}

func seedResult(t testing.TB) *extract.Result {
	t.Helper()
	b, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	res := &extract.Result{Doc: schema.Document{
		ID: docID(text), Source: seedSource, Title: "朝阳区2026年政府工作报告", Year: 2026,
		Region: "北京市朝阳区", Level: schema.LevelDistrict, Format: "txt", Size: len(text), Text: text,
	}}
	res.Sentences = sentences(text)
	f, err := os.Open("testdata/seed.records.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r schema.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		r.Origin = schema.OriginRules
		r.Sentence = sentenceOf(res.Sentences, r.Start)
		res.Records = append(res.Records, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return res
}

// span builds a record for the first occurrence of s in text.
func span(t testing.TB, res *extract.Result, kind, s string, fill func(*schema.Record)) {
	t.Helper()
	i := strings.Index(res.Doc.Text, s)
	if i < 0 {
		t.Fatalf("%q not in text", s)
	}
	r := schema.Record{Kind: kind, Text: s, Start: i, End: i + len(s), Origin: schema.OriginRules,
		Sentence: sentenceOf(res.Sentences, i)}
	fill(&r)
	res.Records = append(res.Records, r)
}

func otherResult(t testing.TB) *extract.Result {
	res := &extract.Result{Doc: schema.Document{
		ID: docID(otherText), Source: "other/haidian-2025.txt", Title: "2025年海淀区政府工作报告", Year: 2025,
		Region: "北京市海淀区", Level: schema.LevelDistrict, Format: "txt", Size: len(otherText), Text: otherText,
	}}
	res.Sentences = sentences(otherText)
	span(t, res, schema.KindTarget, "3所学校开工建设", func(r *schema.Record) {
		r.Value, r.Unit, r.Object, r.Verb, r.Stage, r.Modality = schema.Float(3), "所", "学校", "开工建设", schema.StageStart, schema.ModalityEnsure
		r.Examples = []string{"中关村学院"}
	})
	span(t, res, schema.KindProject, "海淀实验学校", func(r *schema.Record) {
		r.Name, r.Category, r.Verb, r.Stage = "海淀实验学校", "school", "改造", schema.StageImprove
	})
	span(t, res, schema.KindTarget, "新建公园10个", func(r *schema.Record) {
		r.Value, r.Unit, r.Object, r.Verb, r.Stage = schema.Float(10), "个", "公园", "新建", schema.StageStart
	})
	span(t, res, schema.KindTarget, "PM2.5平均浓度下降5%", func(r *schema.Record) {
		r.Value, r.Unit, r.Object, r.Direction, r.Modality = schema.Float(5), "%", "PM2.5平均浓度", schema.DirDecrease, schema.ModalityStrive
	})
	span(t, res, schema.KindAction, "推进海淀实验学校改造", func(r *schema.Record) {
		r.Verb, r.Stage, r.Object = "推进", schema.StageAdvance, "海淀实验学校改造"
	})
	return res
}

// newFixture builds the fixture index in a temporary directory.
func newFixture(t testing.TB) *index.Index {
	t.Helper()
	ix, err := index.Open(context.Background(), t.TempDir(), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	b := ix.NewBatch()
	for _, res := range []*extract.Result{seedResult(t), otherResult(t)} {
		if err := b.Add(res); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Commit(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	return ix
}
