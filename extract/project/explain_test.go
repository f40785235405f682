package project

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// evidence explains why a name was accepted: the reason specificWhy gave
// ("enum" for a list member), then the kinds of proper part in its core
// (lex = region lexicon, ns/nt/nz/nr/j = gse tags, latin, num, adv = a
// place gse tagged as an adverb, oov = a run of single characters).
func (e explained) evidence() string {
	c, n := e.c, e.n
	why := n.why
	if why == "" {
		why = "enum"
	}
	hs := n.end
	if h := c.f.lx.heads[n.head]; h != nil && strings.HasSuffix(c.text[:n.end], n.head) {
		hs = n.end - len(n.head)
	}
	kinds := map[string]bool{}
	single := 0
	for i := n.ti; i >= 0 && i < len(c.toks) && c.toks[i].Start < hs; i++ {
		w, pos := c.word(i), c.toks[i].Pos
		if utf8.RuneCountInString(w) == 1 && c.cls[i] == cNoun {
			single++
			if single >= 2 {
				kinds["oov"] = true
			}
		} else {
			single = 0
		}
		switch c.cls[i] {
		case cProper:
			if c.f.lx.weak[w] {
				continue
			}
			switch {
			case c.f.lx.place[w]:
				kinds["lex"] = true
			case isASCIIWord(w):
				kinds["latin"] = true
			case pos == "d" || pos == "f":
				kinds["adv"] = true
			case strings.HasPrefix(pos, "nr"):
				kinds["nr"] = true
			case pos == "ns" || pos == "nt" || pos == "nz" || pos == "j":
				kinds[pos] = true
			default:
				kinds["latinhan"] = true
			}
		case cNum:
			kinds["num"] = true
		case cOpenQ:
			kinds["quote"] = true
		}
	}
	var ks []string
	for k := range kinds {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	h := c.f.lx.heads[n.head]
	flags := ""
	if h != nil && h.weak {
		flags = "/weak"
	}
	return fmt.Sprintf("%s:%s\t%s%s", why, strings.Join(ks, "+"), n.category, flags)
}

// docGroup sorts corpus files into old national reports (before 1990),
// later national reports and 2026 provincial reports.
func docGroup(name string) string {
	if strings.HasPrefix(name, "gwr-national-") {
		if name < "gwr-national-1990" {
			return "old"
		}
		return "national"
	}
	return "modern"
}

// TestCorpusExplain writes every project record of ../shared/corpus as
// "file<TAB>group<TAB>why:kinds<TAB>category<TAB>name<TAB>context" lines
// to the file named by PROJECT_CORPUS_EXPLAIN, for measuring precision per
// acceptance path by hand; skipped otherwise.
func TestCorpusExplain(t *testing.T) {
	out := os.Getenv("PROJECT_CORPUS_EXPLAIN")
	if out == "" {
		t.Skip("set PROJECT_CORPUS_EXPLAIN to a file to write")
	}
	files, err := filepath.Glob("../../../shared/corpus/*.txt")
	if err != nil || len(files) == 0 {
		t.Skip("no corpus")
	}
	f := finder(t)
	fh, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	n := 0
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		d := testAnn.Text(text)
		for _, s := range d.Sentences() {
			rs, ws, _ := f.find(s)
			for i, r := range rs {
				a, z := d.View.SentenceSpan(s.Sentence, r.Start, r.End)
				base := filepath.Base(file)
				fmt.Fprintf(fh, "%s\t%s\t%s\t%s\t%s\n", base, docGroup(base), ws[i].evidence(), r.Name, context(text, a, z))
				n++
			}
		}
	}
	t.Logf("%d project records", n)
}

func TestEvidence(t *testing.T) {
	f := finder(t)
	ss := sentences(t, "加快沿江高铁、淮宿蚌铁路建设")
	rs, ws, _ := f.find(ss[0])
	if len(rs) != len(ws) || len(rs) == 0 {
		t.Fatalf("records %d, explanations %d", len(rs), len(ws))
	}
	for i, r := range rs {
		if ws[i].n.name != r.Name || !strings.HasPrefix(ws[i].evidence(), "proper:") && !strings.HasPrefix(ws[i].evidence(), "sibling:") {
			t.Errorf("%s: evidence %q", r.Name, ws[i].evidence())
		}
	}
}
