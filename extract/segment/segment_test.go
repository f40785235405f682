package segment

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func words(s *Segmenter, text string) []string {
	var out []string
	for _, t := range s.Cut(text) {
		out = append(out, text[t.Start:t.End])
	}
	return out
}

func TestCutOffsetsAndPolicyLexicon(t *testing.T) {
	dir := t.TempDir()
	dict := filepath.Join(dir, "user.dict")
	if err := os.WriteFile(dict, []byte("# user words\n泡泡玛特城市乐园 5000 nz\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(Options{Dicts: []string{dict}})
	if err != nil {
		t.Fatal(err)
	}
	text := "推动“十五五”时期新质生产力发展,支持专精特新企业,建设泡泡玛特城市乐园二期,GDP增长5%"
	got := words(s, text)
	if strings.Join(got, "") != text {
		t.Fatalf("tokens do not cover the text: %q", got)
	}
	for _, w := range []string{"十五五", "新质生产力", "专精特新", "泡泡玛特城市乐园", "GDP"} {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("%q is not one token in %q", w, got)
		}
	}
	if pos, ok := s.Lookup("新质生产力"); !ok || pos == "" {
		t.Errorf("Lookup(新质生产力) = %q, %v", pos, ok)
	}
}

func TestLoadBadDictionary(t *testing.T) {
	dict := filepath.Join(t.TempDir(), "bad.dict")
	if err := os.WriteFile(dict, []byte("词 notanumber\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(Options{Dicts: []string{dict}}); err == nil || !strings.Contains(err.Error(), "bad.dict:1") {
		t.Errorf("Load with a bad dictionary: err = %v, want one naming bad.dict:1", err)
	}
	if _, err := Load(Options{Dicts: []string{filepath.Join(t.TempDir(), "missing.dict")}}); err == nil {
		t.Error("Load with a missing dictionary gave no error")
	}
}

func ExampleSegmenter_Cut() {
	s, err := Shared()
	if err != nil {
		fmt.Println(err)
		return
	}
	text := "力争北京科学高中等9所学校开工"
	for _, t := range s.Cut(text) {
		fmt.Print(text[t.Start:t.End], "/")
	}
	fmt.Println()
	// Output:
	// 力争/北京/科学/高中/等/9/所/学校/开工/
}
