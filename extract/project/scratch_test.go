package project

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/planlens/planlens/extract/textlayer"
)

// SCRATCH="phrase|phrase" prints tokens, classes and records of sentences
// of the gold documents and corpus containing the phrases.
func TestScratch(t *testing.T) {
	q := os.Getenv("SCRATCH")
	if q == "" {
		t.Skip()
	}
	f := finder(t)
	for _, ph := range strings.Split(q, "|") {
		v := textlayer.New(ph)
		for _, s := range v.Sentences() {
			toks := testSeg.Cut(s.Text)
			c := newSentCtx(f, &s, toks)
			var b strings.Builder
			for i, tk := range toks {
				fmt.Fprintf(&b, "%s/%s/%d ", s.Text[tk.Start:tk.End], tk.Pos, c.cls[i])
			}
			fmt.Println(b.String())
			for _, r := range f.Find(&s, toks) {
				fmt.Printf("  -> %s [%s] %s %q %s %s %s\n", r.Name, s.Text[r.Start:r.End], r.Category, r.Verb, r.Stage, r.Modality, fmt.Sprint(r.Phase))
			}
		}
	}
}
